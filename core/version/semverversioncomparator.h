#pragma once
// SemVer 2.0.0 precedence (§11) with node-semver's loose parsing: a leading 'v' or '=', spaces,
// any number of numeric parts (missing parts are 0), numbers of any size. Used for npm, crates.io
// and OSV SEMVER ranges.

#include "version/versioncomparator.h"

#include <QVarLengthArray>

namespace bulkhead {

class SemverVersionComparator final : public VersionComparator
{
public:
    explicit SemverVersionComparator(const QString &ecosystem = QStringLiteral("semver"))
        : m_ecosystem(ecosystem) {}

    Result<int> compare(const QString &a, const QString &b) const override;
    bool isValid(const QString &version) const override;
    QString ecosystem() const override { return m_ecosystem; }

private:
    QString m_ecosystem;
};

namespace version {

// A parsed SemVer-like version; views point into the parsed string.
struct Semver {
    QVarLengthArray<QStringView, 4> numbers;   // release parts, digits only
    QVarLengthArray<QStringView, 4> prerelease; // dot-separated identifiers
};

enum class SemverSyntax {
    Loose,  // node-semver loose + OSV leniency: [v=\s]*, 1..n numeric parts, '-' optional
    Go,     // golang.org/x/mod/semver: optional 'v', vMAJOR[.MINOR[.PATCH]], no leading zeros
};

// Parses `s`; returns an empty string or the reason it does not parse.
QString parseSemver(QStringView s, SemverSyntax syntax, Semver *out);
// SemVer 2.0.0 §11 precedence; missing numeric parts count as 0, build metadata is ignored.
// NuGet compares prerelease labels ignoring ASCII case.
enum class LabelCase { Sensitive, Insensitive };
int compareSemver(const Semver &a, const Semver &b, LabelCase labelCase = LabelCase::Sensitive);

} // namespace version

} // namespace bulkhead
