#include "version/gemversioncomparator.h"

#include <QVarLengthArray>

namespace bulkhead {

namespace {

using version::isAsciiLetter;
using version::isDigit;

struct Segment {
    QStringView text;
    bool numeric = false;
};
using Segments = QVarLengthArray<Segment, 8>;

// Gem::Version::ANCHORED_VERSION_PATTERN: digits, then ".alnum" parts, then an optional
// "-alnum(.alnum)*" prerelease; surrounding whitespace allowed.
QString whyInvalid(QStringView s)
{
    // Gem::Version treats a blank version as "0".
    s = s.trimmed();
    if (s.isEmpty())
        return {};
    qsizetype i = 0;
    if (!isDigit(s[0]))
        return QStringLiteral("it does not start with a number");
    while (i < s.size() && isDigit(s[i]))
        ++i;
    // Letters glued to the first number ("1beta") are read as a prerelease segment.
    while (i < s.size() && (isDigit(s[i]) || isAsciiLetter(s[i])))
        ++i;
    auto alnumRun = [&](bool allowDash) {
        const qsizetype start = i;
        while (i < s.size() && (isDigit(s[i]) || isAsciiLetter(s[i]) || (allowDash && s[i] == QLatin1Char('-'))))
            ++i;
        return i > start;
    };
    while (i < s.size() && s[i] == QLatin1Char('.')) {
        ++i;
        if (!alnumRun(false))
            return QStringLiteral("a part after '.' is empty");
    }
    if (i < s.size() && s[i] == QLatin1Char('-')) {
        ++i;
        if (!alnumRun(true))
            return QStringLiteral("the prerelease part is empty");
        while (i < s.size() && s[i] == QLatin1Char('.')) {
            ++i;
            if (!alnumRun(true))
                return QStringLiteral("a prerelease part is empty");
        }
    }
    if (i < s.size())
        return QStringLiteral("unexpected \"%1\"").arg(s.mid(i).toString());
    return {};
}

// Gem::Version#canonical_segments: runs of digits or letters ('-' counts as ".pre."), with
// trailing zeros dropped from the release part and from the prerelease part separately.
Segments canonicalSegments(QStringView s)
{
    Segments all;
    s = s.trimmed();
    qsizetype i = 0;
    while (i < s.size()) {
        if (s[i] == QLatin1Char('-')) {
            Segment pre;
            pre.text = u"pre";
            all.append(pre);
            ++i;
            continue;
        }
        const bool digit = isDigit(s[i]);
        if (!digit && !isAsciiLetter(s[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < s.size() && (digit ? isDigit(s[i]) : isAsciiLetter(s[i])))
            ++i;
        Segment seg;
        seg.text = s.mid(start, i - start);
        seg.numeric = digit;
        if (digit) {
            while (seg.text.size() > 1 && seg.text[0] == QLatin1Char('0'))
                seg.text = seg.text.mid(1);
        }
        all.append(seg);
    }
    qsizetype firstString = 0;
    while (firstString < all.size() && all[firstString].numeric)
        ++firstString;
    auto isZero = [](const Segment &seg) { return seg.numeric && seg.text == u"0"; };
    Segments out;
    qsizetype end = firstString;
    while (end > 0 && isZero(all[end - 1]))
        --end;
    for (qsizetype k = 0; k < end; ++k)
        out.append(all[k]);
    end = all.size();
    while (end > firstString && isZero(all[end - 1]))
        --end;
    for (qsizetype k = firstString; k < end; ++k)
        out.append(all[k]);
    return out;
}

int compareGem(QStringView a, QStringView b)
{
    const Segments l = canonicalSegments(a);
    const Segments r = canonicalSegments(b);
    Segment zero;
    zero.text = u"0";
    zero.numeric = true;
    const qsizetype n = std::max(l.size(), r.size());
    for (qsizetype k = 0; k < n; ++k) {
        const Segment &x = k < l.size() ? l[k] : zero;
        const Segment &y = k < r.size() ? r[k] : zero;
        if (x.numeric != y.numeric)
            return x.numeric ? 1 : -1;  // letters make a prerelease
        const int c = x.numeric ? version::compareDigits(x.text, y.text) : version::sign(x.text.compare(y.text));
        if (c != 0)
            return c;
    }
    return 0;
}

} // namespace

Result<int> GemVersionComparator::compare(const QString &a, const QString &b) const
{
    return version::checkAndCompare(ecosystem(), a, b, whyInvalid, compareGem);
}

bool GemVersionComparator::isValid(const QString &version) const
{
    return whyInvalid(version).isEmpty();
}

} // namespace bulkhead
