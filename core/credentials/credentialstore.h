#pragma once
// Where Bulkhead keeps and finds registry credentials. Bulkhead's own logins live in the system
// keychain (service "bulkhead-registry", one entry per credentialKey()); lookups fall back to the
// Docker client configuration. Secrets are never written to a file or a log by Bulkhead.

#include "common/result.h"
#include "credentials/registrycredentials.h"

#include <QStringList>
#include <optional>

namespace bulkhead {

class CredentialStore {
public:
    CredentialStore();

    // Keychain first, then ~/.docker/config.json (helpers included). A keychain or Docker
    // configuration that cannot be read is skipped; `notes` (optional) gets why, for messages.
    std::optional<RegistryCredentials> lookup(const QString &registry, QStringList *notes = nullptr) const;
    // Stores in the keychain only; fails with IoError when the keychain is unavailable.
    Result<void> store(const QString &registry, const RegistryCredentials &credentials) const;
    // Removes Bulkhead's keychain entry; false when there was none.
    Result<bool> remove(const QString &registry) const;
    // Only the keychain entry (no Docker fallback).
    Result<std::optional<RegistryCredentials>> fromKeychain(const QString &registry) const;

    // For tests: another keychain service name or Docker config path.
    void setKeychainService(const QString &service) { m_service = service; }
    void setDockerConfigPath(const QString &path) { m_dockerConfig = path; }

private:
    QString m_service;
    QString m_dockerConfig;
};

} // namespace bulkhead
