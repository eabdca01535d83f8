#include "store/historystore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>

namespace bulkhead {

namespace {

// Each migration moves the schema from version (index) to version (index + 1). Append only: a
// released migration is never edited, so every older file reaches the same schema.
const char *const Migration1[] = {
    "CREATE TABLE scans ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT NOT NULL, repository TEXT NOT NULL,"
    " source_kind TEXT, repo_tags TEXT, manifest_digest TEXT, index_digest TEXT, config_digest TEXT,"
    " manifest_media_type TEXT, config_json TEXT,"
    " os_id TEXT, os_version_id TEXT, os_codename TEXT, os_pretty TEXT, os_id_like TEXT,"
    " os_distroless INTEGER, started_at TEXT, finished_at TEXT,"
    " n_unknown INTEGER, n_low INTEGER, n_medium INTEGER, n_high INTEGER, n_critical INTEGER,"
    " n_kev INTEGER, n_packages INTEGER,"
    " db_path TEXT, db_updated_at TEXT, db_schema INTEGER, db_advisories INTEGER,"
    " vulns_scanned INTEGER)",
    "CREATE TABLE layers (scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, digest TEXT, diff_id TEXT, media_type TEXT, size INTEGER,"
    " created_by TEXT, created TEXT, comment TEXT, PRIMARY KEY (scan_id, idx))",
    "CREATE TABLE packages (scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,"
    " pkg_index INTEGER NOT NULL, ecosystem TEXT, name TEXT, version TEXT, arch TEXT,"
    " source_name TEXT, source_version TEXT, licenses TEXT, purl TEXT, extra_purls TEXT,"
    " found_in TEXT, cataloger TEXT, layer_index INTEGER, layer_digest TEXT, layer_diff_id TEXT,"
    " layer_created_by TEXT, metadata TEXT, PRIMARY KEY (scan_id, pkg_index))",
    "CREATE TABLE findings (scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,"
    " finding_index INTEGER NOT NULL, vuln_id TEXT NOT NULL, aliases TEXT, summary TEXT,"
    " details TEXT, severity INTEGER, severity_source TEXT, cvss TEXT, fix_state INTEGER,"
    " fixed_version TEXT, affected_range TEXT, refs TEXT, published TEXT, modified TEXT,"
    " data_source TEXT, kev INTEGER, kev_date_added TEXT, kev_due_date TEXT, kev_ransomware INTEGER,"
    " epss REAL, epss_percentile REAL, package_index INTEGER, package_name TEXT,"
    " package_version TEXT, package_json TEXT, layer_index INTEGER,"
    " PRIMARY KEY (scan_id, finding_index))",
    "CREATE TABLE warnings (scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, stage TEXT, path TEXT, message TEXT, PRIMARY KEY (scan_id, idx))",
    "CREATE TABLE triage (vuln_id TEXT NOT NULL, package_name TEXT NOT NULL, scope TEXT NOT NULL,"
    " state TEXT NOT NULL, comment TEXT, author TEXT, changed_at TEXT, expires_at TEXT,"
    " PRIMARY KEY (vuln_id, package_name, scope))",
};
// Version 2: the append-only triage audit trail and the indexes the trend queries need.
const char *const Migration2[] = {
    "CREATE TABLE triage_history (id INTEGER PRIMARY KEY AUTOINCREMENT, vuln_id TEXT NOT NULL,"
    " package_name TEXT NOT NULL, scope TEXT NOT NULL, state TEXT NOT NULL, comment TEXT,"
    " author TEXT, changed_at TEXT, expires_at TEXT)",
    // Append-only: refuse edits and deletions at the database level too.
    "CREATE TRIGGER triage_history_no_update BEFORE UPDATE ON triage_history"
    " BEGIN SELECT RAISE(ABORT, 'triage history is append-only'); END",
    "CREATE TRIGGER triage_history_no_delete BEFORE DELETE ON triage_history"
    " BEGIN SELECT RAISE(ABORT, 'triage history is append-only'); END",
    "CREATE INDEX triage_history_key ON triage_history (vuln_id, package_name)",
    "CREATE INDEX scans_reference ON scans (reference, finished_at)",
    "CREATE INDEX scans_repository ON scans (repository, finished_at)",
    "CREATE INDEX findings_vuln ON findings (vuln_id)",
};

struct MigrationStep {
    const char *const *statements;
    size_t count;
};
const MigrationStep Migrations[] = {
    {Migration1, sizeof(Migration1) / sizeof(*Migration1)},
    {Migration2, sizeof(Migration2) / sizeof(*Migration2)},
};
static_assert(sizeof(Migrations) / sizeof(*Migrations) == HistoryStore::SchemaVersion,
              "one migration per schema version");

QString toText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromText(const QVariant &v)
{
    const QString s = v.toString();
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    return t.toUTC();
}

QString jsonText(const QJsonValue &v)
{
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

QJsonArray listJson(const QStringList &l) { return QJsonArray::fromStringList(l); }

QStringList listFrom(const QVariant &v)
{
    QStringList out;
    const auto arr = QJsonDocument::fromJson(v.toString().toUtf8()).array();
    out.reserve(arr.size());
    for (const auto &e : arr)
        out << e.toString();
    return out;
}

QJsonObject mapJson(const QMap<QString, QString> &m)
{
    QJsonObject o;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QMap<QString, QString> mapFrom(const QJsonObject &o)
{
    QMap<QString, QString> m;
    for (auto it = o.begin(); it != o.end(); ++it)
        m.insert(it.key(), it.value().toString());
    return m;
}

QJsonObject configJson(const ImageConfig &c)
{
    QJsonObject o;
    o[u"created"] = c.created;
    o[u"author"] = c.author;
    o[u"os"] = c.platform.os;
    o[u"architecture"] = c.platform.architecture;
    o[u"variant"] = c.platform.variant;
    o[u"user"] = c.user;
    o[u"env"] = listJson(c.env);
    o[u"entrypoint"] = listJson(c.entrypoint);
    o[u"cmd"] = listJson(c.cmd);
    o[u"workingDir"] = c.workingDir;
    o[u"exposedPorts"] = listJson(c.exposedPorts);
    o[u"volumes"] = listJson(c.volumes);
    o[u"labels"] = mapJson(c.labels);
    o[u"stopSignal"] = c.stopSignal;
    o[u"healthcheck"] = listJson(c.healthcheck);
    o[u"diffIds"] = listJson(c.diffIds);
    QJsonArray hist;
    for (const auto &h : c.history) {
        QJsonObject e;
        e[u"created"] = h.created;
        e[u"createdBy"] = h.createdBy;
        e[u"author"] = h.author;
        e[u"comment"] = h.comment;
        e[u"emptyLayer"] = h.emptyLayer;
        hist.append(e);
    }
    o[u"history"] = hist;
    return o;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const auto &e : v.toArray())
        out << e.toString();
    return out;
}

ImageConfig configFrom(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    ImageConfig c;
    c.created = o[u"created"].toString();
    c.author = o[u"author"].toString();
    c.platform.os = o[u"os"].toString();
    c.platform.architecture = o[u"architecture"].toString();
    c.platform.variant = o[u"variant"].toString();
    c.user = o[u"user"].toString();
    c.env = strings(o[u"env"]);
    c.entrypoint = strings(o[u"entrypoint"]);
    c.cmd = strings(o[u"cmd"]);
    c.workingDir = o[u"workingDir"].toString();
    c.exposedPorts = strings(o[u"exposedPorts"]);
    c.volumes = strings(o[u"volumes"]);
    c.labels = mapFrom(o[u"labels"].toObject());
    c.stopSignal = o[u"stopSignal"].toString();
    c.healthcheck = strings(o[u"healthcheck"]);
    c.diffIds = strings(o[u"diffIds"]);
    for (const auto &v : o[u"history"].toArray()) {
        const QJsonObject e = v.toObject();
        HistoryEntry h;
        h.created = e[u"created"].toString();
        h.createdBy = e[u"createdBy"].toString();
        h.author = e[u"author"].toString();
        h.comment = e[u"comment"].toString();
        h.emptyLayer = e[u"emptyLayer"].toBool();
        c.history.append(h);
    }
    return c;
}

QJsonObject packageJson(const Package &p)
{
    QJsonObject o;
    o[u"ecosystem"] = p.ecosystem;
    o[u"name"] = p.name;
    o[u"version"] = p.version;
    o[u"arch"] = p.arch;
    o[u"sourceName"] = p.sourceName;
    o[u"sourceVersion"] = p.sourceVersion;
    o[u"licenses"] = listJson(p.licenses);
    o[u"purl"] = p.purl;
    o[u"extraPurls"] = listJson(p.extraPurls);
    o[u"foundIn"] = p.foundIn;
    o[u"cataloger"] = p.cataloger;
    o[u"layerIndex"] = p.layer.index;
    o[u"layerDigest"] = p.layer.digest;
    o[u"layerDiffId"] = p.layer.diffId;
    o[u"layerCreatedBy"] = p.layer.createdBy;
    o[u"metadata"] = mapJson(p.metadata);
    return o;
}

Package packageFrom(const QJsonObject &o)
{
    Package p;
    p.ecosystem = o[u"ecosystem"].toString();
    p.name = o[u"name"].toString();
    p.version = o[u"version"].toString();
    p.arch = o[u"arch"].toString();
    p.sourceName = o[u"sourceName"].toString();
    p.sourceVersion = o[u"sourceVersion"].toString();
    p.licenses = strings(o[u"licenses"]);
    p.purl = o[u"purl"].toString();
    p.extraPurls = strings(o[u"extraPurls"]);
    p.foundIn = o[u"foundIn"].toString();
    p.cataloger = o[u"cataloger"].toString();
    p.layer.index = o[u"layerIndex"].toInt(-1);
    p.layer.digest = o[u"layerDigest"].toString();
    p.layer.diffId = o[u"layerDiffId"].toString();
    p.layer.createdBy = o[u"layerCreatedBy"].toString();
    p.metadata = mapFrom(o[u"metadata"].toObject());
    return p;
}

// Exact identity of a package value: a finding's package is stored as a reference to the scan's
// package row only when every field agrees, so loadScan() gives back exactly what was saved.
QByteArray packageFingerprint(const Package &p)
{
    return QJsonDocument(packageJson(p)).toJson(QJsonDocument::Compact);
}

QJsonArray cvssJson(const QVector<CvssScore> &scores)
{
    QJsonArray a;
    for (const auto &c : scores) {
        QJsonObject o;
        o[u"version"] = c.version;
        o[u"vector"] = c.vector;
        o[u"baseScore"] = c.baseScore;
        o[u"source"] = c.source;
        a.append(o);
    }
    return a;
}

QVector<CvssScore> cvssFrom(const QVariant &v)
{
    QVector<CvssScore> out;
    for (const auto &e : QJsonDocument::fromJson(v.toString().toUtf8()).array()) {
        const QJsonObject o = e.toObject();
        CvssScore c;
        c.version = o[u"version"].toString();
        c.vector = o[u"vector"].toString();
        c.baseScore = o[u"baseScore"].toDouble(-1);
        c.source = o[u"source"].toString();
        out.append(c);
    }
    return out;
}

Error sqlError(const QString &what, const QSqlError &e)
{
    return Error{QStringLiteral("Scan history: %1 failed: %2").arg(what, e.text()), IoError};
}

// Runs a prepared statement; on failure returns the error to hand back.
bool exec(QSqlQuery &q, Error *err, const QString &what)
{
    if (q.exec())
        return true;
    *err = sqlError(what, q.lastError());
    return false;
}

// Rolls back unless committed, so every early return leaves the file unchanged.
class Transaction {
public:
    explicit Transaction(QSqlDatabase &db) : m_db(db), m_active(db.transaction()) {}
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    bool isActive() const { return m_active; }
    bool commit()
    {
        m_active = false;
        return m_db.commit();
    }

private:
    QSqlDatabase &m_db;
    bool m_active;
};

// Prepares, binds and runs one statement on `db`; the query is positioned before the first row.
Result<QSqlQuery> runQuery(const Result<QSqlDatabase> &db, const QString &sql, const QVariantList &binds,
                           const QString &what)
{
    if (!db)
        return tl::unexpected(db.error());
    QSqlQuery q(*db);
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    Error err;
    if (!exec(q, &err, what))
        return tl::unexpected(err);
    return q;
}

ScanSummary summaryFrom(const QSqlQuery &q)
{
    // Column order of SummaryColumns below.
    ScanSummary s;
    s.id = q.value(0).toLongLong();
    s.reference = q.value(1).toString();
    s.repository = q.value(2).toString();
    s.repoTags = listFrom(q.value(3));
    s.configDigest = q.value(4).toString();
    const QString pretty = q.value(5).toString();
    s.osName = !pretty.isEmpty() ? pretty
                                 : QString(q.value(6).toString() + u' ' + q.value(7).toString()).trimmed();
    s.startedAt = fromText(q.value(8));
    s.finishedAt = fromText(q.value(9));
    for (int i = 0; i < 5; ++i)
        s.counts.bySeverity[size_t(i)] = q.value(10 + i).toInt();
    s.kevCount = q.value(15).toInt();
    s.packageCount = q.value(16).toInt();
    return s;
}

const QString SummaryColumns = QStringLiteral(
    "s.id, s.reference, s.repository, s.repo_tags, s.config_digest, s.os_pretty, s.os_id,"
    " s.os_version_id, s.started_at, s.finished_at, s.n_unknown, s.n_low, s.n_medium, s.n_high,"
    " s.n_critical, s.n_kev, s.n_packages");

// The latest scan of every reference (ties on time broken by the higher id).
const QString LatestScansSql = QStringLiteral(
    "SELECT s2.id FROM scans s2 WHERE NOT EXISTS (SELECT 1 FROM scans s3 WHERE"
    " s3.reference = s2.reference AND (s3.finished_at > s2.finished_at OR"
    " (s3.finished_at = s2.finished_at AND s3.id > s2.id)))");

TriageRecord triageFrom(const QSqlQuery &q)
{
    // vuln_id, package_name, scope, state, comment, author, changed_at, expires_at
    TriageRecord r;
    r.vulnId = q.value(0).toString();
    r.packageName = q.value(1).toString();
    r.scope = q.value(2).toString();
    parseTriageState(q.value(3).toString(), &r.state);
    r.comment = q.value(4).toString();
    r.author = q.value(5).toString();
    r.changedAt = fromText(q.value(6));
    r.expiresAt = fromText(q.value(7));
    return r;
}

} // namespace

int SeverityCounts::total() const
{
    int t = 0;
    for (int n : bySeverity)
        t += n;
    return t;
}

SeverityCounts SeverityCounts::of(const QVector<Finding> &findings)
{
    SeverityCounts c;
    for (const auto &f : findings)
        ++c[f.severity];
    return c;
}

QString triageStateName(TriageState s)
{
    switch (s) {
    case TriageState::NotAffected: return QStringLiteral("not_affected");
    case TriageState::AcceptedRisk: return QStringLiteral("accepted_risk");
    case TriageState::FalsePositive: return QStringLiteral("false_positive");
    case TriageState::Fixed: return QStringLiteral("fixed");
    case TriageState::None: break;
    }
    return QStringLiteral("none");
}

bool parseTriageState(const QString &text, TriageState *out)
{
    for (TriageState s : {TriageState::None, TriageState::NotAffected, TriageState::AcceptedRisk,
                          TriageState::FalsePositive, TriageState::Fixed}) {
        if (text == triageStateName(s)) {
            *out = s;
            return true;
        }
    }
    return false;
}

HistoryStore::HistoryStore(const QString &path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{
}

QString HistoryStore::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
              + QStringLiteral("/bulkhead");
    return dir + QStringLiteral("/history.sqlite");
}

QString HistoryStore::currentUserName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

QString HistoryStore::repositoryOf(const ImageInfo &image)
{
    // A tag names the repository better than a file path reference ("oci:/tmp/x.tar").
    QString ref = image.repoTags.isEmpty() ? image.reference : image.repoTags.first();
    const int at = ref.indexOf(u'@');
    if (at >= 0)
        ref.truncate(at);
    const int slash = ref.lastIndexOf(u'/');
    const int colon = ref.lastIndexOf(u':');
    // A colon after the last slash is a tag; one before it is a registry port or a transport.
    if (colon > slash && colon > 0 && !ref.startsWith(u"oci:") && !ref.startsWith(u"docker-archive:")
        && !ref.startsWith(u"oci-archive:"))
        ref.truncate(colon);
    return ref;
}

Result<QSqlDatabase> HistoryStore::connection()
{
    // qBittorrent-style: one named connection per (thread, file). QSqlDatabase connections must
    // only be used from the thread that created them (Qt 6.4 has no moveToThread for them).
    const QByteArray pathHash =
        QCryptographicHash::hash(QFileInfo(m_path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    const QString name = QStringLiteral("bulkhead-history-%1-%2")
                             .arg(QString::fromLatin1(pathHash))
                             .arg(quintptr(QThread::currentThreadId()), 0, 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(QStringLiteral("Scan history: cannot create the folder of %1.").arg(m_path), IoError);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                    : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    // Another thread may hold the write lock: wait for it instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return tl::unexpected(sqlError(QStringLiteral("opening %1").arg(m_path), db.lastError()));
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));

    // Migrate inside one exclusive transaction so two threads never migrate at the same time.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return tl::unexpected(sqlError(QStringLiteral("locking %1").arg(m_path), q.lastError()));
    auto abort = [&](const Error &e) -> Result<QSqlDatabase> {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        db.close();
        return tl::unexpected(e);
    };
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return abort(sqlError(QStringLiteral("reading the schema version"), q.lastError()));
    const int version = q.value(0).toInt();
    if (version > SchemaVersion)
        return abort(Error{QStringLiteral("Scan history %1 was written by a newer Bulkhead (schema %2, "
                                          "this version reads up to %3).")
                               .arg(m_path)
                               .arg(version)
                               .arg(SchemaVersion),
                           InvalidInput});
    for (int v = version; v < SchemaVersion; ++v) {
        const MigrationStep &step = Migrations[v];
        for (size_t i = 0; i < step.count; ++i) {
            if (!q.exec(QString::fromLatin1(step.statements[i])))
                return abort(sqlError(QStringLiteral("migrating the schema to version %1").arg(v + 1),
                                      q.lastError()));
        }
    }
    if (version != SchemaVersion
        && !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion)))
        return abort(sqlError(QStringLiteral("writing the schema version"), q.lastError()));
    if (!q.exec(QStringLiteral("COMMIT")))
        return abort(sqlError(QStringLiteral("committing the schema"), q.lastError()));
    return db;
}

Result<void> HistoryStore::open()
{
    auto db = connection();
    if (!db)
        return tl::unexpected(db.error());
    return {};
}

Result<qint64> HistoryStore::saveScan(const ScanResult &scan)
{
    auto dbr = connection();
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase db = *dbr;
    Transaction tx(db);
    if (!tx.isActive())
        return tl::unexpected(sqlError(QStringLiteral("starting a transaction"), db.lastError()));
    Error err;

    const SeverityCounts counts = SeverityCounts::of(scan.findings);
    int kev = 0;
    for (const auto &f : scan.findings)
        kev += f.kev ? 1 : 0;

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO scans (reference, repository, source_kind, repo_tags, manifest_digest,"
        " index_digest, config_digest, manifest_media_type, config_json, os_id, os_version_id,"
        " os_codename, os_pretty, os_id_like, os_distroless, started_at, finished_at, n_unknown, n_low,"
        " n_medium, n_high, n_critical, n_kev, n_packages, db_path, db_updated_at, db_schema,"
        " db_advisories, vulns_scanned) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    const ImageInfo &im = scan.image;
    for (const QVariant &v : {QVariant(im.reference), QVariant(repositoryOf(im)), QVariant(im.sourceKind),
                              QVariant(jsonText(listJson(im.repoTags))), QVariant(im.manifestDigest),
                              QVariant(im.indexDigest), QVariant(im.configDigest),
                              QVariant(im.manifestMediaType), QVariant(jsonText(configJson(im.config))),
                              QVariant(scan.os.id), QVariant(scan.os.versionId),
                              QVariant(scan.os.versionCodename), QVariant(scan.os.prettyName),
                              QVariant(jsonText(listJson(scan.os.idLike))), QVariant(int(scan.os.distroless)),
                              QVariant(toText(scan.startedAt)), QVariant(toText(scan.finishedAt))})
        q.addBindValue(v);
    for (int i = 0; i < 5; ++i)
        q.addBindValue(counts.bySeverity[size_t(i)]);
    q.addBindValue(kev);
    q.addBindValue(int(scan.packages.size()));
    q.addBindValue(scan.db.path);
    q.addBindValue(toText(scan.db.updatedAt));
    q.addBindValue(scan.db.schemaVersion);
    q.addBindValue(scan.db.advisoryCount);
    q.addBindValue(int(scan.vulnerabilitiesScanned));
    if (!exec(q, &err, QStringLiteral("saving the scan")))
        return tl::unexpected(err);
    const qint64 id = q.lastInsertId().toLongLong();

    QSqlQuery lq(db);
    lq.prepare(QStringLiteral("INSERT INTO layers VALUES (?,?,?,?,?,?,?,?,?)"));
    for (const auto &l : im.layers) {
        for (const QVariant &v : {QVariant(id), QVariant(l.index), QVariant(l.digest), QVariant(l.diffId),
                                  QVariant(l.mediaType), QVariant(l.size), QVariant(l.createdBy),
                                  QVariant(l.created), QVariant(l.comment)})
            lq.addBindValue(v);
        if (!exec(lq, &err, QStringLiteral("saving a layer")))
            return tl::unexpected(err);
    }

    QHash<QByteArray, int> packageIndex;
    QSqlQuery pq(db);
    pq.prepare(QStringLiteral("INSERT INTO packages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (int i = 0; i < scan.packages.size(); ++i) {
        const Package &p = scan.packages[i];
        packageIndex.insert(packageFingerprint(p), i);
        for (const QVariant &v :
             {QVariant(id), QVariant(i), QVariant(p.ecosystem), QVariant(p.name), QVariant(p.version),
              QVariant(p.arch), QVariant(p.sourceName), QVariant(p.sourceVersion),
              QVariant(jsonText(listJson(p.licenses))), QVariant(p.purl),
              QVariant(jsonText(listJson(p.extraPurls))), QVariant(p.foundIn), QVariant(p.cataloger),
              QVariant(p.layer.index), QVariant(p.layer.digest), QVariant(p.layer.diffId),
              QVariant(p.layer.createdBy), QVariant(jsonText(mapJson(p.metadata)))})
            pq.addBindValue(v);
        if (!exec(pq, &err, QStringLiteral("saving a package")))
            return tl::unexpected(err);
    }

    QSqlQuery fq(db);
    fq.prepare(QStringLiteral("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (int i = 0; i < scan.findings.size(); ++i) {
        const Finding &f = scan.findings[i];
        const int pkg = packageIndex.value(packageFingerprint(f.package), -1);
        for (const QVariant &v :
             {QVariant(id), QVariant(i), QVariant(f.id), QVariant(jsonText(listJson(f.aliases))),
              QVariant(f.summary), QVariant(f.details), QVariant(int(f.severity)), QVariant(f.severitySource),
              QVariant(jsonText(cvssJson(f.cvss))), QVariant(int(f.fixState)), QVariant(f.fixedVersion),
              QVariant(f.affectedRange), QVariant(jsonText(listJson(f.references))), QVariant(f.published),
              QVariant(f.modified), QVariant(f.dataSource), QVariant(int(f.kev)), QVariant(f.kevDateAdded),
              QVariant(f.kevDueDate), QVariant(int(f.kevRansomware)), QVariant(f.epss),
              QVariant(f.epssPercentile), QVariant(pkg), QVariant(f.package.name),
              QVariant(f.package.version),
              QVariant(pkg < 0 ? jsonText(packageJson(f.package)) : QString()),
              QVariant(f.package.layer.index)})
            fq.addBindValue(v);
        if (!exec(fq, &err, QStringLiteral("saving a finding")))
            return tl::unexpected(err);
    }

    QSqlQuery wq(db);
    wq.prepare(QStringLiteral("INSERT INTO warnings VALUES (?,?,?,?,?)"));
    for (int i = 0; i < scan.warnings.size(); ++i) {
        const ScanWarning &w = scan.warnings[i];
        for (const QVariant &v : {QVariant(id), QVariant(i), QVariant(w.stage), QVariant(w.path),
                                  QVariant(w.message)})
            wq.addBindValue(v);
        if (!exec(wq, &err, QStringLiteral("saving a warning")))
            return tl::unexpected(err);
    }
    if (!tx.commit())
        return tl::unexpected(sqlError(QStringLiteral("committing the scan"), db.lastError()));
    return id;
}

Result<ScanResult> HistoryStore::loadScan(qint64 id)
{
    auto dbr = connection();
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase db = *dbr;
    Error err;
    // One read transaction so a concurrent writer cannot give us half of a scan.
    Transaction tx(db);

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT reference, source_kind, repo_tags, manifest_digest, index_digest, config_digest,"
        " manifest_media_type, config_json, os_id, os_version_id, os_codename, os_pretty, os_id_like,"
        " os_distroless, started_at, finished_at, db_path, db_updated_at, db_schema, db_advisories,"
        " vulns_scanned FROM scans WHERE id = ?"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading scan %1").arg(id)))
        return tl::unexpected(err);
    if (!q.next())
        return fail(QStringLiteral("Scan history has no scan with id %1.").arg(id), NotFound);
    ScanResult r;
    r.image.reference = q.value(0).toString();
    r.image.sourceKind = q.value(1).toString();
    r.image.repoTags = listFrom(q.value(2));
    r.image.manifestDigest = q.value(3).toString();
    r.image.indexDigest = q.value(4).toString();
    r.image.configDigest = q.value(5).toString();
    r.image.manifestMediaType = q.value(6).toString();
    r.image.config = configFrom(q.value(7).toString());
    r.os.id = q.value(8).toString();
    r.os.versionId = q.value(9).toString();
    r.os.versionCodename = q.value(10).toString();
    r.os.prettyName = q.value(11).toString();
    r.os.idLike = listFrom(q.value(12));
    r.os.distroless = q.value(13).toBool();
    r.startedAt = fromText(q.value(14));
    r.finishedAt = fromText(q.value(15));
    r.db.path = q.value(16).toString();
    r.db.updatedAt = fromText(q.value(17));
    r.db.schemaVersion = q.value(18).toInt();
    r.db.advisoryCount = q.value(19).toLongLong();
    r.vulnerabilitiesScanned = q.value(20).toBool();

    q.prepare(QStringLiteral("SELECT idx, digest, diff_id, media_type, size, created_by, created, comment"
                             " FROM layers WHERE scan_id = ? ORDER BY idx"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading layers")))
        return tl::unexpected(err);
    while (q.next()) {
        LayerInfo l;
        l.index = q.value(0).toInt();
        l.digest = q.value(1).toString();
        l.diffId = q.value(2).toString();
        l.mediaType = q.value(3).toString();
        l.size = q.value(4).toLongLong();
        l.createdBy = q.value(5).toString();
        l.created = q.value(6).toString();
        l.comment = q.value(7).toString();
        r.image.layers.append(l);
    }

    q.prepare(QStringLiteral(
        "SELECT ecosystem, name, version, arch, source_name, source_version, licenses, purl, extra_purls,"
        " found_in, cataloger, layer_index, layer_digest, layer_diff_id, layer_created_by, metadata"
        " FROM packages WHERE scan_id = ? ORDER BY pkg_index"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading packages")))
        return tl::unexpected(err);
    while (q.next()) {
        Package p;
        p.ecosystem = q.value(0).toString();
        p.name = q.value(1).toString();
        p.version = q.value(2).toString();
        p.arch = q.value(3).toString();
        p.sourceName = q.value(4).toString();
        p.sourceVersion = q.value(5).toString();
        p.licenses = listFrom(q.value(6));
        p.purl = q.value(7).toString();
        p.extraPurls = listFrom(q.value(8));
        p.foundIn = q.value(9).toString();
        p.cataloger = q.value(10).toString();
        p.layer.index = q.value(11).toInt();
        p.layer.digest = q.value(12).toString();
        p.layer.diffId = q.value(13).toString();
        p.layer.createdBy = q.value(14).toString();
        p.metadata = mapFrom(QJsonDocument::fromJson(q.value(15).toString().toUtf8()).object());
        r.packages.append(p);
    }

    q.prepare(QStringLiteral(
        "SELECT vuln_id, aliases, summary, details, severity, severity_source, cvss, fix_state,"
        " fixed_version, affected_range, refs, published, modified, data_source, kev, kev_date_added,"
        " kev_due_date, kev_ransomware, epss, epss_percentile, package_index, package_json"
        " FROM findings WHERE scan_id = ? ORDER BY finding_index"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading findings")))
        return tl::unexpected(err);
    r.findings.reserve(r.packages.size());
    while (q.next()) {
        Finding f;
        f.id = q.value(0).toString();
        f.aliases = listFrom(q.value(1));
        f.summary = q.value(2).toString();
        f.details = q.value(3).toString();
        f.severity = Severity(qBound(0, q.value(4).toInt(), 4));
        f.severitySource = q.value(5).toString();
        f.cvss = cvssFrom(q.value(6));
        f.fixState = FixState(qBound(0, q.value(7).toInt(), 3));
        f.fixedVersion = q.value(8).toString();
        f.affectedRange = q.value(9).toString();
        f.references = listFrom(q.value(10));
        f.published = q.value(11).toString();
        f.modified = q.value(12).toString();
        f.dataSource = q.value(13).toString();
        f.kev = q.value(14).toBool();
        f.kevDateAdded = q.value(15).toString();
        f.kevDueDate = q.value(16).toString();
        f.kevRansomware = q.value(17).toBool();
        f.epss = q.value(18).toDouble();
        f.epssPercentile = q.value(19).toDouble();
        const int pkg = q.value(20).toInt();
        if (pkg >= 0 && pkg < r.packages.size())
            f.package = r.packages[pkg];
        else
            f.package = packageFrom(QJsonDocument::fromJson(q.value(21).toString().toUtf8()).object());
        r.findings.append(f);
    }

    q.prepare(QStringLiteral("SELECT stage, path, message FROM warnings WHERE scan_id = ? ORDER BY idx"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading warnings")))
        return tl::unexpected(err);
    while (q.next())
        r.warnings.append(ScanWarning{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return r;
}

Result<QVector<ScanSummary>> HistoryStore::listScans()
{
    auto q = runQuery(connection(), QStringLiteral("SELECT %1 FROM scans s ORDER BY s.finished_at DESC, s.id DESC").arg(SummaryColumns),
                      {}, QStringLiteral("listing scans"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<ScanSummary> out;
    while (q->next())
        out.append(summaryFrom(*q));
    return out;
}

Result<void> HistoryStore::deleteScan(qint64 id)
{
    auto q = runQuery(connection(), QStringLiteral("DELETE FROM scans WHERE id = ?"), {id},
                      QStringLiteral("deleting scan %1").arg(id));
    if (!q)
        return tl::unexpected(q.error());
    if (q->numRowsAffected() == 0)
        return fail(QStringLiteral("Scan history has no scan with id %1.").arg(id), NotFound);
    return {};
}

Result<QVector<ScanSummary>> HistoryStore::latestScans(int limit)
{
    QString sql = QStringLiteral("SELECT %1 FROM scans s WHERE s.id IN (%2) ORDER BY s.n_critical DESC,"
                                 " s.n_high DESC, s.n_medium DESC, s.n_low DESC,"
                                 " (s.n_unknown + s.n_low + s.n_medium + s.n_high + s.n_critical) DESC,"
                                 " s.reference")
                      .arg(SummaryColumns, LatestScansSql);
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    auto q = runQuery(connection(), sql, {}, QStringLiteral("reading the latest scans"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<ScanSummary> out;
    while (q->next())
        out.append(summaryFrom(*q));
    return out;
}

Result<QVector<TrendPoint>> HistoryStore::severityTrend(TrendScopeKind kind, const QString &value)
{
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT %1 FROM scans s WHERE s.%2 = ? ORDER BY s.finished_at, s.id")
                          .arg(SummaryColumns, kind == TrendScopeKind::Reference ? QStringLiteral("reference")
                                                                                 : QStringLiteral("repository")),
                      {value}, QStringLiteral("reading the trend"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<TrendPoint> out;
    while (q->next()) {
        const ScanSummary s = summaryFrom(*q);
        TrendPoint p;
        p.scanId = s.id;
        p.reference = s.reference;
        p.finishedAt = s.finishedAt;
        p.counts = s.counts;
        p.kevCount = s.kevCount;
        out.append(p);
    }
    return out;
}

Result<QVector<VulnerabilitySpread>> HistoryStore::widespreadVulnerabilities(int limit)
{
    QString sql = QStringLiteral(
                      "SELECT f.vuln_id, MAX(f.severity), MAX(f.kev), COUNT(DISTINCT s.reference),"
                      " COUNT(*), MAX(s.id) FROM findings f JOIN scans s ON s.id = f.scan_id"
                      " WHERE s.id IN (%1) GROUP BY f.vuln_id"
                      " ORDER BY COUNT(DISTINCT s.reference) DESC, MAX(f.severity) DESC, COUNT(*) DESC,"
                      " f.vuln_id")
                      .arg(LatestScansSql);
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    auto q = runQuery(connection(), sql, {}, QStringLiteral("reading widespread vulnerabilities"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<VulnerabilitySpread> out;
    while (q->next()) {
        VulnerabilitySpread v;
        v.vulnId = q->value(0).toString();
        v.severity = Severity(qBound(0, q->value(1).toInt(), 4));
        v.kev = q->value(2).toBool();
        v.imageCount = q->value(3).toInt();
        v.findingCount = q->value(4).toInt();
        v.exampleScanId = q->value(5).toLongLong();
        out.append(v);
    }
    return out;
}

Result<int> HistoryStore::kevCount()
{
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT COUNT(DISTINCT f.vuln_id) FROM findings f WHERE f.kev = 1 AND"
                                     " f.scan_id IN (%1)")
                          .arg(LatestScansSql),
                      {}, QStringLiteral("counting KEV vulnerabilities"));
    if (!q)
        return tl::unexpected(q.error());
    return q->next() ? q->value(0).toInt() : 0;
}

Result<TriageRecord> HistoryStore::triageFor(const QString &vulnId, const QString &packageName,
                                             const QString &repository, const QDateTime &now)
{
    // The decision for this repository wins over the one for all images.
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT vuln_id, package_name, scope, state, comment, author, changed_at,"
                                     " expires_at FROM triage WHERE vuln_id = ? AND package_name = ? AND"
                                     " scope IN (?, ?) ORDER BY scope = ? DESC LIMIT 1"),
                      {vulnId, packageName, repository, AllImagesScope, repository}, QStringLiteral("reading triage"));
    if (!q)
        return tl::unexpected(q.error());
    if (!q->next()) {
        TriageRecord none;
        none.vulnId = vulnId;
        none.packageName = packageName;
        none.scope = repository;
        return none;
    }
    TriageRecord r = triageFrom(*q);
    if (r.state == TriageState::AcceptedRisk && r.expiresAt.isValid() && r.expiresAt <= now) {
        r.state = TriageState::None;
        r.expired = true;
    }
    return r;
}

Result<TriageRecord> HistoryStore::setTriage(const TriageRecord &record)
{
    if (record.vulnId.isEmpty() || record.packageName.isEmpty())
        return fail(QStringLiteral("A triage decision needs a vulnerability id and a package name."),
                    InvalidInput);
    auto dbr = connection();
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase db = *dbr;
    TriageRecord r = record;
    if (r.scope.isEmpty())
        r.scope = AllImagesScope;
    if (r.author.isEmpty())
        r.author = currentUserName();
    if (!r.changedAt.isValid())
        r.changedAt = QDateTime::currentDateTimeUtc();
    if (r.state != TriageState::AcceptedRisk)
        r.expiresAt = QDateTime();
    r.expired = false;

    Transaction tx(db);
    Error err;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO triage VALUES (?,?,?,?,?,?,?,?)"));
    const QVariantList values{r.vulnId, r.packageName, r.scope, triageStateName(r.state), r.comment,
                              r.author, toText(r.changedAt), toText(r.expiresAt)};
    for (const auto &v : values)
        q.addBindValue(v);
    if (!exec(q, &err, QStringLiteral("saving triage")))
        return tl::unexpected(err);
    q.prepare(QStringLiteral("INSERT INTO triage_history (vuln_id, package_name, scope, state, comment,"
                             " author, changed_at, expires_at) VALUES (?,?,?,?,?,?,?,?)"));
    for (const auto &v : values)
        q.addBindValue(v);
    if (!exec(q, &err, QStringLiteral("recording triage history")))
        return tl::unexpected(err);
    if (!tx.commit())
        return tl::unexpected(sqlError(QStringLiteral("committing triage"), db.lastError()));
    return r;
}

Result<QVector<TriageRecord>> HistoryStore::triageHistory(const QString &vulnId, const QString &packageName)
{
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT vuln_id, package_name, scope, state, comment, author, changed_at,"
                                     " expires_at FROM triage_history WHERE vuln_id = ? AND package_name = ?"
                                     " ORDER BY id"),
                      {vulnId, packageName}, QStringLiteral("reading triage history"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<TriageRecord> out;
    while (q->next())
        out.append(triageFrom(*q));
    return out;
}

} // namespace bulkhead
