#pragma once
// Slow work behind the Settings screen, on the service's own QThreadPool (house style, habit 6):
// the vulnerability DB's status, the feed update (progress 0..1000 with text, cancel through the
// future), and the layer cache's disk usage. Only value types cross threads.

#include "common/result.h"
#include "vulndb/feedupdater.h"
#include "vulndb/vulndb.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

namespace bulkhead {

struct VulnDbStatus {
    QString path;
    bool exists = false;
    int schemaVersion = 0;
    qint64 fileBytes = 0;
    qint64 vulnerabilityCount = 0;
    QVector<SourceInfo> sources;
    QDateTime newestImport;   // UTC; invalid when nothing was imported
};

class AppDataService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppDataService)
public:
    explicit AppDataService(QObject *parent = nullptr);
    ~AppDataService() override;   // cancels and waits for running work

    // A missing file is not an error: exists = false.
    QFuture<Result<VulnDbStatus>> dbStatus(const QString &dbPath);
    // FeedUpdater::update() on a worker; cancelling the future cancels the download between
    // chunks and leaves the installed database as it was (FeedUpdater's contract).
    QFuture<Result<QVector<FeedOutcome>>> updateDb(const QString &dbPath, const QVector<FeedConfig> &feeds);
    // Bytes used by the files in `directory` (recursively); 0 when it does not exist.
    QFuture<qint64> directorySize(const QString &directory);

private:
    QThreadPool m_pool;
};

} // namespace bulkhead
