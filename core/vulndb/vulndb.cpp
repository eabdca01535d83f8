#include "vulndb/vulndb.h"

#include "vulndb/dbconnection.h"
#include "vulndb/osvrecord.h"
#include "vulndb/schema.h"
#include "vulndb/sqlitestmt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <sqlite3.h>

namespace bulkhead {

namespace {

Error queryError(const QSqlQuery &q)
{
    return Error{QStringLiteral("Vulnerability database query failed: %1.").arg(q.lastError().text()), IoError};
}

Error queryError(const SqliteStmt &q)
{
    return Error{QStringLiteral("Vulnerability database query failed: %1.").arg(q.errorMessage()), IoError};
}

QJsonObject objectFrom(const QString &s)
{
    return s.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(s.toUtf8()).object();
}

QStringList stringsFrom(const QString &s)
{
    QStringList out;
    if (s.isEmpty())
        return out;
    for (const auto &x : QJsonDocument::fromJson(s.toUtf8()).array())
        out << x.toString();
    return out;
}

const char kAffectedColumns[] = "vuln_id, ecosystem, ecosystem_base, name, purl, ranges, versions, "
                                "ecosystem_specific, database_specific, severity, name_key";

AffectedEntry affectedFromRow(const SqliteStmt &q, AffectedDetail detail = AffectedDetail::Full)
{
    AffectedEntry a;
    a.vulnId = q.text(0);
    a.ecosystem = q.text(1);
    a.ecosystemBase = q.text(2);
    a.name = q.text(3);
    a.purl = q.text(4);
    a.ranges = osv::rangesFromJson(QJsonDocument::fromJson(q.text(5).toUtf8()).array());
    const QString versions = q.text(6);
    if (!versions.isEmpty())
        a.versions = versions.split(u'\n');
    if (detail == AffectedDetail::Full) {
        a.ecosystemSpecific = objectFrom(q.text(7));
        a.databaseSpecific = objectFrom(q.text(8));
    } else {
        a.ecosystemSpecificJson = q.text(7);
    }
    a.severityJson = q.text(9);
    return a;
}

KevEntry kevFromRow(const SqliteStmt &q)
{
    KevEntry k;
    k.cve = q.text(0);
    k.dateAdded = q.text(1);
    k.dueDate = q.text(2);
    k.ransomware = q.real(3) != 0;
    k.vendor = q.text(4);
    k.product = q.text(5);
    k.name = q.text(6);
    k.description = q.text(7);
    k.requiredAction = q.text(8);
    return k;
}

EpssEntry epssFromRow(const SqliteStmt &q)
{
    EpssEntry e;
    e.cve = q.text(0);
    e.score = q.real(1);
    e.percentile = q.isNull(2) ? -1 : q.real(2);
    e.modelVersion = q.text(3);
    e.scoreDate = q.text(4);
    return e;
}

const char kKevColumns[] = "cve, date_added, due_date, ransomware, vendor, product, name, description, required_action";
const char kEpssColumns[] = "cve, score, percentile, model_version, score_date";

// Runs `sql` once over all `keys`, calling `row` for every result row. The statement reads the
// keys as "IN (SELECT value FROM json_each(?))" from its last parameter, after `fixed` (when not
// null) as the first: one prepared statement for any number of keys, where a literal IN list of
// placeholders was parsed again for every chunk of 500 (a tenth of bench_match). Rows of one key
// come in index order (rowid, or the WITHOUT ROWID key), the order callers group them in; no
// ORDER BY, which made SQLite copy every row (ranges, versions) through a sorter.
template <typename RowFn>
Result<void> keyedQuery(const QSqlDatabase &db, const QByteArray &sql, const QString &fixed, const QStringList &keys,
                        RowFn row)
{
    if (keys.isEmpty())
        return {};
    sqlite3 *handle = nativeHandle(db);
    if (!handle)
        return fail(QStringLiteral("The vulnerability database connection is not a SQLite connection."), IoError);
    SqliteStmt q;
    if (!q.prepare(handle, sql.constData()))
        return fail(QStringLiteral("Vulnerability database query failed: %1.")
                        .arg(QString::fromUtf8(sqlite3_errmsg(handle))), IoError);
    if (!fixed.isNull())
        q.bind(fixed);
    q.bind(QJsonDocument(QJsonArray::fromStringList(keys)).toJson(QJsonDocument::Compact));
    for (;;) {
        bool isRow = false;
        const int rc = q.step(&isRow);
        if (isRow) {
            row(q);
            continue;
        }
        if (rc == SQLITE_DONE)
            return {};
        return tl::unexpected(queryError(q));
    }
}

QByteArray inKeys(const char *column)
{
    return QByteArray(column) + " IN (SELECT value FROM json_each(?))";
}

QStringList distinct(const QStringList &in)
{
    QStringList out;
    QSet<QString> seen;
    for (const QString &s : in)
        if (!s.isEmpty() && !seen.contains(s)) {
            seen.insert(s);
            out << s;
        }
    return out;
}

} // namespace

QString ecosystemBaseOf(const QString &ecosystem)
{
    const int colon = ecosystem.indexOf(u':');
    return colon < 0 ? ecosystem : ecosystem.left(colon);
}

QString normalizePackageName(const QString &ecosystemBase, const QString &name)
{
    if (ecosystemBase == u"PyPI") {
        // PEP 503 "Normalized Names": re.sub(r"[-_.]+", "-", name).lower(), without a regex
        // engine: this runs for every affected entry imported and every package matched.
        QString out;
        out.reserve(name.size());
        bool inRun = false;
        for (const QChar c : name) {
            const bool separator = c == u'-' || c == u'_' || c == u'.';
            if (!separator)
                out.append(c);
            else if (!inRun)
                out.append(u'-');
            inRun = separator;
        }
        return out.toLower();
    }
    if (ecosystemBase == u"NuGet" || ecosystemBase == u"crates.io" || ecosystemBase == u"Packagist")
        return name.toLower();
    return name;
}

QString VulnDb::defaultPath()
{
    const QString env = qEnvironmentVariable("BULKHEAD_DB");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + QStringLiteral("/bulkhead/vulndb.sqlite");
}

Result<VulnDb> VulnDb::open(const QString &path)
{
    auto db = DbConnection::open(path, true);
    if (!db)
        return tl::unexpected(db.error());
    const int version = schema::versionOf(*db);
    if (version == 0)
        return fail(QStringLiteral("%1 is not a Bulkhead vulnerability database (no schema version).").arg(path),
                    InvalidInput);
    if (version > schema::currentVersion())
        return fail(QStringLiteral("The vulnerability database %1 has schema version %2, newer than this build "
                                   "supports (%3).").arg(path).arg(version).arg(schema::currentVersion()),
                    InvalidInput);
    if (version < schema::currentVersion())
        return fail(QStringLiteral("The vulnerability database %1 has the old schema version %2; run "
                                   "'bulkhead db update' or re-import it.").arg(path).arg(version), InvalidInput);
    return VulnDb(path);
}

int VulnDb::schemaVersion() const
{
    auto db = DbConnection::open(m_path, true);
    return db ? schema::versionOf(*db) : 0;
}

Result<QVector<AffectedEntry>> VulnDb::affectedFor(const QString &ecosystemBase, const QString &packageName) const
{
    auto many = affectedForMany(ecosystemBase, {packageName});
    if (!many)
        return tl::unexpected(many.error());
    return many->value(normalizePackageName(ecosystemBase, packageName));
}

Result<QHash<QString, QVector<AffectedEntry>>> VulnDb::affectedForMany(const QString &ecosystemBase,
                                                                       const QStringList &packageNames,
                                                                       AffectedDetail detail) const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QStringList keys;
    for (const QString &n : packageNames)
        keys << normalizePackageName(ecosystemBase, n);
    QHash<QString, QVector<AffectedEntry>> out;
    auto r = keyedQuery(*db, QByteArray("SELECT ") + kAffectedColumns + " FROM affected WHERE ecosystem_base = ? AND "
                                 + inKeys("name_key"),
                        ecosystemBase, distinct(keys),
                        [&out, detail](const SqliteStmt &q) { out[q.text(10)].append(affectedFromRow(q, detail)); });
    if (!r)
        return tl::unexpected(r.error());
    return out;
}

Result<QHash<QString, QVector<AffectedEntry>>> VulnDb::affectedForEcosystem(const QString &ecosystem,
                                                                           const QStringList &packageNames) const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    const QString base = ecosystemBaseOf(ecosystem);
    QStringList keys;
    for (const QString &n : packageNames)
        keys << normalizePackageName(base, n);
    QHash<QString, QVector<AffectedEntry>> out;
    auto r = keyedQuery(*db, QByteArray("SELECT ") + kAffectedColumns + " FROM affected WHERE ecosystem = ? AND "
                                 + inKeys("name_key"),
                        ecosystem, distinct(keys),
                        [&out](const SqliteStmt &q) { out[q.text(10)].append(affectedFromRow(q)); });
    if (!r)
        return tl::unexpected(r.error());
    return out;
}

Result<QHash<QString, VulnRecord>> VulnDb::vulnerabilities(const QStringList &idsIn) const
{
    auto dbr = DbConnection::open(m_path, true);
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase &db = *dbr;
    const QStringList ids = distinct(idsIn);
    QHash<QString, VulnRecord> out;
    auto r = keyedQuery(db,
                        "SELECT id, source, summary, details, published, modified, withdrawn, severity, "
                        "database_specific, related, upstream FROM vulnerabilities WHERE " + inKeys("id"),
                        QString(), ids, [&out](const SqliteStmt &q) {
                            VulnRecord v;
                            v.id = q.text(0);
                            v.source = q.text(1);
                            v.summary = q.text(2);
                            v.details = q.text(3);
                            v.published = q.text(4);
                            v.modified = q.text(5);
                            v.withdrawn = q.text(6);
                            v.severity = q.text(7);
                            v.databaseSpecific = objectFrom(q.text(8));
                            v.related = stringsFrom(q.text(9));
                            v.upstream = stringsFrom(q.text(10));
                            out.insert(v.id, v);
                        });
    if (!r)
        return tl::unexpected(r.error());
    const QStringList found = out.keys();
    // Aliases in both directions: rows naming the record, and records naming it as an alias.
    r = keyedQuery(db, "SELECT vuln_id, alias FROM aliases WHERE " + inKeys("vuln_id"),
                   QString(), found, [&out](const SqliteStmt &q) { out[q.text(0)].aliases << q.text(1); });
    if (!r)
        return tl::unexpected(r.error());
    r = keyedQuery(db, "SELECT alias, vuln_id FROM aliases WHERE " + inKeys("alias"),
                   QString(), found, [&out](const SqliteStmt &q) {
                       QStringList &a = out[q.text(0)].aliases;
                       const QString other = q.text(1);
                       if (!a.contains(other))
                           a << other;
                   });
    if (!r)
        return tl::unexpected(r.error());
    r = keyedQuery(db, "SELECT vuln_id, type, url FROM \"references\" WHERE " + inKeys("vuln_id"),
                   QString(), found, [&out](const SqliteStmt &q) {
                       out[q.text(0)].references.append(VulnReference{q.text(1), q.text(2)});
                   });
    if (!r)
        return tl::unexpected(r.error());
    r = keyedQuery(db, "SELECT vuln_id, version, vector, base_score, source FROM cvss WHERE " + inKeys("vuln_id"),
                   QString(), found, [&out](const SqliteStmt &q) {
                       CvssScore c;
                       c.version = q.text(1);
                       c.vector = q.text(2);
                       c.baseScore = q.isNull(3) ? -1 : q.real(3);
                       c.source = q.text(4);
                       out[q.text(0)].cvss.append(c);
                   });
    if (!r)
        return tl::unexpected(r.error());
    return out;
}

Result<VulnRecord> VulnDb::vulnerability(const QString &id) const
{
    auto many = vulnerabilities({id});
    if (!many)
        return tl::unexpected(many.error());
    if (!many->contains(id))
        return fail(QStringLiteral("No vulnerability %1 in the database.").arg(id), NotFound);
    VulnRecord v = many->value(id);
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    auto r = keyedQuery(*db, QByteArray("SELECT ") + kAffectedColumns + " FROM affected WHERE " + inKeys("vuln_id")
                                 + " ORDER BY rowid",
                        QString(), {id}, [&v](const SqliteStmt &q) { v.affected.append(affectedFromRow(q)); });
    if (!r)
        return tl::unexpected(r.error());
    return v;
}

Result<QStringList> VulnDb::aliasesOf(const QString &id) const
{
    auto v = vulnerabilities({id});
    if (!v)
        return tl::unexpected(v.error());
    if (v->contains(id))
        return v->value(id).aliases;
    // An id only known as an alias (e.g. a CVE without its own record): the records naming it.
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QStringList out;
    auto r = keyedQuery(*db, "SELECT vuln_id FROM aliases WHERE " + inKeys("alias") + " ORDER BY vuln_id", QString(),
                        {id}, [&out](const SqliteStmt &q) { out << q.text(0); });
    if (!r)
        return tl::unexpected(r.error());
    return out;
}

Result<QHash<QString, KevEntry>> VulnDb::kevMany(const QStringList &cves) const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QHash<QString, KevEntry> out;
    auto r = keyedQuery(*db, QByteArray("SELECT ") + kKevColumns + " FROM kev WHERE " + inKeys("cve"), QString(),
                        distinct(cves), [&out](const SqliteStmt &q) { out.insert(q.text(0), kevFromRow(q)); });
    if (!r)
        return tl::unexpected(r.error());
    return out;
}

Result<KevEntry> VulnDb::kev(const QString &cve) const
{
    auto many = kevMany({cve});
    if (!many)
        return tl::unexpected(many.error());
    if (!many->contains(cve))
        return fail(QStringLiteral("%1 is not in the KEV catalog.").arg(cve), NotFound);
    return many->value(cve);
}

Result<QHash<QString, EpssEntry>> VulnDb::epssMany(const QStringList &cves) const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QHash<QString, EpssEntry> out;
    auto r = keyedQuery(*db, QByteArray("SELECT ") + kEpssColumns + " FROM epss WHERE " + inKeys("cve"), QString(),
                        distinct(cves), [&out](const SqliteStmt &q) { out.insert(q.text(0), epssFromRow(q)); });
    if (!r)
        return tl::unexpected(r.error());
    return out;
}

Result<EpssEntry> VulnDb::epss(const QString &cve) const
{
    auto many = epssMany({cve});
    if (!many)
        return tl::unexpected(many.error());
    if (!many->contains(cve))
        return fail(QStringLiteral("%1 has no EPSS score.").arg(cve), NotFound);
    return many->value(cve);
}

Result<QVector<SourceInfo>> VulnDb::sources() const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QSqlQuery q(*db);
    if (!q.exec(QStringLiteral("SELECT name, url, etag, last_modified, imported_at, checked_at, record_count "
                               "FROM sources ORDER BY name")))
        return tl::unexpected(queryError(q));
    QVector<SourceInfo> out;
    while (q.next()) {
        SourceInfo s;
        s.name = q.value(0).toString();
        s.url = q.value(1).toString();
        s.etag = q.value(2).toString();
        s.lastModified = q.value(3).toString();
        s.importedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODate);
        s.checkedAt = QDateTime::fromString(q.value(5).toString(), Qt::ISODate);
        s.recordCount = q.value(6).toLongLong();
        out.append(s);
    }
    return out;
}

Result<qint64> VulnDb::vulnerabilityCount() const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QSqlQuery q(*db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM vulnerabilities")) || !q.next())
        return tl::unexpected(queryError(q));
    return q.value(0).toLongLong();
}

Result<QStringList> VulnDb::ecosystemsStartingWith(const QString &prefix) const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    // Skip-scan over the (ecosystem, name_key) index: each step seeks to the next distinct value,
    // so a family with a million entries and a dozen releases costs a dozen seeks.
    QSqlQuery q(*db);
    q.prepare(QStringLiteral("SELECT ecosystem FROM affected WHERE ecosystem > ? AND ecosystem < ?"
                             " ORDER BY ecosystem LIMIT 1"));
    const QString upper = prefix + QChar(0xFFFF);
    QStringList out;
    QString after = prefix;
    // The prefix itself ("Debian", an unscoped record) sorts before every longer value.
    QSqlQuery exact(*db);
    exact.prepare(QStringLiteral("SELECT 1 FROM affected WHERE ecosystem = ? LIMIT 1"));
    exact.addBindValue(prefix);
    if (!exact.exec())
        return tl::unexpected(queryError(exact));
    if (exact.next())
        out << prefix;
    for (int guard = 0; guard < 100000; ++guard) {
        q.addBindValue(after);
        q.addBindValue(upper);
        if (!q.exec())
            return tl::unexpected(queryError(q));
        if (!q.next())
            break;
        after = q.value(0).toString();
        out << after;
    }
    return out;
}

} // namespace bulkhead
