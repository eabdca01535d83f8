#pragma once
// The results of one scan: findings (filter bar, flat or grouped, detail pane with triage),
// packages, and layers (selecting a layer shows what it introduced).

#include "match/finding.h"
#include "scan/scanresult.h"

#include <QMap>
#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFrame;
class QPushButton;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;
class QTreeView;

namespace bulkhead {

class FindingDetailView;
class FindingsFilterProxy;
class FindingsGroupModel;
class FindingsModel;
class HistoryService;
class LayersModel;
class PackagesModel;

class ResultsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsView)
public:
    enum class Grouping { None, ByPackage, ByVulnerability };
    enum Tab { FindingsTab, PackagesTab, LayersTab };

    explicit ResultsView(QWidget *parent = nullptr);

    void setHistoryService(HistoryService *service); // not owned; enables triage
    const ScanResult &scanResult() const { return m_scan; }
    bool hasScan() const { return m_hasScan; }

    // Parts exposed for tests and for the main window's shortcuts.
    QTableView *findingsTable() const { return m_table; }
    QTreeView *groupedTree() const { return m_tree; }
    FindingsFilterProxy *findingsProxy() const { return m_proxy; }
    FindingDetailView *detailView() const { return m_detail; }
    QTableView *layersTable() const { return m_layersTable; }
    QTableView *layerPackagesTable() const { return m_layerPackagesTable; }
    QTableView *layerFindingsTable() const { return m_layerFindingsTable; }
    QTabWidget *tabs() const { return m_tabs; }
    QTableView *packagesTable() const { return m_packagesTable; }
    QPushButton *offerButton() const { return m_offerShow; }
    // Under the header: why there are no findings (no DB) and the scan's warnings, hidden when none.
    QLabel *warningsLabel() const { return m_warnings; }
    bool isOffering() const;
    qint64 offeredScanId() const { return m_offeredScanId; }

public slots:
    void setScanResult(const bulkhead::ScanResult &scan);
    void focusSearch();
    void setSeverityFilter(const QSet<bulkhead::Severity> &severities);
    void setFixableOnly(bool on);
    void setKevOnly(bool on);
    void setSearchText(const QString &text);
    void setGrouping(bulkhead::ResultsView::Grouping grouping);
    void resetFilters();
    void showTab(bulkhead::ResultsView::Tab tab);
    // A banner above the results: "`text`  [Show]"; Show emits offeredScanRequested(scanId).
    void offerScan(qint64 scanId, const QString &text);
    void clearOffer();

signals:
    void triageChanged();
    void offeredScanRequested(qint64 scanId);

private:
    void showWarnings(const ScanResult &scan);
    QWidget *buildFindingsTab();
    QWidget *buildPackagesTab();
    QWidget *buildLayersTab();
    void onSeverityToggled();
    void onFindingSelected(const QModelIndex &index);
    void onLayerSelected();
    void updateSummary();

    ScanResult m_scan;
    bool m_hasScan = false;
    qint64 m_offeredScanId = -1;
    QFrame *m_offer = nullptr;
    QLabel *m_offerText = nullptr;
    QPushButton *m_offerShow = nullptr;
    QString m_repository;

    FindingsModel *m_findings;
    FindingsFilterProxy *m_proxy;
    FindingsGroupModel *m_groups;
    PackagesModel *m_packages;
    QSortFilterProxyModel *m_packagesProxy;
    LayersModel *m_layers;
    QSortFilterProxyModel *m_layersProxy;
    QSortFilterProxyModel *m_layerPackagesProxy;
    FindingsFilterProxy *m_layerFindingsProxy;

    QLabel *m_header = nullptr;
    QLabel *m_warnings = nullptr;
    QTabWidget *m_tabs = nullptr;
    QMap<Severity, QToolButton *> m_severityButtons;
    QCheckBox *m_fixable = nullptr;
    QCheckBox *m_kev = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_grouping = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QTreeView *m_tree = nullptr;
    FindingDetailView *m_detail = nullptr;
    QLineEdit *m_packageSearch = nullptr;
    QTableView *m_packagesTable = nullptr;
    QTableView *m_layersTable = nullptr;
    QTableView *m_layerPackagesTable = nullptr;
    QTableView *m_layerFindingsTable = nullptr;
    QLabel *m_layerCaption = nullptr;
};

} // namespace bulkhead
