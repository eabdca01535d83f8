#pragma once
// Debian package versions, Debian Policy 5.6.12: [epoch:]upstream[-revision], '~' sorts first.

#include "version/versioncomparator.h"

namespace bulkhead {

class DpkgVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("deb"); }
};

} // namespace bulkhead
