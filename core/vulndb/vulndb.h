#pragma once
// Read side of the local vulnerability database (OSV advisories + CISA KEV + FIRST EPSS).
// Contract: every query opens this thread's own read-only connection (DbConnection), so one VulnDb
// value may be used from any thread; queries return a value or an Error, never throw.

#include "common/result.h"
#include "match/finding.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bulkhead {

// OSV schema "affected[].ranges[].events[]": exactly one of introduced/fixed/last_affected/limit.
struct OsvEvent {
    QString kind;   // "introduced", "fixed", "last_affected", "limit"
    QString value;
};

struct OsvRange {
    QString type;   // "SEMVER", "ECOSYSTEM", "GIT"
    QString repo;   // GIT ranges only
    QVector<OsvEvent> events;
    QJsonObject databaseSpecific;
};

struct AffectedEntry {
    QString vulnId;
    QString ecosystem;      // full OSV value, e.g. "Debian:12", "Alpine:v3.18", "PyPI"
    QString ecosystemBase;  // part before the first ':' ("Debian")
    QString name;           // package name as written in the record
    QString purl;
    QVector<OsvRange> ranges;
    QStringList versions;   // explicit affected versions
    QJsonObject ecosystemSpecific;
    QJsonObject databaseSpecific;
    QString severityJson;   // affected[].severity (OSV 1.5+) as compact JSON array, usually empty
    QString ecosystemSpecificJson;  // compact JSON, set instead of ecosystemSpecific by AffectedDetail::Matching
};

// How much of an affected entry a bulk query builds. Matching: everything range evaluation needs;
// ecosystem_specific stays unparsed (ecosystemSpecificJson) and database_specific is left out,
// since the matcher reads them only for the few entries that match.
enum class AffectedDetail { Full, Matching };

struct VulnReference {
    QString type;  // "ADVISORY", "WEB", "FIX", ...
    QString url;
};

struct VulnRecord {
    QString id;
    QString source;         // feed / import the record came from
    QString summary;
    QString details;
    QString published;      // ISO 8601 as in the record
    QString modified;
    QString withdrawn;      // empty unless withdrawn
    QString severity;       // the record's own rating text (database_specific.severity), may be empty
    QStringList aliases;    // both directions: ids this record names and ids naming this record
    QStringList related;
    QStringList upstream;
    QVector<VulnReference> references;
    QVector<CvssScore> cvss;
    QJsonObject databaseSpecific;
    QVector<AffectedEntry> affected;

    bool isWithdrawn() const { return !withdrawn.isEmpty(); }
};

struct KevEntry {
    QString cve;
    QString dateAdded;
    QString dueDate;
    bool ransomware = false;   // knownRansomwareCampaignUse == "Known"
    QString vendor;
    QString product;
    QString name;
    QString description;
    QString requiredAction;
};

struct EpssEntry {
    QString cve;
    double score = -1;
    double percentile = -1;
    QString modelVersion;
    QString scoreDate;
};

struct SourceInfo {
    QString name;          // "osv-PyPI", "kev", "epss", "file:all.zip", ...
    QString url;
    QString etag;
    QString lastModified;
    QDateTime importedAt;  // UTC; invalid when never imported
    QDateTime checkedAt;   // last time the feed was asked (also on 304)
    qint64 recordCount = 0;
};

// "Debian:12" → "Debian"; "PyPI" → "PyPI".
QString ecosystemBaseOf(const QString &ecosystem);
// Key used to look packages up: PEP 503 for PyPI (lower case, runs of -_. → "-"); lower case for
// ecosystems whose registries are case-insensitive (NuGet, crates.io, Packagist); verbatim otherwise.
QString normalizePackageName(const QString &ecosystemBase, const QString &name);

class VulnDb {
public:
    // $BULKHEAD_DB when set, else <GenericDataLocation>/bulkhead/vulndb.sqlite.
    static QString defaultPath();
    // Opens an existing database read-only and checks its schema version.
    static Result<VulnDb> open(const QString &path);

    QString path() const { return m_path; }
    int schemaVersion() const;

    // Every affected[] entry whose ecosystem base and (normalised) name match.
    Result<QVector<AffectedEntry>> affectedFor(const QString &ecosystemBase, const QString &packageName) const;
    // Bulk form for the matcher: one query per chunk of names. Keys are the normalised names
    // (normalizePackageName) of the names that have at least one entry.
    Result<QHash<QString, QVector<AffectedEntry>>> affectedForMany(const QString &ecosystemBase,
                                                                   const QStringList &packageNames,
                                                                   AffectedDetail detail = AffectedDetail::Full) const;
    // Same, restricted to one full ecosystem value such as "Debian:12".
    Result<QHash<QString, QVector<AffectedEntry>>> affectedForEcosystem(const QString &ecosystem,
                                                                       const QStringList &packageNames) const;

    // Full record incl. affected entries; NotFound when absent.
    Result<VulnRecord> vulnerability(const QString &id) const;
    // Records without their affected[] entries (what a report needs), keyed by id.
    Result<QHash<QString, VulnRecord>> vulnerabilities(const QStringList &ids) const;
    // Ids linked to `id` in either direction of the aliases table.
    Result<QStringList> aliasesOf(const QString &id) const;

    Result<KevEntry> kev(const QString &cve) const;                          // NotFound when not listed
    Result<QHash<QString, KevEntry>> kevMany(const QStringList &cves) const;
    Result<EpssEntry> epss(const QString &cve) const;                        // NotFound when unscored
    Result<QHash<QString, EpssEntry>> epssMany(const QStringList &cves) const;

    Result<QVector<SourceInfo>> sources() const;
    Result<qint64> vulnerabilityCount() const;
    // The distinct ecosystem values of affected[] entries that start with `prefix` ("Debian" gives
    // "Debian", "Debian:11", "Debian:12"), sorted; one index seek per value.
    Result<QStringList> ecosystemsStartingWith(const QString &prefix) const;

private:
    explicit VulnDb(const QString &path) : m_path(path) {}
    QString m_path;
};

} // namespace bulkhead
