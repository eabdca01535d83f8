// The screens with real data on the offscreen platform: what the results table shows after
// filtering and sorting, the layers tab, the detail pane, triage through the service, the
// dashboard's charts and click signals, and the main window's navigation and shortcuts.
#include "dashboardview.h"
#include "findingdetailview.h"
#include "findingsfilterproxy.h"
#include "findingsmodel.h"
#include "imagesview.h"
#include "mainwindow.h"
#include "resultsview.h"
#include "scanfixture.h"
#include "store/historyservice.h"

#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QtCharts/QAbstractBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QPieSlice>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {
QDateTime day(int d) { return QDateTime(QDate(2026, 3, d), QTime(9, 0), Qt::UTC); }
const QString Api = QStringLiteral("registry.example.com/shop/api");

QStringList shown(QTableView *t, int column)
{
    QStringList out;
    for (int r = 0; r < t->model()->rowCount(); ++r)
        out << t->model()->index(r, column).data().toString();
    return out;
}
} // namespace

class TestScreens : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QVector<qint64> m_ids;
    std::unique_ptr<HistoryService> m_service;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("bulkhead-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_screens"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_service = std::make_unique<HistoryService>(m_dir.filePath(QStringLiteral("history.sqlite")));
        const QVector<ScanResult> scans{
            appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"), Api + QStringLiteral(":1.0"), day(1)),
            appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"), Api + QStringLiteral(":1.1"), day(3)),
            appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"), QStringLiteral("registry.example.com/shop/worker:2.3"), day(3)),
            alpineScan(QStringLiteral("alpine-311"), day(4)),
        };
        for (const ScanResult &s : scans) {
            auto id = m_service->saveScan(s).result();
            QVERIFY(id);
            m_ids << *id;
        }
    }

    void resultsTableAfterFilterAndSort()
    {
        ResultsView view;
        view.resize(1200, 700);
        view.show();
        const ScanResult scan = appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"), Api + QStringLiteral(":1.0"), day(1));
        view.setScanResult(scan);
        QTableView *table = view.findingsTable();
        QCOMPARE(table->model()->rowCount(), scan.findings.size());
        // Default order: severity, worst first.
        QCOMPARE(table->model()->index(0, FindingsModel::Severity).data().toString(), QStringLiteral("Critical"));

        // Only High, in tomcat, sorted by CVSS ascending.
        view.setSeverityFilter({Severity::High});
        view.setSearchText(QStringLiteral("tomcat"));
        table->sortByColumn(FindingsModel::Cvss, Qt::AscendingOrder);
        QVector<const Finding *> expected;
        for (const Finding &f : scan.findings)
            if (f.severity == Severity::High && f.package.name.contains(QStringLiteral("tomcat")))
                expected << &f;
        QVERIFY(expected.size() >= 3);
        QCOMPARE(table->model()->rowCount(), expected.size());
        const QStringList packages = shown(table, FindingsModel::Package);
        for (const QString &p : packages)
            QCOMPARE(p, QStringLiteral("org.apache.tomcat.embed:tomcat-embed-core"));
        for (const QString &s : shown(table, FindingsModel::Severity))
            QCOMPARE(s, QStringLiteral("High"));
        double prev = -2;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const double v = table->model()->index(r, FindingsModel::Cvss).data(FindingsModel::SortRole).toDouble();
            QVERIFY(v >= prev);
            prev = v;
        }
        // The severity toggles reflect the filter.
        const auto buttons = view.findChildren<QToolButton *>();
        int checked = 0;
        for (QToolButton *b : buttons)
            checked += b->isCheckable() && b->isChecked() ? 1 : 0;
        QCOMPARE(checked, 1);

        // KEV only + reset: the Ghostcat finding (CVE-2020-1938, in KEV) is among them.
        view.resetFilters();
        view.setKevOnly(true);
        QVERIFY(shown(table, FindingsModel::Id).contains(QStringLiteral("CVE-2020-1938")));
        for (const QString &k : shown(table, FindingsModel::Kev))
            QCOMPARE(k, QStringLiteral("KEV"));

        // Selecting a row fills the detail pane: vector broken down, KEV dates, links.
        table->selectRow(table->model()->rowCount() - 1);
        table->setCurrentIndex(table->model()->index(0, 0));
        const int fi = table->currentIndex().data(FindingsModel::FindingIndexRole).toInt();
        const Finding &f = scan.findings[fi];
        const QString html = view.detailView()->html();
        QVERIFY(html.contains(f.id));
        QVERIFY(html.contains(QStringLiteral("Attack Vector")));
        QVERIFY(html.contains(f.kevDateAdded));
        QVERIFY(html.contains(QStringLiteral("href=\"https://")));

        // Grouped by package: the tree shows one group per affected package.
        view.resetFilters();
        view.setGrouping(ResultsView::Grouping::ByPackage);
        QVERIFY(view.groupedTree()->isVisible());
        QSet<QString> pkgs;
        for (const Finding &x : scan.findings)
            pkgs.insert(x.package.name);
        QTRY_COMPARE(view.groupedTree()->model()->rowCount(), pkgs.size());
    }

    void layersTabShowsWhatALayerIntroduced()
    {
        ResultsView view;
        view.resize(1200, 700);
        view.show();
        const ScanResult scan = appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"), QStringLiteral("w:2.3"), day(2));
        view.setScanResult(scan);
        view.showTab(ResultsView::LayersTab);
        QCOMPARE(view.layersTable()->model()->rowCount(), 2);
        view.layersTable()->setCurrentIndex(view.layersTable()->model()->index(0, 0));
        QCOMPARE(view.layerPackagesTable()->model()->rowCount(), 14);
        QCOMPARE(view.layerFindingsTable()->model()->rowCount(), 0);
        view.layersTable()->setCurrentIndex(view.layersTable()->model()->index(1, 0));
        QCOMPARE(view.layerPackagesTable()->model()->rowCount(), scan.packages.size() - 14);
        QCOMPARE(view.layerFindingsTable()->model()->rowCount(), scan.findings.size());
    }

    void triageThroughTheService()
    {
        ResultsView view;
        view.setHistoryService(m_service.get());
        const ScanResult scan = appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"), Api + QStringLiteral(":1.1"), day(3));
        view.setScanResult(scan);
        view.show();
        QTableView *table = view.findingsTable();
        table->setCurrentIndex(table->model()->index(0, 0));
        const Finding &f = scan.findings[table->currentIndex().data(FindingsModel::FindingIndexRole).toInt()];
        FindingDetailView *detail = view.detailView();
        auto *state = detail->findChild<QComboBox *>();
        auto *comment = detail->findChild<QLineEdit *>();
        QVERIFY(state && comment);
        QTRY_VERIFY(detail->findChild<QGroupBox *>()->isEnabled());
        state->setCurrentIndex(state->findData(int(TriageState::FalsePositive)));
        comment->setText(QStringLiteral("class not on the classpath"));
        QSignalSpy saved(detail, &FindingDetailView::triageChanged);
        QTest::keyClick(comment, Qt::Key_Return);
        QVERIFY(saved.wait(5000));
        auto stored = m_service->triageFor(f.id, f.package.name, Api).result();
        QVERIFY(stored);
        QCOMPARE(stored->state, TriageState::FalsePositive);
        QCOMPARE(stored->comment, QStringLiteral("class not on the classpath"));
        QCOMPARE(stored->scope, Api);
        auto *history = detail->findChild<QListWidget *>();
        QTRY_COMPARE(history->count(), 1);
        QVERIFY(history->item(0)->text().contains(QStringLiteral("class not on the classpath")));
    }

    void dashboardLoadsAndEmits()
    {
        DashboardView dash;
        dash.resize(1200, 800);
        dash.setHistoryService(m_service.get());
        dash.show();
        QSignalSpy loaded(&dash, &DashboardView::dataLoaded);
        dash.refresh();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(dash.data().latest.size(), 4);
        QVERIFY(dash.data().kevCount > 0);
        QCOMPARE(dash.data().trendRepository, Api); // the most vulnerable image's repository
        QCOMPARE(dash.data().trend.size(), 2);

        auto *pie = qobject_cast<QPieSeries *>(dash.distributionChart()->series().value(0));
        QVERIFY(pie);
        int sum = 0;
        for (QPieSlice *s : pie->slices())
            sum += int(s->value());
        int expected = 0;
        for (const ScanSummary &s : dash.data().latest)
            expected += s.counts.total();
        QCOMPARE(sum, expected);
        QVERIFY(!dash.trendChart()->series().isEmpty());
        QCOMPARE(qobject_cast<QLineSeries *>(dash.trendChart()->series().value(0))->count(), 2);

        QSignalSpy sev(&dash, &DashboardView::severityActivated);
        emit pie->slices().first()->clicked();
        QCOMPARE(sev.count(), 1);
        QCOMPARE(sev.at(0).at(0).value<Severity>(), Severity::Critical);
        QCOMPARE(sev.at(0).at(1).toLongLong(), qint64(-1));

        QSignalSpy image(&dash, &DashboardView::imageActivated);
        auto *bars = qobject_cast<QAbstractBarSeries *>(dash.topImagesChart()->series().value(0));
        QVERIFY(bars);
        const int top = bars->barSets().first()->count() - 1; // drawn bottom-up: last = most vulnerable
        emit bars->clicked(top, bars->barSets().first());
        QCOMPARE(image.count(), 1);
        QCOMPARE(image.at(0).at(0).toLongLong(), dash.data().latest.first().id);

        QSignalSpy vuln(&dash, &DashboardView::vulnerabilityActivated);
        auto *spread = qobject_cast<QAbstractBarSeries *>(dash.widespreadChart()->series().value(0));
        emit spread->clicked(spread->barSets().first()->count() - 1, spread->barSets().first());
        QCOMPARE(vuln.count(), 1);
        QCOMPARE(vuln.at(0).at(0).toString(), dash.data().widespread.first().vulnId);
    }

    void mainWindowNavigatesAndRemembers()
    {
        QSettings().clear();
        {
            MainWindow w;
            w.setHistoryService(m_service.get());
            w.show();
            QApplication::setActiveWindow(&w);
            QVERIFY(QTest::qWaitForWindowActive(&w));
            QCOMPARE(w.currentPage(), MainWindow::DashboardPage);
            QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
            QCOMPARE(w.currentPage(), MainWindow::ImagesPage);
            QTest::keyClick(&w, Qt::Key_4, Qt::ControlModifier);
            QCOMPARE(w.currentPage(), MainWindow::SettingsPage);
            QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
            QCOMPARE(w.currentPage(), MainWindow::ResultsPage);
            QTRY_VERIFY(w.resultsView()->findChild<QLineEdit *>(QStringLiteral("findingsSearch"))->hasFocus());

            // Dashboard → a vulnerability bar opens the scan with the search set.
            QTRY_VERIFY(!w.dashboardView()->data().widespread.isEmpty());
            const VulnerabilitySpread v = w.dashboardView()->data().widespread.first();
            emit w.dashboardView()->vulnerabilityActivated(v.vulnId, v.exampleScanId);
            QTRY_COMPARE(w.resultsView()->findingsProxy()->searchText(), v.vulnId);
            QCOMPARE(w.currentPage(), MainWindow::ResultsPage);
            QVERIFY(w.resultsView()->findingsTable()->model()->rowCount() >= 1);

            // Images: activating a scan opens it.
            QTRY_COMPARE(w.imagesView()->findChild<QTableView *>()->model()->rowCount(), m_ids.size());
            QSignalSpy requested(&w, &MainWindow::imageRequested);
            emit w.imagesView()->imageRequested(QStringLiteral("docker-archive:/tmp/x.tar"));
            QCOMPARE(requested.count(), 1);

            w.showPage(MainWindow::ImagesPage);
            w.resize(1150, 700);
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.currentPage(), MainWindow::ImagesPage);
        QCOMPARE(again.size(), QSize(1150, 700));
    }

    void specForPaths()
    {
        QCOMPARE(ImagesView::specForPath(m_dir.path()), QStringLiteral("oci:") + m_dir.path());
        QCOMPARE(ImagesView::specForPath(m_dir.filePath(QStringLiteral("a.tar"))),
                 QStringLiteral("docker-archive:") + m_dir.filePath(QStringLiteral("a.tar")));
    }

    void cvssMetricNames()
    {
        const auto m = FindingDetailView::cvssMetrics(QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:N"));
        QCOMPARE(m.size(), 8);
        QCOMPARE(m[0].first, QStringLiteral("Attack Vector"));
        QCOMPARE(m[0].second, QStringLiteral("Network"));
        QCOMPARE(m[3].second, QStringLiteral("Required"));
        QCOMPARE(m[4].second, QStringLiteral("Changed"));
        QCOMPARE(m[6].first, QStringLiteral("Integrity"));
        QCOMPARE(m[6].second, QStringLiteral("Low"));
    }
};

QTEST_MAIN(TestScreens)
#include "tst_screens.moc"
