#pragma once
// Scan history: every ScanResult, triage decisions with their audit trail, and trend queries, in
// one SQLite file. Contract: each call opens (or reuses) this thread's own named connection to the
// file and returns a Result; nothing throws. Not for the GUI thread: use HistoryService there.

#include "common/result.h"
#include "match/finding.h"
#include "scan/scanresult.h"

#include <QDateTime>
#include <QString>
#include <QVector>
#include <array>

class QSqlDatabase;

namespace bulkhead {

// Per-severity counts, indexed by int(Severity) (Unknown=0 .. Critical=4).
struct SeverityCounts {
    std::array<int, 5> bySeverity{{0, 0, 0, 0, 0}};
    int &operator[](Severity s) { return bySeverity[static_cast<size_t>(s)]; }
    int operator[](Severity s) const { return bySeverity[static_cast<size_t>(s)]; }
    int total() const;
    bool operator==(const SeverityCounts &o) const { return bySeverity == o.bySeverity; }
    static SeverityCounts of(const QVector<Finding> &findings);
};

// One row of the scan list.
struct ScanSummary {
    qint64 id = -1;
    QString reference;
    QString repository;        // reference without tag/digest (see HistoryStore::repositoryOf)
    QStringList repoTags;
    QString configDigest;
    QString osName;            // os pretty name or "id version"
    QDateTime startedAt;
    QDateTime finishedAt;
    SeverityCounts counts;
    int kevCount = 0;          // findings listed in CISA KEV
    int packageCount = 0;
};

// One point of a trend line (one per scan).
struct TrendPoint {
    qint64 scanId = -1;
    QString reference;
    QDateTime finishedAt;
    SeverityCounts counts;
    int kevCount = 0;
};

// A vulnerability and how many images (latest scan of each reference) contain it.
struct VulnerabilitySpread {
    QString vulnId;
    Severity severity = Severity::Unknown; // highest seen
    bool kev = false;
    int imageCount = 0;
    int findingCount = 0;
    qint64 exampleScanId = -1;             // latest scan of one image that has it
};

enum class TriageState : int { None = 0, NotAffected = 1, AcceptedRisk = 2, FalsePositive = 3, Fixed = 4 };
QString triageStateName(TriageState s);                  // "none", "not_affected", "accepted_risk", ...
bool parseTriageState(const QString &text, TriageState *out);

// The repository scope that means "every image".
inline const QString AllImagesScope = QStringLiteral("*");

struct TriageRecord {
    QString vulnId;
    QString packageName;
    QString scope;             // image repository, or AllImagesScope
    TriageState state = TriageState::None;
    QString comment;
    QString author;            // OS user name of who decided
    QDateTime changedAt;
    QDateTime expiresAt;       // only for AcceptedRisk; invalid = never
    bool expired = false;      // an accepted risk past expiresAt (state then reads None)
};

enum class TrendScopeKind { Reference, Repository };

class HistoryStore {
public:
    static constexpr int SchemaVersion = 2;

    // `path` empty = defaultPath().
    explicit HistoryStore(const QString &path = {});
    static QString defaultPath();
    QString path() const { return m_path; }

    // Creates or migrates the schema. Every other call does this on first use per thread.
    Result<void> open();

    Result<qint64> saveScan(const ScanResult &scan);     // one transaction; returns the scan id
    Result<ScanResult> loadScan(qint64 id);
    Result<QVector<ScanSummary>> listScans();             // newest first
    Result<void> deleteScan(qint64 id);

    // Latest scan of every reference, most vulnerable first (critical, high, ... then total).
    Result<QVector<ScanSummary>> latestScans(int limit = -1);
    // One point per scan of the reference (or repository), oldest first.
    Result<QVector<TrendPoint>> severityTrend(TrendScopeKind kind, const QString &value);
    // Vulnerabilities across the latest scan of every reference, most widespread first.
    Result<QVector<VulnerabilitySpread>> widespreadVulnerabilities(int limit = 10);
    // Distinct KEV vulnerabilities across the latest scan of every reference.
    Result<int> kevCount();

    // Triage: the decision for (vuln, package) in `repository`, falling back to AllImagesScope.
    // An accepted risk whose expiry passed (at `now`) reads as None with expired = true.
    Result<TriageRecord> triageFor(const QString &vulnId, const QString &packageName,
                                   const QString &repository,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc());
    // Records a decision (author and time filled in when empty) and appends it to the history.
    Result<TriageRecord> setTriage(const TriageRecord &record);
    // Every decision ever made for (vuln, package) in any scope, oldest first.
    Result<QVector<TriageRecord>> triageHistory(const QString &vulnId, const QString &packageName);

    static QString repositoryOf(const ImageInfo &image);
    static QString currentUserName();

private:
    Result<QSqlDatabase> connection();
    QString m_path;
};

} // namespace bulkhead
