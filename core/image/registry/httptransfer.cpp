#include "image/registry/httptransfer.h"

#include <curl/curl.h>
#include <mutex>

namespace bulkhead {

namespace {

// Above this many unread bytes curl is paused until the consumer catches up.
constexpr qint64 kMaxBuffered = 1 << 20;

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool isRetryableCurlError(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

} // namespace

HttpTransfer::HttpTransfer(HttpRequest request, const ProgressSink *cancel)
    : m_request(std::move(request)), m_cancel(cancel)
{
    m_errorBuffer.fill('\0', CURL_ERROR_SIZE + 1);
}

HttpTransfer::~HttpTransfer()
{
    if (m_multi && m_easy)
        curl_multi_remove_handle(static_cast<CURLM *>(m_multi), static_cast<CURL *>(m_easy));
    if (m_easy)
        curl_easy_cleanup(static_cast<CURL *>(m_easy));
    if (m_multi)
        curl_multi_cleanup(static_cast<CURLM *>(m_multi));
    if (m_headerList)
        curl_slist_free_all(static_cast<curl_slist *>(m_headerList));
}

QByteArray HttpTransfer::header(const QByteArray &name) const
{
    const QList<QByteArray> all = headers(name);
    return all.isEmpty() ? QByteArray() : all.last();
}

QList<QByteArray> HttpTransfer::headers(const QByteArray &name) const
{
    QList<QByteArray> values = m_head.fields.values(name.toLower());
    std::reverse(values.begin(), values.end());   // QMultiMap gives the latest insertion first
    return values;
}

qint64 HttpTransfer::sizeHint() const
{
    bool ok = false;
    const qint64 length = header("content-length").toLongLong(&ok);
    return ok ? length : -1;
}

size_t HttpTransfer::onHeader(char *data, size_t size, size_t count, void *self)
{
    auto *t = static_cast<HttpTransfer *>(self);
    const size_t n = size * count;
    t->m_head.addLine(QByteArray(data, qsizetype(n)));
    return n;
}

size_t HttpTransfer::onBody(char *data, size_t size, size_t count, void *self)
{
    auto *t = static_cast<HttpTransfer *>(self);
    if (t->m_buffer.size() - t->m_bufferPos > kMaxBuffered) {
        t->m_paused = true;
        return CURL_WRITEFUNC_PAUSE;
    }
    if (t->m_bufferPos > 0 && t->m_bufferPos >= t->m_buffer.size() / 2) {
        t->m_buffer.remove(0, t->m_bufferPos);
        t->m_bufferPos = 0;
    }
    t->m_buffer.append(data, qsizetype(size * count));
    return size * count;
}

Result<void> HttpTransfer::start()
{
    globalInit();
    CURL *easy = curl_easy_init();
    CURLM *multi = curl_multi_init();
    m_easy = easy;
    m_multi = multi;
    if (!easy || !multi)
        return fail(QStringLiteral("Could not set up an HTTP transfer (libcurl failed to initialise)."), NetworkError);

    const QByteArray url = m_request.url.toEncoded();
    curl_easy_setopt(easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "bulkhead");
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_errorBuffer.data());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, long(m_request.connectTimeoutSeconds));
    // A read timeout: fewer than 1 byte/s for that long aborts the transfer.
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, long(m_request.readTimeoutSeconds));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, m_request.verifyTls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, m_request.verifyTls ? 2L : 0L);
    const QByteArray caFile = m_request.caFile.toLocal8Bit();
    if (!caFile.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, caFile.constData());
    if (m_request.method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (m_request.method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_request.body.size()));
        curl_easy_setopt(easy, CURLOPT_COPYPOSTFIELDS, m_request.body.constData());
    } else if (m_request.method != "GET") {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, m_request.method.constData());
    }
    curl_slist *list = nullptr;
    for (const auto &h : m_request.headers)
        list = curl_slist_append(list, QByteArray(h.first + ": " + h.second).constData());
    m_headerList = list;
    if (list)
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &HttpTransfer::onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &HttpTransfer::onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_multi_add_handle(multi, easy);

    while (!m_head.complete && !m_done && !m_failed)
        pump();
    // A body that broke off after complete headers is reported by read(), where it can be resumed.
    if (m_failed && !m_head.complete) {
        if (m_cancel && m_cancel->isCancelled())
            return fail(QStringLiteral("The download was cancelled."), Cancelled);
        return fail(m_error, NetworkError);
    }
    return {};
}

bool HttpTransfer::pump()
{
    if (m_done || m_failed)
        return false;
    if (m_cancel && m_cancel->isCancelled()) {
        m_failed = true;
        m_error = QStringLiteral("The download of %1 was cancelled.").arg(m_request.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        return false;
    }
    auto *multi = static_cast<CURLM *>(m_multi);
    int running = 0;
    CURLMcode mc = curl_multi_perform(multi, &running);
    if (mc != CURLM_OK) {
        m_failed = true;
        m_error = QStringLiteral("HTTP transfer error: %1.").arg(QString::fromUtf8(curl_multi_strerror(mc)));
        return false;
    }
    int queued = 0;
    while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        const CURLcode code = msg->data.result;
        if (code == CURLE_OK) {
            m_done = true;
        } else {
            m_failed = true;
            m_retryable = isRetryableCurlError(code);
            QString detail = QString::fromUtf8(m_errorBuffer.constData());
            if (detail.isEmpty())
                detail = QString::fromUtf8(curl_easy_strerror(code));
            m_error = QStringLiteral("The request to %1 failed: %2.")
                          .arg(m_request.url.host() + (m_request.url.port() > 0 ? u':' + QString::number(m_request.url.port()) : QString()),
                               detail);
        }
    }
    if (!m_done && !m_failed && running > 0)
        curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    return !m_done && !m_failed;
}

qint64 HttpTransfer::read(char *data, qint64 maxSize)
{
    while (m_buffer.size() - m_bufferPos == 0 && !m_done && !m_failed) {
        if (m_paused) {
            m_paused = false;
            curl_easy_pause(static_cast<CURL *>(m_easy), CURLPAUSE_CONT);
            continue;
        }
        pump();
    }
    const qint64 available = m_buffer.size() - m_bufferPos;
    if (available > 0) {
        const qint64 n = qMin(available, maxSize);
        memcpy(data, m_buffer.constData() + m_bufferPos, size_t(n));
        m_bufferPos += n;
        return n;
    }
    return m_failed ? -1 : 0;
}

Result<QByteArray> HttpTransfer::readAll(qint64 maxSize)
{
    QByteArray out;
    char chunk[16384];
    for (;;) {
        const qint64 n = read(chunk, sizeof chunk);
        if (n < 0)
            return fail(m_error, m_cancel && m_cancel->isCancelled() ? Cancelled : NetworkError);
        if (n == 0)
            return out;
        if (out.size() + n > maxSize)
            return fail(QStringLiteral("The response from %1 is larger than the %2 KiB allowed.")
                            .arg(m_request.url.host()).arg(maxSize >> 10), LimitExceeded);
        out.append(chunk, qsizetype(n));
    }
}

} // namespace bulkhead
