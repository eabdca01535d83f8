#pragma once
// Findings grouped by package or by vulnerability: a two-level tree over a FindingsFilterProxy
// (so the filters apply), groups ordered worst first. Children show the FindingsModel columns.

#include "findingsmodel.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QTimer>

namespace bulkhead {

class FindingsGroupModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsGroupModel)
public:
    enum class GroupBy { Package, Vulnerability };
    enum Role { IsGroupRole = FindingsModel::SortRole + 10 };

    // `filtered` must be a proxy (any depth) over `findings`, or `findings` itself.
    FindingsGroupModel(FindingsModel *findings, QAbstractItemModel *filtered, QObject *parent = nullptr);

    void setGroupBy(GroupBy by);
    GroupBy groupBy() const { return m_groupBy; }
    void rebuild();                       // normally automatic (coalesced) on changes of `filtered`

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Group {
        QString key;
        Severity worst = Severity::Unknown;
        QVector<int> findings;            // indexes into FindingsModel::findings()
    };
    void scheduleRebuild();

    QPointer<FindingsModel> m_findings;
    QPointer<QAbstractItemModel> m_filtered;
    GroupBy m_groupBy = GroupBy::Package;
    QVector<Group> m_groups;
    QTimer m_rebuildTimer;
};

} // namespace bulkhead
