#pragma once
// Whole-file operations on the vulnerability database that keep the installed copy intact:
// consistent snapshots into a side file and the atomic rename that installs a side file.
// Contract: install() either replaces `dbPath` in one rename(2) or leaves it untouched.

#include "common/result.h"

#include <QString>

namespace bulkhead::dbfile {

// Removes `path` and its -wal/-shm/-journal companions (stale side files of a killed run).
void removeWithCompanions(const QString &path);
// Writes a consistent, compacted copy of `dbPath` to `targetPath` (SQLite VACUUM INTO).
// Does nothing and succeeds when `dbPath` does not exist.
Result<void> snapshot(const QString &dbPath, const QString &targetPath);
// Checkpoints and closes this thread's connections to `sidePath` and `dbPath`, checks the side
// file, then renames it over `dbPath`.
Result<void> install(const QString &sidePath, const QString &dbPath);

} // namespace bulkhead::dbfile
