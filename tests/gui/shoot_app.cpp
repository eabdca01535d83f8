// Screenshots of every screen after real scans through the UI, to look at them (not a test).
// Usage: QT_QPA_PLATFORM=offscreen shoot_app <output folder> [--de]
// The history starts with the fixture scans of tests/data/store (real packages and GHSA records,
// so the dashboard has findings), then alpine 3.10 and 3.11 and, when built, the big tests/images
// app image are scanned for real; the settings screen reads a DB imported from tests/data/vulndb.
#include "apptranslation.h"
#include "dashboardview.h"
#include "imagesview.h"
#include "mainwindow.h"
#include "resultsview.h"
#include "scanfixture.h"
#include "scanqueuemodel.h"
#include "settingsview.h"
#include "store/historyservice.h"
#include "testutil.h"
#include "vulndb/importer.h"
#include "vulndb/vulndbwriter.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QEventLoop>
#include <QSettings>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace bulkhead;

namespace {

void settle(int ms = 300)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        settle(50);
    return done();
}

bool save(QWidget *w, const QString &dir, const QString &name)
{
    settle();
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    const bool ok = w->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool importDb(const QString &dbPath)
{
    auto writer = VulnDbWriter::open(dbPath);
    if (!writer)
        return false;
    Importer importer(**writer);
    return importer.importPath(test::dataPath(QStringLiteral("vulndb/osv/PyPI/all.zip")), QStringLiteral("osv-PyPI"))
        && importer.importPath(test::dataPath(QStringLiteral("vulndb/kev/known_exploited_vulnerabilities.json")));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("bulkhead-shots"));
    QApplication::setApplicationName(QStringLiteral("shoot_app"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: shoot_app <output folder> [--de]\n");
        return 2;
    }
    const bool german = args.contains(QStringLiteral("--de"));
    if (german)
        loadTranslations(&app, QLocale(QLocale::German, QLocale::Germany));
    const QString out = args.at(1);
    const QString suffix = german ? QStringLiteral("-de") : QString();
    QDir().mkpath(out);
    QTemporaryDir tmp;
    qputenv("BULKHEAD_FEEDS_CONFIG", tmp.filePath(QStringLiteral("feeds.ini")).toLocal8Bit());
    QSettings().clear();
    QSettings().setValue(QStringLiteral("cache/sizeMiB"), 0);
    QSettings().setValue(QStringLiteral("cache/directory"), tmp.filePath(QStringLiteral("cache")));
    const QString dbPath = tmp.filePath(QStringLiteral("vulndb.sqlite"));
    if (!importDb(dbPath))
        return 1;
    QSettings().setValue(QStringLiteral("vulndb/path"), dbPath);

    HistoryService service(tmp.filePath(QStringLiteral("history.sqlite")));
    const QString api = QStringLiteral("registry.example.com/shop/api");
    auto at = [](int d, int h) { return QDateTime(QDate(2026, 3, d), QTime(h, 0), Qt::UTC); };
    for (const ScanResult &s : {test::appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"), api + QStringLiteral(":1.0"), at(2, 9)),
                                test::appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"),
                                              QStringLiteral("registry.example.com/shop/worker:2.3"), at(6, 10)),
                                test::appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"), api + QStringLiteral(":1.1"), at(9, 11))})
        if (!service.saveScan(s).result())
            return 1;

    MainWindow w;
    w.resize(1400, 900);
    w.setHistoryService(&service);
    w.show();
    QSignalSpy saved(&w, &MainWindow::scanSaved);
    w.showPage(MainWindow::ImagesPage);
    w.startScan(QStringLiteral("docker-archive:") + test::dataPath(QStringLiteral("image/alpine-310.tar.gz")));
    w.startScan(test::dataPath(QStringLiteral("image/alpine-311.tar.gz")));
    int expected = 2;
    bool ok = true;
    const QString images = test::testImagesDir();
    if (!images.isEmpty()) {
        w.startScan(QStringLiteral("oci:") + images + QStringLiteral("/oci:app"));
        ++expected;
        // The queue while the big image is being read.
        waitFor([&w] { return w.scanQueue()->activeCount() == 1
                              && !w.scanQueue()->index(2, ScanQueueModel::Bytes).data().toString().isEmpty(); }, 60000);
        ok &= save(&w, out, QStringLiteral("queue-running") + suffix);
    }
    // Then every scan finished and saved (a failed one shows in the queue screenshot).
    waitFor([&] { return w.scanQueue()->activeCount() == 0; }, 300000);
    waitFor([&] { return saved.count() >= expected; }, 5000);
    settle(800);
    ok &= save(&w, out, QStringLiteral("images") + suffix);
    w.scanQueueDock()->hide();
    w.showPage(MainWindow::DashboardPage);
    settle(800);
    ok &= save(&w, out, QStringLiteral("dashboard") + suffix);

    w.showPage(MainWindow::ResultsPage);
    ok &= save(&w, out, QStringLiteral("results-offer") + suffix);
    if (!saved.isEmpty()) {
        w.openScan(saved.last().at(0).toLongLong());
        settle(800);
    }
    w.resultsView()->showTab(ResultsView::FindingsTab);
    ok &= save(&w, out, QStringLiteral("results-findings") + suffix);
    w.resultsView()->showTab(ResultsView::PackagesTab);
    ok &= save(&w, out, QStringLiteral("results-packages") + suffix);
    w.resultsView()->showTab(ResultsView::LayersTab);
    w.resultsView()->layersTable()->setCurrentIndex(w.resultsView()->layersTable()->model()->index(0, 0));
    ok &= save(&w, out, QStringLiteral("results-layers") + suffix);
    // A fixture scan with findings, opened from the dashboard's data.
    const auto latest = service.latestScans().result();
    if (latest && !latest->isEmpty()) {
        w.openScan(latest->first().id);
        settle(800);
        w.resultsView()->showTab(ResultsView::FindingsTab);
        w.resultsView()->findingsTable()->setCurrentIndex(w.resultsView()->findingsTable()->model()->index(0, 0));
        ok &= save(&w, out, QStringLiteral("results-findings-app") + suffix);
    }
    QSignalSpy status(w.settingsView(), &SettingsView::dbStatusLoaded);
    w.settingsView()->revert();
    w.showPage(MainWindow::SettingsPage);
    status.wait(10000);
    ok &= save(&w, out, QStringLiteral("settings") + suffix);
    w.scanQueueDock()->show();
    ok &= save(&w, out, QStringLiteral("queue-done") + suffix);
    w.close();
    return ok ? 0 : 1;
}
