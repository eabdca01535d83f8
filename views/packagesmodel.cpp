#include "packagesmodel.h"

#include "severitystyle.h"

#include <QHash>

namespace bulkhead {

PackagesModel::PackagesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PackagesModel::setPackages(const QVector<Package> &packages, const QVector<Finding> &findings)
{
    beginResetModel();
    m_packages = packages;
    m_findingCount = QVector<int>(packages.size(), 0);
    m_worst = QVector<int>(packages.size(), -1);
    QHash<QString, int> byKey;
    for (int i = 0; i < packages.size(); ++i)
        byKey.insert(packages[i].key() + u'#' + packages[i].version, i);
    for (const Finding &f : findings) {
        const int i = byKey.value(f.package.key() + u'#' + f.package.version, -1);
        if (i < 0)
            continue;
        ++m_findingCount[i];
        m_worst[i] = qMax(m_worst[i], int(f.severity));
    }
    endResetModel();
}

int PackagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_packages.size());
}

int PackagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PackagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Package &p = m_packages.at(row);
    if (role == PackageIndexRole)
        return row;
    if (role == LayerIndexRole)
        return p.layer.index;
    if (role == SortRole) {
        switch (index.column()) {
        case Layer: return p.layer.index;
        case Findings: return m_findingCount.at(row);
        case WorstSeverity: return m_worst.at(row);
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return p.name;
        case Version: return p.version;
        case Ecosystem: return p.ecosystem;
        case Source:
            if (p.sourceName.isEmpty() && p.sourceVersion.isEmpty())
                return QString();
            return p.sourceVersion.isEmpty() ? p.effectiveSourceName()
                                             : p.effectiveSourceName() + u' ' + p.effectiveSourceVersion();
        case Licenses: return p.licenses.join(QStringLiteral(", "));
        case Layer: return p.layer.isValid() ? QString::number(p.layer.index) : QString();
        case Findings: return m_findingCount.at(row);
        case WorstSeverity: return m_worst.at(row) < 0 ? QString() : SeverityStyle::label(Severity(m_worst.at(row)));
        case Path: return p.foundIn;
        }
        return {};
    }
    if (role == Qt::DecorationRole && index.column() == WorstSeverity && m_worst.at(row) >= 0)
        return SeverityStyle::icon(Severity(m_worst.at(row)));
    if (role == Qt::ToolTipRole && index.column() == Name)
        return p.purl;
    // Long free text is elided in the table; the tooltip keeps all of it.
    if (role == Qt::ToolTipRole && (index.column() == Licenses || index.column() == Path || index.column() == Source))
        return data(index, Qt::DisplayRole);
    if (role == Qt::TextAlignmentRole && (index.column() == Findings || index.column() == Layer))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PackagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Package");
    case Version: return tr("Version");
    case Ecosystem: return tr("Type");
    case Source: return tr("Source");
    case Licenses: return tr("Licences");
    case Layer: return tr("Layer");
    case Findings: return tr("Findings");
    case WorstSeverity: return tr("Worst");
    case Path: return tr("Found in");
    }
    return {};
}

} // namespace bulkhead
