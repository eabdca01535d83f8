#pragma once
// Shared by the language and binary catalogers: the Package for one entry found in one file
// (identity, provenance and PURL), and the warning for entries a file lists but that cannot
// become packages.

#include "catalog/package.h"
#include "common/warning.h"

namespace bulkhead {

enum class PurlNaming {
    Plain,          // the whole name is the PURL name (cargo, gem, nuget)
    LastSlashSplit, // "a/b/c" → namespace "a/b", name "c" (golang module paths, composer vendor/name)
};

// A package of `ecosystem` that cataloger `catalogerId` read from `foundIn`, with the canonical
// PURL of `purlType` built from name and version by the shared PURL builder.
Package foundPackage(const QString &ecosystem, const QString &catalogerId, const QString &foundIn,
    const QString &name, const QString &version, const QString &purlType, PurlNaming naming = PurlNaming::Plain);

// "<path>: <count> <what> were skipped." on stage "catalog:<catalogerId>".
ScanWarning skippedEntriesWarning(const QString &catalogerId, const QString &path, int count, const QString &what);

} // namespace bulkhead
