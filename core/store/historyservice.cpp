#include "store/historyservice.h"

namespace bulkhead {

HistoryService::HistoryService(const QString &path)
    : m_path(path.isEmpty() ? HistoryStore::defaultPath() : path)
{
    // SQLite allows one writer at a time; two threads let a read run beside a write.
    m_pool.setMaxThreadCount(2);
    // Pool threads keep their connection; do not let them expire and strand it.
    m_pool.setExpiryTimeout(-1);
}

HistoryService::~HistoryService()
{
    m_pool.waitForDone();
}

QFuture<Result<qint64>> HistoryService::saveScan(const ScanResult &scan)
{
    return run([scan](HistoryStore &s) { return s.saveScan(scan); });
}

QFuture<Result<ScanResult>> HistoryService::loadScan(qint64 id)
{
    return run([id](HistoryStore &s) { return s.loadScan(id); });
}

QFuture<Result<QVector<ScanSummary>>> HistoryService::listScans()
{
    return run([](HistoryStore &s) { return s.listScans(); });
}

QFuture<Result<void>> HistoryService::deleteScan(qint64 id)
{
    return run([id](HistoryStore &s) { return s.deleteScan(id); });
}

QFuture<Result<QVector<ScanSummary>>> HistoryService::latestScans(int limit)
{
    return run([limit](HistoryStore &s) { return s.latestScans(limit); });
}

QFuture<Result<QVector<TrendPoint>>> HistoryService::severityTrend(TrendScopeKind kind, const QString &value)
{
    return run([kind, value](HistoryStore &s) { return s.severityTrend(kind, value); });
}

QFuture<Result<QVector<VulnerabilitySpread>>> HistoryService::widespreadVulnerabilities(int limit)
{
    return run([limit](HistoryStore &s) { return s.widespreadVulnerabilities(limit); });
}

QFuture<Result<int>> HistoryService::kevCount()
{
    return run([](HistoryStore &s) { return s.kevCount(); });
}

QFuture<Result<TriageRecord>> HistoryService::triageFor(const QString &vulnId, const QString &packageName,
                                                        const QString &repository)
{
    return run([vulnId, packageName, repository](HistoryStore &s) {
        return s.triageFor(vulnId, packageName, repository);
    });
}

QFuture<Result<TriageRecord>> HistoryService::setTriage(const TriageRecord &record)
{
    return run([record](HistoryStore &s) { return s.setTriage(record); });
}

QFuture<Result<QVector<TriageRecord>>> HistoryService::triageHistory(const QString &vulnId,
                                                                     const QString &packageName)
{
    return run([vulnId, packageName](HistoryStore &s) { return s.triageHistory(vulnId, packageName); });
}

} // namespace bulkhead
