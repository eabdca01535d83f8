#include "image/registry/registryconfig.h"

#include "image/imagemetadata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace bulkhead {

QString RegistryConfig::defaultPath()
{
    const QString fromEnv = qEnvironmentVariable("BULKHEAD_REGISTRIES_CONFIG");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/bulkhead/registries.json");
}

namespace {
// The file's JSON object; an empty one when there is no file.
Result<QJsonObject> readConfigFile(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the registry configuration %1: %2.").arg(path, file.errorString()),
                    IoError);
    return parseJsonObject(file.read(1 << 20), QStringLiteral("The registry configuration ") + path);
}
} // namespace

Result<RegistryConfig> RegistryConfig::load(const QString &path)
{
    RegistryConfig config;
    auto root = readConfigFile(path);
    if (!root)
        return tl::unexpected(root.error());
    const QJsonObject registries = root->value(u"registries").toObject();
    for (auto it = registries.begin(); it != registries.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        RegistryHostSettings s;
        s.insecure = o.value(u"insecure").toBool(false);
        s.caFile = o.value(u"ca").toString();
        for (const QJsonValue &m : o.value(u"mirrors").toArray()) {
            const QString mirror = m.toString();
            if (!mirror.startsWith(u"https://") && !mirror.startsWith(u"http://"))
                return fail(QStringLiteral("The registry configuration %1 lists the mirror '%2' for %3; a mirror "
                                           "must be an http:// or https:// URL.").arg(path, mirror, it.key()),
                            InvalidInput);
            s.mirrors.append(mirror);
        }
        config.m_hosts.insert(it.key(), s);
    }
    config.m_timeoutSeconds = qBound(1, root->value(u"timeoutSeconds").toInt(config.m_timeoutSeconds), 3600);
    config.m_maxAttempts = qBound(1, root->value(u"maxAttempts").toInt(config.m_maxAttempts), 20);
    return config;
}

Result<void> RegistryConfig::save(const QString &path) const
{
    // Keys another version (or the user) wrote stay as they were.
    auto existing = readConfigFile(path);
    if (!existing)
        return tl::unexpected(existing.error());
    QJsonObject root = *existing;
    QJsonObject registries;
    for (auto it = m_hosts.cbegin(); it != m_hosts.cend(); ++it) {
        QJsonObject o;
        if (it->insecure)
            o.insert(QStringLiteral("insecure"), true);
        if (!it->caFile.isEmpty())
            o.insert(QStringLiteral("ca"), it->caFile);
        if (!it->mirrors.isEmpty())
            o.insert(QStringLiteral("mirrors"), QJsonArray::fromStringList(it->mirrors));
        registries.insert(it.key(), o);
    }
    root.insert(QStringLiteral("registries"), registries);
    root.insert(QStringLiteral("timeoutSeconds"), m_timeoutSeconds);
    root.insert(QStringLiteral("maxAttempts"), m_maxAttempts);

    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        return fail(QStringLiteral("Cannot write the registry configuration %1: %2.").arg(path, file.errorString()),
                    IoError);
    return {};
}

Result<void> RegistryConfig::applyFlags(const QStringList &insecureHosts, const QStringList &caSpecs)
{
    for (const QString &host : insecureHosts)
        m_hosts[host].insecure = true;
    for (const QString &spec : caSpecs) {
        const int eq = spec.indexOf(u'=');
        if (eq <= 0 || eq + 1 >= spec.size())
            return fail(QStringLiteral("'%1' is not HOST=FILE (as --registry-ca expects).").arg(spec), InvalidInput);
        const QString file = spec.mid(eq + 1);
        if (!QFileInfo(file).isFile())
            return fail(QStringLiteral("The CA file %1 given for %2 does not exist.").arg(file, spec.left(eq)), NotFound);
        m_hosts[spec.left(eq)].caFile = file;
    }
    return {};
}

RegistryHostSettings RegistryConfig::settings(const QString &hostAndPort) const
{
    RegistryHostSettings merged;
    const int colon = hostAndPort.lastIndexOf(u':');
    const QString host = colon > 0 && !hostAndPort.endsWith(u']') ? hostAndPort.left(colon) : hostAndPort;
    for (const QString &key : {host, hostAndPort}) {
        const auto it = m_hosts.constFind(key);
        if (it == m_hosts.constEnd())
            continue;
        merged.insecure = merged.insecure || it->insecure;
        if (!it->caFile.isEmpty())
            merged.caFile = it->caFile;
        if (!it->mirrors.isEmpty())
            merged.mirrors = it->mirrors;
    }
    return merged;
}

} // namespace bulkhead
