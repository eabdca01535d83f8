#pragma once
// HttpTransfer: one HTTP request on libcurl's multi interface, pulled by the caller. start() runs
// the transfer until the response headers are in; read() then hands out the body as it arrives,
// with a bounded buffer (curl is paused while the consumer is behind), so blobs of any size stream
// without being held in memory. Redirects are not followed here (the caller decides what to send
// to the new host). Proxies come from the environment (HTTPS_PROXY, NO_PROXY) as curl reads them.
// Nothing about the request (in particular no Authorization header) is ever logged.

#include "common/httpresponsehead.h"
#include "common/progress.h"
#include "common/result.h"
#include "image/imagesource.h"

#include <QByteArray>
#include <QList>
#include <QMultiMap>
#include <QPair>
#include <QUrl>

namespace bulkhead {

struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;               // sent for POST
    bool verifyTls = true;         // false only for a registry the user marked insecure
    QString caFile;                // PEM bundle replacing the system CAs; empty: system CAs
    int connectTimeoutSeconds = 30;
    int readTimeoutSeconds = 60;   // no byte received for this long: the transfer fails
};

class HttpTransfer final : public ByteStream {
public:
    // `cancel` (may be null) is polled while waiting; it must outlive the transfer.
    explicit HttpTransfer(HttpRequest request, const ProgressSink *cancel = nullptr);
    ~HttpTransfer() override;
    HttpTransfer(const HttpTransfer &) = delete;
    HttpTransfer &operator=(const HttpTransfer &) = delete;

    // Runs until the status line and headers of the final response are in. Errors: NetworkError
    // (connection, TLS, timeout) or Cancelled; retryable() says whether trying again may help
    // (a refused TLS certificate will not).
    Result<void> start();
    bool retryable() const { return m_retryable; }
    int status() const { return m_head.status; }
    // The value of a response header (case-insensitive name), the last one when repeated.
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> headers(const QByteArray &name) const;
    const HttpRequest &request() const { return m_request; }

    qint64 read(char *data, qint64 maxSize) override;
    QString errorString() const override { return m_error; }
    qint64 sizeHint() const override;

    // The whole body, failing when it is larger than `maxSize`.
    Result<QByteArray> readAll(qint64 maxSize);

private:
    static size_t onHeader(char *data, size_t size, size_t count, void *self);
    static size_t onBody(char *data, size_t size, size_t count, void *self);
    // One round of curl work; false when the transfer has ended (m_done) or failed.
    bool pump();

    HttpRequest m_request;
    const ProgressSink *m_cancel;
    void *m_easy = nullptr;
    void *m_multi = nullptr;
    void *m_headerList = nullptr;
    QByteArray m_errorBuffer;
    HttpResponseHead m_head;
    bool m_done = false;
    bool m_paused = false;
    bool m_failed = false;
    bool m_retryable = false;
    QByteArray m_buffer;
    qint64 m_bufferPos = 0;
    QString m_error;
};

} // namespace bulkhead
