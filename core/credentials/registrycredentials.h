#pragma once
// Credentials for one registry, as found in the keychain or the Docker client configuration.
// A plain value type; never log or print `secret`.

#include <QString>

namespace bulkhead {

struct RegistryCredentials {
    QString username;
    QString secret;               // the password, or an OAuth2 refresh token when isIdentityToken
    bool isIdentityToken = false; // docker config "identitytoken" / helper Username "<token>"
    QString origin;               // where it came from, for messages: "keychain", "~/.docker/config.json", ...
    bool isEmpty() const { return secret.isEmpty(); }
};

// The key credentials are stored under: "docker.io" for Docker Hub (whatever alias was typed:
// index.docker.io, registry-1.docker.io, https://index.docker.io/v1/), else "host[:port]" with
// any scheme and path removed.
QString credentialKey(const QString &registry);

} // namespace bulkhead
