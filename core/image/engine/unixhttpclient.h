#pragma once
// UnixHttpClient: HTTP/1.1 over a unix-domain socket (the Docker Engine API transport), on libcurl
// (CURLOPT_UNIX_SOCKET_PATH). Contract: every call ends within its timeouts and returns either the
// response or one clear sentence naming the engine and socket ("cannot connect to the Docker
// engine at unix:///x: connection refused"); response bodies can be pulled as a ByteStream.

#include "common/progress.h"
#include "common/result.h"
#include "image/imagesource.h"

#include <QByteArray>
#include <QMultiMap>
#include <QString>
#include <memory>

namespace bulkhead {

struct HttpResponse {
    int status = 0;
    QByteArray body;
    QMultiMap<QByteArray, QByteArray> headers;   // names in lower case
};

struct HttpTimeouts {
    int connectMs = 5000;
    int totalMs = 60000;        // whole request (buffered requests only)
    int stallMs = 120000;       // a streamed body that delivers nothing for this long fails
};

class UnixHttpClient {
public:
    // `engineName` ("Docker", "Podman") only names the peer in messages.
    UnixHttpClient(const QString &socketPath, const QString &engineName);

    QString socketPath() const { return m_socketPath; }
    QString engineName() const { return m_engineName; }
    // "the Docker engine at unix:///run/docker.sock", for messages.
    QString peerName() const;
    void setTimeouts(const HttpTimeouts &timeouts) { m_timeouts = timeouts; }

    // A buffered request; a body larger than maxBody is an error. Any HTTP status is returned
    // (the caller decides); transport failures are errors.
    Result<HttpResponse> request(const QByteArray &method, const QString &path, qint64 maxBody,
                                 const QByteArray &body = {}, const QByteArray &contentType = {}) const;

    // Starts a GET and returns once the response headers are in. A status >= 400 is an error
    // carrying the engine's own message ({"message": "..."}). The stream then pulls the body;
    // `progress` cancels it.
    Result<std::unique_ptr<ByteStream>> openStream(const QString &path, const ProgressSink &progress) const;

private:
    QString m_socketPath;
    QString m_engineName;
    HttpTimeouts m_timeouts;
};

// The engine's error message from an error response body, or the HTTP status when it has none.
QString engineErrorMessage(const HttpResponse &response);

} // namespace bulkhead
