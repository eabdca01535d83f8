#pragma once
// Layers of one image, with the packages and findings each one introduced.

#include "image/imageinfo.h"
#include "match/finding.h"

#include <QAbstractTableModel>

namespace bulkhead {

class LayersModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayersModel)
public:
    enum Column { Index, Instruction, Size, Packages, Findings, ColumnCount };
    enum Role { LayerIndexRole = Qt::UserRole, SortRole };
    Q_ENUM(Column)

    explicit LayersModel(QObject *parent = nullptr);
    void setImage(const QVector<LayerInfo> &layers, const QVector<Package> &packages,
                  const QVector<Finding> &findings);
    const LayerInfo &layer(int row) const { return m_layers.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<LayerInfo> m_layers;
    QVector<int> m_packages;
    QVector<int> m_findings;
};

} // namespace bulkhead
