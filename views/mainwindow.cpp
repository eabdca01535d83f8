#include "mainwindow.h"

#include "dashboardview.h"
#include "imagesview.h"
#include "imagecatalog.h"
#include "resultsview.h"
#include "scan/scanservice.h"
#include "scanqueuemodel.h"
#include "scanqueueview.h"
#include "settingsview.h"
#include "store/historyservice.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

const QString GeometryKey = QStringLiteral("mainwindow/geometry");
const QString StateKey = QStringLiteral("mainwindow/state");
const QString PageKey = QStringLiteral("mainwindow/page");

QWidget *reservedPage(QWidget *parent, const QString &title, const QString &text)
{
    auto *page = new QWidget(parent);
    auto *heading = new QLabel(title, page);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    heading->setFont(f);
    auto *body = new QLabel(text, page);
    body->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(heading, 0, Qt::AlignHCenter);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    return page;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_nav(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new DashboardView(m_pages))
    , m_images(new ImagesView(m_pages))
    , m_results(new ResultsView(m_pages))
    , m_settings(new SettingsView(m_pages))
    , m_scanService(new ScanService(this))
    , m_queue(new ScanQueueModel(this))
    , m_queueView(nullptr)
    , m_queueDock(new QDockWidget(tr("Scans"), this))
{
    setWindowTitle(tr("Bulkhead"));
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);

    m_queueView = new ScanQueueView(m_queue, m_queueDock);
    m_queueDock->setObjectName(QStringLiteral("scanQueueDock"));
    m_queueDock->setWidget(m_queueView);
    m_queueDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_queueDock);
    m_queueDock->hide(); // shown by the first scan; its toggle is in the View menu

    m_pages->addWidget(m_dashboard);
    m_pages->addWidget(m_images);
    m_pages->addWidget(m_results);
    m_pages->addWidget(m_settings);
    m_pages->addWidget(reservedPage(m_pages, tr("Compare"),
                                    tr("Compare two scans of an image: new, fixed and unchanged findings. Coming soon.")));
    m_pages->addWidget(reservedPage(m_pages, tr("Remediation"),
                                    tr("Which package or base image upgrades remove the most risk. Coming soon.")));
    m_pages->addWidget(reservedPage(m_pages, tr("Compliance"),
                                    tr("Configuration checks of the image against benchmarks. Coming soon.")));

    const QStringList names{tr("Dashboard"), tr("Images"), tr("Results"), tr("Settings"),
                            tr("Compare"), tr("Remediation"), tr("Compliance")};
    const QList<QStyle::StandardPixmap> icons{QStyle::SP_ComputerIcon, QStyle::SP_DriveHDIcon,
                                              QStyle::SP_FileDialogDetailedView, QStyle::SP_FileDialogInfoView,
                                              QStyle::SP_BrowserReload, QStyle::SP_DialogApplyButton,
                                              QStyle::SP_DialogYesButton};
    for (int i = 0; i < PageCount; ++i) {
        auto *item = new QListWidgetItem(style()->standardIcon(icons[i]), names[i], m_nav);
        if (i < 4)
            item->setToolTip(tr("%1 (Ctrl+%2)").arg(names[i]).arg(i + 1));
        if (i >= ComparePage) {
            // Reserved: visible so users see what is coming, greyed because it does nothing yet.
            item->setToolTip(tr("%1: coming soon").arg(names[i]));
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        }
    }
    m_nav->insertItem(ComparePage, QString());
    m_nav->item(ComparePage)->setFlags(Qt::NoItemFlags);
    m_nav->item(ComparePage)->setSizeHint(QSize(1, m_nav->fontMetrics().height() / 2));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setIconSize(QSize(20, 20));
    m_nav->setSpacing(2);
    int navWidth = 0;
    for (const QString &n : names)
        navWidth = qMax(navWidth, m_nav->fontMetrics().horizontalAdvance(n));
    m_nav->setFixedWidth(navWidth + 64);
    m_nav->setAccessibleName(tr("Navigation"));

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_nav);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        // The spacer row sits before Compare.
        const int page = row > ComparePage ? row - 1 : row;
        if (page == ComparePage && row == ComparePage)
            return;
        m_pages->setCurrentIndex(page);
    });

    // Menus carry the shortcuts so they are discoverable.
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Image File…"), m_images, &ImagesView::openImageFile);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < 4; ++i) {
        QAction *a = view->addAction(names[i], this, [this, i] { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *find = view->addAction(tr("&Find in Results"), this, [this] {
        showPage(ResultsPage);
        m_results->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *reload = view->addAction(tr("&Refresh"), this, &MainWindow::refreshHistory);
    reload->setShortcut(QKeySequence::Refresh);
    QAction *queueToggle = m_queueDock->toggleViewAction();
    queueToggle->setText(tr("Scan &Queue"));
    queueToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    view->addAction(queueToggle);

    connect(this, &MainWindow::imageRequested, this, &MainWindow::startScan);
    connect(m_queue, &ScanQueueModel::scanSucceeded, this, &MainWindow::onScanSucceeded);
    connect(m_queue, &ScanQueueModel::scanFailed, this, [this](int, const QString &spec, const QString &message) {
        // One line in the status bar and the queue row keeps the message: no dialog per failure.
        statusBar()->showMessage(tr("Scan of %1 failed: %2").arg(spec, message), 15000);
    });
    connect(m_queue, &ScanQueueModel::scanCancelled, this, [this](int, const QString &spec) {
        statusBar()->showMessage(tr("Scan of %1 cancelled.").arg(spec), 8000);
    });
    connect(m_queue, &ScanQueueModel::activeCountChanged, this, [this](int active) {
        m_images->setBusy(active == 0 ? QString() : tr("%n scan(s) running or queued; see the Scans panel.", nullptr, active));
    });
    connect(m_results, &ResultsView::offeredScanRequested, this, &MainWindow::openScan);
    connect(m_settings, &SettingsView::registriesChanged, m_images, &ImagesView::reloadCatalogProviders);
    connect(m_settings, &SettingsView::settingsApplied, this, [this](const AppSettings &s) {
        if (m_ownedService && s.historyPath != m_ownedService->path())
            useOwnHistoryService();
    });

    connect(m_images, &ImagesView::imageRequested, this, &MainWindow::imageRequested);
    connect(m_images, &ImagesView::scanActivated, this, &MainWindow::openScan);
    connect(m_images, &ImagesView::refreshRequested, this, &MainWindow::refreshHistory);
    connect(m_dashboard, &DashboardView::imageActivated, this, [this](qint64 id) {
        openScanThen(id, [this] { m_results->resetFilters(); });
    });
    connect(m_dashboard, &DashboardView::severityActivated, this, [this](Severity s, qint64 id) {
        auto filter = [this, s] {
            m_results->resetFilters();
            m_results->setSeverityFilter({s});
            m_results->showTab(ResultsView::FindingsTab);
        };
        if (id >= 0)
            openScanThen(id, filter);
        else {
            filter();
            showPage(ResultsPage);
        }
    });
    connect(m_dashboard, &DashboardView::vulnerabilityActivated, this, [this](const QString &vuln, qint64 id) {
        openScanThen(id, [this, vuln] {
            m_results->resetFilters();
            m_results->setSearchText(vuln);
            m_results->showTab(ResultsView::FindingsTab);
        });
    });
    connect(m_results, &ResultsView::triageChanged, this, [this] { statusBar()->showMessage(tr("Triage saved."), 3000); });

    statusBar()->showMessage(tr("Ready"));
    restoreWindowState();
}

MainWindow::~MainWindow()
{
    // Scans stop at their next check; ScanService's destructor then waits for its pool.
    m_queue->cancelAll();
}

void MainWindow::useOwnHistoryService()
{
    auto service = std::make_unique<HistoryService>(AppSettings::load().historyPath);
    setHistoryService(service.get());
    m_ownedService = std::move(service);   // the previous one (if any) waits for its calls here
}

int MainWindow::startScan(const QString &spec)
{
    const AppSettings settings = AppSettings::load();
    ScanOptions options;
    options.image = spec;
    options.matchVulnerabilities = true;
    options.databaseOptional = true;
    options.dbPath = settings.dbPath;
    options.useCache = settings.cacheSizeMiB > 0;
    options.cacheDir = settings.cacheDir;
    options.cacheMaxBytes = qint64(settings.cacheSizeMiB) * 1024 * 1024;
    OpenedFilesProvider::remember(spec);
    m_images->refreshOpenedFiles();
    const int job = m_queue->enqueue(spec, m_scanService->scan(options));
    m_queueDock->show();
    statusBar()->showMessage(tr("Scanning %1…").arg(spec), 5000);
    return job;
}

void MainWindow::onScanSucceeded(int, const ScanResult &scan)
{
    if (!m_service) {
        announce(scan, -1);
        return;
    }
    // Saved on the history service's pool; the GUI thread only gets the id back.
    m_service->saveScan(scan).then(this, [this, scan](const Result<qint64> &id) {
        if (!id) {
            statusBar()->showMessage(tr("The scan of %1 could not be saved: %2")
                                         .arg(scan.image.reference, id.error().message), 15000);
            announce(scan, -1);
            return;
        }
        refreshHistory();
        announce(scan, *id);
        emit scanSaved(*id, scan.image.reference);
    });
}

void MainWindow::announce(const ScanResult &scan, qint64 scanId)
{
    const SeverityCounts counts = SeverityCounts::of(scan.findings);
    const QString name = scan.image.reference.isEmpty() ? tr("an image") : scan.image.reference;
    const QString text = tr("Scan of %1 finished: %n finding(s) (%2 critical)", nullptr, counts.total())
                             .arg(name).arg(counts[Severity::Critical]);
    if (!m_results->hasScan()) {
        // Nothing on the Results screen yet: put it there, without leaving the current page.
        m_results->setScanResult(scan);
        m_loadedScanId = scanId;
        setWindowTitle(tr("%1 – Bulkhead").arg(scan.image.reference));
    } else if (scanId >= 0) {
        m_results->offerScan(scanId, text);
    }
    notify(text);
}

void MainWindow::notify(const QString &text)
{
    statusBar()->showMessage(text, 15000);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(style()->standardIcon(QStyle::SP_DriveHDIcon), this);
            m_tray->setToolTip(tr("Bulkhead"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                showNormal();
                activateWindow();
                showPage(ResultsPage);
            });
            m_tray->show();
        }
        m_tray->showMessage(tr("Bulkhead"), text);
    }
    emit notified(text);
}

void MainWindow::setHistoryService(HistoryService *service)
{
    m_service = service;
    m_dashboard->setHistoryService(service);
    m_results->setHistoryService(service);
    refreshHistory();
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::showPage(Page page)
{
    const int row = page >= ComparePage ? int(page) + 1 : int(page);
    m_nav->setCurrentRow(row);
    m_pages->setCurrentIndex(int(page));
}

void MainWindow::showScanResult(const ScanResult &scan)
{
    m_results->setScanResult(scan);
    setWindowTitle(tr("%1 – Bulkhead").arg(scan.image.reference));
    showPage(ResultsPage);
}

void MainWindow::openScan(qint64 scanId)
{
    openScanThen(scanId, [this] { m_results->resetFilters(); });
}

void MainWindow::openScanThen(qint64 scanId, std::function<void()> afterLoad)
{
    if (scanId == m_loadedScanId || !m_service || scanId < 0) {
        afterLoad();
        showPage(ResultsPage);
        return;
    }
    const quint64 generation = ++m_loadGeneration;
    statusBar()->showMessage(tr("Loading scan…"));
    m_service->loadScan(scanId).then(this, [this, generation, scanId, afterLoad](const Result<ScanResult> &r) {
        if (generation != m_loadGeneration)
            return;
        if (!r) {
            statusBar()->showMessage(r.error().message);
            return;
        }
        m_loadedScanId = scanId;
        if (m_results->offeredScanId() == scanId)
            m_results->clearOffer();   // it is on screen now, however it was opened
        showScanResult(*r);
        afterLoad();
        statusBar()->clearMessage();
    });
}

void MainWindow::refreshHistory()
{
    if (!m_service)
        return;
    m_dashboard->refresh();
    m_service->listScans().then(this, [this](const Result<QVector<ScanSummary>> &r) {
        if (r)
            m_images->setScans(*r);
        else
            statusBar()->showMessage(r.error().message);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasUrls())
        return;
    for (const QUrl &url : event->mimeData()->urls())
        if (!url.isLocalFile())
            return;
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    // Any page takes a dropped image; the Images screen's own drop zone says so.
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            emit imageRequested(ImagesView::specForPath(url.toLocalFile()));
    event->acceptProposedAction();
}

void MainWindow::saveWindowState()
{
    QSettings s;
    s.setValue(GeometryKey, saveGeometry());
    s.setValue(StateKey, saveState());
    s.setValue(PageKey, int(currentPage()));
}

void MainWindow::restoreWindowState()
{
    QSettings s;
    if (!restoreGeometry(s.value(GeometryKey).toByteArray()))
        resize(1280, 820);
    restoreState(s.value(StateKey).toByteArray());
    const int page = s.value(PageKey, int(DashboardPage)).toInt();
    showPage(page >= 0 && page < ComparePage ? Page(page) : DashboardPage);
}

} // namespace bulkhead
