#pragma once
// Matcher: the packages of an image (or SBOM) against the local OSV database → findings.
// Contract: one bulk DB query per ecosystem (plus one each for records, KEV and EPSS), pure
// in-memory evaluation after that; thread-safe (VulnDb opens a connection per thread). Packages
// it cannot judge (unknown ecosystem, OS without advisories, unparsable versions) become warnings.
//
// Rules (docs/cli.md "How packages are matched" says the same for users):
// - OS packages are looked up by SOURCE package and source version (Debian/Ubuntu/Alpine OSV
//   records name source packages); a dpkg binNMU version "1.2-3+b1" without a recorded source
//   version is matched as "1.2-3". The OSV ecosystem is OsInfo::osvEcosystem() ("Debian:12");
//   records of that release and records of the bare, release-less ecosystem ("Debian", which the
//   schema defines as "not scoped to a release") apply. Other releases never apply.
// - Language packages: npm, pypi→PyPI, maven→Maven, go→Go, cargo→crates.io, gem→RubyGems,
//   composer→Packagist, nuget→NuGet; names normalised as the DB does (PEP 503 for PyPI).
// - Skipped: metadata["private"] == "true", metadata[kMetaNotMatchable] set by a cataloger, Go
//   main modules at "(devel)", withdrawn records.
// - A vulnerability and its aliases (DSA/DLA/GHSA/PYSEC/GO/ALPINE …, linked both directions) are
//   one finding per package; its id is the CVE when there is one, the rest are aliases. A record
//   with exactly one "upstream" id (ALPINE-CVE-X / DEBIAN-CVE-X → CVE-X) counts as its alias.
// - Severity: the CVSS base score, preferring v3.1 > v3.0 > v4.0 > v2.0 (as NVD shows scores;
//   the highest score of the preferred version), else the record's own rating, else the
//   distro's (ecosystem_specific severity / Debian urgency), else Unknown.
// - Fix: for each matching affected entry, the first "fixed" above the installed version in its
//   range; the finding's fixed version is the highest of those, since every matching entry (of
//   one record, or of merged aliases: a secdb listing a CVE twice) must be fixed. NotFixed when
//   no entry names a fix.

#include "common/result.h"
#include "common/warning.h"
#include "match/finding.h"
#include "vulndb/vulndb.h"

#include <QVector>

namespace bulkhead {

// The OSV ecosystem base name of a Bulkhead package ecosystem ("pypi" → "PyPI"); for OS
// packages the base of `os`'s ecosystem. Empty when OSV has no such ecosystem.
QString osvEcosystemBaseFor(const QString &packageEcosystem, const OsInfo &os);

// Whether an affected entry of OSV ecosystem `entryEcosystem` applies to a system whose release
// ecosystem is `release` (OsInfo::osvEcosystem()): same release, an unscoped record of the
// family, or one of the release's Red Hat repository streams ("...:9::appstream").
bool osvReleaseApplies(const QString &entryEcosystem, const QString &release);

class Matcher {
public:
    explicit Matcher(VulnDb db);

    Result<QVector<Finding>> match(const QVector<Package> &packages, const OsInfo &os,
                                   ScanWarnings *warnings = nullptr) const;

private:
    VulnDb m_db;
};

// Sorts findings: severity (desc), id, package name, package version.
void sortFindings(QVector<Finding> &findings);

} // namespace bulkhead
