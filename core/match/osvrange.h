#pragma once
// OSV affected-range evaluation, exactly as the OSV schema's "Evaluation" pseudocode
// (IsVulnerable / IncludedInVersions / IncludedInRanges / BeforeLimits): events sorted by the
// ecosystem's version order, "introduced: 0" before everything, "limit: *" as infinity.
// GIT ranges are not evaluated (they name commits, not released versions).

#include "common/result.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>

namespace bulkhead {

struct OsvEvent {
    enum Kind { Introduced, Fixed, LastAffected, Limit };
    Kind kind = Introduced;
    QString version;
};

struct OsvRange {
    QString type;                // "ECOSYSTEM", "SEMVER", "GIT"
    QVector<OsvEvent> events;
};

struct OsvAffected {
    QVector<OsvRange> ranges;
    QStringList versions;        // explicit affected versions

    // From the OSV JSON arrays affected[].ranges and affected[].versions.
    static OsvAffected fromJson(const QJsonArray &ranges, const QJsonArray &versions);
};

using VersionCompare = std::function<Result<int>(const QString &, const QString &)>;

struct RangeVerdict {
    bool affected = false;
    QString fixedVersion;        // lowest fixed version above the installed one, when known
    QString rangeText;           // the matching range in words, e.g. ">= 1.0, < 1.2.3"
    QString error;               // set when a version could not be compared (verdict not affected)
};

// Evaluates `installed` against one affected entry. `compare` is the ecosystem's comparator.
RangeVerdict evaluateOsvAffected(const OsvAffected &affected, const QString &installed,
                                 const VersionCompare &compare);

} // namespace bulkhead
