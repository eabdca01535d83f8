#pragma once
// RegistryClient: the OCI distribution spec (distribution-spec spec.md) client Bulkhead pulls
// with. One instance talks to one registry (through its mirrors first, when configured):
//  - endpoint: "docker.io" is https://registry-1.docker.io; others https://HOST, or, only for a
//    host the user marked insecure, HTTPS without verification falling back to plain HTTP;
//  - auth from WWW-Authenticate challenges: Basic, or Bearer tokens from the challenge's realm with
//    service and scope (anonymous or with credentials, identity tokens as OAuth2 refresh tokens),
//    cached per scope until they expire and renewed once on a 401;
//  - retries on 429, 5xx and connection failures with exponential backoff honouring Retry-After,
//    bounded by RegistryConfig::maxAttempts(); redirects followed, without the Authorization header
//    when they lead to another host;
//  - manifests and metadata blobs are checked against their digests (and Docker-Content-Digest);
//    layer blobs are streamed (the layer engine verifies them).
// Blocking: use it from a worker thread. Secrets never appear in errors or logs.

#include "common/progress.h"
#include "common/result.h"
#include "credentials/registrycredentials.h"
#include "image/registry/httptransfer.h"
#include "image/registry/registryconfig.h"

#include <QDateTime>
#include <QHash>
#include <memory>
#include <optional>

namespace bulkhead {

struct RegistryManifest {
    QByteArray bytes;
    QString mediaType;   // from the document, else the Content-Type
    QString digest;      // sha256 of bytes, checked against what was asked and the registry's header
};

class RegistryClient {
public:
    // `registry` as in a reference: "docker.io", "127.0.0.1:5000". `progress` (may be null) is
    // polled for cancellation and must outlive the client.
    RegistryClient(const QString &registry, const RegistryConfig &config, const ProgressSink *progress = nullptr);

    void setCredentials(const std::optional<RegistryCredentials> &credentials) { m_credentials = credentials; }
    // The sink polled for cancellation from now on (may be null; must outlive its use).
    void setProgress(const ProgressSink *progress) { m_progress = progress; }
    // Why no credentials could be looked up (e.g. keychain unavailable), added to auth errors.
    void setCredentialNotes(const QStringList &notes) { m_credentialNotes = notes; }

    // GET /v2/: the registry answers and, with credentials set, accepts them (used by login).
    Result<void> ping();
    // A manifest or index by tag or digest; schema 1 is refused.
    Result<RegistryManifest> manifest(const QString &repository, const QString &reference);
    // A small blob (config), verified against `digest` and `size` (when >= 0).
    Result<QByteArray> blob(const QString &repository, const QString &digest, qint64 size, const QString &what);
    // A blob as a stream (a layer); the response's length is checked against `size` when both known.
    // A download that breaks off is resumed with a Range request (bounded like other retries).
    // The stream refers to this client, which must outlive it.
    Result<std::unique_ptr<ByteStream>> openBlob(const QString &repository, const QString &digest, qint64 size);
    // Repositories (GET /v2/_catalog) and tags (GET /v2/NAME/tags/list), following Link
    // pagination; `pageSize` > 0 asks for pages of that size (n=).
    Result<QStringList> catalog(int pageSize = 0);
    Result<QStringList> tags(const QString &repository, int pageSize = 0);

    QString registry() const { return m_registry; }
    // The endpoint in use ("https://127.0.0.1:5000"), once a request was made.
    QString endpoint() const { return m_endpoint.toString(); }

private:
    friend class ResumingBlobStream;
    struct Token {
        QByteArray value;
        QDateTime expires;
    };
    Result<void> chooseEndpoint();
    HttpRequest makeRequest(const QUrl &url) const;
    Result<std::unique_ptr<HttpTransfer>> sendWithRetry(const HttpRequest &request);
    // A request to the registry with auth and redirects handled; returns the final response
    // whatever its status. `scope` is the Bearer scope ("repository:x:pull"), may be empty.
    Result<std::unique_ptr<HttpTransfer>> openBlobFrom(const QString &repository, const QString &digest,
                                                       qint64 size, qint64 offset);
    Result<std::unique_ptr<HttpTransfer>> request(const QString &pathAndQuery, const QString &scope,
                                                  const QList<QPair<QByteArray, QByteArray>> &headers = {},
                                                  const QByteArray &method = "GET");
    Result<QByteArray> authorization(const QString &scope);
    Result<Token> fetchToken(const QString &scope);
    // One sentence for a response that is not a success.
    Error statusError(HttpTransfer &response, const QString &what);
    Result<QStringList> listPaged(const QString &path, const QString &scope, const QString &key,
                                  int pageSize, const QString &what);
    bool sleepFor(qint64 ms) const;

    QString m_registry;
    RegistryConfig m_config;
    RegistryHostSettings m_settings;
    const ProgressSink *m_progress;
    std::optional<RegistryCredentials> m_credentials;
    QStringList m_credentialNotes;
    QUrl m_endpoint;               // scheme://host[:port][/prefix]
    bool m_verifyTls = true;
    QString m_scheme;              // "basic", "bearer" once challenged
    QMap<QString, QString> m_challenge;
    QHash<QString, Token> m_tokens;
};

} // namespace bulkhead
