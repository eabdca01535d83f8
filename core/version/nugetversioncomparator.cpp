#include "version/nugetversioncomparator.h"

#include <QVarLengthArray>

namespace bulkhead {

namespace {

using version::isAsciiLetter;
using version::isDigit;

struct NugetVersion {
    QVarLengthArray<QStringView, 4> numbers;   // 1 to 4 parts
    QVarLengthArray<QStringView, 4> labels;    // release label identifiers
};

bool allDigits(QStringView s)
{
    for (QChar c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

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
        if (part.isEmpty() || !allDigits(part))
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
            v->labels.append(label);
        }
    }
    return {};
}

// VersionComparer.Default: numbers, then release labels (a release beats a prerelease),
// labels compared like SemVer 2 but case-insensitively; metadata ignored.
int compareNuget(const NugetVersion &a, const NugetVersion &b)
{
    const QStringView zero(u"0");
    for (qsizetype k = 0; k < 4; ++k) {
        const int c = version::compareDigits(k < a.numbers.size() ? a.numbers[k] : zero,
                                             k < b.numbers.size() ? b.numbers[k] : zero);
        if (c != 0)
            return c;
    }
    if (a.labels.isEmpty() || b.labels.isEmpty())
        return a.labels.isEmpty() == b.labels.isEmpty() ? 0 : (a.labels.isEmpty() ? 1 : -1);
    const qsizetype m = std::min(a.labels.size(), b.labels.size());
    for (qsizetype k = 0; k < m; ++k) {
        const bool an = allDigits(a.labels[k]);
        const bool bn = allDigits(b.labels[k]);
        int c;
        if (an && bn)
            c = version::compareDigits(a.labels[k], b.labels[k]);
        else if (an != bn)
            c = an ? -1 : 1;
        else
            c = version::compareAsciiCaseInsensitive(a.labels[k], b.labels[k]);
        if (c != 0)
            return c;
    }
    return a.labels.size() == b.labels.size() ? 0 : (a.labels.size() < b.labels.size() ? -1 : 1);
}

} // namespace

Result<int> NugetVersionComparator::compare(const QString &a, const QString &b) const
{
    NugetVersion va;
    NugetVersion vb;
    QString why = parseNuget(a, &va);
    if (!why.isEmpty())
        return tl::unexpected<Error>(version::invalidVersion(ecosystem(), a, why));
    why = parseNuget(b, &vb);
    if (!why.isEmpty())
        return tl::unexpected<Error>(version::invalidVersion(ecosystem(), b, why));
    return compareNuget(va, vb);
}

bool NugetVersionComparator::isValid(const QString &version) const
{
    NugetVersion v;
    return parseNuget(version, &v).isEmpty();
}

} // namespace bulkhead
