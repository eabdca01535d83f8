#pragma once
// The answer of one scan: the image, its OS, its packages (with layers) and the findings.
// Everything downstream (history, views, reports, policy, compare) is built on this.

#include "catalog/package.h"
#include "common/warning.h"
#include "image/imageinfo.h"
#include "match/finding.h"

#include <QDateTime>
#include <QVector>

namespace bulkhead {

struct DbInfo {
    QString path;
    QDateTime updatedAt;          // when the vulnerability DB was last updated
    int schemaVersion = 0;
    qint64 advisoryCount = 0;
};

struct ScanResult {
    ImageInfo image;
    OsInfo os;
    QVector<Package> packages;    // sorted by ecosystem, name, version
    QVector<Finding> findings;    // sorted by severity (desc), id, package
    ScanWarnings warnings;
    QDateTime startedAt;
    QDateTime finishedAt;
    DbInfo db;
    bool vulnerabilitiesScanned = false; // false for an SBOM-only run
};

} // namespace bulkhead
