#pragma once
// Imports vulnerability data into a VulnDbWriter: OSV records (single files, arrays, directories,
// the per-ecosystem all.zip archives read streaming with libarchive), the CISA KEV JSON catalog and
// FIRST EPSS CSV (plain or gzip). The kind is detected from the content, not the file name.
// Contract: a broken OSV record is a warning naming its file and the import goes on; a broken KEV
// or EPSS file, or an unreadable archive, is an Error and the current batch is rolled back.

#include "common/progress.h"
#include "common/result.h"

#include <QString>
#include <QStringList>

namespace bulkhead {

class VulnDbWriter;

enum class FeedKind { Unknown, OsvRecord, OsvDirectory, OsvZip, Kev, Epss, Bundle };
QString feedKindName(FeedKind kind);
FeedKind detectFeedKind(const QString &path);

struct ImportStats {
    FeedKind kind = FeedKind::Unknown;
    QString source;
    int records = 0;     // records read (OSV records, KEV entries, EPSS rows)
    int inserted = 0;
    int updated = 0;
    int skipped = 0;     // older than the stored copy
    int broken = 0;      // unreadable records (each has a warning)
    QStringList warnings;
};

class Importer {
public:
    explicit Importer(VulnDbWriter &writer, ProgressSink *progress = nullptr);

    // Detects the kind of `path` and imports it. `source` names the feed in the sources table;
    // empty = derived ("kev", "epss", or "file:<name>" for OSV data). Bundles are not handled here
    // (see bundle.h): they replace the whole database.
    Result<ImportStats> importPath(const QString &path, const QString &source = {});

    Result<ImportStats> importOsvFile(const QString &path, const QString &source);
    Result<ImportStats> importOsvDirectory(const QString &path, const QString &source);
    Result<ImportStats> importOsvZip(const QString &path, const QString &source);
    Result<ImportStats> importKev(const QString &path, const QString &source = QStringLiteral("kev"));
    Result<ImportStats> importEpss(const QString &path, const QString &source = QStringLiteral("epss"));

    static constexpr int kBatchSize = 5000;          // records per transaction
    static constexpr qint64 kMaxRecordBytes = 64LL << 20;

private:
    Result<void> addOsvJson(const QByteArray &json, const QString &origin, const QString &source, ImportStats &stats);
    Result<void> maybeCommitBatch(int &pending);
    // Records the source, commits (or rolls back on `ok` holding an error) and returns `stats`.
    Result<ImportStats> finish(Result<void> ok, const QString &path, const QString &countTable, const ImportStats &stats);
    Result<void> finishSource(const QString &source, const QString &url, const QString &countTable);

    VulnDbWriter &m_writer;
    ProgressSink *m_progress;
};

} // namespace bulkhead
