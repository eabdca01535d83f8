#include "appdataservice.h"

#include "scan/scanservice.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace bulkhead {

AppDataService::AppDataService(QObject *parent)
    : QObject(parent)
{
    m_pool.setObjectName(QStringLiteral("AppDataService"));
    m_pool.setMaxThreadCount(2);
}

AppDataService::~AppDataService()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QFuture<Result<VulnDbStatus>> AppDataService::dbStatus(const QString &dbPath)
{
    return QtConcurrent::run(&m_pool, [dbPath]() -> Result<VulnDbStatus> {
        VulnDbStatus status;
        status.path = dbPath;
        const QFileInfo fi(dbPath);
        status.exists = fi.exists();
        if (!status.exists)
            return status;
        status.fileBytes = fi.size();
        auto db = VulnDb::open(dbPath);
        if (!db)
            return tl::make_unexpected(db.error());
        status.schemaVersion = db->schemaVersion();
        auto count = db->vulnerabilityCount();
        if (!count)
            return tl::make_unexpected(count.error());
        status.vulnerabilityCount = *count;
        auto sources = db->sources();
        if (!sources)
            return tl::make_unexpected(sources.error());
        status.sources = *sources;
        for (const SourceInfo &s : status.sources)
            if (s.importedAt.isValid() && (!status.newestImport.isValid() || s.importedAt > status.newestImport))
                status.newestImport = s.importedAt;
        return status;
    });
}

QFuture<Result<QVector<FeedOutcome>>> AppDataService::updateDb(const QString &dbPath, const QVector<FeedConfig> &feeds)
{
    return QtConcurrent::run(&m_pool, [dbPath, feeds](QPromise<Result<QVector<FeedOutcome>>> &promise) {
        promise.setProgressRange(0, 1000);
        ProgressSink progress([&promise](const ProgressInfo &info) {
            QString text = info.detail.isEmpty() ? info.stage : info.stage + u' ' + info.detail;
            const QString numbers = progressText(ProgressInfo{QString(), QString(), info.bytesDone, info.bytesTotal,
                                                              info.stepDone, info.stepTotal});
            if (!numbers.isEmpty())
                text += numbers;
            promise.setProgressValueAndText(progressPermille(info), text);
        });
        progress.setCancelCheck([&promise] { return promise.isCanceled(); });
        FeedUpdater updater(dbPath, &progress);
        promise.addResult(updater.update(feeds));
    });
}

QFuture<qint64> AppDataService::directorySize(const QString &directory)
{
    return QtConcurrent::run(&m_pool, [directory]() {
        qint64 total = 0;
        QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            total += it.fileInfo().size();
        }
        return total;
    });
}

} // namespace bulkhead
