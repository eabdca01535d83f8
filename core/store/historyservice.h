#pragma once
// Runs HistoryStore calls on the service's own QThreadPool so the GUI thread never runs a query.
// Contract: every call returns at once with a QFuture of the store's Result; the pool's threads
// each keep their own SQLite connection; only value types cross threads.

#include "store/historystore.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace bulkhead {

class HistoryService final {
    Q_DISABLE_COPY_MOVE(HistoryService)
public:
    explicit HistoryService(const QString &path = {});
    ~HistoryService();   // waits for calls still running

    QString path() const { return m_path; }
    QThreadPool *pool() { return &m_pool; }

    QFuture<Result<qint64>> saveScan(const ScanResult &scan);
    QFuture<Result<ScanResult>> loadScan(qint64 id);
    QFuture<Result<QVector<ScanSummary>>> listScans();
    QFuture<Result<void>> deleteScan(qint64 id);
    QFuture<Result<QVector<ScanSummary>>> latestScans(int limit = -1);
    QFuture<Result<QVector<TrendPoint>>> severityTrend(TrendScopeKind kind, const QString &value);
    QFuture<Result<QVector<VulnerabilitySpread>>> widespreadVulnerabilities(int limit = 10);
    QFuture<Result<int>> kevCount();
    QFuture<Result<TriageRecord>> triageFor(const QString &vulnId, const QString &packageName,
                                            const QString &repository);
    QFuture<Result<TriageRecord>> setTriage(const TriageRecord &record);
    QFuture<Result<QVector<TriageRecord>>> triageHistory(const QString &vulnId, const QString &packageName);

private:
    template <typename F>
    auto run(F &&call)
    {
        const QString path = m_path;
        return QtConcurrent::run(&m_pool, [path, call = std::forward<F>(call)]() {
            HistoryStore store(path);
            return call(store);
        });
    }

    QString m_path;
    QThreadPool m_pool;
};

} // namespace bulkhead
