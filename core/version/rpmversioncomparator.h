#pragma once
// RPM versions: rpmvercmp() segment ordering with '~' and '^', over [epoch:]version[-release].

#include "version/versioncomparator.h"

namespace bulkhead {

class RpmVersionComparator final : public VersionComparator
{
public:
    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return QStringLiteral("rpm"); }

    // Raw rpmvercmp() of two version (or release) strings, -1/0/1; every string is accepted.
    static int rpmvercmp(QStringView a, QStringView b);
    // Compares full NEVRA strings: name, then epoch:version-release, then architecture.
    static int compareNevra(const QString &a, const QString &b);
};

} // namespace bulkhead
