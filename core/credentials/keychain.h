#pragma once
// Synchronous access to the system keychain through QtKeychain (Secret Service on Linux). Each
// call runs its job on the process's one keychain thread and waits for it (at most 60 s): call it
// from the CLI or any worker thread, never the GUI thread. QtKeychain 0.13 has no availability check, so OtherError and NoBackendAvailable are
// both reported as "keychain unavailable" (error code IoError) with the backend's reason.

#include "common/result.h"

#include <optional>

namespace bulkhead {

class Keychain {
public:
    explicit Keychain(const QString &service) : m_service(service) {}
    // nullopt when there is no entry.
    Result<std::optional<QString>> read(const QString &key) const;
    Result<void> write(const QString &key, const QString &value) const;
    // true when an entry was deleted, false when there was none.
    Result<bool> remove(const QString &key) const;

private:
    QString m_service;
};

} // namespace bulkhead
