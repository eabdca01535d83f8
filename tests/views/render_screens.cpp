// Renders every screen with real data (tests/data/store) to PNG, light and dark palettes, so a
// person can look at them. Usage: QT_QPA_PLATFORM=offscreen render_screens <output folder>
#include "dashboardview.h"
#include "findingsmodel.h"
#include "imagesview.h"
#include "mainwindow.h"
#include "resultsview.h"
#include "scanfixture.h"
#include "store/historyservice.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QSettings>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <cstdio>

using namespace bulkhead;

namespace {

void settle(int ms = 300)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Base, QColor(0x1f, 0x20, 0x23));
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Button, QColor(0x33, 0x36, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    p.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5e));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x36, 0x3a));
    p.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x83, 0x88));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x83, 0x88));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x83, 0x88));
    return p;
}

bool save(QWidget *w, const QString &dir, const QString &name)
{
    settle();
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    const bool ok = w->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("bulkhead-render"));
    QApplication::setApplicationName(QStringLiteral("render_screens"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (argc < 2) {
        std::fprintf(stderr, "usage: render_screens <output folder>\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    QTemporaryDir tmp;
    HistoryService service(tmp.filePath(QStringLiteral("history.sqlite")));
    const QString api = QStringLiteral("registry.example.com/shop/api");
    auto at = [](int d, int h) { return QDateTime(QDate(2026, 3, d), QTime(h, 0), Qt::UTC); };
    const QVector<ScanResult> scans{
        test::alpineScan(QStringLiteral("alpine-310"), at(1, 8)),
        test::appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"), api + QStringLiteral(":1.0"), at(2, 9)),
        test::appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"), api + QStringLiteral(":1.0"), at(5, 9)),
        test::appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"),
                      QStringLiteral("registry.example.com/shop/worker:2.3"), at(6, 10)),
        test::appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"), api + QStringLiteral(":1.1"), at(9, 11)),
        test::alpineScan(QStringLiteral("alpine-311"), at(10, 8)),
    };
    for (const ScanResult &s : scans)
        if (!service.saveScan(s).result())
            return 1;

    bool ok = true;
    for (const bool dark : {false, true}) {
        if (dark)
            QApplication::setPalette(darkPalette());
        const QString suffix = dark ? QStringLiteral("-dark") : QString();
        QSettings().clear();
        MainWindow w;
        w.resize(1400, 900);
        w.setHistoryService(&service);
        w.show();
        QSignalSpy loaded(w.dashboardView(), &DashboardView::dataLoaded);
        loaded.wait(5000);
        ok &= save(&w, out, QStringLiteral("dashboard") + suffix);
        w.showPage(MainWindow::ImagesPage);
        ok &= save(&w, out, QStringLiteral("images") + suffix);

        w.showScanResult(scans[1]);
        QTableView *table = w.resultsView()->findingsTable();
        table->setCurrentIndex(table->model()->index(0, 0));
        ok &= save(&w, out, QStringLiteral("results") + suffix);
        w.resultsView()->setSeverityFilter({Severity::Critical, Severity::High});
        w.resultsView()->setKevOnly(true);
        table->setCurrentIndex(table->model()->index(0, 0));
        ok &= save(&w, out, QStringLiteral("results-filtered") + suffix);
        w.resultsView()->resetFilters();
        w.resultsView()->setGrouping(ResultsView::Grouping::ByPackage);
        settle();
        w.resultsView()->groupedTree()->expand(w.resultsView()->groupedTree()->model()->index(1, 0));
        ok &= save(&w, out, QStringLiteral("results-grouped") + suffix);
        w.resultsView()->setGrouping(ResultsView::Grouping::None);
        w.resultsView()->showTab(ResultsView::PackagesTab);
        ok &= save(&w, out, QStringLiteral("results-packages") + suffix);
        w.resultsView()->showTab(ResultsView::LayersTab);
        w.resultsView()->layersTable()->setCurrentIndex(w.resultsView()->layersTable()->model()->index(1, 0));
        ok &= save(&w, out, QStringLiteral("results-layers") + suffix);
        w.showPage(MainWindow::SettingsPage);
        ok &= save(&w, out, QStringLiteral("settings") + suffix);
        w.showPage(MainWindow::ComparePage);
        ok &= save(&w, out, QStringLiteral("compare-reserved") + suffix);
        w.close();
    }
    return ok ? 0 : 1;
}
