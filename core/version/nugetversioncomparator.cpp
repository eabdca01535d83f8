#include "version/nugetversioncomparator.h"

#include "version/semverversioncomparator.h"

namespace bulkhead {

namespace {

using version::isAsciiLetter;
using version::isDigit;

// numbers: 1 to 4 parts; prerelease: the release label identifiers.
using NugetVersion = version::Semver;


// NuGetVersion: N[.N[.N[.N]]][-label(.label)*][+metadata], whitespace trimmed, an optional 'v'.
QString parseNuget(QStringView s, NugetVersion *v)
{
    s = s.trimmed();
    if (s.startsWith(QLatin1Char('v')) || s.startsWith(QLatin1Char('V')))
        s = s.mid(1);
    const qsizetype plus = s.indexOf(QLatin1Char('+'));
    if (plus >= 0) {
        const QStringView meta = s.mid(plus + 1);
        if (meta.isEmpty())
            return QStringLiteral("the build metadata is empty");
        for (QChar c : meta) {
            if (!isDigit(c) && !isAsciiLetter(c) && c != QLatin1Char('-') && c != QLatin1Char('.'))
                return QStringLiteral("the build metadata contains \"%1\"").arg(c);
        }
        s = s.left(plus);
    }
    const qsizetype dash = s.indexOf(QLatin1Char('-'));
    QStringView core = dash >= 0 ? s.left(dash) : s;
    for (QStringView part : core.split(QLatin1Char('.'))) {
        if (part.isEmpty() || !version::allDigits(part))
            return QStringLiteral("the version number must be one to four dot-separated numbers");
        v->numbers.append(part);
    }
    if (v->numbers.size() > 4)
        return QStringLiteral("it has more than four numeric parts");
    if (dash >= 0) {
        for (QStringView label : s.mid(dash + 1).split(QLatin1Char('.'))) {
            if (label.isEmpty())
                return QStringLiteral("a release label is empty");
            for (QChar c : label) {
                if (!isDigit(c) && !isAsciiLetter(c) && c != QLatin1Char('-'))
                    return QStringLiteral("the release label contains \"%1\"").arg(c);
            }
            v->prerelease.append(label);
        }
    }
    return {};
}

// VersionComparer.Default: numbers, then release labels (a release beats a prerelease),
// labels compared like SemVer 2 but case-insensitively; metadata ignored.
int compareNuget(const NugetVersion &a, const NugetVersion &b)
{
    return version::compareSemver(a, b, version::LabelCase::Insensitive);
}

} // namespace

Result<int> NugetVersionComparator::compare(const QString &a, const QString &b) const
{
    return version::parseAndCompare<NugetVersion>(ecosystem(), a, b, parseNuget, compareNuget);
}

bool NugetVersionComparator::isValid(const QString &version) const
{
    NugetVersion v;
    return parseNuget(version, &v).isEmpty();
}

} // namespace bulkhead
