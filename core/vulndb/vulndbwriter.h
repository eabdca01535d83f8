#pragma once
// Write side of the vulnerability database: schema migration, record upserts, KEV/EPSS snapshots
// and per-source bookkeeping, through this thread's writable connection and prepared statements.
// Contract: callers group writes between begin() and commit(); a writer destroyed with an open
// transaction rolls it back, so a failed import leaves the database as it was.

#include "common/result.h"
#include "vulndb/vulndb.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>

namespace bulkhead {

class VulnDbWriter {
public:
    enum class Outcome { Inserted, Updated, Skipped };

    // Opens (creating when absent) the database at `path` and migrates it to the current schema.
    static Result<std::unique_ptr<VulnDbWriter>> open(const QString &path);
    ~VulnDbWriter();
    VulnDbWriter(const VulnDbWriter &) = delete;
    VulnDbWriter &operator=(const VulnDbWriter &) = delete;

    QString path() const { return m_path; }
    Result<void> begin();
    Result<void> commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    // Inserts or replaces a record by id; a stored record with a newer `modified` is kept (Skipped).
    Result<Outcome> upsert(const VulnRecord &record, const QString &source);

    // KEV and EPSS are published as complete snapshots: clear, then add every row.
    Result<void> clearKev();
    Result<void> addKev(const KevEntry &entry);
    Result<void> clearEpss();
    Result<void> addEpss(const EpssEntry &entry);

    Result<SourceInfo> source(const QString &name);   // empty SourceInfo (name set) when unknown
    // Stores url/etag/last_modified/imported_at/checked_at and recounts the source's records
    // (`countTable` "kev" or "epss" for those feeds; anything else counts vulnerabilities.source).
    Result<void> saveSource(const SourceInfo &info, const QString &countTable = {});

private:
    explicit VulnDbWriter(const QString &path, QSqlDatabase db);
    Result<void> exec(QSqlQuery &q);
    Result<void> prepareAll();

    QString m_path;
    QSqlDatabase m_db;
    bool m_inTransaction = false;
    // The record upsert path goes straight to SQLite's C API on this connection's handle:
    // QSqlQuery's QVariant binding cost more than the inserts themselves (bench_vulndb).
    struct Native;
    std::unique_ptr<Native> m_native;
    std::unique_ptr<QSqlQuery> m_insertKev, m_insertEpss;
};

} // namespace bulkhead
