#pragma once
// Read-only access to the Docker client's credentials (docker/cli config file format):
// ~/.docker/config.json (or $DOCKER_CONFIG/config.json) "auths" entries (base64 "user:pass" in
// "auth", or an "identitytoken"), and the credential helpers named by "credHelpers" (per
// registry) or "credsStore" (default), run as `docker-credential-<name> get` with the server URL
// on stdin and {"ServerURL","Username","Secret"} JSON on stdout. Bulkhead never writes this file.

#include "common/result.h"
#include "credentials/registrycredentials.h"

#include <optional>

namespace bulkhead {

class DockerConfig {
public:
    static QString defaultPath();
    // Credentials for `registry` (any alias; see credentialKey()). nullopt when the file or an
    // entry for it is absent; an error when the file is broken or the helper fails.
    static Result<std::optional<RegistryCredentials>> lookup(const QString &registry,
                                                             const QString &path = defaultPath());
};

} // namespace bulkhead
