#include "vulndb/osvrecord.h"

#include "vulndb/cvss.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace bulkhead::osv {

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const auto &x : v.toArray())
        if (x.isString() && !x.toString().isEmpty())
            out << x.toString();
    return out;
}

// Who published a CVSS vector: the record's id prefix ("GHSA-…" → "ghsa").
QString publisherOf(const QString &id)
{
    const int dash = id.indexOf(u'-');
    return (dash > 0 ? id.left(dash) : id).toLower();
}

const QStringList &eventKinds()
{
    static const QStringList kinds = {QStringLiteral("introduced"), QStringLiteral("fixed"),
                                      QStringLiteral("last_affected"), QStringLiteral("limit")};
    return kinds;
}

} // namespace

QVector<OsvRange> rangesFromJson(const QJsonArray &ranges)
{
    QVector<OsvRange> out;
    out.reserve(ranges.size());
    for (const auto &rv : ranges) {
        const QJsonObject ro = rv.toObject();
        OsvRange r;
        r.type = ro.value(QStringLiteral("type")).toString();
        r.repo = ro.value(QStringLiteral("repo")).toString();
        r.databaseSpecific = ro.value(QStringLiteral("database_specific")).toObject();
        for (const auto &ev : ro.value(QStringLiteral("events")).toArray()) {
            const QJsonObject eo = ev.toObject();
            for (const QString &kind : eventKinds()) {
                const QJsonValue v = eo.value(kind);
                if (v.isString()) {
                    r.events.append(OsvEvent{kind, v.toString()});
                    break;
                }
            }
        }
        out.append(r);
    }
    return out;
}

namespace {

// A JSON string literal as QJsonDocument::toJson writes it (RFC 8259 section 7: quote, backslash
// and control characters escaped, everything else as UTF-8), so stored bytes stay as they were.
void appendJsonString(QByteArray &out, const QString &s)
{
    if (std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() >= 0x7f; })) {
        // Rare (non-ASCII text): let QJsonDocument encode it, as it did before.
        const QByteArray one = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        out += QByteArrayView(one).sliced(1, one.size() - 2);
        return;
    }
    out += '"';
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += "\\\""; break;
        case u'\\': out += "\\\\"; break;
        case u'\b': out += "\\b"; break;
        case u'\f': out += "\\f"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += "0123456789abcdef"[u >> 4];
                out += "0123456789abcdef"[u & 0xf];
            } else {
                out += char(u);
            }
        }
    }
    out += '"';
}

} // namespace

QByteArray rangesToCompactJson(const QVector<OsvRange> &ranges)
{
    // Keys in the order QJsonObject keeps them (sorted), as the former QJsonDocument path wrote.
    QByteArray out;
    out.reserve(64 * ranges.size() + 2);
    out += '[';
    for (int i = 0; i < ranges.size(); ++i) {
        const OsvRange &r = ranges.at(i);
        out += i ? ",{" : "{";
        if (!r.databaseSpecific.isEmpty())
            out += "\"database_specific\":" + QJsonDocument(r.databaseSpecific).toJson(QJsonDocument::Compact) + ',';
        out += "\"events\":[";
        for (int e = 0; e < r.events.size(); ++e) {
            out += e ? ",{" : "{";
            appendJsonString(out, r.events.at(e).kind);
            out += ':';
            appendJsonString(out, r.events.at(e).value);
            out += '}';
        }
        out += ']';
        if (!r.repo.isEmpty()) {
            out += ",\"repo\":";
            appendJsonString(out, r.repo);
        }
        out += ",\"type\":";
        appendJsonString(out, r.type);
        out += '}';
    }
    out += ']';
    return out;
}

Result<VulnRecord> parseRecord(const QByteArray &json, QStringList *warnings)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON (%1 at offset %2)").arg(err.errorString()).arg(err.offset),
                    InvalidInput);
    if (!doc.isObject())
        return fail(QStringLiteral("not an OSV record (the top level is not a JSON object)"), InvalidInput);
    return parseRecord(doc.object(), warnings);
}

Result<VulnRecord> parseRecord(const QJsonObject &o, QStringList *warnings)
{
    VulnRecord v;
    v.id = o.value(QStringLiteral("id")).toString().trimmed();
    if (v.id.isEmpty())
        return fail(QStringLiteral("not an OSV record (no \"id\")"), InvalidInput);
    v.summary = o.value(QStringLiteral("summary")).toString();
    v.details = o.value(QStringLiteral("details")).toString();
    v.published = o.value(QStringLiteral("published")).toString();
    v.modified = o.value(QStringLiteral("modified")).toString();
    if (v.modified.isEmpty() && warnings)
        warnings->append(QStringLiteral("%1: no \"modified\" timestamp").arg(v.id));
    v.withdrawn = o.value(QStringLiteral("withdrawn")).toString();
    v.aliases = stringList(o.value(QStringLiteral("aliases")));
    v.aliases.removeAll(v.id);
    v.aliases.removeDuplicates();
    v.related = stringList(o.value(QStringLiteral("related")));
    v.upstream = stringList(o.value(QStringLiteral("upstream")));
    v.databaseSpecific = o.value(QStringLiteral("database_specific")).toObject();
    const QJsonValue dbSeverity = v.databaseSpecific.value(QStringLiteral("severity"));
    if (dbSeverity.isString())
        v.severity = dbSeverity.toString();

    for (const auto &rv : o.value(QStringLiteral("references")).toArray()) {
        const QJsonObject ro = rv.toObject();
        const QString url = ro.value(QStringLiteral("url")).toString();
        if (!url.isEmpty())
            v.references.append(VulnReference{ro.value(QStringLiteral("type")).toString(), url});
    }

    // OSV "severity": [{type: CVSS_V2|CVSS_V3|CVSS_V4|Ubuntu, score: vector-or-text}]
    const QString publisher = publisherOf(v.id);
    for (const auto &sv : o.value(QStringLiteral("severity")).toArray()) {
        const QJsonObject so = sv.toObject();
        const QString type = so.value(QStringLiteral("type")).toString();
        const QString score = so.value(QStringLiteral("score")).toString();
        if (type.startsWith(QStringLiteral("CVSS_"))) {
            CvssScore c = cvss::scoreFor(score, publisher);
            if (c.version.isEmpty() && warnings) {
                warnings->append(QStringLiteral("%1: unrecognised CVSS vector '%2'").arg(v.id, score));
                continue;
            }
            if (c.baseScore < 0 && warnings)
                warnings->append(QStringLiteral("%1: invalid CVSS vector '%2'").arg(v.id, score));
            v.cvss.append(c);
        } else if (!score.isEmpty() && v.severity.isEmpty()) {
            v.severity = score; // e.g. Ubuntu's "medium"
        }
    }

    const QJsonArray affected = o.value(QStringLiteral("affected")).toArray();
    for (int i = 0; i < affected.size(); ++i) {
        const QJsonObject ao = affected.at(i).toObject();
        const QJsonObject pkg = ao.value(QStringLiteral("package")).toObject();
        AffectedEntry a;
        a.vulnId = v.id;
        a.ecosystem = pkg.value(QStringLiteral("ecosystem")).toString();
        a.name = pkg.value(QStringLiteral("name")).toString();
        a.purl = pkg.value(QStringLiteral("purl")).toString();
        if (a.ecosystem.isEmpty() || a.name.isEmpty()) {
            if (warnings)
                warnings->append(QStringLiteral("%1: affected[%2] has no package ecosystem/name; skipped").arg(v.id).arg(i));
            continue;
        }
        a.ecosystemBase = ecosystemBaseOf(a.ecosystem);
        a.ranges = rangesFromJson(ao.value(QStringLiteral("ranges")).toArray());
        for (const OsvRange &r : a.ranges) {
            bool introduced = false;
            for (const OsvEvent &e : r.events)
                introduced = introduced || e.kind == u"introduced";
            if (!introduced && warnings)
                warnings->append(QStringLiteral("%1: a %2 range of %3 has no \"introduced\" event").arg(v.id, r.type, a.name));
        }
        a.versions = stringList(ao.value(QStringLiteral("versions")));
        a.ecosystemSpecific = ao.value(QStringLiteral("ecosystem_specific")).toObject();
        a.databaseSpecific = ao.value(QStringLiteral("database_specific")).toObject();
        const QJsonArray sev = ao.value(QStringLiteral("severity")).toArray();
        if (!sev.isEmpty())
            a.severityJson = QString::fromUtf8(QJsonDocument(sev).toJson(QJsonDocument::Compact));
        v.affected.append(a);
    }
    return v;
}

} // namespace bulkhead::osv
