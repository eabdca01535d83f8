#pragma once
// What `bulkhead scan --severity/--ignore-unfixed/--fail-on` (and later the GUI's filters) apply
// to a result's findings. Plain values; no I/O.

#include "match/finding.h"

#include <QVector>

namespace bulkhead {

struct FindingFilter {
    QVector<Severity> severities;   // keep only these; empty keeps every severity
    bool ignoreUnfixed = false;     // drop findings without a fixed version

    bool accepts(const Finding &finding) const;
};

// "high,critical" → {High, Critical}; case-insensitive, "moderate" = Medium. On a bad name returns
// false and sets *badName.
bool parseSeverityList(const QString &text, QVector<Severity> *out, QString *badName);

QVector<Finding> filterFindings(const QVector<Finding> &findings, const FindingFilter &filter);

// True when some finding is at `threshold` or above (Unknown counts as the lowest severity).
bool anyAtOrAbove(const QVector<Finding> &findings, Severity threshold);

} // namespace bulkhead
