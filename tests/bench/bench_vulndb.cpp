// bench_vulndb [ZIP...] [--scale N] [--keep DBPATH] [--import-only]
// 1. Imports each real OSV all.zip (default: tests/data PyPI and Go) into a fresh database, in
//    place (as `db import`) and as a scratch side copy (as `db update`), and prints records/s.
// 2. Builds a large database from the same real records, replicated N times under new ids and
//    package names (default N so that ~300k advisories exist), then times affectedForMany() for
//    1,000 package names (hits and misses), the matcher's hot query.

#include "common/localtimezone.h"
#include "vulndb/dbconnection.h"
#include "vulndb/importer.h"
#include "vulndb/osvrecord.h"
#include "vulndb/vulndb.h"
#include "vulndb/vulndbwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace bulkhead;

namespace {

QVector<QByteArray> readMembers(const QString &path)
{
    QVector<QByteArray> out;
    archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 1 << 16) == ARCHIVE_OK) {
        archive_entry *e;
        while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
            QByteArray data;
            char buf[65536];
            for (la_ssize_t n; (n = archive_read_data(a, buf, sizeof buf)) > 0;)
                data.append(buf, int(n));
            out.append(data);
        }
    }
    archive_read_free(a);
    return out;
}

// CPU time of this thread: on a shared, loaded machine wall time mostly measures the waiting.
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

} // namespace

int main(int argc, char **argv)
{
    pinLocalTimeZone();   // as app/main.cpp does
    QCoreApplication app(argc, argv);
    QStringList zips;
    int scale = 0;
    QString keep;
    bool importOnly = false;   // step 1 only: for profiling the import
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == u"--scale" && i + 1 < args.size())
            scale = args[++i].toInt();
        else if (args[i] == u"--import-only")
            importOnly = true;
        else if (args[i] == u"--keep" && i + 1 < args.size())
            keep = args[++i];
        else
            zips << args[i];
    }
    if (zips.isEmpty()) {
        zips << QStringLiteral(BULKHEAD_TEST_DATA "/vulndb/osv/PyPI/all.zip");
        const QString go = QStringLiteral(BULKHEAD_TEST_DATA "/match/osv-Go-all.zip");
        if (QFileInfo::exists(go))
            zips << go;
    }
    QTemporaryDir tmp;

    // 1. Import speed on the real archives.
    QVector<QByteArray> allRecords;
    for (const QString &zip : zips) {
        // In place (db import: durable WAL commits), then as `db update` does it (a scratch side
        // copy in bulk-load mode, indexes rebuilt at the end, which is counted).
        for (const auto mode : {VulnDbWriter::Mode::Durable, VulnDbWriter::Mode::Scratch}) {
            const bool scratch = mode == VulnDbWriter::Mode::Scratch;
            const QString dbPath = tmp.filePath(QFileInfo(zip).absoluteDir().dirName()
                                                + (scratch ? QStringLiteral("-scratch.sqlite") : QStringLiteral(".sqlite")));
            auto w = VulnDbWriter::open(dbPath, mode);
            if (!w) {
                print(w.error().message + u'\n');
                return 2;
            }
            Importer importer(**w);
            QElapsedTimer t;
            t.start();
            const double cpu0 = threadCpuMs();
            auto bulk = (*w)->beginBulkLoad();
            auto stats = importer.importOsvZip(zip, QStringLiteral("bench"));
            if (bulk)
                bulk = (*w)->endBulkLoad();
            const double secs = double(t.nsecsElapsed()) / 1e9;
            const double cpuSecs = (threadCpuMs() - cpu0) / 1e3;
            if (!stats || !bulk) {
                print((stats ? bulk.error().message : stats.error().message) + u'\n');
                return 2;
            }
            print(QStringLiteral("import %1 (%8): %2 records in %3 s = %4 records/s (%5 MB zip); CPU %6 s = %7 records/CPU-s\n")
                      .arg(zip).arg(stats->records).arg(secs, 0, 'f', 3).arg(double(stats->records) / secs, 0, 'f', 0)
                      .arg(double(QFileInfo(zip).size()) / 1e6, 0, 'f', 1).arg(cpuSecs, 0, 'f', 3)
                      .arg(double(stats->records) / cpuSecs, 0, 'f', 0)
                      .arg(scratch ? QStringLiteral("update side copy") : QStringLiteral("in place")));
        }
        if (!importOnly)
            allRecords += readMembers(zip);
    }
    if (importOnly)
        return 0;

    // 2. Bulk query latency on a ~300k-advisory database built from the real records.
    QVector<VulnRecord> base;
    for (const QByteArray &json : allRecords) {
        auto r = osv::parseRecord(json, nullptr);
        if (r)
            base.append(*r);
    }
    if (base.isEmpty())
        return 2;
    if (scale <= 0)
        scale = std::max(1, int(300000 / base.size()));
    const QString bigPath = keep.isEmpty() ? tmp.filePath(QStringLiteral("big.sqlite")) : keep;
    QFile::remove(bigPath);
    auto w = VulnDbWriter::open(bigPath);
    if (!w)
        return 2;
    QElapsedTimer t;
    t.start();
    int written = 0;
    (*w)->begin();
    for (int copy = 0; copy < scale; ++copy) {
        for (VulnRecord r : base) {
            if (copy > 0) {
                r.id += QStringLiteral("-copy%1").arg(copy);
                for (AffectedEntry &a : r.affected)
                    a.name += QStringLiteral("-copy%1").arg(copy);
            }
            if (!(*w)->upsert(r, QStringLiteral("bench")))
                return 2;
            if (++written % 20000 == 0) {
                (*w)->commit();
                (*w)->begin();
            }
        }
    }
    (*w)->commit();
    print(QStringLiteral("built %1 advisories (%2 real x %3) in %4 s = %5 records/s (parsed records, writer only)\n")
              .arg(written).arg(base.size()).arg(scale).arg(double(t.elapsed()) / 1000.0, 0, 'f', 1)
              .arg(double(written) / (double(t.elapsed()) / 1000.0), 0, 'f', 0));
    w->reset();

    auto db = VulnDb::open(bigPath);
    if (!db)
        return 2;
    // 1,000 names of one ecosystem: 600 that have advisories, 400 that do not.
    QStringList names;
    for (const VulnRecord &r : base)
        for (const AffectedEntry &a : r.affected)
            if (a.ecosystemBase == u"PyPI" && !names.contains(a.name) && names.size() < 600)
                names << a.name;
    const int hits = int(names.size());
    for (int i = 0; names.size() < 1000; ++i)
        names << QStringLiteral("no-such-package-%1").arg(i);
    QVector<double> runs, cpu;
    qint64 entries = 0;
    for (int run = 0; run < 7; ++run) {
        QElapsedTimer q;
        q.start();
        const double cpu0 = threadCpuMs();
        auto result = db->affectedForMany(QStringLiteral("PyPI"), names);
        cpu.append(threadCpuMs() - cpu0);
        runs.append(double(q.nsecsElapsed()) / 1e6);
        entries = 0;
        for (const auto &v : *result)
            entries += v.size();
    }
    std::sort(runs.begin(), runs.end());
    std::sort(cpu.begin(), cpu.end());
    // Baseline: the same SQL through QSqlQuery without building AffectedEntry values.
    QVector<double> raw;
    {
        QSqlDatabase conn = *DbConnection::open(bigPath, true);
        for (int run = 0; run < 7; ++run) {
            QElapsedTimer q;
            q.start();
            QSqlQuery query(conn);
            query.setForwardOnly(true);
            for (int start = 0; start < names.size(); start += 500) {
                QString sql = QStringLiteral("SELECT vuln_id, ranges, versions FROM affected WHERE ecosystem_base = ? AND name_key IN (");
                for (int i = 0; i < 500 && start + i < names.size(); ++i)
                    sql += i ? QStringLiteral(",?") : QStringLiteral("?");
                query.prepare(sql + u')');
                query.addBindValue(QStringLiteral("PyPI"));
                for (int i = 0; i < 500 && start + i < names.size(); ++i)
                    query.addBindValue(normalizePackageName(QStringLiteral("PyPI"), names[start + i]));
                query.exec();
                while (query.next())
                    (void)query.value(1).toString();
            }
            raw.append(double(q.nsecsElapsed()) / 1e6);
        }
        std::sort(raw.begin(), raw.end());
    }
    print(QStringLiteral("affectedForMany: 1000 names (%1 with advisories) against %2 advisories -> %3 entries; "
                         "median %4 ms, min %5 ms, first (cold) run included\n")
              .arg(hits).arg(written).arg(entries).arg(runs[runs.size() / 2], 0, 'f', 1).arg(runs.first(), 0, 'f', 1));
    print(QStringLiteral("  CPU time of the query thread: median %1 ms, min %2 ms\n")
              .arg(cpu[cpu.size() / 2], 0, 'f', 1).arg(cpu.first(), 0, 'f', 1));
    print(QStringLiteral("  same SQL, rows only (no parsing): median %1 ms, min %2 ms\n")
              .arg(raw[raw.size() / 2], 0, 'f', 1).arg(raw.first(), 0, 'f', 1));
    return 0;
}
