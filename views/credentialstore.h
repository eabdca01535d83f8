#pragma once
// Registry passwords and tokens go to the OS keychain, never to QSettings. This small interface
// keeps the keychain call replaceable by the registry branch's core/credentials when it lands.

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace bulkhead {

// Contract: calls return at once; `done` runs later on `context`'s thread (never if `context` is
// gone) with an empty string on success or one sentence saying what went wrong.
class CredentialStore {
public:
    using Done = std::function<void(const QString &error)>;
    virtual ~CredentialStore() = default;
    virtual void storeSecret(const QString &key, const QString &secret, QObject *context, Done done) = 0;
    virtual void removeSecret(const QString &key, QObject *context, Done done) = 0;
};

// QtKeychain (Secret Service / KWallet on Linux), service name "bulkhead".
class KeychainCredentialStore final : public CredentialStore {
public:
    void storeSecret(const QString &key, const QString &secret, QObject *context, Done done) override;
    void removeSecret(const QString &key, QObject *context, Done done) override;
};

// The key a registry login is stored under: "registry/<host>/<user>".
QString registryCredentialKey(const QString &host, const QString &user);

} // namespace bulkhead
