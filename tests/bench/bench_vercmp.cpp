// Prints how many version comparisons per second the dpkg and semver comparators manage over the
// real version pairs in tests/data/version (the matcher calls compare() millions of times).

#include "version/versioncomparator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QPair>

#include <cstdio>

using namespace bulkhead;

static QList<QPair<QString, QString>> loadPairs(const QString &file)
{
    QList<QPair<QString, QString>> pairs;
    QFile f(QStringLiteral(BULKHEAD_TEST_DATA "/version/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return pairs;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> cols = line.split('\t');
        if (cols.size() >= 2)
            pairs.append({QString::fromUtf8(cols[0]), QString::fromUtf8(cols[1])});
    }
    return pairs;
}

static int bench(const char *ecosystem, const QString &file)
{
    const VersionComparator *cmp = comparatorFor(QString::fromLatin1(ecosystem));
    const auto pairs = loadPairs(file);
    if (!cmp || pairs.isEmpty()) {
        std::fprintf(stderr, "bench_vercmp: no comparator or no data for %s (%s)\n", ecosystem,
                     qPrintable(file));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    qint64 checksum = 0;
    while (timer.elapsed() < 1000) {
        for (const auto &p : pairs) {
            checksum += cmp->compare(p.first, p.second).value_or(0);
            ++count;
        }
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    std::printf("%-7s %10.0f comparisons/s  (%lld comparisons of %lld pairs, checksum %lld)\n",
                ecosystem, count / seconds, static_cast<long long>(count),
                static_cast<long long>(pairs.size()), static_cast<long long>(checksum));
    return 0;
}

int main()
{
    int rc = bench("deb", QStringLiteral("debian-osv-scalibr-generated.tsv"));
    rc |= bench("semver", QStringLiteral("semver-osv-scalibr.tsv"));
    return rc;
}
