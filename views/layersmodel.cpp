#include "layersmodel.h"

#include <QLocale>

namespace bulkhead {

LayersModel::LayersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LayersModel::setImage(const QVector<LayerInfo> &layers, const QVector<Package> &packages,
                           const QVector<Finding> &findings)
{
    beginResetModel();
    m_layers = layers;
    m_packages = QVector<int>(layers.size(), 0);
    m_findings = QVector<int>(layers.size(), 0);
    auto slot = [&](int layerIndex) {
        for (int i = 0; i < m_layers.size(); ++i)
            if (m_layers[i].index == layerIndex)
                return i;
        return -1;
    };
    for (const Package &p : packages)
        if (const int i = slot(p.layer.index); i >= 0)
            ++m_packages[i];
    for (const Finding &f : findings)
        if (const int i = slot(f.package.layer.index); i >= 0)
            ++m_findings[i];
    endResetModel();
}

int LayersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_layers.size());
}

int LayersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const LayerInfo &l = m_layers.at(row);
    if (role == LayerIndexRole)
        return l.index;
    if (role == SortRole) {
        switch (index.column()) {
        case Index: return l.index;
        case Size: return l.size;
        case Packages: return m_packages.at(row);
        case Findings: return m_findings.at(row);
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Index: return l.index;
        case Instruction: return l.createdBy.simplified();
        case Size: return l.size < 0 ? QString() : QLocale().formattedDataSize(l.size);
        case Packages: return m_packages.at(row);
        case Findings: return m_findings.at(row);
        }
        return {};
    }
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1\n%2").arg(l.createdBy, l.digest);
    if (role == Qt::TextAlignmentRole && index.column() != Instruction)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LayersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Index: return tr("#");
    case Instruction: return tr("Instruction");
    case Size: return tr("Size");
    case Packages: return tr("Packages");
    case Findings: return tr("Findings");
    }
    return {};
}

} // namespace bulkhead
