#include "version/semverversioncomparator.h"

namespace bulkhead {

namespace version {

namespace {

inline bool isIdentChar(QChar c) { return isDigit(c) || isAsciiLetter(c) || c == QLatin1Char('-'); }


} // namespace

QString parseSemver(QStringView s, SemverSyntax syntax, Semver *out)
{
    out->numbers.clear();
    out->prerelease.clear();
    s = s.trimmed();
    qsizetype i = 0;
    if (syntax == SemverSyntax::Loose) {
        while (i < s.size() && (s[i] == QLatin1Char('v') || s[i] == QLatin1Char('V')
                                || s[i] == QLatin1Char('=') || s[i].isSpace()))
            ++i;
    } else if (i < s.size() && s[i] == QLatin1Char('v')) {
        ++i;
    }
    if (i >= s.size())
        return QStringLiteral("it has no version number");
    while (true) {
        const qsizetype start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return QStringLiteral("a numeric part is missing");
        const QStringView part = s.mid(start, i - start);
        if (syntax == SemverSyntax::Go && part.size() > 1 && part[0] == QLatin1Char('0'))
            return QStringLiteral("a numeric part has a leading zero");
        out->numbers.append(part);
        if (i < s.size() && s[i] == QLatin1Char('.') && i + 1 < s.size() && isDigit(s[i + 1])) {
            ++i;
            continue;
        }
        break;
    }
    if (syntax == SemverSyntax::Go && out->numbers.size() > 3)
        return QStringLiteral("it has more than three numeric parts");
    if (i < s.size() && (s[i] == QLatin1Char('-') || (syntax == SemverSyntax::Loose && isAsciiLetter(s[i])))) {
        if (s[i] == QLatin1Char('-'))
            ++i;
        if (syntax == SemverSyntax::Go && out->numbers.size() != 3)
            return QStringLiteral("a shortened version cannot have a prerelease");
        while (true) {
            const qsizetype start = i;
            while (i < s.size() && isIdentChar(s[i]))
                ++i;
            const QStringView ident = s.mid(start, i - start);
            if (ident.isEmpty())
                return QStringLiteral("a prerelease identifier is empty");
            if (syntax == SemverSyntax::Go && ident.size() > 1 && ident[0] == QLatin1Char('0')
                && version::allDigits(ident))
                return QStringLiteral("a numeric prerelease identifier has a leading zero");
            out->prerelease.append(ident);
            if (i < s.size() && s[i] == QLatin1Char('.')) {
                ++i;
                continue;
            }
            break;
        }
    }
    if (i < s.size() && s[i] == QLatin1Char('+')) {
        ++i;
        if (syntax == SemverSyntax::Go && out->numbers.size() != 3)
            return QStringLiteral("a shortened version cannot have build metadata");
        const qsizetype start = i;
        while (i < s.size() && (isIdentChar(s[i]) || s[i] == QLatin1Char('.')))
            ++i;
        if (i == start)
            return QStringLiteral("the build metadata is empty");
    }
    if (i < s.size())
        return QStringLiteral("unexpected \"%1\"").arg(s.mid(i).toString());
    return {};
}

int compareSemver(const Semver &a, const Semver &b, LabelCase labelCase)
{
    const QStringView zero(u"0");
    const qsizetype n = std::max(a.numbers.size(), b.numbers.size());
    for (qsizetype k = 0; k < n; ++k) {
        const int c = compareDigits(k < a.numbers.size() ? a.numbers[k] : zero,
                                    k < b.numbers.size() ? b.numbers[k] : zero);
        if (c != 0)
            return c;
    }
    // §11.3: a version without prerelease has higher precedence.
    if (a.prerelease.isEmpty() || b.prerelease.isEmpty())
        return a.prerelease.isEmpty() == b.prerelease.isEmpty() ? 0 : (a.prerelease.isEmpty() ? 1 : -1);
    const qsizetype m = std::min(a.prerelease.size(), b.prerelease.size());
    for (qsizetype k = 0; k < m; ++k) {
        const QStringView x = a.prerelease[k];
        const QStringView y = b.prerelease[k];
        const bool xn = version::allDigits(x);
        const bool yn = version::allDigits(y);
        int c;
        if (xn && yn)
            c = compareDigits(x, y);
        else if (xn != yn)
            c = xn ? -1 : 1;  // §11.4.3: numeric identifiers sort before alphanumeric ones
        else if (labelCase == LabelCase::Sensitive)
            c = sign(x.compare(y));  // ASCII order
        else
            c = compareAsciiCaseInsensitive(x, y);
        if (c != 0)
            return c;
    }
    return a.prerelease.size() == b.prerelease.size() ? 0 : (a.prerelease.size() < b.prerelease.size() ? -1 : 1);
}

} // namespace version

Result<int> SemverVersionComparator::compare(const QString &a, const QString &b) const
{
    const auto parse = [](QStringView s, version::Semver *v) {
        return version::parseSemver(s, version::SemverSyntax::Loose, v);
    };
    const auto cmp = [](const version::Semver &x, const version::Semver &y) { return version::compareSemver(x, y); };
    return version::parseAndCompare<version::Semver>(ecosystem(), a, b, parse, cmp);
}

bool SemverVersionComparator::isValid(const QString &v) const
{
    version::Semver parsed;
    return version::parseSemver(v, version::SemverSyntax::Loose, &parsed).isEmpty();
}

} // namespace bulkhead
