#pragma once
// The scan history list (ScanSummary rows from the HistoryStore).

#include "store/historystore.h"

#include <QAbstractTableModel>

namespace bulkhead {

class ScansModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScansModel)
public:
    enum Column { Finished, Reference, Os, Critical, High, Medium, Low, Unknown, Kev, Packages, ColumnCount };
    enum Role { ScanIdRole = Qt::UserRole, SortRole };
    Q_ENUM(Column)

    explicit ScansModel(QObject *parent = nullptr);
    void setScans(const QVector<ScanSummary> &scans);
    const QVector<ScanSummary> &scans() const { return m_scans; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<ScanSummary> m_scans;
};

} // namespace bulkhead
