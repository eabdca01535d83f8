#include "vulndb/vulndbwriter.h"

#include "vulndb/dbconnection.h"
#include "vulndb/osvrecord.h"
#include "vulndb/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

namespace bulkhead {

namespace {

QVariant jsonText(const QJsonObject &o)
{
    return o.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

QVariant jsonText(const QStringList &l)
{
    return l.isEmpty() ? QVariant()
                       : QVariant(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(l)).toJson(QJsonDocument::Compact)));
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
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

VulnDbWriter::VulnDbWriter(const QString &path, QSqlDatabase db) : m_path(path), m_db(std::move(db)) {}

VulnDbWriter::~VulnDbWriter()
{
    if (m_inTransaction)
        rollback();
}

Result<std::unique_ptr<VulnDbWriter>> VulnDbWriter::open(const QString &path)
{
    auto db = DbConnection::open(path, false);
    if (!db)
        return tl::unexpected(db.error());
    auto migrated = schema::migrate(*db);
    if (!migrated)
        return tl::unexpected(migrated.error());
    std::unique_ptr<VulnDbWriter> w(new VulnDbWriter(path, *db));
    auto prepared = w->prepareAll();
    if (!prepared)
        return tl::unexpected(prepared.error());
    return w;
}

Result<void> VulnDbWriter::prepareAll()
{
    struct Stmt { std::unique_ptr<QSqlQuery> *q; const char *sql; };
    const Stmt stmts[] = {
        {&m_selectModified, "SELECT modified FROM vulnerabilities WHERE id = ?"},
        {&m_upsertVuln, "INSERT INTO vulnerabilities (id, source, summary, details, published, modified, withdrawn,"
                        " severity, database_specific, related, upstream) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                        " ON CONFLICT(id) DO UPDATE SET source=excluded.source, summary=excluded.summary,"
                        " details=excluded.details, published=excluded.published, modified=excluded.modified,"
                        " withdrawn=excluded.withdrawn, severity=excluded.severity,"
                        " database_specific=excluded.database_specific, related=excluded.related,"
                        " upstream=excluded.upstream"},
        {&m_insertAlias, "INSERT OR IGNORE INTO aliases (vuln_id, alias) VALUES (?,?)"},
        {&m_insertRef, "INSERT INTO \"references\" (vuln_id, type, url) VALUES (?,?,?)"},
        {&m_insertCvss, "INSERT INTO cvss (vuln_id, version, vector, base_score, source) VALUES (?,?,?,?,?)"},
        {&m_insertAffected, "INSERT INTO affected (vuln_id, ecosystem, ecosystem_base, name, name_key, purl, ranges,"
                            " versions, ecosystem_specific, database_specific, severity) VALUES (?,?,?,?,?,?,?,?,?,?,?)"},
        {&m_deleteAliases, "DELETE FROM aliases WHERE vuln_id = ?"},
        {&m_deleteRefs, "DELETE FROM \"references\" WHERE vuln_id = ?"},
        {&m_deleteCvss, "DELETE FROM cvss WHERE vuln_id = ?"},
        {&m_deleteAffected, "DELETE FROM affected WHERE vuln_id = ?"},
        {&m_insertKev, "INSERT OR REPLACE INTO kev (cve, date_added, due_date, ransomware, vendor, product, name,"
                       " description, required_action) VALUES (?,?,?,?,?,?,?,?,?)"},
        {&m_insertEpss, "INSERT OR REPLACE INTO epss (cve, score, percentile, model_version, score_date)"
                        " VALUES (?,?,?,?,?)"},
    };
    for (const Stmt &s : stmts) {
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

Result<VulnDbWriter::Outcome> VulnDbWriter::upsert(const VulnRecord &r, const QString &source)
{
    m_selectModified->addBindValue(r.id);
    auto ok = exec(*m_selectModified);
    if (!ok)
        return tl::unexpected(ok.error());
    const bool exists = m_selectModified->next();
    const QString storedModified = exists ? m_selectModified->value(0).toString() : QString();
    m_selectModified->finish();
    if (exists && isNewer(storedModified, r.modified))
        return Outcome::Skipped;
    if (exists) {
        for (QSqlQuery *q : {m_deleteAliases.get(), m_deleteRefs.get(), m_deleteCvss.get(), m_deleteAffected.get()}) {
            q->addBindValue(r.id);
            if (!(ok = exec(*q)))
                return tl::unexpected(ok.error());
        }
    }
    QSqlQuery &v = *m_upsertVuln;
    v.addBindValue(r.id);
    v.addBindValue(textOrNull(source));
    v.addBindValue(textOrNull(r.summary));
    v.addBindValue(textOrNull(r.details));
    v.addBindValue(textOrNull(r.published));
    v.addBindValue(textOrNull(r.modified));
    v.addBindValue(textOrNull(r.withdrawn));
    v.addBindValue(textOrNull(r.severity));
    v.addBindValue(jsonText(r.databaseSpecific));
    v.addBindValue(jsonText(r.related));
    v.addBindValue(jsonText(r.upstream));
    if (!(ok = exec(v)))
        return tl::unexpected(ok.error());
    for (const QString &alias : r.aliases) {
        m_insertAlias->addBindValue(r.id);
        m_insertAlias->addBindValue(alias);
        if (!(ok = exec(*m_insertAlias)))
            return tl::unexpected(ok.error());
    }
    for (const VulnReference &ref : r.references) {
        m_insertRef->addBindValue(r.id);
        m_insertRef->addBindValue(textOrNull(ref.type));
        m_insertRef->addBindValue(ref.url);
        if (!(ok = exec(*m_insertRef)))
            return tl::unexpected(ok.error());
    }
    for (const CvssScore &c : r.cvss) {
        m_insertCvss->addBindValue(r.id);
        m_insertCvss->addBindValue(c.version);
        m_insertCvss->addBindValue(c.vector);
        m_insertCvss->addBindValue(c.baseScore >= 0 ? QVariant(c.baseScore) : QVariant());
        m_insertCvss->addBindValue(c.source);
        if (!(ok = exec(*m_insertCvss)))
            return tl::unexpected(ok.error());
    }
    for (const AffectedEntry &a : r.affected) {
        QSqlQuery &q = *m_insertAffected;
        q.addBindValue(r.id);
        q.addBindValue(a.ecosystem);
        q.addBindValue(a.ecosystemBase);
        q.addBindValue(a.name);
        q.addBindValue(normalizePackageName(a.ecosystemBase, a.name));
        q.addBindValue(textOrNull(a.purl));
        q.addBindValue(QString::fromUtf8(QJsonDocument(osv::rangesToJson(a.ranges)).toJson(QJsonDocument::Compact)));
        // One version per line: splitting is far cheaper than parsing JSON on the hot query path.
        q.addBindValue(a.versions.isEmpty() ? QVariant() : QVariant(a.versions.join(u'\n')));
        q.addBindValue(jsonText(a.ecosystemSpecific));
        q.addBindValue(jsonText(a.databaseSpecific));
        q.addBindValue(textOrNull(a.severityJson));
        if (!(ok = exec(q)))
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
