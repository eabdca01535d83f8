#pragma once
// The main window: left navigation (Dashboard, Images, Results, Settings; Compare, Remediation and
// Compliance reserved), remembered geometry, keyboard shortcuts. It wires the screens together;
// scanning itself belongs to the app, which listens to imageRequested().

#include "match/finding.h"
#include "scan/scanresult.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace bulkhead {

class DashboardView;
class HistoryService;
class ImagesView;
class ResultsView;
class SettingsView;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // Navigation order; Ctrl+1..4 open the first four.
    enum Page { DashboardPage, ImagesPage, ResultsPage, SettingsPage, ComparePage, RemediationPage, CompliancePage, PageCount };
    Q_ENUM(Page)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Not owned; must outlive the window. Feeds the dashboard, the image list and triage.
    void setHistoryService(HistoryService *service);

    Page currentPage() const;
    DashboardView *dashboardView() const { return m_dashboard; }
    ImagesView *imagesView() const { return m_images; }
    ResultsView *resultsView() const { return m_results; }
    SettingsView *settingsView() const { return m_settings; }

public slots:
    void showPage(bulkhead::MainWindow::Page page);
    void showScanResult(const bulkhead::ScanResult &scan);   // e.g. when a scan finished
    void openScan(qint64 scanId);                            // loads from the history
    void refreshHistory();                                   // dashboard + image list

signals:
    void imageRequested(const QString &spec);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void openScanThen(qint64 scanId, std::function<void()> afterLoad);
    void saveWindowState();
    void restoreWindowState();

    HistoryService *m_service = nullptr;
    QListWidget *m_nav;
    QStackedWidget *m_pages;
    DashboardView *m_dashboard;
    ImagesView *m_images;
    ResultsView *m_results;
    SettingsView *m_settings;
    qint64 m_loadedScanId = -1;
    quint64 m_loadGeneration = 0;
};

} // namespace bulkhead
