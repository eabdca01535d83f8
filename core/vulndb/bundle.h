#pragma once
// Offline bundle of the vulnerability database for air-gapped machines: a zstd-compressed tar
// holding manifest.json (format, schema version, sha256 of the database, sources) and
// vulndb.sqlite.
// Contract: importBundle() verifies the manifest and digest, migrates the copy, and installs it
// atomically over `dbPath`; on any failure the installed database is untouched.

#include "common/progress.h"
#include "common/result.h"

#include <QJsonObject>
#include <QString>

namespace bulkhead {

struct BundleInfo {
    int schemaVersion = 0;
    QString createdAt;
    QString sha256;
    qint64 databaseBytes = 0;
    QJsonObject manifest;
};

Result<BundleInfo> exportBundle(const QString &dbPath, const QString &bundlePath, ProgressSink *progress = nullptr);
Result<BundleInfo> importBundle(const QString &bundlePath, const QString &dbPath, ProgressSink *progress = nullptr);

} // namespace bulkhead
