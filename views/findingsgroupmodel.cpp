#include "findingsgroupmodel.h"

#include "severitystyle.h"

#include <QHash>
#include <algorithm>

namespace bulkhead {

FindingsGroupModel::FindingsGroupModel(FindingsModel *findings, QAbstractItemModel *filtered, QObject *parent)
    : QAbstractItemModel(parent)
    , m_findings(findings)
    , m_filtered(filtered)
{
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &FindingsGroupModel::rebuild);
    // A reset of the findings invalidates the stored indexes: rebuild at once. Filter changes
    // arrive as many row signals: rebuild once afterwards (stored indexes stay valid meanwhile).
    connect(filtered, &QAbstractItemModel::modelReset, this, &FindingsGroupModel::rebuild);
    connect(filtered, &QAbstractItemModel::rowsInserted, this, &FindingsGroupModel::scheduleRebuild);
    connect(filtered, &QAbstractItemModel::rowsRemoved, this, &FindingsGroupModel::scheduleRebuild);
    connect(filtered, &QAbstractItemModel::layoutChanged, this, &FindingsGroupModel::scheduleRebuild);
    connect(filtered, &QAbstractItemModel::dataChanged, this, &FindingsGroupModel::scheduleRebuild);
    rebuild();
}

void FindingsGroupModel::setGroupBy(GroupBy by)
{
    if (by == m_groupBy)
        return;
    m_groupBy = by;
    rebuild();
}

void FindingsGroupModel::scheduleRebuild()
{
    m_rebuildTimer.start();
}

void FindingsGroupModel::rebuild()
{
    m_rebuildTimer.stop();
    beginResetModel();
    m_groups.clear();
    if (m_findings && m_filtered) {
        QHash<QString, int> slot;
        const int rows = m_filtered->rowCount();
        for (int r = 0; r < rows; ++r) {
            const int fi = m_filtered->index(r, 0).data(FindingsModel::FindingIndexRole).toInt();
            if (fi < 0 || fi >= m_findings->rowCount())
                continue;
            const Finding &f = m_findings->finding(fi);
            const QString key = m_groupBy == GroupBy::Package ? f.package.name + u' ' + f.package.version : f.id;
            auto it = slot.constFind(key);
            if (it == slot.constEnd()) {
                it = slot.insert(key, int(m_groups.size()));
                m_groups.append(Group{key, f.severity, {}});
            }
            Group &g = m_groups[*it];
            g.findings.append(fi);
            g.worst = std::max(g.worst, f.severity);
        }
        const QVector<Finding> &all = m_findings->findings();
        for (Group &g : m_groups) {
            std::sort(g.findings.begin(), g.findings.end(), [&all](int a, int b) {
                if (all[a].severity != all[b].severity)
                    return all[a].severity > all[b].severity;
                return std::tie(all[a].id, all[a].package.name) < std::tie(all[b].id, all[b].package.name);
            });
        }
        std::sort(m_groups.begin(), m_groups.end(), [](const Group &a, const Group &b) {
            if (a.worst != b.worst)
                return a.worst > b.worst;
            if (a.findings.size() != b.findings.size())
                return a.findings.size() > b.findings.size();
            return a.key < b.key;
        });
    }
    endResetModel();
}

QModelIndex FindingsGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // internalId 0 = a group; n > 0 = a finding of group n - 1.
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex FindingsGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int FindingsGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == 0 && parent.column() == 0)
        return int(m_groups.at(parent.row()).findings.size());
    return 0;
}

int FindingsGroupModel::columnCount(const QModelIndex &) const
{
    return FindingsModel::ColumnCount;
}

QVariant FindingsGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_findings)
        return {};
    if (index.internalId() == 0) {
        const Group &g = m_groups.at(index.row());
        if (role == IsGroupRole)
            return true;
        if (index.column() != 0)
            return {};
        if (role == Qt::DisplayRole)
            return g.findings.size() == 1 ? tr("%1 (1 finding)").arg(g.key)
                                           : tr("%1 (%2 findings)").arg(g.key).arg(g.findings.size());
        if (role == Qt::DecorationRole)
            return SeverityStyle::icon(g.worst);
        if (role == Qt::ToolTipRole)
            return tr("Worst severity: %1").arg(SeverityStyle::label(g.worst));
        return {};
    }
    const Group &g = m_groups.at(int(index.internalId() - 1));
    const int fi = g.findings.at(index.row());
    if (role == IsGroupRole)
        return false;
    return m_findings->findingData(m_findings->finding(fi), fi, index.column(), role);
}

QVariant FindingsGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (m_findings)
        return m_findings->headerData(section, orientation, role);
    return {};
}

} // namespace bulkhead
