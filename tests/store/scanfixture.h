#pragma once
// ScanResults built from the real data in tests/data/store (see its SOURCES.md): the Alpine 3.10
// and 3.11 base images, and made-up "shop" images whose application layer matches real GHSA records.

#include "scan/scanresult.h"

#include <QDateTime>
#include <QString>

namespace bulkhead::test {

// "alpine-310" or "alpine-311": the real image, no findings.
ScanResult alpineScan(const QString &base, const QDateTime &finishedAt);
// `app` is a key of app-packages.tsv ("api-1.0", "api-1.1", "worker-2.3"), on top of `base`.
ScanResult appScan(const QString &app, const QString &base, const QString &reference,
                   const QDateTime &finishedAt);
// CVSS v3.x base score (CVSS v3.1 specification section 7.1); -1 when the vector is malformed.
double cvss3BaseScore(const QString &vector);
// `count` findings cycling over the real ones of every app image (for benchmarks).
QVector<Finding> manyFindings(int count);

} // namespace bulkhead::test
