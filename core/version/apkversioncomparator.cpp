#include "version/apkversioncomparator.h"

#include <QVarLengthArray>

namespace bulkhead {

namespace {

// Suffix weights in apk-tools order; "no suffix" sits between the pre- and post-release ones.
enum : int { NoSuffixWeight = 4 };
const char *const kSuffixes[] = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};

struct ApkSuffix {
    int weight = NoSuffixWeight;
    QStringView number;  // digits, may be empty (= 0)
};

struct ApkVersion {
    QStringView original;
    QVarLengthArray<QStringView, 6> numbers;
    QChar letter;  // null when absent
    QVarLengthArray<ApkSuffix, 2> suffixes;
    QStringView revision;  // digits after "-r", may be empty (= 0)
    QStringView remainder; // what no rule consumed
    bool invalid = false;  // text left that is not a "-r" build component
};

qsizetype digitsFrom(QStringView s, qsizetype i)
{
    while (i < s.size() && version::isDigit(s[i]))
        ++i;
    return i;
}

// Parses number{.number}...[letter]{_suffix[number]}...[~hash][-r#], as far as it goes; text no
// rule takes is kept as the remainder (apk-tools orders such versions rather than rejecting them).
ApkVersion parseApk(QStringView s)
{
    ApkVersion v;
    v.original = s;
    qsizetype i = 0;
    while (i < s.size() && version::isDigit(s[i])) {
        const qsizetype end = digitsFrom(s, i);
        v.numbers.append(s.mid(i, end - i));
        i = end;
        if (i < s.size() && s[i] == QLatin1Char('.'))
            ++i;
    }
    if (i < s.size() && s[i].unicode() >= 'a' && s[i].unicode() <= 'z')
        v.letter = s[i++];
    while (i < s.size() && s[i] == QLatin1Char('_')) {
        int found = -1;
        qsizetype len = 0;
        for (int w = 0; w < int(std::size(kSuffixes)); ++w) {
            const QLatin1String name(kSuffixes[w]);
            if (name.size() > 0 && s.mid(i + 1).startsWith(name)) {
                found = w;
                len = name.size();
                break;
            }
        }
        if (found < 0)
            break;
        const qsizetype numStart = i + 1 + len;
        const qsizetype numEnd = digitsFrom(s, numStart);
        ApkSuffix suffix;
        suffix.weight = found;
        suffix.number = s.mid(numStart, numEnd - numStart);
        v.suffixes.append(suffix);
        i = numEnd;
    }
    if (i + 1 < s.size() && s[i] == QLatin1Char('~')) {
        qsizetype end = i + 1;
        while (end < s.size()
               && (version::isDigit(s[end]) || (s[end].unicode() >= 'a' && s[end].unicode() <= 'f')))
            ++end;
        if (end > i + 1)
            i = end;  // commit hashes carry no order
    }
    if (i < s.size()) {
        if (s.mid(i).startsWith(QLatin1String("-r"))) {
            const qsizetype end = digitsFrom(s, i + 2);
            v.revision = s.mid(i + 2, end - (i + 2));
            i = end;
        } else {
            v.invalid = true;
        }
    }
    v.remainder = s.mid(i);
    return v;
}

int compareNumbers(const ApkVersion &a, const ApkVersion &b)
{
    const qsizetype n = std::max(a.numbers.size(), b.numbers.size());
    const QStringView zero(u"0");
    for (qsizetype k = 0; k < n; ++k) {
        const QStringView x = k < a.numbers.size() ? a.numbers[k] : zero;
        const QStringView y = k < b.numbers.size() ? b.numbers[k] : zero;
        int c;
        // After the first component a leading zero makes apk compare the digits as text
        // ("1.01" < "1.1"), like a decimal fraction.
        if (k > 0 && (x.startsWith(QLatin1Char('0')) || y.startsWith(QLatin1Char('0'))))
            c = version::sign(x.compare(y));
        else
            c = version::compareDigits(x, y);
        if (c != 0)
            return c;
    }
    return 0;
}

int compareApk(const ApkVersion &a, const ApkVersion &b)
{
    if (a.invalid && b.invalid)
        return version::sign(a.original.compare(b.original));
    int c = compareNumbers(a, b);
    if (c != 0)
        return c;
    if (a.letter != b.letter) {
        if (a.letter.isNull())
            return -1;
        if (b.letter.isNull())
            return 1;
        return a.letter < b.letter ? -1 : 1;
    }
    const qsizetype n = std::max(a.suffixes.size(), b.suffixes.size());
    for (qsizetype k = 0; k < n; ++k) {
        const ApkSuffix x = k < a.suffixes.size() ? a.suffixes[k] : ApkSuffix();
        const ApkSuffix y = k < b.suffixes.size() ? b.suffixes[k] : ApkSuffix();
        if (x.weight != y.weight)
            return x.weight < y.weight ? -1 : 1;
        c = version::compareDigits(x.number, y.number);
        if (c != 0)
            return c;
    }
    c = version::compareDigits(a.revision, b.revision);
    if (c != 0)
        return c;
    // A version with unparsed text left sorts before the same version without.
    if (a.remainder.isEmpty() != b.remainder.isEmpty())
        return a.remainder.isEmpty() ? 1 : -1;
    return 0;
}

} // namespace

Result<int> ApkVersionComparator::compare(const QString &a, const QString &b) const
{
    // apk-tools orders any token string (malformed tails sort low), so only empty or
    // whitespace-broken input is refused here; isValid() applies the full grammar.
    return version::checkAndCompare(ecosystem(), a, b, version::blankOrSpaced,
                                    [](QStringView x, QStringView y) { return compareApk(parseApk(x), parseApk(y)); });
}

bool ApkVersionComparator::isValid(const QString &version) const
{
    if (!version::blankOrSpaced(version).isEmpty())
        return false;
    const ApkVersion v = parseApk(version);
    return !v.invalid && v.remainder.isEmpty() && !v.numbers.isEmpty();
}

} // namespace bulkhead
