#include "version/goversioncomparator.h"

#include "version/semverversioncomparator.h"

namespace bulkhead {

// Module versions follow golang.org/x/mod/semver: pseudo-versions
// (v0.0.0-20200101120000-abcdef123456, vX.Y.Z-pre.0.yyyymmddhhmmss-hash) order correctly as
// prereleases, "+incompatible" is build metadata and ignored. OSV writes them without the 'v'.
Result<int> GoVersionComparator::compare(const QString &a, const QString &b) const
{
    const auto parse = [](QStringView s, version::Semver *v) {
        return version::parseSemver(s, version::SemverSyntax::Go, v);
    };
    const auto cmp = [](const version::Semver &x, const version::Semver &y) { return version::compareSemver(x, y); };
    return version::parseAndCompare<version::Semver>(ecosystem(), a, b, parse, cmp);
}

bool GoVersionComparator::isValid(const QString &v) const
{
    version::Semver parsed;
    return version::parseSemver(v, version::SemverSyntax::Go, &parsed).isEmpty();
}

} // namespace bulkhead
