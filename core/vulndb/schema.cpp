#include "vulndb/schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace bulkhead::schema {

namespace {

// Each entry is one migration; append only, never edit a released one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list = {
        // 1: initial schema
        {
            QStringLiteral("CREATE TABLE sources (name TEXT PRIMARY KEY, url TEXT, etag TEXT, last_modified TEXT,"
                           " imported_at TEXT, checked_at TEXT, record_count INTEGER NOT NULL DEFAULT 0)"),
            // One row per OSV record. `severity` is the record's own qualitative rating when it
            // gives one (database_specific.severity, e.g. GHSA "HIGH"); CVSS vectors go to `cvss`.
            QStringLiteral("CREATE TABLE vulnerabilities (id TEXT PRIMARY KEY, source TEXT, summary TEXT,"
                           " details TEXT, published TEXT, modified TEXT, withdrawn TEXT, severity TEXT,"
                           " database_specific TEXT, related TEXT, upstream TEXT)"),
            QStringLiteral("CREATE INDEX vulnerabilities_source ON vulnerabilities(source)"),
            QStringLiteral("CREATE TABLE aliases (vuln_id TEXT NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,"
                           " alias TEXT NOT NULL, PRIMARY KEY (vuln_id, alias)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX aliases_alias ON aliases(alias)"),
            QStringLiteral("CREATE TABLE \"references\" (vuln_id TEXT NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,"
                           " type TEXT, url TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX references_vuln ON \"references\"(vuln_id)"),
            QStringLiteral("CREATE TABLE cvss (vuln_id TEXT NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,"
                           " version TEXT, vector TEXT NOT NULL, base_score REAL, source TEXT)"),
            QStringLiteral("CREATE INDEX cvss_vuln ON cvss(vuln_id)"),
            // `name_key` is the package name normalised per ecosystem (PEP 503 for PyPI); the
            // matcher's hot query goes through (ecosystem_base, name_key). `ranges` is compact OSV
            // JSON; `versions` holds the explicit versions one per line.
            QStringLiteral("CREATE TABLE affected (vuln_id TEXT NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,"
                           " ecosystem TEXT, ecosystem_base TEXT, name TEXT, name_key TEXT, purl TEXT,"
                           " ranges TEXT, versions TEXT, ecosystem_specific TEXT, database_specific TEXT,"
                           " severity TEXT)"),
            QStringLiteral("CREATE INDEX affected_base_name ON affected(ecosystem_base, name_key)"),
            QStringLiteral("CREATE INDEX affected_eco_name ON affected(ecosystem, name_key)"),
            QStringLiteral("CREATE INDEX affected_vuln ON affected(vuln_id)"),
            QStringLiteral("CREATE TABLE kev (cve TEXT PRIMARY KEY, date_added TEXT, due_date TEXT,"
                           " ransomware INTEGER NOT NULL DEFAULT 0, vendor TEXT, product TEXT, name TEXT,"
                           " description TEXT, required_action TEXT)"),
            QStringLiteral("CREATE TABLE epss (cve TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL,"
                           " model_version TEXT, score_date TEXT)"),
        },
    };
    return list;
}

} // namespace

int currentVersion()
{
    return int(migrations().size());
}

int versionOf(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT max(version) FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Result<int> migrate(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                               " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))")))
        return fail(QStringLiteral("Cannot create the schema_version table: %1.").arg(q.lastError().text()), IoError);
    const int have = versionOf(db);
    if (have > currentVersion())
        return fail(QStringLiteral("The vulnerability database has schema version %1, newer than this "
                                   "build supports (%2); update Bulkhead.").arg(have).arg(currentVersion()),
                    InvalidInput);
    if (have == currentVersion())
        return have;
    if (!db.transaction())
        return fail(QStringLiteral("Cannot start a transaction: %1.").arg(db.lastError().text()), IoError);
    for (int v = have; v < currentVersion(); ++v) {
        for (const QString &sql : migrations().at(v)) {
            if (!q.exec(sql)) {
                const QString why = q.lastError().text();
                db.rollback();
                return fail(QStringLiteral("Schema migration %1 failed: %2.").arg(v + 1).arg(why), IoError);
            }
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version(version) VALUES (?)"));
        q.addBindValue(v + 1);
        if (!q.exec()) {
            const QString why = q.lastError().text();
            db.rollback();
            return fail(QStringLiteral("Cannot record schema version %1: %2.").arg(v + 1).arg(why), IoError);
        }
    }
    if (!db.commit())
        return fail(QStringLiteral("Cannot commit the schema migration: %1.").arg(db.lastError().text()), IoError);
    return currentVersion();
}

} // namespace bulkhead::schema
