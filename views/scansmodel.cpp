#include "scansmodel.h"

#include "severitystyle.h"

#include <QLocale>

namespace bulkhead {

namespace {
Severity severityOfColumn(int column)
{
    switch (column) {
    case ScansModel::Critical: return Severity::Critical;
    case ScansModel::High: return Severity::High;
    case ScansModel::Medium: return Severity::Medium;
    case ScansModel::Low: return Severity::Low;
    default: return Severity::Unknown;
    }
}
bool isCountColumn(int c) { return c >= ScansModel::Critical && c <= ScansModel::Packages; }
} // namespace

ScansModel::ScansModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ScansModel::setScans(const QVector<ScanSummary> &scans)
{
    beginResetModel();
    m_scans = scans;
    endResetModel();
}

int ScansModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_scans.size());
}

int ScansModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScansModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScanSummary &s = m_scans.at(index.row());
    const int c = index.column();
    if (role == ScanIdRole)
        return s.id;
    if (role == SortRole && c == Finished)
        return s.finishedAt;
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (c) {
        case Finished: return QLocale().toString(s.finishedAt.toLocalTime(), QLocale::ShortFormat);
        case Reference: return s.reference;
        case Os: return s.osName;
        case Kev: return s.kevCount;
        case Packages: return s.packageCount;
        default: return s.counts[severityOfColumn(c)];
        }
    }
    if (role == Qt::DecorationRole && c >= Critical && c <= Unknown && s.counts[severityOfColumn(c)] > 0)
        return SeverityStyle::icon(severityOfColumn(c));
    if (role == Qt::ToolTipRole && c == Reference)
        return QString(s.repoTags.join(QStringLiteral("\n")) + u'\n' + s.configDigest);
    if (role == Qt::TextAlignmentRole && isCountColumn(c))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ScansModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Finished: return tr("Scanned");
    case Reference: return tr("Image");
    case Os: return tr("OS");
    case Kev: return tr("KEV");
    case Packages: return tr("Packages");
    default: return SeverityStyle::label(severityOfColumn(section));
    }
}

} // namespace bulkhead
