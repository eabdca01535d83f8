#pragma once
// Packagist/Composer versions: PHP version_compare() ordering (what Composer constraints use)
// after stripping a leading v; stability flags dev < alpha < beta < RC < stable < patch.

#include "version/versioncomparator.h"

namespace bulkhead {

class ComposerVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("composer"); }
};

} // namespace bulkhead
