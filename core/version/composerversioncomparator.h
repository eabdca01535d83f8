#pragma once
// Packagist/Composer versions: PHP version_compare ordering of Composer-normalised versions.

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
