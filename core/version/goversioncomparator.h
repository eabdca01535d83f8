#pragma once
// Go module versions: semver with a 'v' prefix, pseudo-versions and +incompatible.

#include "version/versioncomparator.h"

namespace bulkhead {

class GoVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("go"); }
};

} // namespace bulkhead
