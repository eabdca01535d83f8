#include "image/registry/registryclient.h"

#include "common/sha256.h"
#include "image/imagefiles.h"
#include "image/imagemetadata.h"

#include <QElapsedTimer>
#include <algorithm>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUrlQuery>

namespace bulkhead {

namespace {

constexpr int kMaxRedirects = 5;
constexpr int kMaxPages = 10000;
constexpr qint64 kMaxListSize = 16 << 20;
constexpr qint64 kMaxRetryAfterMs = 60000;

QString hostPort(const QUrl &url)
{
    return url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

bool isLoopback(const QString &host)
{
    QHostAddress address;
    return host == u"localhost" || (address.setAddress(host) && address.isLoopback());
}

// RFC 7235 challenges: `scheme param="value", param=token`, several per header possible.
QVector<QPair<QString, QMap<QString, QString>>> parseChallenges(const QList<QByteArray> &values)
{
    QVector<QPair<QString, QMap<QString, QString>>> out;
    for (const QByteArray &raw : values) {
        const QString text = QString::fromLatin1(raw);
        int i = 0;
        const int n = text.size();
        auto skipSpaces = [&] { while (i < n && (text[i] == u' ' || text[i] == u'\t' || text[i] == u',')) ++i; };
        while (true) {
            skipSpaces();
            if (i >= n)
                break;
            int start = i;
            while (i < n && text[i] != u' ' && text[i] != u'=' && text[i] != u',')
                ++i;
            const QString word = text.mid(start, i - start);
            if (i < n && text[i] == u'=' && !out.isEmpty()) {
                // A parameter of the current challenge.
                ++i;
                QString value;
                if (i < n && text[i] == u'"') {
                    ++i;
                    while (i < n && text[i] != u'"') {
                        if (text[i] == u'\\' && i + 1 < n)
                            ++i;
                        value.append(text[i++]);
                    }
                    ++i;
                } else {
                    start = i;
                    while (i < n && text[i] != u',' && text[i] != u' ')
                        ++i;
                    value = text.mid(start, i - start);
                }
                out.last().second.insert(word.toLower(), value);
            } else {
                out.append({word.toLower(), {}});
            }
        }
    }
    return out;
}

// Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date. -1 when absent or unreadable.
qint64 retryAfterMs(const HttpTransfer &response)
{
    const QByteArray value = response.header("retry-after").trimmed();
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return qBound<qint64>(0, seconds * 1000, kMaxRetryAfterMs);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return qBound<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when), kMaxRetryAfterMs);
}

bool isRetryableStatus(int status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

// RFC 8288 Link: <url>; rel="next"
QString nextLink(const HttpTransfer &response)
{
    for (const QByteArray &link : response.headers("link")) {
        for (const QByteArray &part : link.split(',')) {
            const QByteArray p = part.trimmed();
            const int close = p.indexOf('>');
            if (!p.startsWith('<') || close < 0)
                continue;
            const QByteArray params = p.mid(close + 1);
            if (params.contains("rel=\"next\"") || params.contains("rel=next"))
                return QString::fromUtf8(p.mid(1, close - 1));
        }
    }
    return {};
}

QString mediaTypeOf(const QByteArray &contentType)
{
    return QString::fromLatin1(contentType.split(';').first().trimmed());
}

} // namespace

RegistryClient::RegistryClient(const QString &registry, const RegistryConfig &config, const ProgressSink *progress)
    : m_registry(registry), m_config(config), m_settings(config.settings(registry)), m_progress(progress)
{
}

bool RegistryClient::sleepFor(qint64 ms) const
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (m_progress && m_progress->isCancelled())
            return false;
        QThread::msleep(quint64(qMin<qint64>(50, ms - timer.elapsed()) + 1));
    }
    return true;
}

HttpRequest RegistryClient::makeRequest(const QUrl &url) const
{
    HttpRequest r;
    r.url = url;
    const RegistryHostSettings s = m_config.settings(hostPort(url));
    r.caFile = s.caFile;
    r.verifyTls = !s.insecure;
    r.connectTimeoutSeconds = qMin(30, m_config.timeoutSeconds());
    r.readTimeoutSeconds = m_config.timeoutSeconds();
    return r;
}

Result<std::unique_ptr<HttpTransfer>> RegistryClient::sendWithRetry(const HttpRequest &request)
{
    const int attempts = m_config.maxAttempts();
    for (int attempt = 1;; ++attempt) {
        auto transfer = std::make_unique<HttpTransfer>(request, m_progress);
        auto started = transfer->start();
        const qint64 backoff = qMin<qint64>(8000, 250LL << (attempt - 1));
        if (!started) {
            if (started.error().code == Cancelled || !transfer->retryable() || attempt >= attempts) {
                Error e = started.error();
                if (e.code != Cancelled && attempt > 1)
                    e.message += QStringLiteral(" (gave up after %1 attempts)").arg(attempt);
                if (e.code != Cancelled && !transfer->retryable() && request.url.scheme() == u"https"
                    && request.caFile.isEmpty() && request.verifyTls)
                    e.message += QStringLiteral(" If %1 uses a private CA, pass --registry-ca %1=FILE.")
                                     .arg(hostPort(request.url));
                return tl::unexpected(e);
            }
            if (!sleepFor(backoff))
                return fail(QStringLiteral("The download was cancelled."), Cancelled);
            continue;
        }
        if (isRetryableStatus(transfer->status()) && attempt < attempts) {
            const qint64 asked = retryAfterMs(*transfer);
            if (!sleepFor(asked >= 0 ? asked : backoff))
                return fail(QStringLiteral("The download was cancelled."), Cancelled);
            continue;
        }
        return transfer;
    }
}

Result<void> RegistryClient::chooseEndpoint()
{
    if (m_endpoint.isValid())
        return {};
    QStringList candidates = m_settings.mirrors;
    const QString host = m_registry == u"docker.io" ? QStringLiteral("registry-1.docker.io") : m_registry;
    candidates.append(QStringLiteral("https://") + host);
    if (m_settings.insecure)
        candidates.append(QStringLiteral("http://") + host);
    QStringList problems;
    for (const QString &candidate : candidates) {
        QUrl base(candidate);
        if (base.path().endsWith(u'/'))
            base.setPath(base.path().chopped(1));
        QUrl ping = base;
        ping.setPath(base.path() + QStringLiteral("/v2/"));
        auto response = sendWithRetry(makeRequest(ping));
        if (!response) {
            if (response.error().code == Cancelled)
                return tl::unexpected(response.error());
            problems.append(response.error().message);
            continue;
        }
        // distribution-spec "end-1": 200, or 401 asking for auth, means a registry answers here.
        const int status = (*response)->status();
        if (status == 200 || status == 401) {
            m_endpoint = base;
            return {};
        }
        problems.append(QStringLiteral("%1 answered /v2/ with HTTP %2.").arg(candidate).arg(status));
    }
    return fail(QStringLiteral("Cannot reach the registry %1: %2").arg(m_registry, problems.join(u' ')), NetworkError);
}

Result<RegistryClient::Token> RegistryClient::fetchToken(const QString &scope)
{
    // Token authentication (distribution docs "token.md", "oauth.md").
    QUrl realm(m_challenge.value(QStringLiteral("realm")));
    if (!realm.isValid() || (realm.scheme() != u"https" && realm.scheme() != u"http"))
        return fail(QStringLiteral("The registry %1 asks for a token from an invalid realm '%2'.")
                        .arg(m_registry, realm.toString()), AuthError);
    const bool withSecret = m_credentials && !m_credentials->isEmpty();
    if (realm.scheme() == u"http" && withSecret && !isLoopback(realm.host())
        && !m_config.settings(hostPort(realm)).insecure)
        return fail(QStringLiteral("The registry %1 sends credentials to the unencrypted token service %2; "
                                   "refusing (mark %3 insecure to allow it).")
                        .arg(m_registry, realm.host(), hostPort(realm)), AuthError);
    const QString service = m_challenge.value(QStringLiteral("service"));
    HttpRequest r = makeRequest(realm);
    // The realm is named by the registry, and one private PKI usually serves both: a CA given for
    // the registry is trusted for its token service too, unless that host has its own settings.
    if (r.caFile.isEmpty() && r.verifyTls && !m_settings.caFile.isEmpty())
        r.caFile = m_settings.caFile;
    if (withSecret && m_credentials->isIdentityToken) {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), m_credentials->secret);
        form.addQueryItem(QStringLiteral("service"), service);
        if (!scope.isEmpty())
            form.addQueryItem(QStringLiteral("scope"), scope);
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("bulkhead"));
        r.method = "POST";
        r.body = form.query(QUrl::FullyEncoded).toUtf8();
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    } else {
        QUrlQuery query(realm);
        if (!service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), service);
        if (!scope.isEmpty())
            query.addQueryItem(QStringLiteral("scope"), scope);
        if (withSecret) {
            query.addQueryItem(QStringLiteral("account"), m_credentials->username);
            r.headers.append(qMakePair(QByteArray("Authorization"),
                                             QByteArray("Basic " + (m_credentials->username + u':' + m_credentials->secret)
                                                                       .toUtf8().toBase64())));
        }
        realm.setQuery(query);
        r.url = realm;
    }
    auto response = sendWithRetry(r);
    if (!response)
        return tl::unexpected(response.error());
    if ((*response)->status() == 401 || (*response)->status() == 403)
        return fail(withSecret ? QStringLiteral("The token service of %1 rejected the credentials from %2.")
                                     .arg(m_registry, m_credentials->origin)
                               : QStringLiteral("The token service of %1 refused anonymous access; log in with "
                                                "`bulkhead login %1`.").arg(m_registry), AuthError);
    if ((*response)->status() != 200)
        return fail(QStringLiteral("The token service of %1 answered HTTP %2.").arg(m_registry).arg((*response)->status()),
                    AuthError);
    auto body = (*response)->readAll(1 << 20);
    if (!body)
        return tl::unexpected(body.error());
    auto json = parseJsonObject(*body, QStringLiteral("The token response of ") + realm.host());
    if (!json)
        return tl::unexpected(json.error());
    Token token;
    token.value = json->value(u"token").toString().toUtf8();
    if (token.value.isEmpty())
        token.value = json->value(u"access_token").toString().toUtf8();
    if (token.value.isEmpty())
        return fail(QStringLiteral("The token service of %1 returned no token.").arg(m_registry), AuthError);
    // token.md: expires_in defaults to 60 seconds. Renew a little early.
    const int expiresIn = qMax(1, json->value(u"expires_in").toInt(60));
    token.expires = QDateTime::currentDateTimeUtc().addSecs(qMax(1, expiresIn - qMin(10, expiresIn / 4)));
    return token;
}

Result<QByteArray> RegistryClient::authorization(const QString &scope)
{
    if (m_scheme == u"basic") {
        if (!m_credentials || m_credentials->isEmpty() || m_credentials->isIdentityToken)
            return QByteArray();
        return QByteArray("Basic " + (m_credentials->username + u':' + m_credentials->secret).toUtf8().toBase64());
    }
    if (m_scheme == u"bearer") {
        auto it = m_tokens.constFind(scope);
        if (it != m_tokens.constEnd() && it->expires > QDateTime::currentDateTimeUtc())
            return QByteArray("Bearer " + it->value);
        auto token = fetchToken(scope);
        if (!token)
            return tl::unexpected(token.error());
        m_tokens.insert(scope, *token);
        return QByteArray("Bearer " + token->value);
    }
    return QByteArray();
}

Result<std::unique_ptr<HttpTransfer>> RegistryClient::request(const QString &pathAndQuery, const QString &scope,
                                                              const QList<QPair<QByteArray, QByteArray>> &headers,
                                                              const QByteArray &method)
{
    if (auto ok = chooseEndpoint(); !ok)
        return tl::unexpected(ok.error());
    QUrl url = m_endpoint;
    const QUrl relative(pathAndQuery);
    url.setPath(m_endpoint.path() + relative.path());
    url.setQuery(relative.query(QUrl::FullyEncoded));
    bool challenged = false;
    int redirects = 0;
    for (;;) {
        HttpRequest r = makeRequest(url);
        r.method = method;
        r.headers = headers;
        // Credentials only go to the registry itself, never to a host a redirect led to.
        if (sameOrigin(url, m_endpoint)) {
            auto auth = authorization(scope);
            if (!auth)
                return tl::unexpected(auth.error());
            if (!auth->isEmpty())
                r.headers.append(qMakePair(QByteArray("Authorization"), *auth));
        }
        auto response = sendWithRetry(r);
        if (!response)
            return response;
        HttpTransfer &t = **response;
        if (t.status() == 401 && sameOrigin(url, m_endpoint) && !challenged) {
            const auto challenges = parseChallenges(t.headers("www-authenticate"));
            QString scheme;
            QMap<QString, QString> params;
            for (const auto &c : challenges)
                if (c.first == u"bearer" || (c.first == u"basic" && scheme.isEmpty())) {
                    scheme = c.first;
                    params = c.second;
                }
            if (scheme.isEmpty())
                return response;
            const bool canAnswer = scheme == u"bearer"
                                   || (m_credentials && !m_credentials->isEmpty() && !m_credentials->isIdentityToken);
            if (!canAnswer)
                return response;
            // A token that was just refused (expired or revoked) is fetched anew, once.
            challenged = true;
            m_scheme = scheme;
            m_challenge = params;
            m_tokens.remove(scope);
            continue;
        }
        if (t.status() >= 300 && t.status() < 400 && t.status() != 304) {
            const QByteArray location = t.header("location");
            if (location.isEmpty() || ++redirects > kMaxRedirects)
                return response;
            const QUrl next = url.resolved(QUrl::fromEncoded(location));
            if (next.scheme() != u"https" && next.scheme() != u"http")
                return fail(QStringLiteral("The registry %1 redirected to an unsupported URL.").arg(m_registry),
                            NetworkError);
            if (url.scheme() == u"https" && next.scheme() == u"http" && !m_config.settings(hostPort(next)).insecure)
                return fail(QStringLiteral("The registry %1 redirected from HTTPS to plain HTTP (%2); refusing.")
                                .arg(m_registry, next.host()), NetworkError);
            url = next;
            continue;
        }
        return response;
    }
}

Error RegistryClient::statusError(HttpTransfer &response, const QString &what)
{
    QString detail;
    // distribution-spec "Error Codes": {"errors": [{"code", "message", "detail"}]}
    if (auto body = response.readAll(64 << 10)) {
        const QJsonArray errors = QJsonDocument::fromJson(*body).object().value(u"errors").toArray();
        if (!errors.isEmpty())
            detail = errors.first().toObject().value(u"message").toString().left(200);
    }
    const int status = response.status();
    const QString suffix = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;
    if (status == 401 || status == 403) {
        QString hint;
        if (m_credentials && !m_credentials->isEmpty())
            hint = QStringLiteral(" The credentials from %1 were not accepted.").arg(m_credentials->origin);
        else
            hint = QStringLiteral(" Log in with `bulkhead login %1`.").arg(m_registry);
        if (!m_credentialNotes.isEmpty())
            hint += u' ' + m_credentialNotes.join(u' ');
        return Error{QStringLiteral("The registry %1 refused access to %2 (HTTP %3%4).%5")
                         .arg(m_registry, what).arg(status).arg(suffix, hint), AuthError};
    }
    if (status == 404)
        return Error{QStringLiteral("The registry %1 has no %2 (HTTP 404%3).").arg(m_registry, what, suffix), NotFound};
    return Error{QStringLiteral("The registry %1 answered HTTP %2 for %3%4.").arg(m_registry).arg(status).arg(what, suffix),
                 NetworkError};
}

Result<void> RegistryClient::ping()
{
    auto response = request(QStringLiteral("/v2/"), QString());
    if (!response)
        return tl::unexpected(response.error());
    if ((*response)->status() != 200)
        return tl::unexpected(statusError(**response, QStringLiteral("its API (/v2/)")));
    return {};
}

Result<RegistryManifest> RegistryClient::manifest(const QString &repository, const QString &reference)
{
    const QString what = QStringLiteral("the manifest %1:%2").arg(repository, reference);
    const QByteArray accept = (QStringList{mediatype::ociIndex, mediatype::dockerManifestList, mediatype::ociManifest,
                                           mediatype::dockerManifest}).join(QStringLiteral(", ")).toLatin1();
    auto response = request(QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference),
                            QStringLiteral("repository:%1:pull").arg(repository), {{"Accept", accept}});
    if (!response)
        return tl::unexpected(response.error());
    HttpTransfer &t = **response;
    if (t.status() != 200)
        return tl::unexpected(statusError(t, what));
    auto bytes = t.readAll(kMaxMetadataSize);
    if (!bytes)
        return tl::unexpected(bytes.error());
    RegistryManifest m;
    m.bytes = *bytes;
    m.digest = Sha256::digestOf(m.bytes);
    const QString where = QStringLiteral("The manifest %1:%2 from %3").arg(repository, reference, m_registry);
    // Schema 1 first (its registry digest covers the payload without signatures, not the bytes),
    // then digests: bytes that are not what was asked for are not even parsed.
    if (mediatype::isSchema1(mediaTypeOf(t.header("content-type"))))
        return tl::unexpected(schema1Error(where));
    if (reference.contains(u':') && reference != m.digest)
        return fail(QStringLiteral("%1 does not match its digest (it hashes to %2).").arg(where, m.digest), InvalidInput);
    const QString announced = QString::fromLatin1(t.header("docker-content-digest"));
    if (announced.startsWith(u"sha256:") && announced != m.digest)
        return fail(QStringLiteral("%1 does not match the digest the registry announced (%2; it hashes to %3).")
                        .arg(where, announced, m.digest), InvalidInput);
    auto doc = parseJsonObject(m.bytes, where);
    if (!doc)
        return tl::unexpected(doc.error());
    m.mediaType = doc->value(u"mediaType").toString();
    if (m.mediaType.isEmpty())
        m.mediaType = mediaTypeOf(t.header("content-type"));
    if (mediatype::isSchema1(m.mediaType) || doc->value(u"schemaVersion").toInt() == 1)
        return tl::unexpected(schema1Error(where));
    return m;
}

Result<QByteArray> RegistryClient::blob(const QString &repository, const QString &digest, qint64 size,
                                        const QString &what)
{
    if (size > kMaxMetadataSize)
        return fail(QStringLiteral("The %1 %2 is declared as %3 bytes, more than the %4 MiB allowed.")
                        .arg(what, digest).arg(size).arg(kMaxMetadataSize >> 20), LimitExceeded);
    auto response = request(QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest),
                            QStringLiteral("repository:%1:pull").arg(repository));
    if (!response)
        return tl::unexpected(response.error());
    if ((*response)->status() != 200)
        return tl::unexpected(statusError(**response, QStringLiteral("the %1 blob %2").arg(what, digest)));
    auto bytes = (*response)->readAll(kMaxMetadataSize);
    if (!bytes)
        return bytes;
    if (size >= 0 && bytes->size() != size)
        return fail(QStringLiteral("The %1 blob %2 from %3 is %4 bytes, but its descriptor says %5.")
                        .arg(what, digest, m_registry).arg(bytes->size()).arg(size), InvalidInput);
    const QString actual = Sha256::digestOf(*bytes);
    if (actual != digest)
        return fail(QStringLiteral("The %1 blob %2 from %3 does not match its digest (it hashes to %4).")
                        .arg(what, digest, m_registry, actual), InvalidInput);
    return bytes;
}

// Pulls a blob, resuming after a connection that broke off (RFC 9110 "Range Requests").
class ResumingBlobStream final : public ByteStream {
public:
    ResumingBlobStream(RegistryClient &client, const QString &repository, const QString &digest, qint64 size,
                       std::unique_ptr<HttpTransfer> first)
        : m_client(client), m_repository(repository), m_digest(digest), m_size(size), m_current(std::move(first))
    {
    }
    qint64 read(char *data, qint64 maxSize) override
    {
        for (;;) {
            const qint64 n = m_current->read(data, maxSize);
            if (n > 0) {
                m_offset += n;
                return n;
            }
            const bool shortBlob = n == 0 && m_size >= 0 && m_offset < m_size;
            if (n == 0 && !shortBlob)
                return 0;
            const QString why = n < 0 ? m_current->errorString()
                                      : QStringLiteral("the connection ended after %1 of %2 bytes").arg(m_offset).arg(m_size);
            if ((n < 0 && !m_current->retryable()) || ++m_resumes >= m_client.m_config.maxAttempts()) {
                m_error = QStringLiteral("The download of %1 from %2 failed: %3").arg(m_digest, m_client.m_registry, why);
                return -1;
            }
            if (!m_client.sleepFor(qMin<qint64>(8000, 250LL << (m_resumes - 1)))) {
                m_error = QStringLiteral("The download was cancelled.");
                return -1;
            }
            auto next = m_client.openBlobFrom(m_repository, m_digest, m_size, m_offset);
            if (!next) {
                m_error = next.error().message;
                return -1;
            }
            m_current = std::move(*next);
        }
    }
    QString errorString() const override { return m_error; }
    qint64 sizeHint() const override { return m_size; }

private:
    RegistryClient &m_client;
    QString m_repository;
    QString m_digest;
    qint64 m_size;
    std::unique_ptr<HttpTransfer> m_current;
    qint64 m_offset = 0;
    int m_resumes = 0;
    QString m_error;
};

Result<std::unique_ptr<HttpTransfer>> RegistryClient::openBlobFrom(const QString &repository, const QString &digest,
                                                                   qint64 size, qint64 offset)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (offset > 0)
        headers.append(qMakePair(QByteArray("Range"), QByteArray("bytes=" + QByteArray::number(offset) + '-')));
    auto response = request(QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest),
                            QStringLiteral("repository:%1:pull").arg(repository), headers);
    if (!response)
        return response;
    HttpTransfer &t = **response;
    if (offset > 0 && t.status() == 206) {
        // Content-Range: bytes START-END/TOTAL must start where we stopped.
        const QByteArray range = t.header("content-range");
        if (!range.startsWith(QByteArray("bytes " + QByteArray::number(offset) + '-')))
            return fail(QStringLiteral("The registry %1 resumed the blob %2 at the wrong offset.").arg(m_registry, digest),
                        NetworkError);
        return response;
    }
    if (t.status() != 200)
        return tl::unexpected(statusError(t, QStringLiteral("the blob %1").arg(digest)));
    const qint64 length = t.sizeHint();
    if (size >= 0 && length >= 0 && length != size)
        return fail(QStringLiteral("The registry %1 sends %2 bytes for the blob %3, but the manifest says %4.")
                        .arg(m_registry).arg(length).arg(digest).arg(size), InvalidInput);
    // No range support: skip what was already delivered.
    char skip[16384];
    for (qint64 left = offset; left > 0;) {
        const qint64 n = t.read(skip, qMin<qint64>(left, sizeof skip));
        if (n <= 0)
            return fail(QStringLiteral("The download of %1 from %2 failed again: %3").arg(digest, m_registry, t.errorString()),
                        NetworkError);
        left -= n;
    }
    return response;
}

Result<std::unique_ptr<ByteStream>> RegistryClient::openBlob(const QString &repository, const QString &digest,
                                                             qint64 size)
{
    auto first = openBlobFrom(repository, digest, size, 0);
    if (!first)
        return tl::unexpected(first.error());
    return std::unique_ptr<ByteStream>(
        std::make_unique<ResumingBlobStream>(*this, repository, digest, size, std::move(*first)));
}

Result<QStringList> RegistryClient::listPaged(const QString &path, const QString &scope, const QString &key,
                                              int pageSize, const QString &what)
{
    QStringList all;
    QString next = pageSize > 0 ? path + QStringLiteral("?n=%1").arg(pageSize) : path;
    for (int page = 0; page < kMaxPages && !next.isEmpty(); ++page) {
        auto response = request(next, scope);
        if (!response)
            return tl::unexpected(response.error());
        if ((*response)->status() != 200)
            return tl::unexpected(statusError(**response, what));
        auto body = (*response)->readAll(kMaxListSize);
        if (!body)
            return tl::unexpected(body.error());
        auto json = parseJsonObject(*body, QStringLiteral("The %1 of %2").arg(what, m_registry));
        if (!json)
            return tl::unexpected(json.error());
        for (const QJsonValue &v : json->value(key).toArray())
            all.append(v.toString());
        // distribution-spec "Listing Tags"/catalog: the Link header names the next page.
        const QString link = nextLink(**response);
        next.clear();
        if (!link.isEmpty()) {
            const QUrl resolved = m_endpoint.resolved(QUrl(link));
            if (!sameOrigin(resolved, m_endpoint))
                return fail(QStringLiteral("The registry %1 paginates %2 to another host; refusing.").arg(m_registry, what),
                            InvalidInput);
            QString p = resolved.path();
            if (!m_endpoint.path().isEmpty() && p.startsWith(m_endpoint.path() + u'/'))
                p = p.mid(m_endpoint.path().size());
            next = p + (resolved.hasQuery() ? u'?' + resolved.query(QUrl::FullyEncoded) : QString());
        }
    }
    return all;
}

Result<QStringList> RegistryClient::catalog(int pageSize)
{
    return listPaged(QStringLiteral("/v2/_catalog"), QStringLiteral("registry:catalog:*"),
                     QStringLiteral("repositories"), pageSize, QStringLiteral("repository catalog"));
}

Result<QStringList> RegistryClient::tags(const QString &repository, int pageSize)
{
    return listPaged(QStringLiteral("/v2/%1/tags/list").arg(repository), QStringLiteral("repository:%1:pull").arg(repository),
                     QStringLiteral("tags"), pageSize, QStringLiteral("tag list of %1").arg(repository));
}

} // namespace bulkhead
