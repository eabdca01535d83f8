#pragma once
// EngineClient: a connection to a local Docker or Podman engine through its Docker-compatible
// Engine API on a unix socket. Contract: connect() finds the socket (documented order below),
// checks the engine answers (/_ping) and settles the API version (/version); every later call
// uses that versioned path (/v1.41/...) and fails with one sentence naming the engine.
//
// Socket resolution (docs/cli.md "Image sources"):
//   docker: BULKHEAD_DOCKER_SOCKET, DOCKER_HOST (unix:// only), /var/run/docker.sock
//   podman: BULKHEAD_PODMAN_SOCKET, /run/podman/podman.sock, $XDG_RUNTIME_DIR/podman/podman.sock
//   any:    the docker list, then the podman list; the first socket that exists.

#include "common/progress.h"
#include "common/result.h"
#include "image/engine/unixhttpclient.h"

#include <QJsonDocument>
#include <QStringList>
#include <QVector>

namespace bulkhead {

enum class EngineKind { Any, Docker, Podman };

QString engineKindName(EngineKind kind);      // "docker", "podman", "any"
QString engineDisplayName(EngineKind kind);   // "Docker", "Podman", "container"

struct EngineSocket {
    EngineKind kind = EngineKind::Docker;
    QString path;
    QString origin;   // where it came from: "DOCKER_HOST", "BULKHEAD_PODMAN_SOCKET", "default path"
};

// Picks the socket for `wanted` from the environment and the default paths.
Result<EngineSocket> resolveEngineSocket(EngineKind wanted);

// One image as GET /images/json lists it.
struct EngineImage {
    QString id;               // "sha256:..."
    QStringList repoTags;
    QStringList repoDigests;
    qint64 size = -1;
    qint64 created = 0;       // seconds since the epoch
};

class EngineClient {
public:
    // The highest API version we speak; every call we make exists since 1.24.
    static constexpr int kMaxApiMinor = 41;
    static constexpr int kMinApiMinor = 24;

    static Result<EngineClient> connect(EngineKind wanted, const ProgressSink &progress = ProgressSink());

    EngineKind kind() const { return m_kind; }
    const UnixHttpClient &http() const { return m_http; }
    QString apiVersion() const { return m_apiVersion; }       // "1.41"
    QString engineVersion() const { return m_engineVersion; } // "20.10.24+dfsg1", "4.3.1"

    // "/v1.41" + path.
    QString apiPath(const QString &path) const;
    // GET of a JSON document (at most 16 MiB); a status >= 400 is an error with the engine's
    // message (NotFound for 404).
    Result<QJsonDocument> getJson(const QString &path) const;
    // Streams GET path's body.
    Result<std::unique_ptr<ByteStream>> openStream(const QString &path, const ProgressSink &progress) const;

    Result<QVector<EngineImage>> listImages() const;

private:
    EngineClient(EngineKind kind, const QString &socketPath);
    Result<void> negotiate();

    EngineKind m_kind;
    UnixHttpClient m_http;
    QString m_apiVersion;
    QString m_engineVersion;
};

// "/images/<name>" with the name percent-encoded ('/' and ':' kept, the API routes on them).
QString engineImagePath(const QString &name);

} // namespace bulkhead
