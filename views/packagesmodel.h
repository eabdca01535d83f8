#pragma once
// Packages of one scan, with how many findings each has and the worst severity among them.

#include "catalog/package.h"
#include "match/finding.h"

#include <QAbstractTableModel>
#include <QVector>

namespace bulkhead {

class PackagesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackagesModel)
public:
    enum Column { Name, Version, Ecosystem, Source, Licenses, Layer, Findings, WorstSeverity, Path, ColumnCount };
    enum Role { PackageIndexRole = Qt::UserRole, SortRole, LayerIndexRole };
    Q_ENUM(Column)

    explicit PackagesModel(QObject *parent = nullptr);
    void setPackages(const QVector<Package> &packages, const QVector<Finding> &findings);
    const Package &package(int row) const { return m_packages.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Package> m_packages;
    QVector<int> m_findingCount;
    QVector<int> m_worst;            // int(Severity), -1 when no findings
};

} // namespace bulkhead
