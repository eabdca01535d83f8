#pragma once
// Reads an SBOM as scan input ("sbom:PATH"): a CycloneDX 1.4–1.6 or SPDX 2.3 JSON document whose
// components' package URLs become Packages; the OS comes from an operating-system component or
// the purls' "distro" qualifier. No image is opened.
// Contract: an unreadable or non-SBOM file is an Error; components without a usable purl are
// warnings (stage "sbom"), never fatal.

#include "common/result.h"
#include "scan/scanresult.h"

#include <QString>

namespace bulkhead {

// The prefix selecting an SBOM as the scan's input.
inline const QString kSbomPrefix = QStringLiteral("sbom:");

// The package a purl describes, or nullopt for a type Bulkhead cannot match (the caller warns).
// Fills ecosystem, name (as the ecosystem's advisories write it: "@scope/pkg", "group:artifact",
// "github.com/x/y"), version (rpm "epoch" qualifier folded in), arch, source name/version from the
// "upstream" qualifier ("name" or "name@version").
std::optional<Package> packageFromPurl(const QString &purl);

// The OS named by a purl "distro" qualifier: "debian-12" → {debian, 12}, "alpine-3.19.1".
OsInfo osFromPurlDistro(const QString &distro);

// Reads the SBOM at `path` into a ScanResult (image.sourceKind "sbom", packages sorted).
Result<ScanResult> readSbom(const QString &path);

} // namespace bulkhead
