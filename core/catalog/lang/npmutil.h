#pragma once
// Pieces shared by the npm catalogers: one way to build an npm Package, and the npm alias
// ("npm:real-name@1.2.3") and "name@range" splitting used by the lockfile formats.

#include "catalog/package.h"
#include "common/result.h"

#include <QJsonDocument>

namespace bulkhead::npm {

// An npm Package with ecosystem, name, version, purl, foundIn and cataloger set.
Package makePackage(const QString &name, const QString &version, const QString &foundIn,
                    const QString &catalogerId);

// Splits "name@rest" at the '@' after the name (a scoped name starts with '@'). Returns false
// when there is no such '@'.
bool splitNameAt(const QString &spec, QString *name, QString *rest);

// True for a version an npm registry can serve: starts with a digit (not a URL, path, git ref,
// "link:" or "workspace:" protocol).
bool isRegistryVersion(const QString &version);

// Parses `content` of the file at `path` as JSON; an Error naming the file and the offset when it
// is not valid JSON.
Result<QJsonDocument> readJson(const QString &path, const QByteArray &content);

} // namespace bulkhead::npm
