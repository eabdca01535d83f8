#include "match/osvrange.h"

#include <algorithm>

namespace bulkhead {

namespace {

enum class Kind { Introduced, Fixed, LastAffected, Limit, Other };

Kind kindOf(const OsvEvent &e)
{
    if (e.kind == u"introduced")
        return Kind::Introduced;
    if (e.kind == u"fixed")
        return Kind::Fixed;
    if (e.kind == u"last_affected")
        return Kind::LastAffected;
    if (e.kind == u"limit")
        return Kind::Limit;
    return Kind::Other;
}

// Schema "introduced": "0" is "before every version"; "limit": "*" is "after every version".
bool isZero(const OsvEvent &e) { return kindOf(e) == Kind::Introduced && e.value == u"0"; }
bool isInfinity(const OsvEvent &e) { return kindOf(e) == Kind::Limit && e.value == u"*"; }

QString describe(const QVector<OsvEvent> &events)
{
    QStringList parts;
    for (const auto &e : events) {
        switch (kindOf(e)) {
        case Kind::Introduced:
            if (!isZero(e))
                parts << QStringLiteral(">= ") + e.value;
            break;
        case Kind::Fixed: parts << QStringLiteral("< ") + e.value; break;
        case Kind::LastAffected: parts << QStringLiteral("<= ") + e.value; break;
        case Kind::Limit:
        case Kind::Other: break;
        }
    }
    return parts.isEmpty() ? QStringLiteral("all versions") : parts.join(QStringLiteral(", "));
}

} // namespace

RangeVerdict evaluateOsvAffected(const QVector<OsvRange> &ranges, const QStringList &versions,
                                 const QString &installed, const VersionCompare &compare)
{
    RangeVerdict verdict;

    // IncludedInVersions, literal pass: the schema compares with "==" and records list the
    // ecosystem's own spellings, so exact text is the common (and cheap) case.
    if (versions.contains(installed)) {
        verdict.affected = true;
        verdict.rangeText = QStringLiteral("= ") + installed;
        return verdict;
    }

    QString firstError;
    for (const auto &range : ranges) {
        // Only SEMVER and ECOSYSTEM ranges order versions; GIT ranges name commits.
        if (range.type == u"GIT")
            continue;
        bool comparable = true;
        auto cmp = [&](const QString &a, const QString &b) -> int {
            const auto c = compare(a, b);
            if (!c) {
                comparable = false;
                if (firstError.isEmpty())
                    firstError = c.error().message;
                return 0;
            }
            return *c;
        };

        // BeforeLimits: no limit event means an implicit "*".
        bool hasLimit = false, beforeLimit = false;
        for (const auto &e : range.events) {
            if (kindOf(e) != Kind::Limit)
                continue;
            hasLimit = true;
            if (isInfinity(e) || cmp(installed, e.value) < 0)
                beforeLimit = true;
        }
        if (!comparable)
            continue;
        if (hasLimit && !beforeLimit)
            continue;

        // sorted(range.events): the schema leaves event order free, so sort by version.
        QVector<OsvEvent> events;
        for (const auto &e : range.events) {
            const Kind k = kindOf(e);
            if (k == Kind::Introduced || k == Kind::Fixed || k == Kind::LastAffected)
                events.append(e);
        }
        const auto before = [&](const OsvEvent &a, const OsvEvent &b) {
            if (isZero(a) || isZero(b))
                return isZero(a) && !isZero(b);
            return cmp(a.value, b.value) < 0;
        };
        // Records nearly always list events in order: one linear check saves most comparisons.
        if (!std::is_sorted(events.begin(), events.end(), before))
            std::stable_sort(events.begin(), events.end(), before);
        if (!comparable)
            continue; // an event version that does not parse: the range's order is unknown

        bool vulnerable = false;
        int setAt = -1;
        for (int i = 0; i < events.size(); ++i) {
            const auto &e = events[i];
            switch (kindOf(e)) {
            case Kind::Introduced:
                if (isZero(e) || cmp(installed, e.value) >= 0)
                    vulnerable = true, setAt = i;
                break;
            case Kind::Fixed:
                if (cmp(installed, e.value) >= 0)
                    vulnerable = false;
                break;
            case Kind::LastAffected:
                if (cmp(installed, e.value) > 0)
                    vulnerable = false;
                break;
            default: break;
            }
        }
        if (!comparable || !vulnerable)
            continue; // an unparsable installed version never makes a finding
        verdict.affected = true;
        verdict.rangeText = describe(range.events);
        // The fix is the first "fixed" after the introduction that made the version vulnerable;
        // a "last_affected" there means no fixed version is known for this range.
        for (int i = setAt + 1; i < events.size(); ++i) {
            const Kind k = kindOf(events[i]);
            if (k == Kind::Fixed) {
                verdict.fixedVersion = events[i].value;
                break;
            }
            if (k == Kind::LastAffected)
                break;
        }
        return verdict;
    }

    // IncludedInVersions under the ecosystem's equality ("1.0" == "1.0.0" in PEP 440), when the
    // list is the entry's only statement. With ranges present the list is derived from them
    // (PyPI, GHSA) and comparing hundreds of versions would only repeat the ranges' answer.
    const bool hasOrderedRange = std::any_of(ranges.cbegin(), ranges.cend(),
                                             [](const OsvRange &r) { return r.type != u"GIT"; });
    for (const auto &v : hasOrderedRange ? QStringList() : versions) {
        const auto c = compare(installed, v);
        if (c && *c == 0) {
            verdict.affected = true;
            verdict.rangeText = QStringLiteral("= ") + v;
            return verdict;
        }
    }
    verdict.error = firstError;
    return verdict;
}

} // namespace bulkhead
