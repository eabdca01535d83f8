#include "scan/scanservice.h"

#include <QLocale>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace bulkhead {

ScanService::ScanService(QObject *parent)
    : QObject(parent)
{
    m_pool.setObjectName(QStringLiteral("ScanService"));
    m_pool.setMaxThreadCount(2);
}

ScanService::~ScanService()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ScanService::setMaxConcurrentScans(int count)
{
    m_pool.setMaxThreadCount(qMax(1, count));
}

int progressPermille(const ProgressInfo &info)
{
    if (info.bytesTotal > 0)
        return int(qBound(qint64(0), info.bytesDone * 1000 / info.bytesTotal, qint64(1000)));
    if (info.stepTotal > 0)
        return qBound(0, info.stepDone * 1000 / info.stepTotal, 1000);
    return 0;
}

QString progressText(const ProgressInfo &info)
{
    QString text = info.stage;
    if (info.bytesTotal > 0) {
        const QLocale locale;
        text += QStringLiteral(" (%1 of %2)").arg(locale.formattedDataSize(info.bytesDone),
                                                   locale.formattedDataSize(info.bytesTotal));
    } else if (info.stepTotal > 0) {
        text += QStringLiteral(" (%1/%2)").arg(info.stepDone).arg(info.stepTotal);
    }
    return text;
}

QFuture<ScanOutcome> ScanService::scan(const ScanOptions &options)
{
    const ImageScanner *scanner = &m_scanner;
    return QtConcurrent::run(&m_pool, [scanner, options](QPromise<ScanOutcome> &promise) {
        promise.setProgressRange(0, 1000);
        ProgressSink progress([&promise](const ProgressInfo &info) {
            promise.setProgressValueAndText(progressPermille(info), progressText(info));
        });
        progress.setCancelCheck([&promise] { return promise.isCanceled(); });
        promise.addResult(scanner->scan(options, progress));
    });
}

} // namespace bulkhead
