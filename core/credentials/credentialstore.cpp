#include "credentials/credentialstore.h"

#include "credentials/dockerconfig.h"
#include "credentials/keychain.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead {

CredentialStore::CredentialStore()
    : m_service(QStringLiteral("bulkhead-registry")), m_dockerConfig(DockerConfig::defaultPath())
{
}

Result<std::optional<RegistryCredentials>> CredentialStore::fromKeychain(const QString &registry) const
{
    auto stored = Keychain(m_service).read(credentialKey(registry));
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored)
        return std::optional<RegistryCredentials>();
    const QJsonObject o = QJsonDocument::fromJson((*stored)->toUtf8()).object();
    RegistryCredentials c;
    c.username = o.value(u"username").toString();
    c.secret = o.value(u"secret").toString();
    c.isIdentityToken = o.value(u"identityToken").toBool(false);
    c.origin = QStringLiteral("keychain");
    if (c.secret.isEmpty())
        return std::optional<RegistryCredentials>();
    return std::optional<RegistryCredentials>(c);
}

std::optional<RegistryCredentials> CredentialStore::lookup(const QString &registry, QStringList *notes) const
{
    auto fromKeys = fromKeychain(registry);
    if (fromKeys && *fromKeys)
        return *fromKeys;
    if (!fromKeys && notes)
        notes->append(fromKeys.error().message);
    auto fromDocker = DockerConfig::lookup(registry, m_dockerConfig);
    if (fromDocker && *fromDocker)
        return *fromDocker;
    if (!fromDocker && notes)
        notes->append(fromDocker.error().message);
    return std::nullopt;
}

Result<void> CredentialStore::store(const QString &registry, const RegistryCredentials &credentials) const
{
    QJsonObject o;
    o.insert(QStringLiteral("username"), credentials.username);
    o.insert(QStringLiteral("secret"), credentials.secret);
    if (credentials.isIdentityToken)
        o.insert(QStringLiteral("identityToken"), true);
    return Keychain(m_service).write(credentialKey(registry),
                                     QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

Result<bool> CredentialStore::remove(const QString &registry) const
{
    const Keychain keychain(m_service);
    auto existing = keychain.read(credentialKey(registry));
    if (!existing)
        return tl::unexpected(existing.error());
    if (!*existing)
        return false;
    return keychain.remove(credentialKey(registry));
}

} // namespace bulkhead
