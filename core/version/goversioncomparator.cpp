#include "version/goversioncomparator.h"

#include "version/semverversioncomparator.h"

namespace bulkhead {

// Module versions follow golang.org/x/mod/semver: pseudo-versions
// (v0.0.0-20200101120000-abcdef123456, vX.Y.Z-pre.0.yyyymmddhhmmss-hash) order correctly as
// prereleases, "+incompatible" is build metadata and ignored. OSV writes them without the 'v'.
Result<int> GoVersionComparator::compare(const QString &a, const QString &b) const
{
    version::Semver va;
    version::Semver vb;
    QString why = version::parseSemver(a, version::SemverSyntax::Go, &va);
    if (!why.isEmpty())
        return tl::unexpected<Error>(version::invalidVersion(ecosystem(), a, why));
    why = version::parseSemver(b, version::SemverSyntax::Go, &vb);
    if (!why.isEmpty())
        return tl::unexpected<Error>(version::invalidVersion(ecosystem(), b, why));
    return version::compareSemver(va, vb);
}

bool GoVersionComparator::isValid(const QString &v) const
{
    version::Semver parsed;
    return version::parseSemver(v, version::SemverSyntax::Go, &parsed).isEmpty();
}

} // namespace bulkhead
