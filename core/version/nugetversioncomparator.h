#pragma once
// NuGet versions: SemVer 2 with up to four numeric parts, case-insensitive prerelease labels.

#include "version/versioncomparator.h"

namespace bulkhead {

class NugetVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("nuget"); }
};

} // namespace bulkhead
