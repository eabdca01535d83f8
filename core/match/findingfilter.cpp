#include "match/findingfilter.h"

#include <QStringList>

namespace bulkhead {

bool FindingFilter::accepts(const Finding &finding) const
{
    if (!severities.isEmpty() && !severities.contains(finding.severity))
        return false;
    if (ignoreUnfixed && finding.fixState != FixState::Fixed)
        return false;
    return true;
}

bool parseSeverityList(const QString &text, QVector<Severity> *out, QString *badName)
{
    out->clear();
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        Severity s;
        if (!parseSeverity(part, &s)) {
            *badName = part.trimmed();
            return false;
        }
        if (!out->contains(s))
            out->append(s);
    }
    return true;
}

QVector<Finding> filterFindings(const QVector<Finding> &findings, const FindingFilter &filter)
{
    QVector<Finding> out;
    for (const Finding &f : findings)
        if (filter.accepts(f))
            out.append(f);
    return out;
}

bool anyAtOrAbove(const QVector<Finding> &findings, Severity threshold)
{
    for (const Finding &f : findings)
        if (int(f.severity) >= int(threshold))
            return true;
    return false;
}

} // namespace bulkhead
