#include "match/osvrange.h"

#include <QJsonObject>
#include <algorithm>

namespace bulkhead {

OsvAffected OsvAffected::fromJson(const QJsonArray &ranges, const QJsonArray &versions)
{
    OsvAffected out;
    for (const auto &rv : ranges) {
        const QJsonObject r = rv.toObject();
        OsvRange range;
        range.type = r.value(u"type").toString();
        for (const auto &ev : r.value(u"events").toArray()) {
            const QJsonObject e = ev.toObject();
            OsvEvent event;
            if (e.contains(u"introduced"))
                event.kind = OsvEvent::Introduced, event.version = e.value(u"introduced").toString();
            else if (e.contains(u"fixed"))
                event.kind = OsvEvent::Fixed, event.version = e.value(u"fixed").toString();
            else if (e.contains(u"last_affected"))
                event.kind = OsvEvent::LastAffected, event.version = e.value(u"last_affected").toString();
            else if (e.contains(u"limit"))
                event.kind = OsvEvent::Limit, event.version = e.value(u"limit").toString();
            else
                continue;
            range.events.append(event);
        }
        out.ranges.append(range);
    }
    for (const auto &v : versions)
        out.versions.append(v.toString());
    return out;
}

namespace {

bool isZero(const OsvEvent &e) { return e.kind == OsvEvent::Introduced && e.version == u"0"; }
bool isInfinity(const OsvEvent &e) { return e.kind == OsvEvent::Limit && e.version.contains(u'*'); }

QString describe(const OsvRange &range)
{
    QStringList parts;
    for (const auto &e : range.events) {
        switch (e.kind) {
        case OsvEvent::Introduced:
            if (e.version != u"0")
                parts << QStringLiteral(">= ") + e.version;
            break;
        case OsvEvent::Fixed: parts << QStringLiteral("< ") + e.version; break;
        case OsvEvent::LastAffected: parts << QStringLiteral("<= ") + e.version; break;
        case OsvEvent::Limit:
            if (!e.version.contains(u'*'))
                parts << QStringLiteral("< ") + e.version + QStringLiteral(" (limit)");
            break;
        }
    }
    return parts.isEmpty() ? QStringLiteral("all versions") : parts.join(QStringLiteral(", "));
}

} // namespace

RangeVerdict evaluateOsvAffected(const OsvAffected &affected, const QString &installed,
                                 const VersionCompare &compare)
{
    RangeVerdict verdict;

    // IncludedInVersions: explicit versions, compared by the ecosystem's equality (so that
    // equivalent spellings match), falling back to string equality when unparsable.
    for (const auto &v : affected.versions) {
        bool equal = v == installed;
        if (!equal) {
            const auto c = compare(installed, v);
            equal = c && *c == 0;
        }
        if (equal) {
            verdict.affected = true;
            verdict.rangeText = QStringLiteral("= ") + v;
            return verdict;
        }
    }

    QString firstError;
    for (const auto &range : affected.ranges) {
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

        // BeforeLimits
        bool hasLimit = false, beforeLimit = false;
        for (const auto &e : range.events) {
            if (e.kind != OsvEvent::Limit)
                continue;
            hasLimit = true;
            if (isInfinity(e) || cmp(installed, e.version) < 0)
                beforeLimit = true;
        }
        if (hasLimit && !beforeLimit)
            continue;

        QVector<OsvEvent> events;
        for (const auto &e : range.events)
            if (e.kind != OsvEvent::Limit)
                events.append(e);
        std::stable_sort(events.begin(), events.end(), [&](const OsvEvent &a, const OsvEvent &b) {
            if (isZero(a) || isZero(b))
                return isZero(a) && !isZero(b);
            return cmp(a.version, b.version) < 0;
        });

        bool vulnerable = false;
        int setAt = -1;
        for (int i = 0; i < events.size(); ++i) {
            const auto &e = events[i];
            if (e.kind == OsvEvent::Introduced) {
                if (isZero(e) || cmp(installed, e.version) >= 0)
                    vulnerable = true, setAt = i;
            } else if (e.kind == OsvEvent::Fixed) {
                if (cmp(installed, e.version) >= 0)
                    vulnerable = false;
            } else if (e.kind == OsvEvent::LastAffected) {
                if (cmp(installed, e.version) > 0)
                    vulnerable = false;
            }
        }
        if (!comparable)
            continue; // an unparsable version never makes a finding; reported via error
        if (vulnerable) {
            verdict.affected = true;
            verdict.rangeText = describe(range);
            for (int i = setAt + 1; i < events.size(); ++i) {
                if (events[i].kind == OsvEvent::Fixed && cmp(events[i].version, installed) > 0) {
                    verdict.fixedVersion = events[i].version;
                    break;
                }
                if (events[i].kind == OsvEvent::LastAffected)
                    break;
            }
            return verdict;
        }
    }
    verdict.error = firstError;
    return verdict;
}

} // namespace bulkhead
