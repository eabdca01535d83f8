#pragma once
// Helpers shared by the exporters: deterministic ordering, names for the image, stable document
// identities, shortened Dockerfile instructions, references for vulnerability ids.

#include "report/exporter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>
#include <QVector>

namespace bulkhead::report {

QString toolName();        // "bulkhead"
QString toolVersion();     // the build's version
QString toolInformationUri();

// Packages sorted by ecosystem, name, version, arch, foundIn; findings by severity (highest
// first), id, then package. Exporters never rely on the order they were given.
QVector<Package> sortedPackages(const QVector<Package> &packages);
QVector<Finding> sortedFindings(const QVector<Finding> &findings);

// Counts per severity, index = int(Severity).
QVector<int> severityCounts(const QVector<Finding> &findings);

// A short name for the image: the reference, else the first repo tag, else the config digest.
QString imageName(const ImageInfo &image);
// The digest users pin an image by: manifest digest when known, else the config digest (image id).
QString imageDigest(const ImageInfo &image);
// purl-spec "oci" type for the image (pkg:oci/name@sha256%3A...?repository_url=...&tag=...).
QString imagePurl(const ImageInfo &image);

// Creation time of a document: options.timestamp, else the scan's finishedAt, else now (UTC).
QDateTime documentTime(const ScanResult &result, const ExportOptions &options);
// "2020-01-23T16:53:06Z" (seconds precision, UTC): accepted by every schema's date-time.
QString isoUtc(const QDateTime &time);
// A name-based (v5) UUID over the image, the packages, the scan time and `kind`, so the same
// scan gives the same serial number while any other scan gives another one.
QUuid documentUuid(const ScanResult &result, const ExportOptions &options, const QString &kind);

// The Dockerfile instruction of a history created_by, as users wrote it: drops the legacy
// builder's "/bin/sh -c #(nop) " prefix, shows "/bin/sh -c X" as "RUN X", drops " # buildkit",
// collapses whitespace; ellipsis ("…") past maxWidth characters (0 = no limit).
QString shortInstruction(const QString &createdBy, int maxWidth = 0);
// Cuts `text` to maxWidth characters, the last one an ellipsis, when longer.
QString elide(const QString &text, int maxWidth);

// Where a vulnerability id is published: ("NVD", https://nvd.nist.gov/vuln/detail/ID) for CVE,
// GitHub for GHSA, otherwise OSV.
struct IdSource {
    QString name;
    QString url;
};
IdSource sourceForId(const QString &vulnerabilityId);
// The best page for humans about a finding: its first reference, else sourceForId().url.
QString helpUrl(const Finding &finding);

// Text recommending the fix of one finding ("Upgrade libssl1.1 to 1.1.1g-r0.").
QString recommendation(const Finding &finding);

// Unique, stable reference strings for packages (CycloneDX bom-ref, SPDXID suffix, ...):
// purl when unique among the packages, else purl/name with a running number.
class PackageRefs
{
public:
    PackageRefs(const QVector<Package> &sortedPackages, const QString &prefix,
                QString (*sanitize)(const QString &) = nullptr);
    // The reference of the i-th package given to the constructor.
    QString refAt(int index) const { return m_ordered.value(index); }
    // The reference of the package a finding names (the first equal one); empty when unknown.
    QString refFor(const Package &package) const;

private:
    static QString identity(const Package &package);
    QStringList m_ordered;
    QHash<QString, QString> m_refs;
};

// {"name": ..., "value": ...} property lists used by CycloneDX; skips empty values.
void addProperty(QJsonArray *properties, const QString &name, const QString &value);

} // namespace bulkhead::report
