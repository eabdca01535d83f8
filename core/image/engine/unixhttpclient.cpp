#include "image/engine/unixhttpclient.h"

#include "common/httpresponsehead.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstring>
#include <curl/curl.h>
#include <mutex>

namespace bulkhead {

namespace {

// Unread bytes held before the transfer is paused: bounds memory whatever the consumer's pace.
constexpr qint64 kMaxBuffered = 1024 * 1024;
// Longest wait in one poll, so cancellation and our own deadlines are seen promptly.
constexpr int kPollMs = 100;

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// strerror() text in the lower case of a sentence's middle: "connection refused".
QString osErrorText(long osErrno)
{
    QString text = QString::fromLocal8Bit(std::strerror(int(osErrno)));
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

// One HTTP exchange driven by the curl multi interface from the reading thread: the body is
// pulled through read(), never buffered beyond kMaxBuffered (the transfer pauses instead).
class CurlTransfer final : public ByteStream {
public:
    CurlTransfer(const UnixHttpClient &client, const HttpTimeouts &timeouts, const ProgressSink *progress)
        : m_peer(client.peerName()), m_timeouts(timeouts), m_progress(progress)
    {
        initCurlOnce();
        m_errorBuffer[0] = 0;
        m_multi = curl_multi_init();
        m_easy = curl_easy_init();
        const QByteArray socket = client.socketPath().toLocal8Bit();
        curl_easy_setopt(m_easy, CURLOPT_UNIX_SOCKET_PATH, socket.constData());   // curl copies it
        curl_easy_setopt(m_easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(m_easy, CURLOPT_ERRORBUFFER, m_errorBuffer);
        curl_easy_setopt(m_easy, CURLOPT_CONNECTTIMEOUT_MS, long(timeouts.connectMs));
        curl_easy_setopt(m_easy, CURLOPT_WRITEFUNCTION, &CurlTransfer::onWrite);
        curl_easy_setopt(m_easy, CURLOPT_WRITEDATA, this);
        curl_easy_setopt(m_easy, CURLOPT_HEADERFUNCTION, &CurlTransfer::onHeader);
        curl_easy_setopt(m_easy, CURLOPT_HEADERDATA, this);
    }

    ~CurlTransfer() override
    {
        if (m_added)
            curl_multi_remove_handle(m_multi, m_easy);
        curl_easy_cleanup(m_easy);
        curl_multi_cleanup(m_multi);
        curl_slist_free_all(m_requestHeaders);
    }

    // Sends the request and waits for the response headers (or fails).
    Result<void> start(const QByteArray &method, const QString &path, const QByteArray &body,
                       const QByteArray &contentType)
    {
        const QByteArray url = "http://localhost" + path.toUtf8();
        curl_easy_setopt(m_easy, CURLOPT_URL, url.constData());
        if (method == "POST") {
            curl_easy_setopt(m_easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
            curl_easy_setopt(m_easy, CURLOPT_COPYPOSTFIELDS, body.constData());
            m_requestHeaders = curl_slist_append(m_requestHeaders, "Expect:");
            if (!contentType.isEmpty())
                m_requestHeaders = curl_slist_append(m_requestHeaders,
                                                     QByteArray("Content-Type: " + contentType).constData());
            curl_easy_setopt(m_easy, CURLOPT_HTTPHEADER, m_requestHeaders);
        } else if (method != "GET") {
            curl_easy_setopt(m_easy, CURLOPT_CUSTOMREQUEST, method.constData());
        }
        curl_multi_add_handle(m_multi, m_easy);
        m_added = true;
        m_what = QString::fromLatin1(method) + u' ' + path;
        QElapsedTimer waited;
        waited.start();
        while (!m_head.complete && !m_finished) {
            if (auto ok = checkWait(waited, m_timeouts.connectMs + m_timeouts.stallMs); !ok)
                return ok;
            pump();
        }
        if (m_finished && m_code != CURLE_OK)
            return fail(m_error, m_errorCode);
        if (!m_head.complete)
            return fail(QStringLiteral("%1 sent no response to %2.").arg(capitalised(m_peer), m_what), NetworkError);
        return {};
    }

    int status() const { return m_head.status; }
    const QMultiMap<QByteArray, QByteArray> &headers() const { return m_head.fields; }
    void setTotalDeadline(int ms) { m_totalMs = ms; m_total.start(); }

    qint64 read(char *data, qint64 maxSize) override
    {
        if (!m_error.isEmpty())
            return -1;
        QElapsedTimer waited;
        waited.start();
        while (m_buffer.size() - m_pos == 0 && !m_finished) {
            if (auto ok = checkWait(waited, m_timeouts.stallMs); !ok) {
                m_error = ok.error().message;
                return -1;
            }
            if (m_paused) {
                m_paused = false;
                curl_easy_pause(m_easy, CURLPAUSE_CONT);
            }
            pump();
        }
        const qint64 available = m_buffer.size() - m_pos;
        if (available == 0) {
            if (m_code != CURLE_OK)
                return -1;
            return 0;
        }
        const qint64 n = qMin(available, maxSize);
        std::memcpy(data, m_buffer.constData() + m_pos, size_t(n));
        m_pos += n;
        if (m_pos == m_buffer.size()) {
            m_buffer.clear();
            m_pos = 0;
        }
        return n;
    }

    QString errorString() const override { return m_error; }
    int errorCode() const { return m_errorCode; }

private:
    static QString capitalised(QString s)
    {
        if (!s.isEmpty())
            s[0] = s[0].toUpper();
        return s;
    }

    Result<void> checkWait(const QElapsedTimer &waited, int limitMs)
    {
        if (m_progress && m_progress->isCancelled())
            return fail(QStringLiteral("Cancelled."), Cancelled);
        if (m_totalMs > 0 && m_total.elapsed() > m_totalMs)
            return fail(QStringLiteral("%1 did not answer %2 within %3 s.")
                            .arg(capitalised(m_peer), m_what).arg(m_totalMs / 1000), NetworkError);
        if (waited.elapsed() > limitMs)
            return fail(QStringLiteral("%1 sent nothing for %2 s during %3; giving up.")
                            .arg(capitalised(m_peer)).arg(limitMs / 1000).arg(m_what), NetworkError);
        return {};
    }

    void pump()
    {
        int running = 0;
        curl_multi_perform(m_multi, &running);
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(m_multi, &queued)) {
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == m_easy)
                finish(msg->data.result);
        }
        if (!m_finished && m_buffer.size() - m_pos == 0 && !m_paused)
            curl_multi_poll(m_multi, nullptr, 0, kPollMs, nullptr);
    }

    void finish(CURLcode code)
    {
        m_finished = true;
        m_code = code;
        if (code == CURLE_OK)
            return;
        const QString detail = m_errorBuffer[0] ? QString::fromUtf8(m_errorBuffer)
                                                : QString::fromUtf8(curl_easy_strerror(code));
        m_errorCode = NetworkError;
        switch (code) {
        case CURLE_COULDNT_CONNECT: {
            long osErrno = 0;
            curl_easy_getinfo(m_easy, CURLINFO_OS_ERRNO, &osErrno);
            m_error = QStringLiteral("Cannot connect to %1: %2.")
                          .arg(m_peer, osErrno ? osErrorText(osErrno) : detail);
            break;
        }
        case CURLE_OPERATION_TIMEDOUT:
            m_error = QStringLiteral("%1 did not answer %2 in time (%3).").arg(capitalised(m_peer), m_what, detail);
            break;
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
            m_error = QStringLiteral("%1 closed the connection during %2 (%3).")
                          .arg(capitalised(m_peer), m_what, detail);
            break;
        default:
            m_error = QStringLiteral("%1 request %2 failed: %3.").arg(capitalised(m_peer), m_what, detail);
            break;
        }
    }

    static size_t onWrite(char *ptr, size_t size, size_t count, void *self)
    {
        auto *t = static_cast<CurlTransfer *>(self);
        const qint64 n = qint64(size * count);
        if (t->m_buffer.size() - t->m_pos >= kMaxBuffered) {
            t->m_paused = true;
            return CURL_WRITEFUNC_PAUSE;
        }
        if (t->m_pos > 0) {
            t->m_buffer.remove(0, int(t->m_pos));
            t->m_pos = 0;
        }
        t->m_buffer.append(ptr, int(n));
        return size_t(n);
    }

    static size_t onHeader(char *ptr, size_t size, size_t count, void *self)
    {
        static_cast<CurlTransfer *>(self)->m_head.addLine(QByteArray(ptr, int(size * count)));
        return size * count;
    }

    QString m_peer;
    HttpTimeouts m_timeouts;
    const ProgressSink *m_progress;
    CURLM *m_multi = nullptr;
    CURL *m_easy = nullptr;
    curl_slist *m_requestHeaders = nullptr;
    char m_errorBuffer[CURL_ERROR_SIZE];
    bool m_added = false;
    QString m_what;
    HttpResponseHead m_head;
    QByteArray m_buffer;
    qint64 m_pos = 0;
    bool m_paused = false;
    bool m_finished = false;
    CURLcode m_code = CURLE_OK;
    QString m_error;
    int m_errorCode = NetworkError;
    int m_totalMs = 0;
    QElapsedTimer m_total;
};

// Reads the rest of a transfer, refusing more than maxBody bytes.
Result<QByteArray> readBody(CurlTransfer &transfer, qint64 maxBody, const QString &what)
{
    QByteArray body;
    char buf[65536];
    for (;;) {
        const qint64 n = transfer.read(buf, sizeof buf);
        if (n < 0)
            return fail(transfer.errorString(), transfer.errorCode());
        if (n == 0)
            return body;
        if (body.size() + n > maxBody)
            return fail(QStringLiteral("The answer to %1 is larger than the %2 bytes allowed.").arg(what).arg(maxBody),
                        LimitExceeded);
        body.append(buf, int(n));
    }
}

} // namespace

UnixHttpClient::UnixHttpClient(const QString &socketPath, const QString &engineName)
    : m_socketPath(socketPath), m_engineName(engineName)
{
}

QString UnixHttpClient::peerName() const
{
    return QStringLiteral("the %1 engine at unix://%2").arg(m_engineName, m_socketPath);
}

Result<HttpResponse> UnixHttpClient::request(const QByteArray &method, const QString &path, qint64 maxBody,
                                             const QByteArray &body, const QByteArray &contentType) const
{
    CurlTransfer transfer(*this, m_timeouts, nullptr);
    transfer.setTotalDeadline(m_timeouts.totalMs);
    if (auto ok = transfer.start(method, path, body, contentType); !ok)
        return tl::unexpected(ok.error());
    HttpResponse response;
    response.status = transfer.status();
    response.headers = transfer.headers();
    auto data = readBody(transfer, maxBody, QString::fromLatin1(method) + u' ' + path);
    if (!data)
        return tl::unexpected(data.error());
    response.body = *data;
    return response;
}

Result<std::unique_ptr<ByteStream>> UnixHttpClient::openStream(const QString &path, const ProgressSink &progress) const
{
    auto transfer = std::make_unique<CurlTransfer>(*this, m_timeouts, &progress);
    if (auto ok = transfer->start("GET", path, {}, {}); !ok)
        return tl::unexpected(ok.error());
    if (transfer->status() >= 300) {
        HttpResponse response;
        response.status = transfer->status();
        auto body = readBody(*transfer, 64 * 1024, QStringLiteral("GET ") + path);
        response.body = body ? *body : QByteArray();
        return fail(QStringLiteral("The %1 engine at unix://%2 refused GET %3: %4")
                        .arg(m_engineName, m_socketPath, path, engineErrorMessage(response)),
                    response.status == 404 ? NotFound : NetworkError);
    }
    return std::unique_ptr<ByteStream>(std::move(transfer));
}

QString engineErrorMessage(const HttpResponse &response)
{
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    QString message = doc.object().value(u"message").toString().trimmed();
    if (message.isEmpty())
        message = doc.object().value(u"cause").toString().trimmed();
    if (message.isEmpty())
        return QStringLiteral("HTTP status %1.").arg(response.status);
    if (!message.endsWith(u'.'))
        message += u'.';
    return message;
}

} // namespace bulkhead
