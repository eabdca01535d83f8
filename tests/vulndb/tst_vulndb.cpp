// The vulnerability database on real data: OSV archives and samples, the full KEV catalog, EPSS
// files (good and broken), re-import rules, aliases, name normalisation, bundles.

#include "testutil.h"
#include "vulndb/bundle.h"
#include "vulndb/dbconnection.h"
#include "vulndb/importer.h"
#include "vulndb/osvrecord.h"
#include "vulndb/schema.h"
#include "vulndb/vulndb.h"
#include "vulndb/vulndbwriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <archive.h>
#include <archive_entry.h>

using namespace bulkhead;

namespace {

QString pypiZip() { return test::dataPath(QStringLiteral("vulndb/osv/PyPI/all.zip")); }

// Every member of a zip, read independently of the importer.
QMap<QString, QByteArray> readZip(const QString &path)
{
    QMap<QString, QByteArray> out;
    archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 1 << 16) == ARCHIVE_OK) {
        archive_entry *e;
        while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
            QByteArray data;
            char buf[65536];
            la_ssize_t n;
            while ((n = archive_read_data(a, buf, sizeof buf)) > 0)
                data.append(buf, int(n));
            out.insert(QString::fromUtf8(archive_entry_pathname(e)), data);
        }
    }
    archive_read_free(a);
    return out;
}

qint64 countRows(const QString &dbPath, const QString &sql)
{
    auto db = DbConnection::open(dbPath, true);
    if (!db)
        return -1;
    QSqlQuery q(*db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

Result<ImportStats> importInto(const QString &dbPath, const QString &path)
{
    auto w = VulnDbWriter::open(dbPath);
    if (!w)
        return tl::unexpected(w.error());
    Importer importer(**w);
    return importer.importPath(path);
}

// The record's affected[] as the DB must reproduce it: (ecosystem, name, ranges, versions).
QJsonArray expectedAffected(const QJsonObject &record)
{
    QJsonArray out;
    for (const auto &av : record.value(QStringLiteral("affected")).toArray()) {
        const QJsonObject a = av.toObject();
        const QJsonObject pkg = a.value(QStringLiteral("package")).toObject();
        if (pkg.value(QStringLiteral("ecosystem")).toString().isEmpty() || pkg.value(QStringLiteral("name")).toString().isEmpty())
            continue;
        QJsonArray ranges;
        for (const auto &rv : a.value(QStringLiteral("ranges")).toArray()) {
            QJsonArray events;
            for (const auto &ev : rv.toObject().value(QStringLiteral("events")).toArray()) {
                const QJsonObject eo = ev.toObject();
                events.append(QJsonArray{eo.keys().first(), eo.value(eo.keys().first()).toString()});
            }
            ranges.append(QJsonArray{rv.toObject().value(QStringLiteral("type")).toString(), events});
        }
        out.append(QJsonArray{pkg.value(QStringLiteral("ecosystem")).toString(), pkg.value(QStringLiteral("name")).toString(),
                              ranges, a.value(QStringLiteral("versions")).toArray()});
    }
    return out;
}

QJsonArray actualAffected(const VulnRecord &v)
{
    QJsonArray out;
    for (const AffectedEntry &a : v.affected) {
        QJsonArray ranges;
        for (const OsvRange &r : a.ranges) {
            QJsonArray events;
            for (const OsvEvent &e : r.events)
                events.append(QJsonArray{e.kind, e.value});
            ranges.append(QJsonArray{r.type, events});
        }
        out.append(QJsonArray{a.ecosystem, a.name, ranges, QJsonArray::fromStringList(a.versions)});
    }
    return out;
}

// Compares a stored record with its source JSON, field by field.
void compareRecord(const VulnRecord &v, const QJsonObject &o)
{
    QCOMPARE(v.id, o.value(QStringLiteral("id")).toString());
    QCOMPARE(v.summary, o.value(QStringLiteral("summary")).toString());
    QCOMPARE(v.details, o.value(QStringLiteral("details")).toString());
    QCOMPARE(v.modified, o.value(QStringLiteral("modified")).toString());
    QCOMPARE(v.published, o.value(QStringLiteral("published")).toString());
    QCOMPARE(v.withdrawn, o.value(QStringLiteral("withdrawn")).toString());
    for (const auto &alias : o.value(QStringLiteral("aliases")).toArray())
        QVERIFY2(v.aliases.contains(alias.toString()), qPrintable(v.id + u' ' + alias.toString()));
    QCOMPARE(v.references.size(), o.value(QStringLiteral("references")).toArray().size());
    int cvssCount = 0;
    for (const auto &s : o.value(QStringLiteral("severity")).toArray())
        cvssCount += s.toObject().value(QStringLiteral("type")).toString().startsWith(QStringLiteral("CVSS_")) ? 1 : 0;
    QCOMPARE(v.cvss.size(), cvssCount);
    for (const CvssScore &c : v.cvss)
        QVERIFY2(c.baseScore >= 0 && c.baseScore <= 10, qPrintable(v.id + u' ' + c.vector));
    QCOMPARE(actualAffected(v), expectedAffected(o));
}

} // namespace

class TestVulnDb : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_pypiDb;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_pypiDb = m_tmp.filePath(QStringLiteral("pypi.sqlite"));
        auto stats = importInto(m_pypiDb, pypiZip());
        QVERIFY2(stats.has_value(), stats ? "" : qPrintable(stats.error().message));
        QCOMPARE(stats->kind, FeedKind::OsvZip);
        QCOMPARE(stats->records, 2661);
        QCOMPARE(stats->inserted, 2661);
        QCOMPARE(stats->broken, 0);
        QCOMPARE(stats->source, QStringLiteral("file:PyPI/all.zip"));
    }

    void schemaVersionRecorded()
    {
        auto db = VulnDb::open(m_pypiDb);
        QVERIFY(db.has_value());
        QCOMPARE(db->schemaVersion(), schema::currentVersion());
        auto sources = db->sources();
        QVERIFY(sources.has_value());
        QCOMPARE(sources->size(), 1);
        QCOMPARE(sources->first().recordCount, 2661);
        QVERIFY(sources->first().importedAt.secsTo(QDateTime::currentDateTimeUtc()) < 600);
    }

    void pypiRecordsMatchTheirJson()
    {
        auto db = VulnDb::open(m_pypiDb);
        QVERIFY(db.has_value());
        const auto members = readZip(pypiZip());
        QCOMPARE(members.size(), 2661);
        int withdrawn = 0;
        for (auto it = members.cbegin(); it != members.cend(); ++it) {
            const QJsonObject o = QJsonDocument::fromJson(it.value()).object();
            auto v = db->vulnerability(o.value(QStringLiteral("id")).toString());
            QVERIFY2(v.has_value(), qPrintable(it.key()));
            compareRecord(*v, o);
            withdrawn += v->isWithdrawn() ? 1 : 0;
        }
        QCOMPARE(withdrawn, 10); // SOURCES.md: 10 withdrawn
    }

    void pypiRangeCounts()
    {
        // SOURCES.md: 2659 ECOSYSTEM + 1391 GIT ranges.
        auto db = DbConnection::open(m_pypiDb, true);
        QVERIFY(db.has_value());
        QSqlQuery q(*db);
        QVERIFY(q.exec(QStringLiteral("SELECT ranges FROM affected")));
        QHash<QString, int> byType;
        while (q.next())
            for (const auto &r : QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array())
                ++byType[r.toObject().value(QStringLiteral("type")).toString()];
        QCOMPARE(byType.value(QStringLiteral("ECOSYSTEM")), 2659);
        QCOMPARE(byType.value(QStringLiteral("GIT")), 1391);
    }

    // `db update` writes a scratch side copy in bulk-load mode (indexes dropped, rebuilt at the
    // end); the result must be the same database as an in-place import, indexes included.
    void scratchBulkLoadIsTheSameDatabase()
    {
        const QString durable = m_tmp.filePath(QStringLiteral("durable.sqlite"));
        const QString scratch = m_tmp.filePath(QStringLiteral("scratch.sqlite"));
        QVERIFY(importInto(durable, pypiZip()).has_value());
        {
            auto w = VulnDbWriter::open(scratch, VulnDbWriter::Mode::Scratch);
            QVERIFY(w.has_value());
            QVERIFY((*w)->beginBulkLoad().has_value());
            auto d = DbConnection::open(scratch, false);
            QSqlQuery q(*d);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'affected_base_name'")) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);   // dropped while loading
            q.finish();
            Importer importer(**w);
            auto stats = importer.importPath(pypiZip());
            QVERIFY2(stats.has_value(), stats ? "" : qPrintable(stats.error().message));
            QCOMPARE(stats->inserted, 2661);
            QVERIFY((*w)->endBulkLoad().has_value());
            // A second bulk load on a database with records changes nothing.
            QVERIFY((*w)->beginBulkLoad().has_value());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'affected_base_name'")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            q.finish();
            QVERIFY((*w)->endBulkLoad().has_value());
        }
        auto dump = [](const QString &path) {
            QStringList rows;
            auto db = DbConnection::open(path, true);
            QSqlQuery q(*db);
            q.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"));
            while (q.next())
                rows << q.value(0).toString() + u'|' + q.value(1).toString() + u'|' + q.value(3).toString();
            for (const char *sql : {"SELECT * FROM vulnerabilities ORDER BY id", "SELECT * FROM aliases ORDER BY 1, 2",
                                    "SELECT * FROM \"references\" ORDER BY rowid", "SELECT * FROM cvss ORDER BY rowid",
                                    "SELECT * FROM affected ORDER BY rowid"}) {
                q.exec(QString::fromLatin1(sql));
                while (q.next()) {
                    QString row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row += q.value(i).toString() + u'\x1f';
                    rows << row;
                }
            }
            return rows;
        };
        const QStringList a = dump(durable), b = dump(scratch);
        QVERIFY(a.size() > 10000);
        QCOMPARE(b.size(), a.size());
        for (int i = 0; i < a.size(); ++i)
            QCOMPARE(b[i], a[i]);
        // Scratch writes leave no journal behind on disk.
        QVERIFY(!QFileInfo::exists(scratch + QStringLiteral("-journal")));
    }

    // The stored ranges are written without QJsonDocument; they must be the bytes it writes.
    void rangesJsonIsWhatQtWrites_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QStringLiteral("1.2.3");
        QTest::newRow("quote, backslash, slash") << QStringLiteral("a\"b\\c/d");
        QTest::newRow("controls") << QString::fromUtf16(u"\u0001\u0008\u0009\u000a\u000c\u000d\u001f\u007f end");
        QTest::newRow("non-ASCII") << QStringLiteral("caf\u00e9 \u20ac \U0001F600");
        QTest::newRow("empty") << QString();
    }

    void rangesJsonIsWhatQtWrites()
    {
        QFETCH(QString, value);
        OsvRange r;
        r.type = QStringLiteral("ECOSYSTEM");
        r.repo = value;
        r.events = {OsvEvent{QStringLiteral("introduced"), value}, OsvEvent{QStringLiteral("fixed"), QStringLiteral("2")}};
        r.databaseSpecific.insert(QStringLiteral("note"), value);
        OsvRange bare;
        bare.type = QStringLiteral("GIT");
        bare.events = {OsvEvent{QStringLiteral("last_affected"), value}};
        QJsonArray expected;
        for (const OsvRange &x : {r, bare}) {
            QJsonObject o;
            o.insert(QStringLiteral("type"), x.type);
            if (!x.repo.isEmpty())
                o.insert(QStringLiteral("repo"), x.repo);
            QJsonArray events;
            for (const OsvEvent &e : x.events)
                events.append(QJsonObject{{e.kind, e.value}});
            o.insert(QStringLiteral("events"), events);
            if (!x.databaseSpecific.isEmpty())
                o.insert(QStringLiteral("database_specific"), x.databaseSpecific);
            expected.append(o);
        }
        QCOMPARE(osv::rangesToCompactJson({r, bare}), QJsonDocument(expected).toJson(QJsonDocument::Compact));
        QCOMPARE(osv::rangesToCompactJson({}), QByteArray("[]"));
    }

    void storedRangesAreCanonical()
    {
        // Real records: every stored ranges value is what QJsonDocument writes for it.
        auto db = DbConnection::open(m_pypiDb, true);
        QSqlQuery q(*db);
        QVERIFY(q.exec(QStringLiteral("SELECT ranges FROM affected")));
        int n = 0;
        while (q.next()) {
            const QByteArray stored = q.value(0).toString().toUtf8();
            QCOMPARE(QJsonDocument::fromJson(stored).toJson(QJsonDocument::Compact), stored);
            ++n;
        }
        QVERIFY(n > 2000);
    }

    void reimportIsIdempotent()
    {
        const QStringList tables = {QStringLiteral("vulnerabilities"), QStringLiteral("affected"), QStringLiteral("aliases"),
                                    QStringLiteral("\"references\""), QStringLiteral("cvss")};
        QList<qint64> before;
        for (const QString &t : tables)
            before << countRows(m_pypiDb, QStringLiteral("SELECT count(*) FROM ") + t);
        auto stats = importInto(m_pypiDb, pypiZip());
        QVERIFY(stats.has_value());
        QCOMPARE(stats->inserted, 0);
        QCOMPARE(stats->updated, 2661);
        QCOMPARE(stats->skipped, 0);
        for (int i = 0; i < tables.size(); ++i)
            QCOMPARE(countRows(m_pypiDb, QStringLiteral("SELECT count(*) FROM ") + tables[i]), before[i]);
    }

    void newerModifiedWins()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("modified.sqlite"));
        const QString src = test::dataPath(QStringLiteral("vulndb/osv/samples/trivy-db-ghsa/GHSA-4v7x-pqxf-cx7m.json"));
        QVERIFY(importInto(dbPath, src).has_value());
        QFile f(src);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QString original = o.value(QStringLiteral("summary")).toString();

        auto writeVariant = [this, &o](const QString &modified, const QString &summary) {
            QJsonObject v = o;
            v.insert(QStringLiteral("modified"), modified);
            v.insert(QStringLiteral("summary"), summary);
            const QString p = m_tmp.filePath(QStringLiteral("variant.json"));
            QFile out(p);
            out.open(QIODevice::WriteOnly | QIODevice::Truncate);
            out.write(QJsonDocument(v).toJson());
            return p;
        };
        auto older = importInto(dbPath, writeVariant(QStringLiteral("2020-01-01T00:00:00Z"), QStringLiteral("older copy")));
        QVERIFY(older.has_value());
        QCOMPARE(older->skipped, 1);
        auto db = VulnDb::open(dbPath);
        QCOMPARE(db->vulnerability(QStringLiteral("GHSA-4v7x-pqxf-cx7m"))->summary, original);

        auto newer = importInto(dbPath, writeVariant(QStringLiteral("2025-01-01T00:00:00.123Z"), QStringLiteral("newer copy")));
        QVERIFY(newer.has_value());
        QCOMPARE(newer->updated, 1);
        auto v = db->vulnerability(QStringLiteral("GHSA-4v7x-pqxf-cx7m"));
        QCOMPARE(v->summary, QStringLiteral("newer copy"));
        QCOMPARE(v->affected.size(), 2);   // children replaced, not duplicated
        QCOMPARE(countRows(dbPath, QStringLiteral("SELECT count(*) FROM affected")), 2);
    }

    void samplesPreserved_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::newRow("trivy-db-ghsa") << "vulndb/osv/samples/trivy-db-ghsa";
        QTest::newRow("osv.dev") << "vulndb/osv/samples/osv.dev";
        QTest::newRow("osv-schema") << "vulndb/osv/samples/osv-schema";
        QTest::newRow("GHSA-npm-sample") << "vulndb/osv/GHSA-npm-sample";
    }
    void samplesPreserved()
    {
        QFETCH(QString, dir);
        const QString dbPath = m_tmp.filePath(QFileInfo(dir).fileName() + QStringLiteral(".sqlite"));
        auto stats = importInto(dbPath, test::dataPath(dir));
        QVERIFY2(stats.has_value(), stats ? "" : qPrintable(stats.error().message));
        QCOMPARE(stats->kind, FeedKind::OsvDirectory);
        auto db = VulnDb::open(dbPath);
        QVERIFY(db.has_value());
        // Ids present in one file only (the broken linter fixtures reuse ids of valid ones).
        QHash<QString, QJsonObject> byId;
        QHash<QString, int> seen;
        QDirIterator it(test::dataPath(dir), {QStringLiteral("*.json")}, QDir::Files);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            const QString id = o.value(QStringLiteral("id")).toString();
            byId.insert(id, o);
            ++seen[id];
        }
        int compared = 0;
        for (auto i = byId.cbegin(); i != byId.cend(); ++i) {
            if (seen.value(i.key()) != 1)
                continue;
            auto v = db->vulnerability(i.key());
            QVERIFY2(v.has_value(), qPrintable(i.key()));
            compareRecord(*v, i.value());
            ++compared;
        }
        QVERIFY(compared >= 5);
    }

    void osvSchemaBrokenFixturesWarn()
    {
        auto stats = importInto(m_tmp.filePath(QStringLiteral("lint.sqlite")), test::dataPath(QStringLiteral("vulndb/osv/samples/osv-schema")));
        QVERIFY(stats.has_value());
        // Entries without a package cannot be matched: dropped, with a warning naming the file.
        bool named = false;
        for (const QString &w : stats->warnings)
            named = named || (w.startsWith(QStringLiteral("nointroduced-CVE-2023-41045.json: CVE-2023-41045: affected[0]"))
                              && w.contains(QStringLiteral("no package")));
        QVERIFY2(named, qPrintable(stats->warnings.join(u'\n')));
        QCOMPARE(stats->broken, 0);
    }

    void aliasesBothDirections()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("trivy-db-ghsa.sqlite"));
        auto db = VulnDb::open(dbPath);
        QVERIFY(db.has_value());
        auto v = db->vulnerability(QStringLiteral("GHSA-4v7x-pqxf-cx7m"));
        QVERIFY(v.has_value());
        QVERIFY(v->aliases.contains(QStringLiteral("CVE-2023-45288")));
        auto back = db->aliasesOf(QStringLiteral("CVE-2023-45288"));
        QVERIFY(back.has_value());
        QCOMPARE(*back, QStringList{QStringLiteral("GHSA-4v7x-pqxf-cx7m")});
        // PyPI: PYSEC records name their GHSA twin; a record named by another lists it too.
        auto pdb = VulnDb::open(m_pypiDb);
        auto conn = DbConnection::open(m_pypiDb, true);
        QSqlQuery q(*conn);
        QVERIFY(q.exec(QStringLiteral("SELECT vuln_id, alias FROM aliases LIMIT 1")) && q.next());
        const QString id = q.value(0).toString(), alias = q.value(1).toString();
        QVERIFY(pdb->aliasesOf(alias)->contains(id));
        QVERIFY(pdb->aliasesOf(id)->contains(alias));
    }

    void distroEcosystems()
    {
        // DSA-3029-1 affects nginx in "Debian:7": found by base ecosystem and by the full value.
        auto db = VulnDb::open(m_tmp.filePath(QStringLiteral("osv.dev.sqlite")));
        QVERIFY(db.has_value());
        auto byBase = db->affectedFor(QStringLiteral("Debian"), QStringLiteral("nginx"));
        QVERIFY(byBase.has_value());
        QCOMPARE(byBase->size(), 1);
        QCOMPARE(byBase->first().vulnId, QStringLiteral("DSA-3029-1"));
        QCOMPARE(byBase->first().ecosystem, QStringLiteral("Debian:7"));
        QCOMPARE(db->affectedForEcosystem(QStringLiteral("Debian:7"), {QStringLiteral("nginx")})->size(), 1);
        QVERIFY(db->affectedForEcosystem(QStringLiteral("Debian:12"), {QStringLiteral("nginx")})->isEmpty());
        // Ubuntu's "Ubuntu:Pro:14.04:LTS" keeps its full value; the base is "Ubuntu".
        auto conn = DbConnection::open(m_tmp.filePath(QStringLiteral("osv.dev.sqlite")), true);
        QSqlQuery q(*conn);
        QVERIFY(q.exec(QStringLiteral("SELECT DISTINCT ecosystem_base FROM affected WHERE ecosystem LIKE 'Ubuntu:%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Ubuntu"));
        QVERIFY(!q.next());
    }

    void brokenRecordIsAWarning()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(test::dataPath(QStringLiteral("vulndb/osv/GHSA-npm-sample/GHSA-p6mc-m468-83gw.json")),
                            dir.filePath(QStringLiteral("good.json"))));
        QFile broken(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"id\": \"GHSA-xxxx\", \"affected\": [");
        broken.close();
        QFile noId(dir.filePath(QStringLiteral("noid.json")));
        QVERIFY(noId.open(QIODevice::WriteOnly));
        noId.write("{\"summary\": \"a record without id\"}");
        noId.close();
        auto stats = importInto(m_tmp.filePath(QStringLiteral("broken.sqlite")), dir.path());
        QVERIFY(stats.has_value());
        QCOMPARE(stats->records, 1);
        QCOMPARE(stats->broken, 2);
        const QString all = stats->warnings.join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("broken.json: not valid JSON")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("noid.json: not an OSV record")), qPrintable(all));
    }

    void pep503Names()
    {
        auto db = VulnDb::open(m_pypiDb);
        auto conn = DbConnection::open(m_pypiDb, true);
        QSqlQuery q(*conn);
        QVERIFY(q.exec(QStringLiteral("SELECT name, count(*) FROM affected WHERE name LIKE '%-%' GROUP BY name ORDER BY 2 DESC LIMIT 1")) && q.next());
        const QString name = q.value(0).toString();
        const int count = q.value(1).toInt();
        QVERIFY(count > 0);
        QString variant = name.toUpper();
        variant.replace(u'-', QStringLiteral("_."));
        auto a = db->affectedFor(QStringLiteral("PyPI"), name);
        auto b = db->affectedFor(QStringLiteral("PyPI"), variant);
        QVERIFY(a.has_value() && b.has_value());
        QCOMPARE(a->size(), count);
        QCOMPARE(b->size(), count);
        QCOMPARE(normalizePackageName(QStringLiteral("PyPI"), QStringLiteral("Foo.Bar__baz")), QStringLiteral("foo-bar-baz"));
        // Runs of mixed separators, at both ends too, are one "-" (PEP 503's [-_.]+).
        QCOMPARE(normalizePackageName(QStringLiteral("PyPI"), QStringLiteral("-._A-_-b.c_")), QStringLiteral("-a-b-c-"));
        QCOMPARE(normalizePackageName(QStringLiteral("PyPI"), QStringLiteral("Zope.Interface")), QStringLiteral("zope-interface"));
        QCOMPARE(normalizePackageName(QStringLiteral("PyPI"), QString()), QString());
        QCOMPARE(normalizePackageName(QStringLiteral("Go"), QStringLiteral("github.com/Foo/Bar")), QStringLiteral("github.com/Foo/Bar"));
        for (const AffectedEntry &e : *a) {
            QCOMPARE(e.ecosystemBase, QStringLiteral("PyPI"));
            QVERIFY(!e.vulnId.isEmpty());
        }
    }

    void bulkQuery()
    {
        auto db = VulnDb::open(m_pypiDb);
        auto conn = DbConnection::open(m_pypiDb, true);
        QSqlQuery q(*conn);
        QVERIFY(q.exec(QStringLiteral("SELECT DISTINCT name FROM affected")));
        QStringList names;
        while (q.next())
            names << q.value(0).toString();
        const int distinctNames = int(names.size());
        for (int i = 0; i < 700; ++i)
            names << QStringLiteral("not-a-real-package-%1").arg(i);
        auto many = db->affectedForMany(QStringLiteral("PyPI"), names);
        QVERIFY(many.has_value());
        QVERIFY(many->size() <= distinctNames);
        qint64 total = 0;
        for (const auto &v : *many)
            total += v.size();
        QCOMPARE(total, countRows(m_pypiDb, QStringLiteral("SELECT count(*) FROM affected WHERE ecosystem_base = 'PyPI'")));
        auto same = db->affectedForEcosystem(QStringLiteral("PyPI"), names);
        QVERIFY(same.has_value());
        QCOMPARE(same->size(), many->size());
        auto none = db->affectedForMany(QStringLiteral("Debian"), names);
        QVERIFY(none.has_value() && none->isEmpty());
    }

    void queryFromAnotherThread()
    {
        auto db = VulnDb::open(m_pypiDb);
        QVERIFY(db.has_value());
        const VulnDb copy = *db;
        const qint64 n = QtConcurrent::run([copy]() { return copy.vulnerabilityCount().value_or(-1); }).result();
        QCOMPARE(n, 2661);
    }

    void kevCatalog()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("kev.sqlite"));
        const QString path = test::dataPath(QStringLiteral("vulndb/kev/known_exploited_vulnerabilities.json"));
        auto stats = importInto(dbPath, path);
        QVERIFY2(stats.has_value(), stats ? "" : qPrintable(stats.error().message));
        QCOMPARE(stats->kind, FeedKind::Kev);
        QCOMPARE(stats->records, 1404);
        auto db = VulnDb::open(dbPath);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray entries = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("vulnerabilities")).toArray();
        QStringList cves;
        int ransomware = 0;
        for (const auto &e : entries)
            cves << e.toObject().value(QStringLiteral("cveID")).toString();
        auto all = db->kevMany(cves);
        QVERIFY(all.has_value());
        QCOMPARE(all->size(), 1404);
        for (const auto &ev : entries) {
            const QJsonObject e = ev.toObject();
            const KevEntry k = all->value(e.value(QStringLiteral("cveID")).toString());
            QCOMPARE(k.dateAdded, e.value(QStringLiteral("dateAdded")).toString());
            QCOMPARE(k.dueDate, e.value(QStringLiteral("dueDate")).toString());
            QCOMPARE(k.vendor, e.value(QStringLiteral("vendorProject")).toString());
            QCOMPARE(k.product, e.value(QStringLiteral("product")).toString());
            QCOMPARE(k.name, e.value(QStringLiteral("vulnerabilityName")).toString());
            QCOMPARE(k.ransomware, e.value(QStringLiteral("knownRansomwareCampaignUse")).toString() == u"Known");
            ransomware += k.ransomware ? 1 : 0;
        }
        QVERIFY(ransomware > 0 && ransomware < 1404);
        QCOMPARE(db->kev(QStringLiteral("CVE-1999-0000")).error().code, int(NotFound));
        // The small catalogs replace the snapshot.
        auto small = importInto(dbPath, test::dataPath(QStringLiteral("vulndb/kev/claircore-kev-sample.json")));
        QVERIFY(small.has_value());
        QCOMPARE(countRows(dbPath, QStringLiteral("SELECT count(*) FROM kev")), small->records);
        QCOMPARE(db->sources()->first().recordCount, small->records);
    }

    void epss_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");      // substring of the error, empty = must succeed
        QTest::addColumn<QString>("modelVersion");
        QTest::newRow("lodestone (Z timestamp)") << "lodestone-epss_scores-current.head40.csv" << "" << "v2026.06.15";
        QTest::newRow("lodestone gzip") << "lodestone-epss_scores-current.head40.csv.gz" << "" << "v2026.06.15";
        QTest::newRow("claircore (+0000)") << "claircore-data.csv" << "" << "v2023.03.01";
        QTest::newRow("vunnel") << "vunnel-example-1.csv" << "" << "v2023.03.01";
        QTest::newRow("invalid header") << "vunnel-invalid-header.csv" << "header 'cve,epss,percentile'" << "";
        QTest::newRow("missing date") << "vunnel-missing-date.csv" << "score_date" << "";
    }
    void epss()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        QFETCH(QString, modelVersion);
        const QString dbPath = m_tmp.filePath(QStringLiteral("epss-%1.sqlite").arg(QString::number(qHash(file))));
        const QString path = test::dataPath(QStringLiteral("vulndb/epss/") + file);
        QCOMPARE(detectFeedKind(path), FeedKind::Epss);
        auto stats = importInto(dbPath, path);
        if (!error.isEmpty()) {
            QVERIFY(!stats.has_value());
            QVERIFY2(stats.error().message.contains(error), qPrintable(stats.error().message));
            QVERIFY(stats.error().message.contains(file));
            return;
        }
        QVERIFY2(stats.has_value(), stats ? "" : qPrintable(stats.error().message));
        // Expected rows: the plain file's lines minus the comment and the header.
        QFile plain(path.endsWith(QStringLiteral(".gz")) ? path.chopped(3) : path);
        QVERIFY(plain.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = plain.readAll().trimmed().split('\n');
        QCOMPARE(stats->records, lines.size() - 2);
        auto db = VulnDb::open(dbPath);
        const QList<QByteArray> last = lines.last().trimmed().split(',');
        auto e = db->epss(QString::fromLatin1(last[0]));
        QVERIFY(e.has_value());
        QCOMPARE(e->score, last[1].toDouble());
        QCOMPARE(e->percentile, last[2].toDouble());
        QCOMPARE(e->modelVersion, modelVersion);
        QVERIFY(!e->scoreDate.isEmpty());
    }

    void epssBrokenKeepsPrevious()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("epss-keep.sqlite"));
        QVERIFY(importInto(dbPath, test::dataPath(QStringLiteral("vulndb/epss/claircore-data.csv"))).has_value());
        const qint64 before = countRows(dbPath, QStringLiteral("SELECT count(*) FROM epss"));
        QCOMPARE(before, 29); // the file's 29 CVE rows
        QTemporaryDir dir;
        // A row with a score above 1, a truncated gzip, an empty file.
        QFile bad(dir.filePath(QStringLiteral("bad-row.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("cve,epss,percentile\nCVE-2024-0001,0.5,0.9\nCVE-2024-0002,1.7,0.9\n");
        bad.close();
        QFile gz(test::dataPath(QStringLiteral("vulndb/epss/lodestone-epss_scores-current.head40.csv.gz")));
        QVERIFY(gz.open(QIODevice::ReadOnly));
        QFile cut(dir.filePath(QStringLiteral("cut.csv.gz")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(gz.readAll().left(300));
        cut.close();
        QFile empty(dir.filePath(QStringLiteral("empty.csv")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        auto w = VulnDbWriter::open(dbPath);
        QVERIFY(w.has_value());
        Importer importer(**w);
        for (const QString &name : {QStringLiteral("bad-row.csv"), QStringLiteral("cut.csv.gz"), QStringLiteral("empty.csv")}) {
            auto r = importer.importEpss(dir.filePath(name));
            QVERIFY2(!r.has_value(), qPrintable(name));
            QVERIFY2(r.error().message.contains(name), qPrintable(r.error().message));
            QCOMPARE(countRows(dbPath, QStringLiteral("SELECT count(*) FROM epss")), before);
        }
    }

    void corruptZipKeepsDatabase()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("corrupt.sqlite"));
        QVERIFY(importInto(dbPath, test::dataPath(QStringLiteral("vulndb/osv/GHSA-npm-sample"))).has_value());
        const qint64 before = countRows(dbPath, QStringLiteral("SELECT count(*) FROM vulnerabilities"));
        QFile zip(pypiZip());
        QVERIFY(zip.open(QIODevice::ReadOnly));
        const QByteArray all = zip.readAll();
        QTemporaryDir dir;
        QFile cut(dir.filePath(QStringLiteral("all.zip")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(all.left(all.size() * 6 / 10));
        cut.close();
        auto r = importInto(dbPath, cut.fileName());
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, int(InvalidInput));
        QCOMPARE(countRows(dbPath, QStringLiteral("SELECT count(*) FROM vulnerabilities")), before);
        // Garbage that only looks like a zip.
        QFile junk(dir.filePath(QStringLiteral("junk.zip")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray("PK\x03\x04", 4) + QByteArray(4096, '\x5a'));
        junk.close();
        QVERIFY(!importInto(dbPath, junk.fileName()).has_value());
        QCOMPARE(countRows(dbPath, QStringLiteral("SELECT count(*) FROM vulnerabilities")), before);
    }

    void detectKinds_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::newRow("zip") << "vulndb/osv/PyPI/all.zip" << int(FeedKind::OsvZip);
        QTest::newRow("dir") << "vulndb/osv/GHSA-npm-sample" << int(FeedKind::OsvDirectory);
        QTest::newRow("record") << "vulndb/osv/samples/osv.dev/DSA-3029-1.json" << int(FeedKind::OsvRecord);
        QTest::newRow("kev") << "vulndb/kev/known_exploited_vulnerabilities.json" << int(FeedKind::Kev);
        QTest::newRow("kev small") << "vulndb/kev/vunnel-valid-catalog-1.json" << int(FeedKind::Kev);
        QTest::newRow("epss") << "vulndb/epss/vunnel-example-1.csv" << int(FeedKind::Epss);
        QTest::newRow("epss gz") << "vulndb/epss/lodestone-epss_scores-current.head40.csv.gz" << int(FeedKind::Epss);
        QTest::newRow("tsv") << "vulndb/cvss/v4-first-calculator.tsv" << int(FeedKind::Unknown);
    }
    void detectKinds()
    {
        QFETCH(QString, path);
        QFETCH(int, kind);
        QCOMPARE(int(detectFeedKind(test::dataPath(path))), kind);
    }

    void notADatabase()
    {
        QCOMPARE(VulnDb::open(m_tmp.filePath(QStringLiteral("missing.sqlite"))).error().code, int(NotFound));
        auto r = VulnDb::open(pypiZip());
        QVERIFY(!r.has_value());
        QVERIFY(VulnDbWriter::open(test::dataPath(QStringLiteral("vulndb/kev/claircore-kev-sample.json"))).has_value() == false);
    }

    void newerSchemaIsRefused()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("future.sqlite"));
        {
            auto w = VulnDbWriter::open(dbPath);
            QVERIFY(w.has_value());
        }
        {
            auto conn = DbConnection::open(dbPath, false);
            QVERIFY(conn.has_value());
            QSqlQuery q(*conn);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version(version) VALUES (%1)").arg(schema::currentVersion() + 1)));
        }
        DbConnection::closeAll();
        auto r = VulnDb::open(dbPath);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, int(InvalidInput));
        QVERIFY(r.error().message.contains(QStringLiteral("newer")));
        QVERIFY(!VulnDbWriter::open(dbPath).has_value());
    }

    void bundleRoundTrip()
    {
        QVERIFY(importInto(m_pypiDb, test::dataPath(QStringLiteral("vulndb/kev/known_exploited_vulnerabilities.json"))).has_value());
        const QString bundle = m_tmp.filePath(QStringLiteral("db.bundle"));
        auto out = exportBundle(m_pypiDb, bundle);
        QVERIFY2(out.has_value(), out ? "" : qPrintable(out.error().message));
        QCOMPARE(detectFeedKind(bundle), FeedKind::Bundle);
        QVERIFY(QFileInfo(bundle).size() < QFileInfo(m_pypiDb).size());
        const QString target = m_tmp.filePath(QStringLiteral("airgap/vulndb.sqlite"));
        auto in = importBundle(bundle, target);
        QVERIFY2(in.has_value(), in ? "" : qPrintable(in.error().message));
        QCOMPARE(in->sha256, out->sha256);
        auto db = VulnDb::open(target);
        QVERIFY(db.has_value());
        QCOMPARE(*db->vulnerabilityCount(), 2661);
        QCOMPARE(db->kevMany({QStringLiteral("CVE-2021-44228")})->size(), 1);
        QCOMPARE(db->sources()->size(), 2);

        // A truncated bundle fails and leaves the installed copy alone.
        QFile b(bundle);
        QVERIFY(b.open(QIODevice::ReadOnly));
        const QByteArray bytes = b.readAll();
        QFile cut(m_tmp.filePath(QStringLiteral("cut.bundle")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 2));
        cut.close();
        auto bad = importBundle(cut.fileName(), target);
        QVERIFY(!bad.has_value());
        QCOMPARE(*VulnDb::open(target)->vulnerabilityCount(), 2661);
        QVERIFY(!QFileInfo::exists(target + QStringLiteral(".bundle-new")));
    }
};

QTEST_GUILESS_MAIN(TestVulnDb)
#include "tst_vulndb.moc"
