#include "findingsfilterproxy.h"

#include "findingsmodel.h"

#include <algorithm>

namespace bulkhead {

FindingsFilterProxy::FindingsFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_severities(allSeverities())
{
    setSortRole(FindingsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

QSet<Severity> FindingsFilterProxy::allSeverities()
{
    return {Severity::Unknown, Severity::Low, Severity::Medium, Severity::High, Severity::Critical};
}

void FindingsFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    if (m_findings)
        disconnect(m_findings, nullptr, this, nullptr);
    m_findings = qobject_cast<FindingsModel *>(model);
    Q_ASSERT(m_findings || !model);
    dropCaches();
    if (m_findings) {
        // Caches are per source row: any change of the findings drops them (before the base
        // class re-sorts and re-filters on the same signal).
        connect(m_findings, &QAbstractItemModel::modelAboutToBeReset, this, &FindingsFilterProxy::dropCaches);
        connect(m_findings, &QAbstractItemModel::rowsAboutToBeInserted, this, &FindingsFilterProxy::dropCaches);
        connect(m_findings, &QAbstractItemModel::rowsAboutToBeRemoved, this, &FindingsFilterProxy::dropCaches);
        connect(m_findings, &QAbstractItemModel::dataChanged, this, &FindingsFilterProxy::dropCaches);
    }
    QSortFilterProxyModel::setSourceModel(model);
}

void FindingsFilterProxy::dropCaches()
{
    m_haystacks.clear();
    m_ranks.clear();
    m_rankColumn = -1;
}

const QVector<QString> &FindingsFilterProxy::haystacks() const
{
    if (m_haystacks.size() != m_findings->rowCount()) {
        const QVector<Finding> &all = m_findings->findings();
        m_haystacks.resize(all.size());
        for (int i = 0; i < all.size(); ++i) {
            const Finding &f = all[i];
            m_haystacks[i] = QString(f.id + u'\n' + f.aliases.join(u'\n') + u'\n' + f.package.name + u'\n' + f.summary)
                                 .toCaseFolded();
        }
    }
    return m_haystacks;
}

void FindingsFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (m_findings && column >= 0 && sortRole() == FindingsModel::SortRole && m_rankColumn != column)
        buildRanks(column);
    QSortFilterProxyModel::sort(column, order);
}

void FindingsFilterProxy::buildRanks(int column) const
{
    // Sorting 50,000 rows through lessThan() with string comparisons is too slow for the GUI;
    // rank every row once here (folded strings, plain comparisons) and let lessThan() compare ints.
    const QVector<Finding> &all = m_findings->findings();
    const int n = int(all.size());
    QVector<QString> text(n);
    QVector<double> number(n);
    QVector<QString> ids(n), packages(n);
    for (int i = 0; i < n; ++i) {
        const Finding &f = all[i];
        ids[i] = f.id.toCaseFolded();
        packages[i] = f.package.name.toCaseFolded();
        switch (column) {
        case FindingsModel::Severity: number[i] = int(f.severity); break;
        case FindingsModel::FixState: number[i] = int(f.fixState); break;
        case FindingsModel::Cvss: number[i] = f.bestCvssScore(); break;
        case FindingsModel::Epss: number[i] = f.epss; break;
        case FindingsModel::Kev: number[i] = f.kev ? 1 : 0; break;
        case FindingsModel::Layer: number[i] = f.package.layer.index; break;
        case FindingsModel::Id: break;
        case FindingsModel::Package: text[i] = packages[i]; break;
        case FindingsModel::Installed: text[i] = f.package.version.toCaseFolded(); break;
        case FindingsModel::Fixed: text[i] = f.fixedVersion.toCaseFolded(); break;
        case FindingsModel::Instruction: text[i] = m_findings->instructionOf(f).toCaseFolded(); break;
        default: break;
        }
    }
    QVector<int> order(n);
    for (int i = 0; i < n; ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (number[a] != number[b])
            return number[a] < number[b];
        if (const int c = text[a].compare(text[b]); c != 0)
            return c < 0;
        if (const int c = ids[a].compare(ids[b]); c != 0)
            return c < 0;
        if (const int c = packages[a].compare(packages[b]); c != 0)
            return c < 0;
        return a < b;
    });
    m_ranks.resize(n);
    for (int pos = 0; pos < n; ++pos)
        m_ranks[order[pos]] = pos;
    m_rankColumn = column;
}

void FindingsFilterProxy::setSeverities(const QSet<Severity> &severities)
{
    if (severities == m_severities)
        return;
    m_severities = severities;
    invalidateFilter();
}

void FindingsFilterProxy::setFixableOnly(bool on)
{
    if (on == m_fixableOnly)
        return;
    m_fixableOnly = on;
    invalidateFilter();
}

void FindingsFilterProxy::setKevOnly(bool on)
{
    if (on == m_kevOnly)
        return;
    m_kevOnly = on;
    invalidateFilter();
}

void FindingsFilterProxy::setSearchText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_search)
        return;
    m_search = t;
    m_searchFolded = t.toCaseFolded();
    invalidateFilter();
}

void FindingsFilterProxy::setLayerIndex(int layer)
{
    if (layer == m_layer)
        return;
    m_layer = layer;
    invalidateFilter();
}

bool FindingsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_findings || sourceParent.isValid())
        return false;
    const Finding &f = m_findings->finding(sourceRow);
    if (!m_severities.contains(f.severity))
        return false;
    if (m_fixableOnly && f.fixedVersion.isEmpty())
        return false;
    if (m_kevOnly && !f.kev)
        return false;
    if (m_layer >= 0 && f.package.layer.index != m_layer)
        return false;
    if (m_search.isEmpty())
        return true;
    return haystacks().at(sourceRow).contains(m_searchFolded);
}

bool FindingsFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_findings || sortRole() != FindingsModel::SortRole)
        return QSortFilterProxyModel::lessThan(left, right);
    // Ranks are built on first use too: the base class re-sorts by itself after resets and
    // filter changes (dynamicSortFilter) without going through sort().
    if (m_rankColumn != left.column() || m_ranks.size() != m_findings->rowCount())
        buildRanks(left.column());
    return m_ranks.at(left.row()) < m_ranks.at(right.row());
}

} // namespace bulkhead
