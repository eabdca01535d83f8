#pragma once
// Ordering of package versions, one implementation per ecosystem (dpkg, apk, rpm, semver/npm,
// PEP 440, Maven, Go, RubyGems, NuGet, Composer), all listed in versioncomparator.cpp.

#include "common/result.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace bulkhead {

// Contract: compare() returns -1, 0 or 1 as a sorts before, equal to or after b under the
// ecosystem's own rules, or an Error naming the version that does not parse. Stateless, thread-safe.
class VersionComparator
{
public:
    virtual ~VersionComparator() = default;

    virtual Result<int> compare(const QString &a, const QString &b) const = 0;
    virtual bool isValid(const QString &version) const = 0;
    // Canonical short name: deb, apk, rpm, npm, semver, pypi, maven, go, gem, nuget, composer.
    virtual QString ecosystem() const = 0;
};

// The comparator for an ecosystem name: the short names above or an OSV ecosystem spelling
// ("Debian:12", "Alpine:v3.19", "PyPI", "crates.io", "Red Hat" …; a ":release" suffix is ignored).
// Returns nullptr for an unknown ecosystem. The returned object lives for the whole program.
const VersionComparator *comparatorFor(const QString &ecosystem);

// The short names accepted by comparatorFor(), for help texts and error messages.
QStringList knownVersionEcosystems();

namespace version {

// Compares two runs of ASCII digits by numeric value, of any length (leading zeros ignored).
int compareDigits(QStringView a, QStringView b);
// -1/0/1 of an int difference.
inline int sign(int v) { return (v > 0) - (v < 0); }
inline bool isDigit(QChar c) { return c.unicode() >= '0' && c.unicode() <= '9'; }
inline bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}
inline char16_t asciiLower(char16_t u) { return (u >= 'A' && u <= 'Z') ? char16_t(u + 32) : u; }
// Case-insensitive ASCII comparison, -1/0/1.
int compareAsciiCaseInsensitive(QStringView a, QStringView b);
// Error for a version that does not parse in an ecosystem.
Error invalidVersion(const QString &ecosystem, const QString &version, const QString &why);

} // namespace version
} // namespace bulkhead
