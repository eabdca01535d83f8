#pragma once
// ScanService: runs scans on its own QThreadPool and hands back QFutures (house style, habit 6).
// Progress arrives through QFutureWatcher (progressValue 0..1000 and progressText); cancelling the
// future cancels the scan between steps. Only value types cross threads.

#include "common/result.h"
#include "scan/imagescanner.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

namespace bulkhead {

using ScanOutcome = Result<ScanResult>;

class ScanService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanService)
public:
    explicit ScanService(QObject *parent = nullptr);
    ~ScanService() override;

    QFuture<ScanOutcome> scan(const ScanOptions &options);
    void setMaxConcurrentScans(int count);
    QThreadPool *threadPool() { return &m_pool; }

private:
    QThreadPool m_pool;
    ImageScanner m_scanner;
};

// Maps a ProgressInfo to the 0..1000 range used by the futures, and a one-line text.
int progressPermille(const ProgressInfo &info);
QString progressText(const ProgressInfo &info);

} // namespace bulkhead
