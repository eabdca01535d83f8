#include "version/rpmversioncomparator.h"

namespace bulkhead {

namespace {

inline bool isAlnum(QChar c) { return version::isDigit(c) || version::isAsciiLetter(c); }

struct Evr {
    QStringView epoch;    // digits, empty = 0
    QStringView version;
    QStringView release;  // empty when absent
    bool hasRelease = false;
};

// rpm's parseEVR(): leading digits followed by ':' are the epoch, the release follows the last '-'.
Evr splitEvr(QStringView s)
{
    Evr evr;
    qsizetype i = 0;
    while (i < s.size() && version::isDigit(s[i]))
        ++i;
    if (i < s.size() && s[i] == QLatin1Char(':')) {
        evr.epoch = s.left(i);
        s = s.mid(i + 1);
    }
    const qsizetype dash = s.lastIndexOf(QLatin1Char('-'));
    if (dash >= 0) {
        evr.release = s.mid(dash + 1);
        evr.hasRelease = true;
        s = s.left(dash);
    }
    evr.version = s;
    return evr;
}

int compareEvr(const Evr &a, const Evr &b)
{
    int c = version::compareDigits(a.epoch, b.epoch);
    if (c == 0)
        c = RpmVersionComparator::rpmvercmp(a.version, b.version);
    // A missing release sorts before any release, even an empty one (rpm's labelCompare).
    if (c == 0 && a.hasRelease != b.hasRelease)
        c = a.hasRelease ? 1 : -1;
    if (c == 0)
        c = RpmVersionComparator::rpmvercmp(a.release, b.release);
    return c;
}

QString whyInvalid(QStringView s)
{
    const QString spaced = version::blankOrSpaced(s);
    if (!spaced.isEmpty())
        return spaced;
    const Evr evr = splitEvr(s.trimmed());
    if (evr.version.isEmpty())
        return QStringLiteral("the version part is empty");
    return {};
}

} // namespace

// rpmvercmp() as in rpm 4.18 lib/rpmvercmp.c: alternating alphabetic and numeric segments,
// separators ignored, numbers beat letters, '~' sorts before everything (even the end),
// '^' after the end but before any further segment.
int RpmVersionComparator::rpmvercmp(QStringView a, QStringView b)
{
    if (a == b)
        return 0;
    qsizetype i = 0;
    qsizetype j = 0;
    const QLatin1Char tilde('~');
    const QLatin1Char caret('^');
    while (i < a.size() || j < b.size()) {
        while (i < a.size() && !isAlnum(a[i]) && a[i] != tilde && a[i] != caret)
            ++i;
        while (j < b.size() && !isAlnum(b[j]) && b[j] != tilde && b[j] != caret)
            ++j;
        const bool ae = i >= a.size();
        const bool be = j >= b.size();
        if ((!ae && a[i] == tilde) || (!be && b[j] == tilde)) {
            if (ae || a[i] != tilde)
                return 1;
            if (be || b[j] != tilde)
                return -1;
            ++i;
            ++j;
            continue;
        }
        if ((!ae && a[i] == caret) || (!be && b[j] == caret)) {
            if (ae)
                return -1;
            if (be)
                return 1;
            if (a[i] != caret)
                return 1;
            if (b[j] != caret)
                return -1;
            ++i;
            ++j;
            continue;
        }
        if (ae || be)
            break;
        const qsizetype si = i;
        const qsizetype sj = j;
        const bool numeric = version::isDigit(a[i]);
        if (numeric) {
            while (i < a.size() && version::isDigit(a[i]))
                ++i;
            while (j < b.size() && version::isDigit(b[j]))
                ++j;
        } else {
            while (i < a.size() && version::isAsciiLetter(a[i]))
                ++i;
            while (j < b.size() && version::isAsciiLetter(b[j]))
                ++j;
        }
        // Segments of different kinds: the numeric one is newer.
        if (j == sj)
            return numeric ? 1 : -1;
        int c;
        if (numeric) {
            c = version::compareDigits(a.mid(si, i - si), b.mid(sj, j - sj));
        } else {
            c = a.mid(si, i - si).compare(b.mid(sj, j - sj));
            c = version::sign(c);
        }
        if (c != 0)
            return c;
    }
    const bool ae = i >= a.size();
    const bool be = j >= b.size();
    if (ae && be)
        return 0;
    return ae ? -1 : 1;
}

int RpmVersionComparator::compareNevra(const QString &a, const QString &b)
{
    // Architecture: the last '.' field of the release when it names a known RPM arch.
    static const char *const kArches[] = {"noarch", "x86_64", "i386", "i486", "i586", "i686",
                                          "aarch64", "armv7hl", "armhfp", "ppc64le", "ppc64",
                                          "s390x", "riscv", "riscv64", "src", "nosrc"};
    struct Nevra {
        QStringView name;
        QStringView evr;
        QStringView arch;
    };
    auto split = [](QStringView s) {
        Nevra n;
        const qsizetype dot = s.lastIndexOf(QLatin1Char('.'));
        if (dot >= 0) {
            const QStringView tail = s.mid(dot + 1);
            for (const char *arch : kArches) {
                if (tail == QLatin1String(arch)) {
                    n.arch = tail;
                    s = s.left(dot);
                    break;
                }
            }
        }
        // name-version-release: the last two '-' separate version and release.
        const qsizetype r = s.lastIndexOf(QLatin1Char('-'));
        const qsizetype v = r > 0 ? s.lastIndexOf(QLatin1Char('-'), r - 1) : -1;
        if (v >= 0) {
            n.name = s.left(v);
            n.evr = s.mid(v + 1);
        } else {
            n.evr = s;
        }
        return n;
    };
    const Nevra na = split(a);
    const Nevra nb = split(b);
    int c = version::sign(na.name.compare(nb.name));
    if (c == 0)
        c = compareEvr(splitEvr(na.evr), splitEvr(nb.evr));
    if (c == 0)
        c = version::sign(na.arch.compare(nb.arch));
    return c;
}

Result<int> RpmVersionComparator::compare(const QString &a, const QString &b) const
{
    return version::checkAndCompare(ecosystem(), a, b, whyInvalid, [](QStringView x, QStringView y) {
        return compareEvr(splitEvr(x.trimmed()), splitEvr(y.trimmed()));
    });
}

bool RpmVersionComparator::isValid(const QString &version) const
{
    return whyInvalid(version).isEmpty();
}

} // namespace bulkhead
