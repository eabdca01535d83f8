#include "version/composerversioncomparator.h"

#include <QVarLengthArray>

namespace bulkhead {

namespace {

using version::isDigit;

using Tokens = QVarLengthArray<QStringView, 8>;

inline bool isSeparator(QChar c)
{
    return c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('+');
}


// PHP version_compare() canonicalisation after Composer strips a leading 'v': '-', '_', '+'
// become '.', and a '.' is implied wherever digits and other characters meet.
Tokens tokenize(QStringView s)
{
    Tokens out;
    s = s.trimmed();
    if (s.startsWith(QLatin1Char('v')) || s.startsWith(QLatin1Char('V')))
        s = s.mid(1);
    qsizetype start = 0;
    for (qsizetype i = 0; i <= s.size(); ++i) {
        if (i == s.size() || isSeparator(s[i])) {
            out.append(s.mid(start, i - start));
            start = i + 1;
        } else if (i > start && isDigit(s[i]) != isDigit(s[i - 1])) {
            out.append(s.mid(start, i - start));
            start = i;
        }
    }
    return out;
}

// Special forms in version_compare() order: dev < alpha = a < beta = b < RC = rc < # (a number)
// < pl = p; matched by prefix, anything else ranks with dev.
int weight(QStringView t)
{
    if (t.startsWith(QLatin1String("RC")))
        return 3;
    static const char *const kSpecial[] = {"dev", "a", "b", "rc", "#", "p"};
    for (int k = 0; k < int(std::size(kSpecial)); ++k) {
        if (t.startsWith(QLatin1String(kSpecial[k])))
            return k;
    }
    return 0;
}

int compareTokens(const QStringView *a, qsizetype na, const QStringView *b, qsizetype nb)
{
    const QStringView hash(u"#");
    const qsizetype n = std::min(na, nb);
    for (qsizetype k = 0; k < n; ++k) {
        const bool an = version::allDigits(a[k]);
        const bool bn = version::allDigits(b[k]);
        int c;
        if (an && bn)
            c = version::compareDigits(a[k], b[k]);
        else
            c = version::sign(weight(an ? hash : a[k]) - weight(bn ? hash : b[k]));
        if (c != 0)
            return c;
    }
    // The longer version wins when it continues with a number, otherwise its next part is
    // weighed against a number ("1.0" > "1.0rc1", "1.0" < "1.0pl1").
    // Each further part of the longer one is weighed against a number until one decides.
    const QStringView *longer = na > nb ? a : b;
    const int direction = na > nb ? 1 : -1;
    for (qsizetype k = n; k < std::max(na, nb); ++k) {
        if (version::allDigits(longer[k]))
            return direction;
        const int c = version::sign(weight(longer[k]) - weight(hash));
        if (c != 0)
            return direction * c;
    }
    return 0;
}

} // namespace

Result<int> ComposerVersionComparator::compare(const QString &a, const QString &b) const
{
    return version::checkAndCompare(ecosystem(), a, b, version::blankOrSpaced, [](QStringView x, QStringView y) {
        const Tokens ta = tokenize(x);
        const Tokens tb = tokenize(y);
        return compareTokens(ta.constData(), ta.size(), tb.constData(), tb.size());
    });
}

bool ComposerVersionComparator::isValid(const QString &version) const
{
    return version::blankOrSpaced(version).isEmpty();
}

} // namespace bulkhead
