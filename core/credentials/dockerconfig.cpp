#include "credentials/dockerconfig.h"

#include "image/imagemetadata.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

namespace bulkhead {

namespace {

constexpr int kHelperTimeoutMs = 30000;

// The server URL a helper is asked for: Docker Hub's historical one, else the host.
QString serverUrl(const QString &key)
{
    return key == u"docker.io" ? QStringLiteral("https://index.docker.io/v1/") : key;
}

Result<std::optional<RegistryCredentials>> runHelper(const QString &name, const QString &key)
{
    const QString program = QStringLiteral("docker-credential-") + name;
    const QString found = QStandardPaths::findExecutable(program);
    if (found.isEmpty())
        return fail(QStringLiteral("The Docker credential helper %1 named in the Docker configuration is not "
                                   "installed (not on PATH).").arg(program), NotFound);
    QProcess process;
    process.start(found, {QStringLiteral("get")});
    if (!process.waitForStarted(kHelperTimeoutMs))
        return fail(QStringLiteral("Could not run the credential helper %1.").arg(program), IoError);
    process.write(serverUrl(key).toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(kHelperTimeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return fail(QStringLiteral("The credential helper %1 did not answer within %2 s.")
                        .arg(program).arg(kHelperTimeoutMs / 1000), IoError);
    }
    const QByteArray out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // The protocol's "not found" answer (credentials-not-found error text) is not an error.
        if (out.contains("credentials not found") || process.readAllStandardError().contains("credentials not found"))
            return std::optional<RegistryCredentials>();
        return fail(QStringLiteral("The credential helper %1 failed for %2.").arg(program, key), IoError);
    }
    auto json = parseJsonObject(out, QStringLiteral("The answer of ") + program);
    if (!json)
        return tl::unexpected(json.error());
    RegistryCredentials c;
    c.username = json->value(u"Username").toString();
    c.secret = json->value(u"Secret").toString();
    c.isIdentityToken = c.username == u"<token>";
    c.origin = program;
    if (c.secret.isEmpty())
        return std::optional<RegistryCredentials>();
    return std::optional<RegistryCredentials>(c);
}

} // namespace

QString credentialKey(const QString &registry)
{
    QString host = registry.trimmed();
    const int scheme = host.indexOf(QStringLiteral("://"));
    if (scheme >= 0)
        host = host.mid(scheme + 3);
    host = host.section(u'/', 0, 0).toLower();
    if (host == u"index.docker.io" || host == u"registry-1.docker.io" || host == u"registry.hub.docker.com")
        return QStringLiteral("docker.io");
    return host;
}

QString DockerConfig::defaultPath()
{
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    return (dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.docker") : dir) + QStringLiteral("/config.json");
}

Result<std::optional<RegistryCredentials>> DockerConfig::lookup(const QString &registry, const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<RegistryCredentials>();
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the Docker configuration %1: %2.").arg(path, file.errorString()), IoError);
    auto root = parseJsonObject(file.read(4 << 20), QStringLiteral("The Docker configuration ") + path);
    if (!root)
        return tl::unexpected(root.error());
    const QString key = credentialKey(registry);

    // docker/cli: a per-registry helper wins over the default store, which wins over "auths".
    const QJsonObject helpers = root->value(u"credHelpers").toObject();
    for (auto it = helpers.begin(); it != helpers.end(); ++it)
        if (credentialKey(it.key()) == key)
            return runHelper(it.value().toString(), key);
    const QString store = root->value(u"credsStore").toString();
    if (!store.isEmpty()) {
        auto fromStore = runHelper(store, key);
        if (!fromStore || *fromStore)
            return fromStore;
    }

    const QJsonObject auths = root->value(u"auths").toObject();
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        if (credentialKey(it.key()) != key)
            continue;
        const QJsonObject entry = it.value().toObject();
        RegistryCredentials c;
        c.origin = path;
        const QString token = entry.value(u"identitytoken").toString();
        const QByteArray auth = QByteArray::fromBase64(entry.value(u"auth").toString().toLatin1());
        const int colon = auth.indexOf(':');
        if (colon > 0) {
            c.username = QString::fromUtf8(auth.left(colon));
            c.secret = QString::fromUtf8(auth.mid(colon + 1));
        } else {
            c.username = entry.value(u"username").toString();
            c.secret = entry.value(u"password").toString();
        }
        if (!token.isEmpty()) {
            c.secret = token;
            c.isIdentityToken = true;
        }
        if (c.secret.isEmpty())
            continue;
        return std::optional<RegistryCredentials>(c);
    }
    return std::optional<RegistryCredentials>();
}

} // namespace bulkhead
