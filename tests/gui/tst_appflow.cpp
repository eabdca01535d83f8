// The desktop app end to end: scans typed, dropped or picked in the UI run for real on the scan
// service, show up in the queue with progress, get saved to the history (dashboard and image list
// follow), are announced, and land on the Results screen with the image's real packages. Cancel
// and failure paths, the Settings screen's DB status and "Update now" against a local feed server,
// and where feed URLs go (registries: tst_registryflow).
#include "apptranslation.h"
#include "dashboardview.h"
#include "imagecatalog.h"
#include "imagesview.h"
#include "mainwindow.h"
#include "packagesmodel.h"
#include "resultsview.h"
#include "scanqueuemodel.h"
#include "settingsview.h"
#include "store/historyservice.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

using namespace bulkhead;

namespace {

const QString Alpine310 = QStringLiteral("docker-archive:") + test::dataPath(QStringLiteral("image/alpine-310.tar.gz"));

// name → version of every package in the image's lib/apk/db/installed (tests/data/report's
// derived copy, see its SOURCES.md).
QMap<QString, QString> alpine310Packages()
{
    QMap<QString, QString> out;
    QFile f(test::dataPath(QStringLiteral("report/alpine-310.packages.tsv")));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList cols = line.split(u'\t');
        out.insert(cols.value(0), cols.value(1));
    }
    return out;
}

QMap<QString, QString> shownPackages(QTableView *table)
{
    QMap<QString, QString> out;
    QAbstractItemModel *m = table->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out.insert(m->index(r, PackagesModel::Name).data().toString(), m->index(r, PackagesModel::Version).data().toString());
    return out;
}

QStringList feedLines(const QVector<FeedConfig> &feeds)
{
    QStringList out;
    for (const FeedConfig &f : feeds)
        out << f.name + u'=' + f.url.toString();
    return out;
}

bool anyDialogVisible()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (w->isVisible() && qobject_cast<QDialog *>(w))
            return true;
    return false;
}

} // namespace

class TestAppFlow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<HistoryService> m_history;

    int savedScanCount()
    {
        auto r = m_history->listScans().result();
        return r ? int(r->size()) : -1;
    }

    static bool startFeedServer(QProcess &p, QString *base)
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            return false;
        p.start(python, {QStringLiteral(BULKHEAD_TEST_SUPPORT "/feedserver.py"), test::dataPath(QStringLiteral("vulndb"))});
        if (!p.waitForStarted(10000) || !p.waitForReadyRead(10000))
            return false;
        const QByteArray port = p.readLine().trimmed();
        *base = QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(port);
        return !port.isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("bulkhead-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_appflow"));
        QStandardPaths::setTestModeEnabled(true);
        qputenv("BULKHEAD_FEEDS_CONFIG", m_dir.filePath(QStringLiteral("feeds.ini")).toLocal8Bit());
        // No registry: the Images catalog lists the opened files (and any local engine) only.
        qputenv("BULKHEAD_REGISTRIES_CONFIG", m_dir.filePath(QStringLiteral("registries.json")).toLocal8Bit());
        QSettings().clear();
        // Real work every time: no layer cache, a DB path that does not exist yet.
        QSettings().setValue(QStringLiteral("cache/sizeMiB"), 0);
        QSettings().setValue(QStringLiteral("vulndb/path"), m_dir.filePath(QStringLiteral("vulndb.sqlite")));
        m_history = std::make_unique<HistoryService>(m_dir.filePath(QStringLiteral("history.sqlite")));
    }

    void realScanThroughTheUi()
    {
        MainWindow w;
        QAbstractItemModelTester queueTester(w.scanQueue(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester catalogTester(w.imagesView()->catalogModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.setHistoryService(m_history.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(MainWindow::ImagesPage);
        QSignalSpy saved(&w, &MainWindow::scanSaved);
        QSignalSpy notified(&w, &MainWindow::notified);
        QSignalSpy dashboardLoaded(w.dashboardView(), &DashboardView::dataLoaded);

        // Type the spec and press Scan, as a user would.
        auto *edit = w.imagesView()->findChild<QLineEdit *>(QStringLiteral("imageReference"));
        auto *scan = w.imagesView()->findChild<QPushButton *>(QStringLiteral("scanReference"));
        QVERIFY(edit && scan);
        QTest::keyClicks(edit, Alpine310);
        QTest::mouseClick(scan, Qt::LeftButton);

        QCOMPARE(w.scanQueue()->rowCount(), 1);
        QVERIFY(w.scanQueueDock()->isVisible());
        QCOMPARE(w.scanQueue()->index(0, ScanQueueModel::Image).data().toString(), Alpine310);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 120000);
        QCOMPARE(w.scanQueue()->state(0), ScanQueueModel::JobState::Finished);
        QCOMPARE(w.scanQueue()->index(0, ScanQueueModel::Progress).data(ScanQueueModel::PermilleRole).toInt(), 1000);
        QCOMPARE(w.scanQueue()->activeCount(), 0);

        // The Results screen got the real packages and layers without the user being moved there.
        QCOMPARE(w.currentPage(), MainWindow::ImagesPage);
        QVERIFY(w.resultsView()->hasScan());
        const QMap<QString, QString> expected = alpine310Packages();
        QCOMPARE(expected.size(), 14);
        QCOMPARE(shownPackages(w.resultsView()->packagesTable()), expected);
        QCOMPARE(w.resultsView()->layersTable()->model()->rowCount(), 1);
        QVERIFY(w.resultsView()->scanResult().image.reference.contains(QStringLiteral("alpine")));
        // No database yet: the inventory only, and the Results header says so.
        QVERIFY(!w.resultsView()->scanResult().vulnerabilitiesScanned);
        QVERIFY(!w.resultsView()->warningsLabel()->isHidden());
        QVERIFY2(w.resultsView()->warningsLabel()->text().contains(QStringLiteral("No vulnerability database")),
                 qPrintable(w.resultsView()->warningsLabel()->text()));

        // Announced once, in the agreed words.
        QCOMPARE(notified.count(), 1);
        const QString text = notified.at(0).at(0).toString();
        QVERIFY2(text.startsWith(QStringLiteral("Scan of ")) && text.contains(QStringLiteral("finished: ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(0 critical)")), qPrintable(text));

        // Saved to the history; dashboard and image list reloaded from it.
        const qint64 id = saved.at(0).at(0).toLongLong();
        auto loaded = m_history->loadScan(id).result();
        QVERIFY(loaded);
        QCOMPARE(loaded->packages.size(), 14);
        QTRY_VERIFY(dashboardLoaded.count() >= 1);
        QTRY_COMPARE(w.dashboardView()->data().latest.size(), 1);
        QCOMPARE(w.dashboardView()->data().latest.first().id, id);
        QCOMPARE(w.dashboardView()->data().latest.first().packageCount, 14);
        QTRY_COMPARE(w.imagesView()->scansTable()->model()->rowCount(), 1);

        // The opened file is now offered by the Images screen's catalog.
        QTRY_COMPARE(w.imagesView()->catalogModel()->rowCount(), 1);
        QCOMPARE(w.imagesView()->catalogModel()->index(0, 0).data(ImageCatalogModel::SpecRole).toString(), Alpine310);
        QVERIFY(!anyDialogVisible());
    }

    void droppedImageIsScannedAndOffered()
    {
        MainWindow w;
        w.setHistoryService(m_history.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int before = savedScanCount();
        QSignalSpy saved(&w, &MainWindow::scanSaved);

        // The catalog remembers the file opened in the previous test: pick it and scan it.
        QTRY_COMPARE(w.imagesView()->catalogModel()->rowCount(), 1);
        w.imagesView()->catalogTable()->selectRow(0);
        QTest::mouseClick(w.imagesView()->findChild<QPushButton *>(QStringLiteral("scanSelected")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 120000);
        QVERIFY(w.resultsView()->hasScan());
        QVERIFY(!w.resultsView()->isOffering());

        // A drop of the 3.11 tarball anywhere in the window: the Results screen keeps what it shows
        // and offers the new scan.
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(test::dataPath(QStringLiteral("image/alpine-311.tar.gz")))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QCOMPARE(w.scanQueue()->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 120000);
        QVERIFY(w.resultsView()->scanResult().image.reference.contains(QStringLiteral("3.10"))
                || w.resultsView()->scanResult().os.versionId.startsWith(QStringLiteral("3.10")));
        QVERIFY(w.resultsView()->isOffering());
        QTest::mouseClick(w.resultsView()->offerButton(), Qt::LeftButton);
        QTRY_VERIFY(w.resultsView()->scanResult().os.versionId.startsWith(QStringLiteral("3.11")));
        QVERIFY(!w.resultsView()->isOffering());
        QCOMPARE(w.currentPage(), MainWindow::ResultsPage);
        QCOMPARE(savedScanCount(), before + 2);
        delete mime;
    }

    void cancelWhileQueuedAndMidway()
    {
        MainWindow w;
        w.setHistoryService(m_history.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int before = savedScanCount();
        QSignalSpy saved(&w, &MainWindow::scanSaved);
        QSignalSpy cancelled(w.scanQueue(), &ScanQueueModel::scanCancelled);

        // The big real image when it was built (tests/images), else the alpine tarball: with one
        // worker, the second scan waits in the queue and is cancelled there.
        const QString images = test::testImagesDir();
        const QString big = images.isEmpty() ? Alpine310 : QStringLiteral("docker-archive:") + images + QStringLiteral("/app-docker.tar");
        w.scanService()->setMaxConcurrentScans(1);
        const int first = w.startScan(big);
        const int second = w.startScan(Alpine310);
        QCOMPARE(w.scanQueue()->state(w.scanQueue()->rowOfJob(second)), ScanQueueModel::JobState::Queued);
        auto cancelButton = [&w](int job) {
            const QModelIndex cell = w.scanQueue()->index(w.scanQueue()->rowOfJob(job), ScanQueueModel::Cancel);
            return qobject_cast<QToolButton *>(w.findChild<QDockWidget *>()->findChildren<QTableView *>().first()->indexWidget(cell));
        };
        QVERIFY(cancelButton(second));
        QTest::mouseClick(cancelButton(second), Qt::LeftButton);

        if (!images.isEmpty()) {
            // Mid-way: once it reports reading bytes, cancel it from its row.
            const int row = w.scanQueue()->rowOfJob(first);
            QTRY_VERIFY_WITH_TIMEOUT(!w.scanQueue()->index(row, ScanQueueModel::Bytes).data().toString().isEmpty(), 60000);
            QCOMPARE(w.scanQueue()->state(row), ScanQueueModel::JobState::Running);
            QVERIFY(w.scanQueue()->index(row, ScanQueueModel::Progress).data(ScanQueueModel::PermilleRole).toInt() < 1000);
            // The GUI thread is free meanwhile: pages switch and the window repaints.
            w.showPage(MainWindow::DashboardPage);
            QVERIFY(!w.grab().isNull());
            QTest::mouseClick(cancelButton(first), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(w.scanQueue()->state(row), ScanQueueModel::JobState::Cancelled, 30000);
            QVERIFY(!cancelButton(first));
        } else {
            qWarning("test images not built (tests/images/build-images.sh): only the queued scan is cancelled");
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 120000);
        }
        QTRY_COMPARE(w.scanQueue()->activeCount(), 0);
        QCOMPARE(w.scanQueue()->state(w.scanQueue()->rowOfJob(second)), ScanQueueModel::JobState::Cancelled);
        QCOMPARE(cancelled.count(), images.isEmpty() ? 1 : 2);
        QCOMPARE(savedScanCount(), before + saved.count());
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("cancelled")));

        // Clear finished empties the queue.
        auto buttons = w.findChild<QDockWidget *>()->findChildren<QPushButton *>();
        for (QPushButton *b : buttons)
            if (b->text() == QStringLiteral("Clear finished"))
                QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(w.scanQueue()->rowCount(), 0);
    }

    void failureIsOneLineNoDialog()
    {
        MainWindow w;
        w.setHistoryService(m_history.get());
        w.show();
        const int before = savedScanCount();
        QSignalSpy failed(w.scanQueue(), &ScanQueueModel::scanFailed);
        const QString missing = QStringLiteral("docker-archive:") + m_dir.filePath(QStringLiteral("missing.tar"));
        emit w.imagesView()->imageRequested(missing);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        const QString message = failed.at(0).at(2).toString();
        QVERIFY(!message.isEmpty());
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        QCOMPARE(w.scanQueue()->state(0), ScanQueueModel::JobState::Failed);
        QCOMPARE(w.scanQueue()->message(0), message);
        QVERIFY(w.statusBar()->currentMessage().contains(message));
        QVERIFY(!anyDialogVisible());
        QCOMPARE(savedScanCount(), before);
    }

    void settingsDbStatusAndUpdate()
    {
        QProcess server;
        QString base;
        if (!startFeedServer(server, &base))
            QSKIP("python3 is needed for tests/support/feedserver.py");
        SettingsView view;
        view.show();
        QSignalSpy statusLoaded(&view, &SettingsView::dbStatusLoaded);
        QSignalSpy finished(&view, &SettingsView::dbUpdateFinished);
        AppSettings s = view.settings();
        s.dbPath = m_dir.filePath(QStringLiteral("settings-vulndb.sqlite"));
        s.feeds = {FeedConfig{QStringLiteral("osv-PyPI"), QUrl(base + QStringLiteral("/osv/PyPI/all.zip"))}};
        view.setSettings(s);
        QTRY_VERIFY(statusLoaded.count() >= 1);
        QVERIFY2(view.dbStatusLabel()->text().contains(QStringLiteral("No database")), qPrintable(view.dbStatusLabel()->text()));
        QCOMPARE(view.sourcesTable()->rowCount(), 0);

        // Update now: downloads, imports, swaps in, and the status shows the new source.
        QTest::mouseClick(view.updateButton(), Qt::LeftButton);
        QVERIFY(view.isUpdating());
        QVERIFY(!view.updateButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QTRY_COMPARE(view.sourcesTable()->rowCount(), 1);
        QCOMPARE(view.sourcesTable()->item(0, 0)->text(), QStringLiteral("osv-PyPI"));
        QCOMPARE(view.sourcesTable()->item(0, 1)->text(), QLocale().toString(2661));
        QVERIFY(view.dbStatusLabel()->text().contains(QLocale().toString(2661)));

        // A slow transfer cancelled mid-way leaves the installed database as it was.
        s.feeds = {FeedConfig{QStringLiteral("osv-PyPI"), QUrl(base + QStringLiteral("/slow/osv/PyPI/all.zip"))}};
        // A conditional GET would answer 304 at once; a new name forces the download.
        s.feeds.first().name = QStringLiteral("osv-PyPI-mirror");
        view.setSettings(s);
        QTest::mouseClick(view.updateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view.findChild<QProgressBar *>()->value() > 0, 30000);
        QTest::mouseClick(view.cancelUpdateButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QVERIFY(!finished.at(1).at(0).toBool());
        QVERIFY(finished.at(1).at(1).toString().contains(QStringLiteral("cancelled")));
        QTRY_COMPARE(view.sourcesTable()->rowCount(), 1);
        QCOMPARE(view.sourcesTable()->item(0, 0)->text(), QStringLiteral("osv-PyPI"));
        server.kill();
        server.waitForFinished();
    }

    void feedsGoWhereTheyBelong()
    {
        SettingsView view;
        // The CLI's feeds.ini: a changed URL, a removed feed and a new one, as differences.
        AppSettings s = view.settings();
        QVERIFY(s.feeds.size() >= 3);
        QCOMPARE(feedLines(s.feeds), feedLines(configuredFeeds(feedConfigPath())));
        const QString removed = s.feeds.takeLast().name;
        s.feeds.first().url = QUrl(QStringLiteral("https://mirror.example/osv/all.zip"));
        s.feeds.append(FeedConfig{QStringLiteral("osv-Hex"), QUrl(QStringLiteral("https://mirror.example/hex/all.zip"))});
        view.setSettings(s);
        view.apply();
        const QVector<FeedConfig> read = configuredFeeds(feedConfigPath());
        QCOMPARE(feedLines(read), feedLines(s.feeds));
        QVERIFY(std::none_of(read.cbegin(), read.cend(), [&removed](const FeedConfig &f) { return f.name == removed; }));

    }

    void germanTranslationLoads()
    {
        QVERIFY(loadTranslations(qApp, QLocale(QLocale::German, QLocale::Germany)));
        {
            MainWindow w;
            auto *nav = w.findChild<QListWidget *>();
            QCOMPARE(nav->item(0)->text(), QStringLiteral("Übersicht"));
            QCOMPARE(nav->item(2)->text(), QStringLiteral("Ergebnisse"));
            QCOMPARE(nav->item(3)->text(), QStringLiteral("Einstellungen"));
        }
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QVERIFY(!loadTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    }

    void cleanupTestCase()
    {
        m_history.reset();
    }
};

QTEST_MAIN(TestAppFlow)
#include "tst_appflow.moc"
