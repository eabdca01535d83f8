#pragma once
// A vulnerability that applies to one package of the scanned image. Plain value type.

#include "catalog/package.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bulkhead {

enum class Severity : int { Unknown = 0, Low = 1, Medium = 2, High = 3, Critical = 4 };
QString severityName(Severity s);                       // "UNKNOWN", "LOW", ... "CRITICAL"
bool parseSeverity(const QString &text, Severity *out); // case-insensitive; "moderate" = Medium
Severity severityFromScore(double cvssBaseScore);       // CVSS v3/v4 qualitative rating scale

enum class FixState : int { Fixed = 0, NotFixed = 1, WontFix = 2, Unknown = 3 };
QString fixStateName(FixState s);                       // "fixed", "not-fixed", "wont-fix", "unknown"

struct CvssScore {
    QString version;   // "3.1", "3.0", "4.0", "2.0"
    QString vector;    // full vector string
    double baseScore = -1;
    QString source;    // who published it ("nvd", "debian", "ghsa", the record itself)
};

struct Finding {
    QString id;                 // the primary id shown to users (a CVE id when one exists)
    QStringList aliases;        // every other id of the same vulnerability (DSA, GHSA, ALPINE, ...)
    QString summary;
    QString details;
    Severity severity = Severity::Unknown;
    QString severitySource;     // "cvss", "record", "distro"
    QVector<CvssScore> cvss;
    QStringList cwes;           // weakness ids, "CWE-79" (OSV database_specific.cwe_ids, NVD)
    FixState fixState = FixState::Unknown;
    QString fixedVersion;       // lowest fixed version above the installed one, empty when none
    QString affectedRange;      // human-readable range that matched, e.g. "< 1.2.3"
    QStringList references;     // URLs
    QString published;          // ISO 8601
    QString modified;
    QString dataSource;         // OSV database / ecosystem the record came from
    bool kev = false;           // listed in CISA Known Exploited Vulnerabilities
    QString kevDateAdded;
    QString kevDueDate;
    bool kevRansomware = false;
    double epss = -1;           // FIRST EPSS probability 0..1, -1 unknown
    double epssPercentile = -1;
    Package package;            // the affected package (with its layer)

    double bestCvssScore() const
    {
        double best = -1;
        for (const auto &c : cvss)
            best = qMax(best, c.baseScore);
        return best;
    }
};

} // namespace bulkhead
