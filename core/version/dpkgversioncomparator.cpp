#include "version/dpkgversioncomparator.h"

namespace bulkhead {

namespace {

struct DpkgVersion {
    QStringView epoch;     // digits, may be empty (= 0)
    QStringView upstream;
    QStringView revision;  // may be empty (= "0")
};

// Splits [epoch:]upstream[-revision] the way dpkg's parseversion() does; returns an empty string
// on success or the reason the version is rejected (dpkg errors, not its warnings).
QString parseDpkg(QStringView v, DpkgVersion *out)
{
    // An empty string is dpkg's "no version", which sorts before every version.
    v = v.trimmed();
    if (v.isEmpty())
        return {};
    const QString spaced = version::blankOrSpaced(v);
    if (!spaced.isEmpty())
        return spaced;
    const qsizetype colon = v.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        out->epoch = v.left(colon);
        if (out->epoch.isEmpty())
            return QStringLiteral("the epoch is empty");
        for (QChar c : out->epoch) {
            if (!version::isDigit(c))
                return QStringLiteral("the epoch is not a number");
        }
        v = v.mid(colon + 1);
        if (v.isEmpty())
            return QStringLiteral("nothing follows the epoch");
    }
    const qsizetype dash = v.lastIndexOf(QLatin1Char('-'));
    if (dash >= 0) {
        out->revision = v.mid(dash + 1);
        if (out->revision.isEmpty())
            return QStringLiteral("the revision is empty");
        v = v.left(dash);
    }
    if (v.isEmpty())
        return QStringLiteral("the upstream version is empty");
    out->upstream = v;
    return {};
}

// Policy 5.6.12: letters sort before non-letters, '~' before everything, even the end.
inline int order(QStringView s, qsizetype i)
{
    if (i >= s.size())
        return 0;
    const char16_t c = s[i].unicode();
    if (version::isDigit(s[i]))
        return 0;
    if (version::isAsciiLetter(s[i]))
        return c;
    if (c == '~')
        return -1;
    return c + 256;
}

// dpkg's verrevcmp(): alternating non-digit and digit runs.
int verrevcmp(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() || j < b.size()) {
        while ((i < a.size() && !version::isDigit(a[i])) || (j < b.size() && !version::isDigit(b[j]))) {
            const int ac = order(a, i);
            const int bc = order(b, j);
            if (ac != bc)
                return ac < bc ? -1 : 1;
            ++i;
            ++j;
        }
        qsizetype ds = i;
        while (i < a.size() && version::isDigit(a[i]))
            ++i;
        qsizetype dt = j;
        while (j < b.size() && version::isDigit(b[j]))
            ++j;
        const int c = version::compareDigits(a.mid(ds, i - ds), b.mid(dt, j - dt));
        if (c != 0)
            return c;
    }
    return 0;
}

int compareDpkg(const DpkgVersion &va, const DpkgVersion &vb)
{
    // dpkg's null version (empty string) sorts before everything, "~" included.
    if (va.upstream.isEmpty() || vb.upstream.isEmpty())
        return va.upstream.isEmpty() == vb.upstream.isEmpty() ? 0 : (va.upstream.isEmpty() ? -1 : 1);
    int c = version::compareDigits(va.epoch, vb.epoch);
    if (c == 0)
        c = verrevcmp(va.upstream, vb.upstream);
    if (c == 0)
        c = verrevcmp(va.revision, vb.revision);
    return c;
}

} // namespace

Result<int> DpkgVersionComparator::compare(const QString &a, const QString &b) const
{
    return version::parseAndCompare<DpkgVersion>(ecosystem(), a, b, parseDpkg, compareDpkg);
}

bool DpkgVersionComparator::isValid(const QString &version) const
{
    DpkgVersion v;
    return parseDpkg(version, &v).isEmpty();
}

} // namespace bulkhead
