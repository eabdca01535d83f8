#pragma once
// Progress and cancellation shared by every long-running core operation. Thread-safe: workers call
// report()/isCancelled() from any thread; the owner (CLI, QFuture adaptor) observes.

#include <QString>
#include <atomic>
#include <functional>

namespace bulkhead {

struct ProgressInfo {
    QString stage;          // "Reading layers", "Cataloging", "Matching", ...
    QString detail;         // e.g. layer digest being read
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1; // -1 when unknown
    int stepDone = 0;
    int stepTotal = 0;
};

class ProgressSink {
public:
    using Callback = std::function<void(const ProgressInfo &)>;
    ProgressSink() = default;
    explicit ProgressSink(Callback cb) : m_callback(std::move(cb)) {}

    void report(const ProgressInfo &info) const { if (m_callback) m_callback(info); }
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed)
                                      || (m_external && m_external()); }
    // Lets an owner (e.g. a QPromise) answer isCancelled() too.
    void setCancelCheck(std::function<bool()> check) { m_external = std::move(check); }
    void setCallback(Callback cb) { m_callback = std::move(cb); }

private:
    Callback m_callback;
    std::function<bool()> m_external;
    std::atomic<bool> m_cancelled{false};
};

} // namespace bulkhead
