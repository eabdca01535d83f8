#include "store/historysql.h"

#include "store/historystore.h"

#include <QSqlError>

namespace bulkhead::history {

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

} // namespace

Error sqlError(const QString &what, const QSqlError &e)
{
    return Error{QStringLiteral("Scan history: %1 failed: %2").arg(what, e.text()), IoError};
}

bool exec(QSqlQuery &q, Error *err, const QString &what)
{
    if (q.exec())
        return true;
    *err = sqlError(what, q.lastError());
    return false;
}

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

Result<void> migrate(QSqlDatabase &db, const QString &path)
{
    // Migrate inside one exclusive transaction so two threads never migrate at the same time.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return tl::unexpected(sqlError(QStringLiteral("locking %1").arg(path), q.lastError()));
    auto abort = [&](const Error &e) -> Result<void> {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return tl::unexpected(e);
    };
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return abort(sqlError(QStringLiteral("reading the schema version"), q.lastError()));
    const int version = q.value(0).toInt();
    if (version > HistoryStore::SchemaVersion)
        return abort(Error{QStringLiteral("Scan history %1 was written by a newer Bulkhead (schema %2, "
                                          "this version reads up to %3).")
                               .arg(path)
                               .arg(version)
                               .arg(HistoryStore::SchemaVersion),
                           InvalidInput});
    for (int v = version; v < HistoryStore::SchemaVersion; ++v) {
        const MigrationStep &step = Migrations[v];
        for (size_t i = 0; i < step.count; ++i) {
            if (!q.exec(QString::fromLatin1(step.statements[i])))
                return abort(sqlError(QStringLiteral("migrating the schema to version %1").arg(v + 1),
                                      q.lastError()));
        }
    }
    if (version != HistoryStore::SchemaVersion
        && !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(HistoryStore::SchemaVersion)))
        return abort(sqlError(QStringLiteral("writing the schema version"), q.lastError()));
    if (!q.exec(QStringLiteral("COMMIT")))
        return abort(sqlError(QStringLiteral("committing the schema"), q.lastError()));
    return {};
}

} // namespace bulkhead::history
