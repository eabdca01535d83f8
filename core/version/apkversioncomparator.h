#pragma once
// Alpine package versions (apk-tools): number{.number}[letter]{_suffix[number]}[~hash][-r#].

#include "version/versioncomparator.h"

namespace bulkhead {

class ApkVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("apk"); }
};

} // namespace bulkhead
