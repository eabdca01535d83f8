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
    // Durable: the installed database (WAL, synced commits). Scratch: a private side copy that is
    // renamed into place only after a complete import (FeedUpdater) and thrown away on any failure
    // or crash: rollback journal in memory and no fsync, so transactions still roll back, but a
    // crash may leave the file corrupt.
    enum class Mode { Durable, Scratch };

    // Opens (creating when absent) the database at `path` and migrates it to the current schema.
    static Result<std::unique_ptr<VulnDbWriter>> open(const QString &path, Mode mode = Mode::Durable);
    ~VulnDbWriter();
    VulnDbWriter(const VulnDbWriter &) = delete;
    VulnDbWriter &operator=(const VulnDbWriter &) = delete;

    QString path() const { return m_path; }
    Result<void> begin();
    Result<void> commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    // Bracket a bulk load (FeedUpdater: around all its feeds), outside any transaction. In Scratch
    // mode on a database without records, the indexes only readers use are dropped and foreign-key
    // checks are skipped (this writer always inserts a record before its rows) until
    // endBulkLoad() rebuilds each index in one sorted pass, far cheaper than per-row updates.
    // Otherwise both are no-ops. A scratch copy abandoned in between is discarded with its indexes.
    Result<void> beginBulkLoad();
    Result<void> endBulkLoad();

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
    VulnDbWriter(const QString &path, QSqlDatabase db, Mode mode);
    Result<void> exec(QSqlQuery &q);
    Result<void> prepareAll();

    QString m_path;
    QSqlDatabase m_db;
    Mode m_mode;
    bool m_inTransaction = false;
    QStringList m_droppedIndexes;   // CREATE INDEX statements to replay in endBulkLoad()
    // The record upsert path goes straight to SQLite's C API on this connection's handle:
    // QSqlQuery's QVariant binding cost more than the inserts themselves (bench_vulndb).
    struct Native;
    std::unique_ptr<Native> m_native;
    std::unique_ptr<QSqlQuery> m_insertKev, m_insertEpss;
};

} // namespace bulkhead
