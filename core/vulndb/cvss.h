#pragma once
// CVSS base-score computation for v2.0, v3.0, v3.1 and v4.0 vector strings.
// Contract: computeBaseScore() returns the base score (0.0–10.0) or an InvalidInput error naming
// the vector; it never guesses a missing mandatory metric.

#include "common/result.h"
#include "match/finding.h"

#include <QString>

namespace bulkhead::cvss {

// "2.0", "3.0", "3.1", "4.0" from the vector prefix; a vector without prefix whose metrics are
// AV/AC/Au/C/I/A is v2 (NVD writes v2 vectors without a prefix). Empty when unrecognised.
QString versionOf(const QString &vector);

Result<double> computeBaseScore(const QString &vector);

// Builds a CvssScore (version, vector, computed base score or -1 when the vector is invalid).
CvssScore scoreFor(const QString &vector, const QString &source);

} // namespace bulkhead::cvss
