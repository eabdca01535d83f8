// bench_match [--scale N] [--runs N] [--keep DBPATH]   (--keep: build there once, reuse after)
// Matches 1,000 real packages (names drawn from the real Go and PyPI records, about a third at
// an affected version) against a database of >= 300k advisories: the real Go + PyPI OSV archives
// imported once, then copied inside SQLite under new ids and package names until the count is
// reached. Prints the median wall and CPU time of Matcher::match over several runs.

#include "match/matcher.h"
#include "vulndb/dbconnection.h"
#include "vulndb/importer.h"
#include "vulndb/vulndbwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace bulkhead;

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

void print(const QString &s)
{
    std::fputs(s.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

// Copies every original row once more, suffixing ids and package names with `suffix`.
bool replicate(QSqlDatabase &db, const QString &suffix)
{
    const QString s = u'\'' + suffix + u'\'';
    const QStringList sql = {
        QStringLiteral("INSERT INTO vulnerabilities SELECT id||%1, source, summary, details, published, modified, "
                       "withdrawn, severity, database_specific, related, upstream FROM vulnerabilities WHERE id NOT LIKE '%~%'").arg(s),
        QStringLiteral("INSERT INTO aliases SELECT vuln_id||%1, alias||%1 FROM aliases WHERE vuln_id NOT LIKE '%~%'").arg(s),
        QStringLiteral("INSERT INTO cvss SELECT vuln_id||%1, version, vector, base_score, source FROM cvss WHERE vuln_id NOT LIKE '%~%'").arg(s),
        QStringLiteral("INSERT INTO affected SELECT vuln_id||%1, ecosystem, ecosystem_base, name||%1, name_key||%1, purl, "
                       "ranges, versions, ecosystem_specific, database_specific, severity FROM affected WHERE vuln_id NOT LIKE '%~%'").arg(s),
    };
    QSqlQuery q(db);
    for (const QString &stmt : sql) {
        if (!q.exec(stmt)) {
            print(q.lastError().text() + u'\n');
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int scale = 0, runCount = 9;
    QString keep;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == u"--scale")
            scale = args[++i].toInt();
        else if (args[i] == u"--keep")
            keep = args[++i];
        else if (args[i] == u"--runs")
            runCount = qMax(1, args[++i].toInt());
    }
    QTemporaryDir tmp;
    const QString dbPath = keep.isEmpty() ? tmp.filePath(QStringLiteral("bench.sqlite")) : keep;
    const bool reuse = !keep.isEmpty() && QFileInfo::exists(keep);
    if (!reuse) {
        auto w = VulnDbWriter::open(dbPath);
        if (!w)
            return 2;
        Importer importer(**w);
        for (const QString &zip : {QStringLiteral(BULKHEAD_TEST_DATA "/match/osv-Go-all.zip"),
                                   QStringLiteral(BULKHEAD_TEST_DATA "/vulndb/osv/PyPI/all.zip")}) {
            if (auto r = importer.importOsvZip(zip, QStringLiteral("bench")); !r) {
                print(r.error().message + u'\n');
                return 2;
            }
        }
    }
    auto dbr = VulnDb::open(dbPath);
    if (!dbr)
        return 2;
    const qint64 real = *dbr->vulnerabilityCount();
    if (scale <= 0)
        scale = int((300000 + real - 1) / real);
    if (!reuse) {
        QElapsedTimer t;
        t.start();
        auto conn = DbConnection::open(dbPath, false);
        if (!conn)
            return 2;
        QSqlQuery(*conn).exec(QStringLiteral("BEGIN"));
        for (int copy = 1; copy < scale; ++copy)
            if (!replicate(*conn, QStringLiteral("~%1").arg(copy)))
                return 2;
        QSqlQuery(*conn).exec(QStringLiteral("COMMIT"));
        QSqlQuery(*conn).exec(QStringLiteral("ANALYZE"));
        print(QStringLiteral("database: %1 real records x %2 = %3 advisories (built in %4 s)\n")
                  .arg(real).arg(scale).arg(*dbr->vulnerabilityCount()).arg(double(t.elapsed()) / 1000.0, 0, 'f', 1));
    }

    // 1,000 packages: real names from the original records; every third at a version inside the
    // record's first range (or an explicit affected version), the rest at a high version.
    QVector<Package> packages;
    QSet<QString> seen;
    for (const QString &base : {QStringLiteral("Go"), QStringLiteral("PyPI")}) {
        auto conn = DbConnection::open(dbPath, true);
        QSqlQuery q(*conn);
        q.exec(QStringLiteral("SELECT name, ranges, versions FROM affected WHERE ecosystem_base = '%1' "
                              "AND vuln_id NOT LIKE '%~%' ORDER BY vuln_id").arg(base));
        while (q.next() && packages.size() < (base == u"Go" ? 500 : 1000)) {
            const QString name = q.value(0).toString();
            if (seen.contains(base + name))
                continue;
            seen.insert(base + name);
            Package p;
            p.ecosystem = base == u"Go" ? Ecosystem::Go : Ecosystem::PyPI;
            p.name = name;
            const QString versions = q.value(2).toString();
            const QString introduced = q.value(1).toString().section(QStringLiteral("\"introduced\":\""), 1, 1).section(u'"', 0, 0);
            if (packages.size() % 3 == 0 && !versions.isEmpty())
                p.version = versions.section(u'\n', 0, 0);
            else if (packages.size() % 3 == 0 && !introduced.isEmpty() && introduced != u"0")
                p.version = introduced;
            else
                p.version = base == u"Go" ? QStringLiteral("v999.0.0") : QStringLiteral("999.0");
            packages.append(p);
        }
    }

    Matcher matcher(*dbr);
    QVector<double> wall, cpu;
    int findings = 0;
    for (int run = 0; run < runCount; ++run) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        auto r = matcher.match(packages, OsInfo());
        cpu.append(threadCpuMs() - cpu0);
        wall.append(double(t.nsecsElapsed()) / 1e6);
        if (!r) {
            print(r.error().message + u'\n');
            return 2;
        }
        findings = r->size();
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    print(QStringLiteral("match: %1 packages -> %2 findings; %3 runs: median %4 ms wall (min %5), median %6 ms CPU (min %7)\n")
              .arg(packages.size()).arg(findings).arg(runCount).arg(wall[wall.size() / 2], 0, 'f', 1)
              .arg(wall.first(), 0, 'f', 1).arg(cpu[cpu.size() / 2], 0, 'f', 1).arg(cpu.first(), 0, 'f', 1));
    return 0;
}
