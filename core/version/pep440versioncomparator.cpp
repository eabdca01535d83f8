#include "version/pep440versioncomparator.h"

#include <QVarLengthArray>

namespace bulkhead {

namespace {

using version::compareDigits;
using version::isDigit;

// PEP 440 "Appendix B" grammar, parsed by hand (the matcher calls this millions of times).
struct Pep440 {
    QStringView epoch;                           // digits, empty = 0
    QVarLengthArray<QStringView, 4> release;
    int preKind = -1;                            // 0 a, 1 b, 2 rc; -1 none
    QStringView preNumber;
    bool hasPost = false;
    QStringView postNumber;
    bool hasDev = false;
    QStringView devNumber;
    QVarLengthArray<QStringView, 2> local;       // segments, compared case-insensitively
};

class Cursor
{
public:
    explicit Cursor(QStringView s) : m_s(s) {}
    bool atEnd() const { return m_i >= m_s.size(); }
    QChar peek(qsizetype k = 0) const
    {
        return m_i + k < m_s.size() ? m_s[m_i + k] : QChar();
    }
    // Consumes `word` case-insensitively when it comes next.
    bool take(QLatin1String word)
    {
        if (m_s.size() - m_i < word.size())
            return false;
        for (qsizetype k = 0; k < word.size(); ++k) {
            if (version::asciiLower(m_s[m_i + k].unicode()) != char16_t(word[k].unicode()))
                return false;
        }
        m_i += word.size();
        return true;
    }
    QStringView digits()
    {
        const qsizetype start = m_i;
        while (m_i < m_s.size() && isDigit(m_s[m_i]))
            ++m_i;
        return m_s.mid(start, m_i - start);
    }
    bool takeSeparator()
    {
        const QChar c = peek();
        if (c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char('_')) {
            ++m_i;
            return true;
        }
        return false;
    }
    qsizetype pos() const { return m_i; }
    void reset(qsizetype pos) { m_i = pos; }
    QStringView rest() const { return m_s.mid(m_i); }

private:
    QStringView m_s;
    qsizetype m_i = 0;
};

// Optional separator, then an optional number (implicitly 0).
QStringView implicitNumber(Cursor &c)
{
    const qsizetype save = c.pos();
    c.takeSeparator();
    const QStringView n = c.digits();
    if (n.isEmpty())
        c.reset(save);
    return n;
}

QString parsePep440(QStringView s, Pep440 *v)
{
    s = s.trimmed();
    Cursor c(s);
    if (c.peek() == QLatin1Char('v') || c.peek() == QLatin1Char('V'))
        c.take(QLatin1String("v"));
    QStringView first = c.digits();
    if (first.isEmpty())
        return QStringLiteral("it does not start with a number");
    if (c.peek() == QLatin1Char('!')) {
        v->epoch = first;
        c.take(QLatin1String("!"));
        first = c.digits();
        if (first.isEmpty())
            return QStringLiteral("no release number follows the epoch");
    }
    v->release.append(first);
    while (c.peek() == QLatin1Char('.') && isDigit(c.peek(1))) {
        c.take(QLatin1String("."));
        v->release.append(c.digits());
    }
    // Pre-release: [-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?N?
    {
        const qsizetype save = c.pos();
        c.takeSeparator();
        static const struct { const char *word; int kind; } kPre[] = {
            {"alpha", 0}, {"a", 0}, {"beta", 1}, {"b", 1}, {"preview", 2}, {"pre", 2},
            {"rc", 2}, {"c", 2}};
        int kind = -1;
        for (const auto &p : kPre) {
            if (c.take(QLatin1String(p.word))) {
                kind = p.kind;
                break;
            }
        }
        if (kind >= 0) {
            v->preKind = kind;
            v->preNumber = implicitNumber(c);
        } else {
            c.reset(save);
        }
    }
    // Post-release: -N, or [-_.]?(post|rev|r)[-_.]?N?
    {
        const qsizetype save = c.pos();
        if (c.peek() == QLatin1Char('-') && isDigit(c.peek(1))) {
            c.take(QLatin1String("-"));
            v->hasPost = true;
            v->postNumber = c.digits();
        } else {
            c.takeSeparator();
            if (c.take(QLatin1String("post")) || c.take(QLatin1String("rev")) || c.take(QLatin1String("r"))) {
                v->hasPost = true;
                v->postNumber = implicitNumber(c);
            } else {
                c.reset(save);
            }
        }
    }
    // Development release: [-_.]?dev[-_.]?N?
    {
        const qsizetype save = c.pos();
        c.takeSeparator();
        if (c.take(QLatin1String("dev"))) {
            v->hasDev = true;
            v->devNumber = implicitNumber(c);
        } else {
            c.reset(save);
        }
    }
    // Local version label: +segment([-_.]segment)*
    if (c.peek() == QLatin1Char('+')) {
        c.take(QLatin1String("+"));
        const QStringView rest = c.rest();
        qsizetype start = 0;
        for (qsizetype k = 0; k <= rest.size(); ++k) {
            const bool end = k == rest.size();
            const QChar ch = end ? QChar() : rest[k];
            if (end || ch == QLatin1Char('.') || ch == QLatin1Char('-') || ch == QLatin1Char('_')) {
                if (k == start)
                    return QStringLiteral("the local version label has an empty segment");
                v->local.append(rest.mid(start, k - start));
                start = k + 1;
            } else if (!isDigit(ch) && !version::isAsciiLetter(ch)) {
                return QStringLiteral("the local version label contains \"%1\"").arg(ch);
            }
        }
        return {};
    }
    if (!c.atEnd())
        return QStringLiteral("unexpected \"%1\"").arg(c.rest().toString());
    return {};
}


// The ordering of packaging.version._cmpkey().
int comparePep440(const Pep440 &a, const Pep440 &b)
{
    int c = compareDigits(a.epoch, b.epoch);
    if (c != 0)
        return c;
    const QStringView zero(u"0");
    const qsizetype n = std::max(a.release.size(), b.release.size());
    for (qsizetype k = 0; k < n; ++k) {
        c = compareDigits(k < a.release.size() ? a.release[k] : zero,
                          k < b.release.size() ? b.release[k] : zero);
        if (c != 0)
            return c;
    }
    // A bare .devN sorts before any pre-release of the same release; no pre-release after all.
    auto preRank = [](const Pep440 &v) {
        if (v.preKind >= 0)
            return v.preKind;
        return (!v.hasPost && v.hasDev) ? -1 : 3;
    };
    const int pa = preRank(a);
    const int pb = preRank(b);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    if (a.preKind >= 0) {
        c = compareDigits(a.preNumber, b.preNumber);
        if (c != 0)
            return c;
    }
    if (a.hasPost != b.hasPost)
        return a.hasPost ? 1 : -1;
    c = compareDigits(a.postNumber, b.postNumber);
    if (c != 0)
        return c;
    if (a.hasDev != b.hasDev)
        return a.hasDev ? -1 : 1;
    c = compareDigits(a.devNumber, b.devNumber);
    if (c != 0)
        return c;
    // Local labels: none < any; numeric segments beat alphanumeric ones; shorter loses.
    const qsizetype m = std::min(a.local.size(), b.local.size());
    for (qsizetype k = 0; k < m; ++k) {
        const bool an = version::allDigits(a.local[k]);
        const bool bn = version::allDigits(b.local[k]);
        if (an != bn)
            return an ? 1 : -1;
        c = an ? compareDigits(a.local[k], b.local[k])
               : version::compareAsciiCaseInsensitive(a.local[k], b.local[k]);
        if (c != 0)
            return c;
    }
    return a.local.size() == b.local.size() ? 0 : (a.local.size() < b.local.size() ? -1 : 1);
}

// Versions that are not PEP 440 ("0.9-doduo", dates) keep the order packaging's LegacyVersion
// gave them (setuptools' parse_version): below every PEP 440 version, compared as padded parts.
QStringList legacyKey(QStringView s)
{
    const QString lower = s.trimmed().toString().toLower();
    QStringList parts;
    auto add = [&parts](QString part) {
        if (part == u"pre" || part == u"preview" || part == u"rc")
            part = QStringLiteral("c");
        else if (part == u"-")
            part = QStringLiteral("final-");
        else if (part == u"dev")
            part = QStringLiteral("@");
        if (isDigit(part[0])) {
            part = part.rightJustified(8, QLatin1Char('0'));
        } else {
            part.prepend(QLatin1Char('*'));
            if (part < u"*final") {
                while (!parts.isEmpty() && parts.last() == u"*final-")
                    parts.removeLast();
            }
            while (!parts.isEmpty() && parts.last() == u"00000000")
                parts.removeLast();
        }
        parts.append(part);
    };
    qsizetype i = 0;
    while (i < lower.size()) {
        const QChar c = lower[i];
        const qsizetype start = i;
        if (isDigit(c)) {
            while (i < lower.size() && isDigit(lower[i]))
                ++i;
        } else if (c.unicode() >= 'a' && c.unicode() <= 'z') {
            while (i < lower.size() && lower[i].unicode() >= 'a' && lower[i].unicode() <= 'z')
                ++i;
        } else {
            ++i;
            if (c != QLatin1Char('-'))
                continue;  // '.' only separates; other characters are dropped
        }
        add(lower.mid(start, i - start));
    }
    add(QStringLiteral("final"));
    return parts;
}

int compareLegacy(const QStringList &a, const QStringList &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype k = 0; k < n; ++k) {
        const int c = version::sign(a[k].compare(b[k]));
        if (c != 0)
            return c;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int compareAny(QStringView a, QStringView b)
{
    Pep440 va;
    Pep440 vb;
    const bool aOk = parsePep440(a, &va).isEmpty();
    const bool bOk = parsePep440(b, &vb).isEmpty();
    if (aOk && bOk)
        return comparePep440(va, vb);
    if (aOk != bOk)
        return aOk ? 1 : -1;
    return compareLegacy(legacyKey(a), legacyKey(b));
}

QString blank(QStringView v)
{
    return v.trimmed().isEmpty() ? QStringLiteral("it is empty") : QString();
}

} // namespace

Result<int> Pep440VersionComparator::compare(const QString &a, const QString &b) const
{
    // Only blank input is refused: legacy (non-PEP 440) versions still get an order.
    return version::checkAndCompare(ecosystem(), a, b, blank, compareAny);
}

bool Pep440VersionComparator::isValid(const QString &version) const
{
    Pep440 v;
    return parsePep440(version, &v).isEmpty();
}

} // namespace bulkhead
