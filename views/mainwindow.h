#pragma once
// The main window: left navigation (Dashboard, Images, Results, Settings; Compare, Remediation and
// Compliance reserved), remembered geometry, keyboard shortcuts, and the scan queue dock. It owns
// the ScanService: every imageRequested(spec) (file dialog, drag and drop, Images screen) becomes a
// scan in the queue; a finished scan is saved through the HistoryService, announced, and offered
// on the Results screen.

#include "match/finding.h"
#include "scan/scanresult.h"

#include <QMainWindow>
#include <memory>

class QDockWidget;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;

namespace bulkhead {

class DashboardView;
class HistoryService;
class ImagesView;
class ResultsView;
class ScanQueueModel;
class ScanQueueView;
class ScanService;
class SettingsView;
struct AppSettings;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // Navigation order; Ctrl+1..4 open the first four.
    enum Page { DashboardPage, ImagesPage, ResultsPage, SettingsPage, ComparePage, RemediationPage, CompliancePage, PageCount };
    Q_ENUM(Page)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Not owned; must outlive the window. Feeds the dashboard, the image list and triage, and
    // receives every finished scan.
    void setHistoryService(HistoryService *service);
    // Creates a HistoryService on the configured history file, owned by the window (the app).
    void useOwnHistoryService();
    HistoryService *historyService() const { return m_service; }

    ScanService *scanService() const { return m_scanService; }
    ScanQueueModel *scanQueue() const { return m_queue; }
    QDockWidget *scanQueueDock() const { return m_queueDock; }
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
    // Queues a scan of `spec` with the current settings; returns the queue's job id.
    int startScan(const QString &spec);

signals:
    void imageRequested(const QString &spec);
    void scanSaved(qint64 scanId, const QString &reference);
    void notified(const QString &text);   // a finished scan, also shown in the tray/status bar

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void openScanThen(qint64 scanId, std::function<void()> afterLoad);
    void saveWindowState();
    void restoreWindowState();
    void onScanSucceeded(int jobId, const ScanResult &scan);
    void announce(const ScanResult &scan, qint64 scanId);
    void notify(const QString &text);

    HistoryService *m_service = nullptr;
    QListWidget *m_nav;
    QStackedWidget *m_pages;
    DashboardView *m_dashboard;
    ImagesView *m_images;
    ResultsView *m_results;
    SettingsView *m_settings;
    std::unique_ptr<HistoryService> m_ownedService;
    ScanService *m_scanService;
    ScanQueueModel *m_queue;
    ScanQueueView *m_queueView;
    QDockWidget *m_queueDock;
    QSystemTrayIcon *m_tray = nullptr;
    qint64 m_loadedScanId = -1;
    quint64 m_loadGeneration = 0;
};

} // namespace bulkhead
