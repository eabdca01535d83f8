#pragma once
// Per-registry connection settings: a custom CA bundle, the explicit opt-in for unverified TLS or
// plain HTTP ("insecure"), and mirror endpoints. Nothing is insecure unless the user says so for
// that host. Read from a JSON file (defaultPath()), then overridden by command-line flags:
//   {"registries": {"127.0.0.1:5000": {"ca": "/path/ca.crt", "insecure": false,
//                                       "mirrors": ["https://mirror.example:5000"]}},
//    "timeoutSeconds": 60, "maxAttempts": 5}
// A host key without a port ("127.0.0.1") applies to every port of that host.

#include "common/result.h"

#include <QMap>
#include <QStringList>

namespace bulkhead {

struct RegistryHostSettings {
    bool insecure = false;     // HTTPS without certificate checks, falling back to plain HTTP
    QString caFile;            // PEM file of the CA(s) to trust for this host
    QStringList mirrors;       // endpoint URLs ("https://host[:port][/path]") tried first, in order
};

class RegistryConfig {
public:
    // $BULKHEAD_REGISTRIES_CONFIG, else <user config dir>/bulkhead/registries.json.
    static QString defaultPath();
    // A missing file is an empty configuration; a broken one is an error naming it.
    static Result<RegistryConfig> load(const QString &path = defaultPath());

    // Command-line overrides: --insecure-registry HOST and --registry-ca HOST=FILE.
    Result<void> applyFlags(const QStringList &insecureHosts, const QStringList &caSpecs);

    // Writes the file back (QSaveFile), keeping keys it does not know; creates the folder.
    Result<void> save(const QString &path = defaultPath()) const;

    // Settings for "host[:port]": the exact entry merged over the port-less one.
    RegistryHostSettings settings(const QString &hostAndPort) const;
    void setSettings(const QString &host, const RegistryHostSettings &settings) { m_hosts.insert(host, settings); }
    // The registries the user configured (the desktop app's and `bulkhead login`'s list), sorted.
    QStringList hosts() const { return m_hosts.keys(); }
    bool hasHost(const QString &host) const { return m_hosts.contains(host); }
    // Only the entry itself, not merged with the port-less one.
    RegistryHostSettings hostSettings(const QString &host) const { return m_hosts.value(host); }
    void removeHost(const QString &host) { m_hosts.remove(host); }

    int timeoutSeconds() const { return m_timeoutSeconds; }
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = seconds; }
    // Attempts per request on 429, 5xx and connection errors (the first one included).
    int maxAttempts() const { return m_maxAttempts; }
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }

private:
    QMap<QString, RegistryHostSettings> m_hosts;
    int m_timeoutSeconds = 60;
    int m_maxAttempts = 5;
};

} // namespace bulkhead
