#pragma once
// Filters and sorts a FindingsModel: severity set, fixable only, KEV only, text over
// id/aliases/package/summary, and optionally one layer. Sorting uses FindingsModel::SortRole.

#include "match/finding.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace bulkhead {

class FindingsModel;

class FindingsFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsFilterProxy)
public:
    explicit FindingsFilterProxy(QObject *parent = nullptr);

    // Must be a FindingsModel (the filter reads the findings directly, for speed).
    void setSourceModel(QAbstractItemModel *model) override;

    void setSeverities(const QSet<Severity> &severities); // empty set = none shown
    QSet<Severity> severities() const { return m_severities; }
    void setFixableOnly(bool on);
    bool fixableOnly() const { return m_fixableOnly; }
    void setKevOnly(bool on);
    bool kevOnly() const { return m_kevOnly; }
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setLayerIndex(int layer);                 // -1 = every layer
    int layerIndex() const { return m_layer; }

    static QSet<Severity> allSeverities();
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void dropCaches();
    const QVector<QString> &haystacks() const;
    void buildRanks(int column) const;

    FindingsModel *m_findings = nullptr;
    // Per source row: id, aliases, package and summary case-folded, built on the first search.
    mutable QVector<QString> m_haystacks;
    // Per source row: position in the order of m_rankColumn (ties broken by id, then package).
    mutable QVector<int> m_ranks;
    mutable int m_rankColumn = -1;
    QSet<Severity> m_severities;
    bool m_fixableOnly = false;
    bool m_kevOnly = false;
    QString m_search;
    QString m_searchFolded;
    int m_layer = -1;
};

} // namespace bulkhead
