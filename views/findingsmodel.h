#pragma once
// Findings of one scan as a table (one row per Finding, in the order given).

#include "match/finding.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace bulkhead {

class FindingsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsModel)
public:
    enum Column { Severity, Id, Package, Installed, Fixed, FixState, Cvss, Epss, Kev, Layer, Instruction, ColumnCount };
    enum Role {
        FindingIndexRole = Qt::UserRole, // int: index into findings()
        SortRole,                        // numeric where it matters (severity rank, scores)
    };
    Q_ENUM(Column)

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(const QVector<Finding> &findings);
    const QVector<Finding> &findings() const { return m_findings; }
    const Finding &finding(int row) const { return m_findings.at(row); }
    // Layer instructions by layer index (from ImageInfo::layers), used when a finding's LayerRef
    // carries none.
    void setLayerInstructions(const QHash<int, QString> &createdBy);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shared with the grouped view, which shows the same cells.
    QVariant findingData(const Finding &f, int row, int column, int role) const;
    QString instructionOf(const Finding &f) const;

private:
    QVector<Finding> m_findings;
    QHash<int, QString> m_instructions;
};

} // namespace bulkhead
