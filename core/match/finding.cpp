#include "match/finding.h"

namespace bulkhead {

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Low: return QStringLiteral("LOW");
    case Severity::Medium: return QStringLiteral("MEDIUM");
    case Severity::High: return QStringLiteral("HIGH");
    case Severity::Critical: return QStringLiteral("CRITICAL");
    case Severity::Unknown: break;
    }
    return QStringLiteral("UNKNOWN");
}

bool parseSeverity(const QString &text, Severity *out)
{
    const QString t = text.trimmed().toLower();
    if (t == u"critical") *out = Severity::Critical;
    else if (t == u"high" || t == u"important") *out = Severity::High;
    else if (t == u"medium" || t == u"moderate") *out = Severity::Medium;
    else if (t == u"low" || t == u"negligible" || t == u"unimportant" || t == u"minor") *out = Severity::Low;
    else if (t == u"unknown" || t == u"none") *out = Severity::Unknown;
    else return false;
    return true;
}

Severity severityFromScore(double score)
{
    // CVSS v3.1 specification, section 5 "Qualitative Severity Rating Scale" (same bands in v4.0).
    if (score < 0) return Severity::Unknown;
    if (score >= 9.0) return Severity::Critical;
    if (score >= 7.0) return Severity::High;
    if (score >= 4.0) return Severity::Medium;
    if (score > 0.0) return Severity::Low;
    return Severity::Unknown;
}

QString fixStateName(FixState s)
{
    switch (s) {
    case FixState::Fixed: return QStringLiteral("fixed");
    case FixState::NotFixed: return QStringLiteral("not-fixed");
    case FixState::WontFix: return QStringLiteral("wont-fix");
    case FixState::Unknown: break;
    }
    return QStringLiteral("unknown");
}

} // namespace bulkhead
