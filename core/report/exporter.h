#pragma once
// Output formats for a ScanResult: one Exporter per format (table, json, cyclonedx, spdx, sarif),
// all listed in exporters.cpp. Exporters are stateless and thread-safe.

#include "common/result.h"
#include "scan/scanresult.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bulkhead {

// A triage decision on one finding, carried into formats that can say it (CycloneDX analysis).
// The vocabulary is CycloneDX 1.5 "impactAnalysisState" / "impactAnalysisJustification".
struct TriageAnalysis {
    QString state;          // "resolved", "exploitable", "in_triage", "false_positive", "not_affected"
    QString justification;  // "code_not_reachable", "requires_configuration", ... or empty
    QStringList responses;  // "can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"
    QString detail;         // free text from the analyst
};

struct ExportOptions {
    // table: wrap to this many columns (0 = no limit) and colour severities with ANSI escapes.
    int terminalWidth = 0;
    bool colour = false;
    // Creation time written into SBOM/SARIF headers. Invalid = the scan's finishedAt, else now.
    // Fixing it (and the scan) makes the output byte-for-byte reproducible.
    QDateTime timestamp;
    // Triage decisions keyed by findingKey(); empty when there is no history store.
    QHash<QString, TriageAnalysis> triage;
};

// Stable identity of a finding within a scan: vulnerability id + the package's key and version.
QString findingKey(const Finding &finding);

// Turns one ScanResult into one document. render() never throws; it fails only when the result
// cannot be expressed in the format (the error says why).
class Exporter
{
public:
    virtual ~Exporter() = default;
    virtual QString id() const = 0;             // "table", "json", "cyclonedx", "spdx", "sarif"
    virtual QString description() const = 0;    // one line for --help
    virtual QString fileExtension() const = 0;  // without dot, e.g. "cdx.json"
    virtual QString mimeType() const = 0;
    virtual Result<QByteArray> render(const ScanResult &result, const ExportOptions &options) const = 0;
};

// Every exporter, in the order shown to users (table first).
const QVector<const Exporter *> &exporters();
// The exporter with that id (case-insensitive), or nullptr.
const Exporter *exporterFor(const QString &id);
QStringList exporterIds();

} // namespace bulkhead
