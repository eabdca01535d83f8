// Start-up time of the desktop app: QApplication construction, MainWindow construction, and the
// first paint of the window (until its first QEvent::Paint has been handled). Goal: ≤ 1 s in all.
// Usage: build/bench/bench_startup [runs]   (QT_QPA_PLATFORM=offscreen or under xvfb-run)
// Each run is a fresh process (QApplication can exist once per process): the binary re-executes
// itself with --once and prints the median of the runs.
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QProcess>
#include <QStandardPaths>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

class FirstPaint final : public QObject {
public:
    bool painted = false;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && watched->isWidgetType())
            painted = true;
        return false;
    }
};

int runOnce(int argc, char **argv)
{
    QElapsedTimer total;
    total.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("bulkhead-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_startup"));
    QStandardPaths::setTestModeEnabled(true);
    const qint64 appDone = total.nsecsElapsed();
    bulkhead::MainWindow window;
    window.useOwnHistoryService();
    const qint64 windowDone = total.nsecsElapsed();
    FirstPaint paint;
    window.installEventFilter(&paint);
    window.show();
    while (!paint.painted)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const qint64 paintDone = total.nsecsElapsed();
    std::printf("%.1f %.1f %.1f\n", appDone / 1e6, (windowDone - appDone) / 1e6, (paintDone - windowDone) / 1e6);
    return 0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::string(argv[1]) == "--once")
        return runOnce(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::vector<double> app, window, paint, total;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.start(QString::fromLocal8Bit(argv[0]), {QStringLiteral("--once")});
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            std::fprintf(stderr, "run %d failed: %s\n", i, p.readAllStandardError().constData());
            return 1;
        }
        double a = 0, w = 0, f = 0;
        if (std::sscanf(p.readAllStandardOutput().constData(), "%lf %lf %lf", &a, &w, &f) != 3)
            return 1;
        app.push_back(a);
        window.push_back(w);
        paint.push_back(f);
        total.push_back(a + w + f);
    }
    std::printf("bench_startup: median of %d runs (ms)\n", runs);
    std::printf("  QApplication       %8.1f\n", median(app));
    std::printf("  MainWindow         %8.1f\n", median(window));
    std::printf("  first paint        %8.1f\n", median(paint));
    std::printf("  total              %8.1f   (goal <= 1000)\n", median(total));
    return 0;
}
