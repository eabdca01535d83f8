#pragma once
// OSV affected-range evaluation, exactly as the OSV schema's "Evaluation" pseudocode
// (IsVulnerable / IncludedInVersions / IncludedInRanges / BeforeLimits): events sorted by the
// ecosystem's version order, "introduced: 0" before everything, "limit: *" as infinity.
// GIT ranges are not evaluated (they name commits, not released versions).
// Contract: a version that cannot be compared never makes a range match; it is reported in
// RangeVerdict::error so the caller can warn.

#include "common/result.h"
#include "vulndb/vulndb.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>

namespace bulkhead {

using VersionCompare = std::function<Result<int>(const QString &, const QString &)>;

struct RangeVerdict {
    bool affected = false;
    QString fixedVersion;        // lowest fixed version above the installed one, when known
    QString rangeText;           // the matching range in words, e.g. ">= 1.0, < 1.2.3"
    QString error;               // set when a version could not be compared (verdict not affected)
};

// Evaluates `installed` against one affected entry's ranges and explicit versions (OsvRange of
// vulndb.h; osv::rangesFromJson reads them from JSON). `compare` is the ecosystem's comparator.
RangeVerdict evaluateOsvAffected(const QVector<OsvRange> &ranges, const QStringList &versions,
                                 const QString &installed, const VersionCompare &compare);

} // namespace bulkhead
