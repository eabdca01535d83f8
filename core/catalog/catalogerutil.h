#pragma once
// Shared by the language and binary catalogers: the Package for one entry found in one file
// (identity, provenance and PURL), the warning for entries a file lists but that cannot become
// packages, and reading a JSON manifest with an error that names the file.

#include "catalog/package.h"
#include "common/result.h"
#include "common/warning.h"

#include <QJsonDocument>

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

// `content` as JSON, or an Error "<path> is not valid JSON: <reason> at offset <n>."
Result<QJsonDocument> parseJsonFile(const QString &path, const QByteArray &content);

} // namespace bulkhead
