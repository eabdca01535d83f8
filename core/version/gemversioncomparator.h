#pragma once
// RubyGems versions with Gem::Version semantics (segments, letters make prereleases).

#include "version/versioncomparator.h"

namespace bulkhead {

class GemVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("gem"); }
};

} // namespace bulkhead
