#include "vulndb/vulndbwriter.h"

#include "vulndb/dbconnection.h"
#include "vulndb/osvrecord.h"
#include "vulndb/schema.h"
#include "vulndb/sqlitestmt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

#include <sqlite3.h>

namespace bulkhead {

namespace {

using Stmt = SqliteStmt;

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QByteArray compactJson(const QJsonObject &o)
{
    return o.isEmpty() ? QByteArray() : QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compactJson(const QStringList &l)
{
    return l.isEmpty() ? QByteArray() : QJsonDocument(QJsonArray::fromStringList(l)).toJson(QJsonDocument::Compact);
}

// OSV "modified" is RFC 3339; compare as instants when both parse, else as text.
bool isNewer(const QString &stored, const QString &incoming)
{
    const QDateTime a = QDateTime::fromString(stored, Qt::ISODateWithMs);
    const QDateTime b = QDateTime::fromString(incoming, Qt::ISODateWithMs);
    if (a.isValid() && b.isValid())
        return a > b;
    return stored > incoming;
}

} // namespace

struct VulnDbWriter::Native {
    sqlite3 *db = nullptr;
    Stmt selectModified, upsertVuln, insertAlias, insertRef, insertCvss, insertAffected, deleteAliases,
        deleteRefs, deleteCvss, deleteAffected;

    Result<void> check(int rc, Stmt &s)
    {
        s.reset();
        if (rc == SQLITE_DONE || rc == SQLITE_ROW)
            return {};
        return fail(QStringLiteral("Writing the vulnerability database failed: %1.")
                        .arg(QString::fromUtf8(sqlite3_errmsg(db))), IoError);
    }
};

VulnDbWriter::VulnDbWriter(const QString &path, QSqlDatabase db, Mode mode)
    : m_path(path), m_db(std::move(db)), m_mode(mode)
{
}

VulnDbWriter::~VulnDbWriter()
{
    if (m_inTransaction)
        rollback();
}

Result<std::unique_ptr<VulnDbWriter>> VulnDbWriter::open(const QString &path, Mode mode)
{
    auto db = DbConnection::open(path, false);
    if (!db)
        return tl::unexpected(db.error());
    if (mode == Mode::Scratch) {
        // SQLite "journal_mode=MEMORY": ROLLBACK still works, only a crash can corrupt the file;
        // with "synchronous=OFF" commits skip fsync (dbfile::install syncs once before renaming).
        QSqlQuery q(*db);
        q.exec(QStringLiteral("PRAGMA journal_mode=MEMORY"));
        q.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    }
    auto migrated = schema::migrate(*db);
    if (!migrated)
        return tl::unexpected(migrated.error());
    std::unique_ptr<VulnDbWriter> w(new VulnDbWriter(path, *db, mode));
    auto prepared = w->prepareAll();
    if (!prepared)
        return tl::unexpected(prepared.error());
    return w;
}

Result<void> VulnDbWriter::prepareAll()
{
    sqlite3 *handle = nativeHandle(m_db);
    if (!handle)
        return fail(QStringLiteral("The vulnerability database connection is not a SQLite connection."), IoError);
    m_native.reset(new Native);
    Native &n = *m_native;
    n.db = handle;
    struct NativeSql { Stmt *stmt; const char *sql; };
    const NativeSql natives[] = {
        {&n.selectModified, "SELECT modified FROM vulnerabilities WHERE id = ?"},
        {&n.upsertVuln, "INSERT INTO vulnerabilities (id, source, summary, details, published, modified, withdrawn,"
                        " severity, database_specific, related, upstream) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                        " ON CONFLICT(id) DO UPDATE SET source=excluded.source, summary=excluded.summary,"
                        " details=excluded.details, published=excluded.published, modified=excluded.modified,"
                        " withdrawn=excluded.withdrawn, severity=excluded.severity,"
                        " database_specific=excluded.database_specific, related=excluded.related,"
                        " upstream=excluded.upstream"},
        {&n.insertAlias, "INSERT OR IGNORE INTO aliases (vuln_id, alias) VALUES (?,?)"},
        {&n.insertRef, "INSERT INTO \"references\" (vuln_id, type, url) VALUES (?,?,?)"},
        {&n.insertCvss, "INSERT INTO cvss (vuln_id, version, vector, base_score, source) VALUES (?,?,?,?,?)"},
        {&n.insertAffected, "INSERT INTO affected (vuln_id, ecosystem, ecosystem_base, name, name_key, purl, ranges,"
                            " versions, ecosystem_specific, database_specific, severity) VALUES (?,?,?,?,?,?,?,?,?,?,?)"},
        {&n.deleteAliases, "DELETE FROM aliases WHERE vuln_id = ?"},
        {&n.deleteRefs, "DELETE FROM \"references\" WHERE vuln_id = ?"},
        {&n.deleteCvss, "DELETE FROM cvss WHERE vuln_id = ?"},
        {&n.deleteAffected, "DELETE FROM affected WHERE vuln_id = ?"},
    };
    for (const NativeSql &s : natives) {
        if (!s.stmt->prepare(n.db, s.sql, true))
            return fail(QStringLiteral("Cannot prepare a vulnerability database statement: %1.")
                            .arg(QString::fromUtf8(sqlite3_errmsg(n.db))), IoError);
    }
    struct Sql { std::unique_ptr<QSqlQuery> *q; const char *sql; };
    const Sql stmts[] = {
        {&m_insertKev, "INSERT OR REPLACE INTO kev (cve, date_added, due_date, ransomware, vendor, product, name,"
                       " description, required_action) VALUES (?,?,?,?,?,?,?,?,?)"},
        {&m_insertEpss, "INSERT OR REPLACE INTO epss (cve, score, percentile, model_version, score_date)"
                        " VALUES (?,?,?,?,?)"},
    };
    for (const Sql &s : stmts) {
        s.q->reset(new QSqlQuery(m_db));
        if (!(*s.q)->prepare(QString::fromLatin1(s.sql)))
            return fail(QStringLiteral("Cannot prepare a vulnerability database statement: %1.")
                            .arg((*s.q)->lastError().text()), IoError);
    }
    return {};
}

Result<void> VulnDbWriter::exec(QSqlQuery &q)
{
    if (!q.exec())
        return fail(QStringLiteral("Writing the vulnerability database failed: %1.").arg(q.lastError().text()), IoError);
    return {};
}

Result<void> VulnDbWriter::begin()
{
    if (m_inTransaction)
        return {};
    if (!m_db.transaction())
        return fail(QStringLiteral("Cannot start a database transaction: %1.").arg(m_db.lastError().text()), IoError);
    m_inTransaction = true;
    return {};
}

Result<void> VulnDbWriter::commit()
{
    if (!m_inTransaction)
        return {};
    m_inTransaction = false;
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        return fail(QStringLiteral("Cannot commit to the vulnerability database: %1.").arg(why), IoError);
    }
    return {};
}

void VulnDbWriter::rollback()
{
    if (m_inTransaction)
        m_db.rollback();
    m_inTransaction = false;
}

Result<void> VulnDbWriter::beginBulkLoad()
{
    if (m_mode != Mode::Scratch || m_inTransaction || !m_droppedIndexes.isEmpty())
        return {};
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM vulnerabilities)")) || !q.next())
        return fail(QStringLiteral("Reading the vulnerability database failed: %1.").arg(q.lastError().text()), IoError);
    if (q.value(0).toInt() != 0)
        return {};   // rebuilding every index of a full database costs more than updating a part
    // Only indexes the write path never reads through: upserts look records up by primary key
    // and delete a record's rows through the *_vuln indexes, which stay.
    if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN "
                               "('affected_base_name', 'affected_eco_name', 'aliases_alias', 'vulnerabilities_source')")))
        return fail(QStringLiteral("Reading the vulnerability database failed: %1.").arg(q.lastError().text()), IoError);
    QStringList names, sql;
    while (q.next()) {
        names << q.value(0).toString();
        sql << q.value(1).toString();
    }
    q.finish();
    for (int i = 0; i < names.size(); ++i) {
        if (!q.exec(QStringLiteral("DROP INDEX \"%1\"").arg(names[i])))
            return fail(QStringLiteral("Cannot drop index %1: %2.").arg(names[i], q.lastError().text()), IoError);
        m_droppedIndexes << sql[i];
    }
    q.exec(QStringLiteral("PRAGMA foreign_keys=OFF"));
    return {};
}

Result<void> VulnDbWriter::endBulkLoad()
{
    if (m_droppedIndexes.isEmpty())
        return {};
    QSqlQuery q(m_db);
    while (!m_droppedIndexes.isEmpty()) {
        if (!q.exec(m_droppedIndexes.first()))
            return fail(QStringLiteral("Cannot rebuild a vulnerability database index: %1.").arg(q.lastError().text()),
                        IoError);
        m_droppedIndexes.removeFirst();
    }
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    return {};
}

Result<VulnDbWriter::Outcome> VulnDbWriter::upsert(const VulnRecord &r, const QString &source)
{
    Native &n = *m_native;
    bool exists = false;
    const int rc = n.selectModified.bind(r.id).step(&exists);
    const QString storedModified = exists ? n.selectModified.text(0) : QString();
    auto ok = n.check(rc, n.selectModified);
    if (!ok)
        return tl::unexpected(ok.error());
    if (exists && isNewer(storedModified, r.modified))
        return Outcome::Skipped;
    if (exists) {
        for (Stmt *s : {&n.deleteAliases, &n.deleteRefs, &n.deleteCvss, &n.deleteAffected}) {
            if (!(ok = n.check(s->bind(r.id).step(), *s)))
                return tl::unexpected(ok.error());
        }
    }
    Stmt &v = n.upsertVuln;
    v.bind(r.id).bind(source).bind(r.summary).bind(r.details).bind(r.published).bind(r.modified)
        .bind(r.withdrawn).bind(r.severity).bind(compactJson(r.databaseSpecific)).bind(compactJson(r.related))
        .bind(compactJson(r.upstream));
    if (!(ok = n.check(v.step(), v)))
        return tl::unexpected(ok.error());
    for (const QString &alias : r.aliases) {
        if (!(ok = n.check(n.insertAlias.bind(r.id).bind(alias).step(), n.insertAlias)))
            return tl::unexpected(ok.error());
    }
    for (const VulnReference &ref : r.references) {
        // The url column is NOT NULL: an empty url (parseRecord drops those) must stay an error.
        if (!(ok = n.check(n.insertRef.bind(r.id).bind(ref.type).bind(ref.url).step(), n.insertRef)))
            return tl::unexpected(ok.error());
    }
    for (const CvssScore &c : r.cvss) {
        Stmt &q = n.insertCvss;
        q.bind(r.id).bind(c.version).bind(c.vector);
        if (c.baseScore >= 0)
            q.bind(c.baseScore);
        else
            q.bindNull();
        if (!(ok = n.check(q.bind(c.source).step(), q)))
            return tl::unexpected(ok.error());
    }
    for (const AffectedEntry &a : r.affected) {
        Stmt &q = n.insertAffected;
        q.bind(r.id).bind(a.ecosystem).bind(a.ecosystemBase).bind(a.name)
            .bind(normalizePackageName(a.ecosystemBase, a.name)).bind(a.purl)
            .bind(osv::rangesToCompactJson(a.ranges))
            // One version per line: splitting is far cheaper than parsing JSON on the hot query path.
            .bind(a.versions.join(u'\n'))
            .bind(compactJson(a.ecosystemSpecific)).bind(compactJson(a.databaseSpecific)).bind(a.severityJson);
        if (!(ok = n.check(q.step(), q)))
            return tl::unexpected(ok.error());
    }
    return exists ? Outcome::Updated : Outcome::Inserted;
}

Result<void> VulnDbWriter::clearKev()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM kev"));
    return exec(q);
}

Result<void> VulnDbWriter::addKev(const KevEntry &e)
{
    QSqlQuery &q = *m_insertKev;
    q.addBindValue(e.cve);
    q.addBindValue(textOrNull(e.dateAdded));
    q.addBindValue(textOrNull(e.dueDate));
    q.addBindValue(e.ransomware ? 1 : 0);
    q.addBindValue(textOrNull(e.vendor));
    q.addBindValue(textOrNull(e.product));
    q.addBindValue(textOrNull(e.name));
    q.addBindValue(textOrNull(e.description));
    q.addBindValue(textOrNull(e.requiredAction));
    return exec(q);
}

Result<void> VulnDbWriter::clearEpss()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM epss"));
    return exec(q);
}

Result<void> VulnDbWriter::addEpss(const EpssEntry &e)
{
    QSqlQuery &q = *m_insertEpss;
    q.addBindValue(e.cve);
    q.addBindValue(e.score);
    q.addBindValue(e.percentile >= 0 ? QVariant(e.percentile) : QVariant());
    q.addBindValue(textOrNull(e.modelVersion));
    q.addBindValue(textOrNull(e.scoreDate));
    return exec(q);
}

Result<SourceInfo> VulnDbWriter::source(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT url, etag, last_modified, imported_at, checked_at, record_count FROM sources WHERE name = ?"));
    q.addBindValue(name);
    auto ok = exec(q);
    if (!ok)
        return tl::unexpected(ok.error());
    SourceInfo s;
    s.name = name;
    if (q.next()) {
        s.url = q.value(0).toString();
        s.etag = q.value(1).toString();
        s.lastModified = q.value(2).toString();
        s.importedAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODate);
        s.checkedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODate);
        s.recordCount = q.value(5).toLongLong();
    }
    return s;
}

Result<void> VulnDbWriter::saveSource(const SourceInfo &s, const QString &countTable)
{
    QSqlQuery q(m_db);
    QString countSql;
    if (countTable == u"kev")
        countSql = QStringLiteral("(SELECT count(*) FROM kev)");
    else if (countTable == u"epss")
        countSql = QStringLiteral("(SELECT count(*) FROM epss)");
    else
        countSql = QStringLiteral("(SELECT count(*) FROM vulnerabilities WHERE source = :name)");
    q.prepare(QStringLiteral("INSERT INTO sources (name, url, etag, last_modified, imported_at, checked_at, record_count)"
                             " VALUES (:name, :url, :etag, :lm, :imported, :checked, ") + countSql
              + QStringLiteral(") ON CONFLICT(name) DO UPDATE SET url=excluded.url, etag=excluded.etag,"
                               " last_modified=excluded.last_modified, imported_at=excluded.imported_at,"
                               " checked_at=excluded.checked_at, record_count=excluded.record_count"));
    q.bindValue(QStringLiteral(":name"), s.name);
    q.bindValue(QStringLiteral(":url"), textOrNull(s.url));
    q.bindValue(QStringLiteral(":etag"), textOrNull(s.etag));
    q.bindValue(QStringLiteral(":lm"), textOrNull(s.lastModified));
    q.bindValue(QStringLiteral(":imported"), s.importedAt.isValid() ? QVariant(s.importedAt.toUTC().toString(Qt::ISODate)) : QVariant());
    q.bindValue(QStringLiteral(":checked"), s.checkedAt.isValid() ? QVariant(s.checkedAt.toUTC().toString(Qt::ISODate)) : QVariant());
    return exec(q);
}

} // namespace bulkhead
