#include "findingsmodel.h"

#include "severitystyle.h"

#include <QLocale>

namespace bulkhead {

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FindingsModel::setFindings(const QVector<Finding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

void FindingsModel::setLayerInstructions(const QHash<int, QString> &createdBy)
{
    m_instructions = createdBy;
    if (!m_findings.isEmpty())
        emit dataChanged(index(0, Instruction), index(rowCount() - 1, Instruction));
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingsModel::instructionOf(const Finding &f) const
{
    const QString own = f.package.layer.createdBy;
    return (own.isEmpty() ? m_instructions.value(f.package.layer.index) : own).simplified();
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return findingData(m_findings.at(index.row()), index.row(), index.column(), role);
}

QVariant FindingsModel::findingData(const Finding &f, int row, int column, int role) const
{
    if (role == FindingIndexRole)
        return row;
    const double cvss = f.bestCvssScore();
    if (role == SortRole) {
        switch (column) {
        case Severity: return int(f.severity);
        case Cvss: return cvss;
        case Epss: return f.epss;
        case Kev: return f.kev ? 1 : 0;
        case Layer: return f.package.layer.index;
        case FixState: return int(f.fixState);
        default: return findingData(f, row, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Severity: return SeverityStyle::label(f.severity);
        case Id: return f.id;
        case Package: return f.package.name;
        case Installed: return f.package.version;
        case Fixed: return f.fixedVersion;
        case FixState:
            switch (f.fixState) {
            case bulkhead::FixState::Fixed: return tr("Fix available");
            case bulkhead::FixState::NotFixed: return tr("No fix yet");
            case bulkhead::FixState::WontFix: return tr("Won't fix");
            case bulkhead::FixState::Unknown: break;
            }
            return tr("Unknown");
        case Cvss: return cvss >= 0 ? QLocale().toString(cvss, 'f', 1) : QString();
        case Epss: return f.epss >= 0 ? QLocale().toString(f.epss * 100, 'f', 2) + u'%' : QString();
        case Kev: return f.kev ? tr("KEV") : QString();
        case Layer: return f.package.layer.isValid() ? QString::number(f.package.layer.index) : QString();
        case Instruction: return instructionOf(f);
        }
        return {};
    }
    if (role == Qt::DecorationRole && column == Severity)
        return SeverityStyle::icon(f.severity);
    if (role == Qt::ToolTipRole) {
        if (column == Id && !f.aliases.isEmpty())
            return f.aliases.join(QStringLiteral(", "));
        if (column == Kev && f.kev)
            return tr("Known exploited since %1, remediation due %2").arg(f.kevDateAdded, f.kevDueDate);
        if (column == Instruction)
            return instructionOf(f);
        if (column == Id)
            return f.summary;
        return {};
    }
    if (role == Qt::TextAlignmentRole && (column == Cvss || column == Epss || column == Layer))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Severity: return tr("Severity");
    case Id: return tr("Vulnerability");
    case Package: return tr("Package");
    case Installed: return tr("Installed");
    case Fixed: return tr("Fixed in");
    case FixState: return tr("Fix state");
    case Cvss: return tr("CVSS");
    case Epss: return tr("EPSS");
    case Kev: return tr("KEV");
    case Layer: return tr("Layer");
    case Instruction: return tr("Instruction");
    }
    return {};
}

} // namespace bulkhead
