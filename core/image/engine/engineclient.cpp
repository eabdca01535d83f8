#include "image/engine/engineclient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace bulkhead {

namespace {

constexpr qint64 kMaxJsonBody = 16 * 1024 * 1024;

struct Candidate {
    EngineKind kind;
    QString path;
    QString origin;
    bool explicitChoice;   // named by the user: used even when it does not exist (connecting then says why)
};

// "1.41" -> 41 (major 1 is the only one there is); -1 when not a version.
int apiMinor(const QString &version)
{
    const QStringList parts = version.split(u'.');
    if (parts.size() != 2 || parts[0] != u"1")
        return -1;
    bool ok = false;
    const int minor = parts[1].toInt(&ok);
    return ok ? minor : -1;
}

Result<QVector<Candidate>> candidates(EngineKind wanted)
{
    QVector<Candidate> list;
    if (wanted != EngineKind::Podman) {
        const QString own = qEnvironmentVariable("BULKHEAD_DOCKER_SOCKET");
        if (!own.isEmpty())
            list.append({EngineKind::Docker, own, QStringLiteral("BULKHEAD_DOCKER_SOCKET"), true});
        const QString host = qEnvironmentVariable("DOCKER_HOST");
        if (own.isEmpty() && !host.isEmpty()) {
            if (!host.startsWith(u"unix://"))
                return fail(QStringLiteral("DOCKER_HOST is %1, but only unix:// sockets are supported yet "
                                           "(tcp:// and ssh:// engines are not).").arg(host), InvalidInput);
            list.append({EngineKind::Docker, host.mid(7), QStringLiteral("DOCKER_HOST"), true});
        }
        list.append({EngineKind::Docker, QStringLiteral("/var/run/docker.sock"), QStringLiteral("default path"), false});
    }
    if (wanted != EngineKind::Docker) {
        const QString own = qEnvironmentVariable("BULKHEAD_PODMAN_SOCKET");
        if (!own.isEmpty())
            list.append({EngineKind::Podman, own, QStringLiteral("BULKHEAD_PODMAN_SOCKET"), true});
        list.append({EngineKind::Podman, QStringLiteral("/run/podman/podman.sock"),
                     QStringLiteral("rootful default path"), false});
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!runtime.isEmpty())
            list.append({EngineKind::Podman, runtime + QStringLiteral("/podman/podman.sock"),
                         QStringLiteral("rootless default path"), false});
    }
    return list;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

} // namespace

QString engineKindName(EngineKind kind)
{
    switch (kind) {
    case EngineKind::Docker: return QStringLiteral("docker");
    case EngineKind::Podman: return QStringLiteral("podman");
    case EngineKind::Any: break;
    }
    return QStringLiteral("any");
}

QString engineDisplayName(EngineKind kind)
{
    switch (kind) {
    case EngineKind::Docker: return QStringLiteral("Docker");
    case EngineKind::Podman: return QStringLiteral("Podman");
    case EngineKind::Any: break;
    }
    return QStringLiteral("container");
}

Result<EngineSocket> resolveEngineSocket(EngineKind wanted)
{
    auto list = candidates(wanted);
    if (!list)
        return tl::unexpected(list.error());
    QStringList tried;
    for (const Candidate &c : *list) {
        // An explicit choice is final: a wrong path must be reported, not silently replaced.
        if (c.explicitChoice || QFileInfo::exists(c.path)) {
            EngineSocket socket;
            socket.kind = c.kind;
            socket.path = c.path;
            socket.origin = c.origin;
            return socket;
        }
        tried.append(c.path);
    }
    QString hint;
    if (wanted == EngineKind::Podman)
        hint = QStringLiteral("start one with 'podman system service', or set BULKHEAD_PODMAN_SOCKET");
    else
        hint = QStringLiteral("set DOCKER_HOST=unix:///path/to/docker.sock or BULKHEAD_DOCKER_SOCKET");
    return fail(QStringLiteral("No %1 engine socket found (%2 not set; none of %3 exists); %4.")
                    .arg(engineDisplayName(wanted),
                         wanted == EngineKind::Podman ? QStringLiteral("BULKHEAD_PODMAN_SOCKET")
                                                      : QStringLiteral("DOCKER_HOST is"),
                         tried.join(QStringLiteral(", ")), hint),
                NotFound);
}

QString engineImagePath(const QString &name)
{
    return QStringLiteral("/images/") + QString::fromLatin1(QUrl::toPercentEncoding(name, "/:@"));
}

EngineClient::EngineClient(EngineKind kind, const QString &socketPath)
    : m_kind(kind), m_http(socketPath, engineDisplayName(kind))
{
}

Result<EngineClient> EngineClient::connect(EngineKind wanted, const ProgressSink &progress)
{
    auto socket = resolveEngineSocket(wanted);
    if (!socket)
        return tl::unexpected(socket.error());
    ProgressInfo step;
    step.stage = QStringLiteral("Connecting to the %1 engine").arg(engineDisplayName(socket->kind));
    step.detail = QStringLiteral("unix://") + socket->path;
    progress.report(step);
    EngineClient client(socket->kind, socket->path);
    if (auto ok = client.negotiate(); !ok)
        return tl::unexpected(ok.error());
    return client;
}

Result<void> EngineClient::negotiate()
{
    // /_ping is unversioned and cheap: it proves the engine is there and names its API version.
    auto ping = m_http.request("GET", QStringLiteral("/_ping"), 4096);
    if (!ping)
        return tl::unexpected(ping.error());
    if (ping->status != 200)
        return fail(QStringLiteral("The %1 engine at unix://%2 does not answer /_ping (%3)")
                        .arg(m_http.engineName(), m_http.socketPath(), engineErrorMessage(*ping)),
                    NetworkError);
    auto version = m_http.request("GET", QStringLiteral("/version"), kMaxJsonBody);
    if (!version)
        return tl::unexpected(version.error());
    const QJsonObject v = QJsonDocument::fromJson(version->body).object();
    QString serverApi = v.value(u"ApiVersion").toString();
    if (serverApi.isEmpty())
        serverApi = QString::fromLatin1(ping->headers.value("api-version"));
    const int serverMinor = apiMinor(serverApi);
    const int serverMin = apiMinor(v.value(u"MinAPIVersion").toString());
    if (serverMinor < 0)
        return fail(QStringLiteral("The %1 engine at unix://%2 names no API version; it does not look like a "
                                   "Docker Engine API.").arg(m_http.engineName(), m_http.socketPath()),
                    InvalidInput);
    const int chosen = qMin(serverMinor, int(kMaxApiMinor));
    if (chosen < kMinApiMinor || (serverMin > 0 && serverMin > chosen))
        return fail(QStringLiteral("The %1 engine at unix://%2 speaks API %3 (down to %4); Bulkhead needs 1.%5 to 1.%6.")
                        .arg(m_http.engineName(), m_http.socketPath(), serverApi,
                             v.value(u"MinAPIVersion").toString(QStringLiteral("?")))
                        .arg(kMinApiMinor).arg(kMaxApiMinor),
                    InvalidInput);
    m_apiVersion = QStringLiteral("1.%1").arg(chosen);
    m_engineVersion = v.value(u"Version").toString();
    // The socket decides what we call it, but the engine itself knows better (a podman socket
    // found through DOCKER_HOST is still Podman).
    for (const QJsonValue &c : v.value(u"Components").toArray()) {
        if (c.toObject().value(u"Name").toString().startsWith(u"Podman")) {
            m_kind = EngineKind::Podman;
            m_http = UnixHttpClient(m_http.socketPath(), engineDisplayName(m_kind));
        }
    }
    return {};
}

QString EngineClient::apiPath(const QString &path) const
{
    return QStringLiteral("/v") + m_apiVersion + path;
}

Result<QJsonDocument> EngineClient::getJson(const QString &path) const
{
    auto response = m_http.request("GET", apiPath(path), kMaxJsonBody);
    if (!response)
        return tl::unexpected(response.error());
    if (response->status >= 300)
        return fail(QStringLiteral("The %1 engine at unix://%2 refused GET %3: %4")
                        .arg(m_http.engineName(), m_http.socketPath(), path, engineErrorMessage(*response)),
                    response->status == 404 ? NotFound : NetworkError);
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(response->body, &perr);
    if (perr.error != QJsonParseError::NoError)
        return fail(QStringLiteral("The %1 engine at unix://%2 answered GET %3 with invalid JSON (%4).")
                        .arg(m_http.engineName(), m_http.socketPath(), path, perr.errorString()),
                    InvalidInput);
    return doc;
}

Result<std::unique_ptr<ByteStream>> EngineClient::openStream(const QString &path, const ProgressSink &progress) const
{
    return m_http.openStream(apiPath(path), progress);
}

Result<QVector<EngineImage>> EngineClient::listImages() const
{
    auto doc = getJson(QStringLiteral("/images/json"));
    if (!doc)
        return tl::unexpected(doc.error());
    QVector<EngineImage> images;
    for (const QJsonValue &value : doc->array()) {
        const QJsonObject o = value.toObject();
        EngineImage image;
        image.id = o.value(u"Id").toString();
        if (!image.id.isEmpty() && !image.id.contains(u':'))
            image.id.prepend(QStringLiteral("sha256:"));
        image.repoTags = stringList(o.value(u"RepoTags"));
        image.repoTags.removeAll(QStringLiteral("<none>:<none>"));
        image.repoDigests = stringList(o.value(u"RepoDigests"));
        image.size = qint64(o.value(u"Size").toDouble(-1));
        image.created = qint64(o.value(u"Created").toDouble());
        images.append(image);
    }
    return images;
}

} // namespace bulkhead
