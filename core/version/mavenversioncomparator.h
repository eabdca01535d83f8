#pragma once
// Maven artifact versions with ComparableVersion semantics (qualifiers, padding, list items).

#include "version/versioncomparator.h"

namespace bulkhead {

class MavenVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("maven"); }
};

} // namespace bulkhead
