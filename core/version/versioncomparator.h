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
// True for a non-empty run of ASCII digits.
bool allDigits(QStringView s);
// "it is empty" / "it contains whitespace" for blank or spaced input, else an empty string.
QString blankOrSpaced(QStringView s);
// Error for a version that does not parse in an ecosystem.
Error invalidVersion(const QString &ecosystem, const QString &version, const QString &why);

// Parses a and b with `parse(QStringView, T *) -> QString` (the reason it fails, empty when it
// parsed) and orders them with `cmp(const T &, const T &)`; the first failure becomes the Error.
template <typename T, typename Parse, typename Compare>
Result<int> parseAndCompare(const QString &ecosystem, const QString &a, const QString &b,
                            Parse parse, Compare cmp)
{
    T ta;
    T tb;
    QString why = parse(a, &ta);
    if (!why.isEmpty())
        return tl::unexpected<Error>(invalidVersion(ecosystem, a, why));
    why = parse(b, &tb);
    if (!why.isEmpty())
        return tl::unexpected<Error>(invalidVersion(ecosystem, b, why));
    return cmp(ta, tb);
}

// For comparators that order the text itself: rejects a or b when `why(QStringView)` gives a
// reason, otherwise returns cmp(a, b).
template <typename Why, typename Compare>
Result<int> checkAndCompare(const QString &ecosystem, const QString &a, const QString &b, Why why,
                            Compare cmp)
{
    for (const QString *v : {&a, &b}) {
        const QString reason = why(*v);
        if (!reason.isEmpty())
            return tl::unexpected<Error>(invalidVersion(ecosystem, *v, reason));
    }
    return cmp(QStringView(a), QStringView(b));
}

} // namespace version
} // namespace bulkhead
