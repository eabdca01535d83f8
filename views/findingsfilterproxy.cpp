#include "findingsfilterproxy.h"

#include "findingsmodel.h"

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
    m_findings = qobject_cast<FindingsModel *>(model);
    Q_ASSERT(m_findings || !model);
    QSortFilterProxyModel::setSourceModel(model);
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
    const auto has = [this](const QString &s) { return s.contains(m_search, Qt::CaseInsensitive); };
    if (has(f.id) || has(f.package.name) || has(f.summary))
        return true;
    for (const QString &a : f.aliases)
        if (has(a))
            return true;
    return false;
}

bool FindingsFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_findings || sortRole() != FindingsModel::SortRole)
        return QSortFilterProxyModel::lessThan(left, right);
    // Straight on the values: building QVariants for 50,000 rows costs more than the sort itself.
    const Finding &a = m_findings->finding(left.row());
    const Finding &b = m_findings->finding(right.row());
    auto text = [](const QString &x, const QString &y) { return x.compare(y, Qt::CaseInsensitive); };
    int c = 0;
    switch (left.column()) {
    case FindingsModel::Severity: c = int(a.severity) - int(b.severity); break;
    case FindingsModel::Id: c = text(a.id, b.id); break;
    case FindingsModel::Package: c = text(a.package.name, b.package.name); break;
    case FindingsModel::Installed: c = text(a.package.version, b.package.version); break;
    case FindingsModel::Fixed: c = text(a.fixedVersion, b.fixedVersion); break;
    case FindingsModel::FixState: c = int(a.fixState) - int(b.fixState); break;
    case FindingsModel::Cvss: {
        const double x = a.bestCvssScore(), y = b.bestCvssScore();
        c = x < y ? -1 : (x > y ? 1 : 0);
        break;
    }
    case FindingsModel::Epss: c = a.epss < b.epss ? -1 : (a.epss > b.epss ? 1 : 0); break;
    case FindingsModel::Kev: c = int(a.kev) - int(b.kev); break;
    case FindingsModel::Layer: c = a.package.layer.index - b.package.layer.index; break;
    case FindingsModel::Instruction:
        c = text(m_findings->instructionOf(a), m_findings->instructionOf(b));
        break;
    default: return QSortFilterProxyModel::lessThan(left, right);
    }
    // Ties keep a stable, meaningful order: by id, then package.
    if (c == 0)
        c = text(a.id, b.id);
    if (c == 0)
        c = text(a.package.name, b.package.name);
    return c < 0;
}

} // namespace bulkhead
