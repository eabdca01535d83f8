#pragma once
// Python package versions, PEP 440 (epoch, release, pre/post/dev, local), normalised.

#include "version/versioncomparator.h"

namespace bulkhead {

class Pep440VersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("pypi"); }
};

} // namespace bulkhead
