#include "vulndb/vulndb.h"

#include "vulndb/dbconnection.h"
#include "vulndb/osvrecord.h"
#include "vulndb/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace bulkhead {

namespace {

constexpr int kChunk = 500; // well under SQLite's bound-parameter limit

QString placeholders(int n)
{
    QString s;
    s.reserve(n * 2);
    for (int i = 0; i < n; ++i)
        s += i ? QStringLiteral(",?") : QStringLiteral("?");
    return s;
}

Error queryError(const QSqlQuery &q)
{
    return Error{QStringLiteral("Vulnerability database query failed: %1.").arg(q.lastError().text()), IoError};
}

QJsonObject objectFrom(const QVariant &v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(s.toUtf8()).object();
}

QStringList stringsFrom(const QVariant &v)
{
    QStringList out;
    const QString s = v.toString();
    if (s.isEmpty())
        return out;
    for (const auto &x : QJsonDocument::fromJson(s.toUtf8()).array())
        out << x.toString();
    return out;
}

const QString kAffectedColumns = QStringLiteral(
    "vuln_id, ecosystem, ecosystem_base, name, purl, ranges, versions, ecosystem_specific, "
    "database_specific, severity, name_key");

AffectedEntry affectedFromRow(const QSqlQuery &q)
{
    AffectedEntry a;
    a.vulnId = q.value(0).toString();
    a.ecosystem = q.value(1).toString();
    a.ecosystemBase = q.value(2).toString();
    a.name = q.value(3).toString();
    a.purl = q.value(4).toString();
    a.ranges = osv::rangesFromJson(QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array());
    const QString versions = q.value(6).toString();
    if (!versions.isEmpty())
        a.versions = versions.split(u'\n');
    a.ecosystemSpecific = objectFrom(q.value(7));
    a.databaseSpecific = objectFrom(q.value(8));
    a.severityJson = q.value(9).toString();
    return a;
}

KevEntry kevFromRow(const QSqlQuery &q)
{
    KevEntry k;
    k.cve = q.value(0).toString();
    k.dateAdded = q.value(1).toString();
    k.dueDate = q.value(2).toString();
    k.ransomware = q.value(3).toInt() != 0;
    k.vendor = q.value(4).toString();
    k.product = q.value(5).toString();
    k.name = q.value(6).toString();
    k.description = q.value(7).toString();
    k.requiredAction = q.value(8).toString();
    return k;
}

EpssEntry epssFromRow(const QSqlQuery &q)
{
    EpssEntry e;
    e.cve = q.value(0).toString();
    e.score = q.value(1).toDouble();
    e.percentile = q.value(2).isNull() ? -1 : q.value(2).toDouble();
    e.modelVersion = q.value(3).toString();
    e.scoreDate = q.value(4).toString();
    return e;
}

const QString kKevColumns = QStringLiteral(
    "cve, date_added, due_date, ransomware, vendor, product, name, description, required_action");
const QString kEpssColumns = QStringLiteral("cve, score, percentile, model_version, score_date");

// Runs `sqlPrefix IN (chunk)` over `keys` in chunks, calling `row` for every result row.
template <typename RowFn>
Result<void> chunkedQuery(QSqlDatabase &db, const QString &sqlHead, const QVariantList &fixedArgs,
                          const QStringList &keys, const QString &sqlTail, RowFn row)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    for (int start = 0; start < keys.size(); start += kChunk) {
        const int n = std::min(kChunk, int(keys.size()) - start);
        if (!q.prepare(sqlHead + placeholders(n) + sqlTail))
            return tl::unexpected(queryError(q));
        for (const QVariant &v : fixedArgs)
            q.addBindValue(v);
        for (int i = 0; i < n; ++i)
            q.addBindValue(keys.at(start + i));
        if (!q.exec())
            return tl::unexpected(queryError(q));
        while (q.next())
            row(q);
    }
    return {};
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
        // PEP 503 "Normalized Names": re.sub(r"[-_.]+", "-", name).lower()
        static const QRegularExpression separators(QStringLiteral("[-_.]+"));
        return QString(name).replace(separators, QStringLiteral("-")).toLower();
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
                                                                       const QStringList &packageNames) const
{
    auto db = DbConnection::open(m_path, true);
    if (!db)
        return tl::unexpected(db.error());
    QStringList keys;
    for (const QString &n : packageNames)
        keys << normalizePackageName(ecosystemBase, n);
    QHash<QString, QVector<AffectedEntry>> out;
    auto r = chunkedQuery(*db,
                          QStringLiteral("SELECT ") + kAffectedColumns
                              + QStringLiteral(" FROM affected WHERE ecosystem_base = ? AND name_key IN ("),
                          {ecosystemBase}, distinct(keys), QStringLiteral(")"),
                          [&out](const QSqlQuery &q) { out[q.value(10).toString()].append(affectedFromRow(q)); });
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
    auto r = chunkedQuery(*db,
                          QStringLiteral("SELECT ") + kAffectedColumns
                              + QStringLiteral(" FROM affected WHERE ecosystem = ? AND name_key IN ("),
                          {ecosystem}, distinct(keys), QStringLiteral(")"),
                          [&out](const QSqlQuery &q) { out[q.value(10).toString()].append(affectedFromRow(q)); });
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
    auto r = chunkedQuery(db,
                          QStringLiteral("SELECT id, source, summary, details, published, modified, withdrawn, "
                                         "severity, database_specific, related, upstream FROM vulnerabilities "
                                         "WHERE id IN ("),
                          {}, ids, QStringLiteral(")"), [&out](const QSqlQuery &q) {
                              VulnRecord v;
                              v.id = q.value(0).toString();
                              v.source = q.value(1).toString();
                              v.summary = q.value(2).toString();
                              v.details = q.value(3).toString();
                              v.published = q.value(4).toString();
                              v.modified = q.value(5).toString();
                              v.withdrawn = q.value(6).toString();
                              v.severity = q.value(7).toString();
                              v.databaseSpecific = objectFrom(q.value(8));
                              v.related = stringsFrom(q.value(9));
                              v.upstream = stringsFrom(q.value(10));
                              out.insert(v.id, v);
                          });
    if (!r)
        return tl::unexpected(r.error());
    const QStringList found = out.keys();
    // Aliases in both directions: rows naming the record, and records naming it as an alias.
    r = chunkedQuery(db, QStringLiteral("SELECT vuln_id, alias FROM aliases WHERE vuln_id IN ("), {}, found,
                     QStringLiteral(") ORDER BY vuln_id, alias"),
                     [&out](const QSqlQuery &q) { out[q.value(0).toString()].aliases << q.value(1).toString(); });
    if (!r)
        return tl::unexpected(r.error());
    r = chunkedQuery(db, QStringLiteral("SELECT alias, vuln_id FROM aliases WHERE alias IN ("), {}, found,
                     QStringLiteral(")"), [&out](const QSqlQuery &q) {
                         QStringList &a = out[q.value(0).toString()].aliases;
                         const QString other = q.value(1).toString();
                         if (!a.contains(other))
                             a << other;
                     });
    if (!r)
        return tl::unexpected(r.error());
    r = chunkedQuery(db, QStringLiteral("SELECT vuln_id, type, url FROM \"references\" WHERE vuln_id IN ("), {},
                     found, QStringLiteral(") ORDER BY rowid"), [&out](const QSqlQuery &q) {
                         out[q.value(0).toString()].references.append(
                             VulnReference{q.value(1).toString(), q.value(2).toString()});
                     });
    if (!r)
        return tl::unexpected(r.error());
    r = chunkedQuery(db, QStringLiteral("SELECT vuln_id, version, vector, base_score, source FROM cvss WHERE vuln_id IN ("),
                     {}, found, QStringLiteral(") ORDER BY rowid"), [&out](const QSqlQuery &q) {
                         CvssScore c;
                         c.version = q.value(1).toString();
                         c.vector = q.value(2).toString();
                         c.baseScore = q.value(3).isNull() ? -1 : q.value(3).toDouble();
                         c.source = q.value(4).toString();
                         out[q.value(0).toString()].cvss.append(c);
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
    auto r = chunkedQuery(*db, QStringLiteral("SELECT ") + kAffectedColumns + QStringLiteral(" FROM affected WHERE vuln_id IN ("),
                          {}, {id}, QStringLiteral(") ORDER BY rowid"),
                          [&v](const QSqlQuery &q) { v.affected.append(affectedFromRow(q)); });
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
    auto r = chunkedQuery(*db, QStringLiteral("SELECT vuln_id FROM aliases WHERE alias IN ("), {}, {id},
                          QStringLiteral(")"), [&out](const QSqlQuery &q) { out << q.value(0).toString(); });
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
    auto r = chunkedQuery(*db, QStringLiteral("SELECT ") + kKevColumns + QStringLiteral(" FROM kev WHERE cve IN ("),
                          {}, distinct(cves), QStringLiteral(")"),
                          [&out](const QSqlQuery &q) { out.insert(q.value(0).toString(), kevFromRow(q)); });
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
    auto r = chunkedQuery(*db, QStringLiteral("SELECT ") + kEpssColumns + QStringLiteral(" FROM epss WHERE cve IN ("),
                          {}, distinct(cves), QStringLiteral(")"),
                          [&out](const QSqlQuery &q) { out.insert(q.value(0).toString(), epssFromRow(q)); });
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
