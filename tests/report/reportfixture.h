#pragma once
// ScanResults for the exporter tests, built from real data in tests/data/report: the alpine:3.10
// image's config, manifest and apk package list, and real OSV records turned into findings.

#include "scan/scanresult.h"

namespace bulkhead::test {

// alpine:3.10 (docker save): one layer, 14 apk packages, OS Alpine 3.10.4. Not scanned.
ScanResult alpineSbom();
// The same image with findings: CVE-2018-5407 on libcrypto1.1/libssl1.1 (no fix), CVE-2019-5747
// on busybox (won't fix, no severity), and the three lodash GHSA records that really apply to
// lodash 4.17.15, installed by an npm layer added on top of the real image.
ScanResult alpineScanned();
// Reads one OSV record into a Finding for `package` (id = the CVE alias when there is one).
Finding findingFromOsv(const QString &osvFile, const Package &package);

} // namespace bulkhead::test
