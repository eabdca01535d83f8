// Prints how fast the rpm cataloger reads the real databases in tests/data/catalog-rpm (SQLite,
// NDB, Berkeley DB): packages per second and MB per second, over repeated parses.

#include "catalog/rpm/rpmcataloger.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <cstdio>

using namespace bulkhead;

static QByteArray load(const QString &name)
{
    const QString path = QStringLiteral(BULKHEAD_TEST_DATA "/catalog-rpm/") + name;
    if (!name.endsWith(u".xz")) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QProcess xz;
    xz.start(QStringLiteral("xz"), { QStringLiteral("-dc"), path });
    return xz.waitForFinished(60000) && xz.exitCode() == 0 ? xz.readAllStandardOutput() : QByteArray();
}

static int bench(const char *label, const QString &file, const QString &imagePath)
{
    const QByteArray content = load(file);
    if (content.isEmpty()) {
        std::fprintf(stderr, "bench_rpmdb: cannot read %s\n", qPrintable(file));
        return 1;
    }
    const RpmCataloger cataloger;
    const FileMeta meta { imagePath, content.size(), 0100644 };
    QElapsedTimer timer;
    timer.start();
    qint64 packages = 0;
    int rounds = 0;
    while (timer.elapsed() < 2000 || rounds < 3) {
        const auto facts = cataloger.parse(meta, content);
        if (!facts) {
            std::fprintf(stderr, "bench_rpmdb: %s\n", qPrintable(facts.error().message));
            return 1;
        }
        packages += facts->packages.size();
        ++rounds;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("%-8s %-36s %6.1f ms/parse  %9.0f packages/s  %7.1f MB/s\n", label, qPrintable(file),
        1000.0 * seconds / rounds, double(packages) / seconds, double(content.size()) * rounds / seconds / 1e6);
    return 0;
}

int main()
{
    int rc = 0;
    rc |= bench("sqlite", QStringLiteral("cbl-mariner-2.0.rpmdb.sqlite.xz"), QStringLiteral("var/lib/rpm/rpmdb.sqlite"));
    rc |= bench("ndb", QStringLiteral("sle15-bci.Packages.db.xz"), QStringLiteral("usr/lib/sysimage/rpm/Packages.db"));
    rc |= bench("bdb", QStringLiteral("libuuid.Packages"), QStringLiteral("var/lib/rpm/Packages"));
    return rc;
}
