#include "report/jsonexporter.h"

#include "report/reportutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead {

using namespace report;

QString JsonExporter::id() const { return QStringLiteral("json"); }
QString JsonExporter::description() const { return QStringLiteral("Bulkhead JSON document (docs/formats.md)"); }
QString JsonExporter::fileExtension() const { return QStringLiteral("json"); }
QString JsonExporter::mimeType() const { return QStringLiteral("application/json"); }

namespace {

// Version of the document layout described in docs/formats.md. Adding a field keeps it;
// renaming, removing or changing the meaning of one bumps it.
constexpr int kSchemaVersion = 1;

QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(isoUtc(t)) : QJsonValue(QJsonValue::Null);
}

QJsonValue numberOrNull(double v)
{
    return v < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject stringMap(const QMap<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonValue layerRefJson(const LayerRef &l)
{
    if (!l.isValid() && l.digest.isEmpty() && l.diffId.isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o.insert(QStringLiteral("index"), l.isValid() ? QJsonValue(l.index) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("digest"), l.digest);
    o.insert(QStringLiteral("diffId"), l.diffId);
    o.insert(QStringLiteral("createdBy"), l.createdBy);
    return o;
}

QJsonObject packageJson(const Package &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("ecosystem"), p.ecosystem);
    o.insert(QStringLiteral("name"), p.name);
    o.insert(QStringLiteral("version"), p.version);
    o.insert(QStringLiteral("arch"), p.arch);
    o.insert(QStringLiteral("sourceName"), p.sourceName);
    o.insert(QStringLiteral("sourceVersion"), p.sourceVersion);
    o.insert(QStringLiteral("licenses"), strings(p.licenses));
    o.insert(QStringLiteral("purl"), p.purl);
    o.insert(QStringLiteral("extraPurls"), strings(p.extraPurls));
    o.insert(QStringLiteral("foundIn"), p.foundIn);
    o.insert(QStringLiteral("cataloger"), p.cataloger);
    o.insert(QStringLiteral("layer"), layerRefJson(p.layer));
    o.insert(QStringLiteral("metadata"), stringMap(p.metadata));
    return o;
}

QJsonObject findingJson(const Finding &f)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), f.id);
    o.insert(QStringLiteral("aliases"), strings(f.aliases));
    o.insert(QStringLiteral("summary"), f.summary);
    o.insert(QStringLiteral("details"), f.details);
    o.insert(QStringLiteral("severity"), severityName(f.severity));
    o.insert(QStringLiteral("severitySource"), f.severitySource);
    QJsonArray cvss;
    for (const CvssScore &c : f.cvss) {
        QJsonObject s;
        s.insert(QStringLiteral("version"), c.version);
        s.insert(QStringLiteral("vector"), c.vector);
        s.insert(QStringLiteral("baseScore"), numberOrNull(c.baseScore));
        s.insert(QStringLiteral("source"), c.source);
        cvss.append(s);
    }
    o.insert(QStringLiteral("cvss"), cvss);
    o.insert(QStringLiteral("cwes"), strings(f.cwes));
    o.insert(QStringLiteral("fixState"), fixStateName(f.fixState));
    o.insert(QStringLiteral("fixedVersion"), f.fixedVersion);
    o.insert(QStringLiteral("affectedRange"), f.affectedRange);
    o.insert(QStringLiteral("references"), strings(f.references));
    o.insert(QStringLiteral("published"), f.published);
    o.insert(QStringLiteral("modified"), f.modified);
    o.insert(QStringLiteral("dataSource"), f.dataSource);
    QJsonObject kev;
    kev.insert(QStringLiteral("listed"), f.kev);
    kev.insert(QStringLiteral("dateAdded"), f.kevDateAdded);
    kev.insert(QStringLiteral("dueDate"), f.kevDueDate);
    kev.insert(QStringLiteral("knownRansomware"), f.kevRansomware);
    o.insert(QStringLiteral("kev"), kev);
    QJsonObject epss;
    epss.insert(QStringLiteral("probability"), numberOrNull(f.epss));
    epss.insert(QStringLiteral("percentile"), numberOrNull(f.epssPercentile));
    o.insert(QStringLiteral("epss"), epss);
    o.insert(QStringLiteral("package"), packageJson(f.package));
    return o;
}

QJsonObject imageJson(const ImageInfo &image)
{
    QJsonObject o;
    o.insert(QStringLiteral("reference"), image.reference);
    o.insert(QStringLiteral("sourceKind"), image.sourceKind);
    o.insert(QStringLiteral("repoTags"), strings(image.repoTags));
    o.insert(QStringLiteral("manifestDigest"), image.manifestDigest);
    o.insert(QStringLiteral("indexDigest"), image.indexDigest);
    o.insert(QStringLiteral("configDigest"), image.configDigest);
    o.insert(QStringLiteral("manifestMediaType"), image.manifestMediaType);
    o.insert(QStringLiteral("totalSize"), double(image.totalSize()));

    const ImageConfig &c = image.config;
    QJsonObject config;
    config.insert(QStringLiteral("created"), c.created);
    config.insert(QStringLiteral("author"), c.author);
    config.insert(QStringLiteral("platform"), c.platform.isEmpty() ? QString() : c.platform.toString());
    config.insert(QStringLiteral("user"), c.user);
    config.insert(QStringLiteral("env"), strings(c.env));
    config.insert(QStringLiteral("entrypoint"), strings(c.entrypoint));
    config.insert(QStringLiteral("cmd"), strings(c.cmd));
    config.insert(QStringLiteral("workingDir"), c.workingDir);
    config.insert(QStringLiteral("exposedPorts"), strings(c.exposedPorts));
    config.insert(QStringLiteral("volumes"), strings(c.volumes));
    config.insert(QStringLiteral("labels"), stringMap(c.labels));
    config.insert(QStringLiteral("stopSignal"), c.stopSignal);
    config.insert(QStringLiteral("healthcheck"), strings(c.healthcheck));
    config.insert(QStringLiteral("diffIds"), strings(c.diffIds));
    o.insert(QStringLiteral("config"), config);

    QJsonArray layers;
    for (const LayerInfo &l : image.layers) {
        QJsonObject lj;
        lj.insert(QStringLiteral("index"), l.index);
        lj.insert(QStringLiteral("digest"), l.digest);
        lj.insert(QStringLiteral("diffId"), l.diffId);
        lj.insert(QStringLiteral("mediaType"), l.mediaType);
        lj.insert(QStringLiteral("size"), l.size < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(double(l.size)));
        lj.insert(QStringLiteral("createdBy"), l.createdBy);
        lj.insert(QStringLiteral("instruction"), shortInstruction(l.createdBy));
        lj.insert(QStringLiteral("created"), l.created);
        lj.insert(QStringLiteral("comment"), l.comment);
        layers.append(lj);
    }
    o.insert(QStringLiteral("layers"), layers);

    QJsonArray history;
    for (const HistoryEntry &h : c.history) {
        QJsonObject hj;
        hj.insert(QStringLiteral("created"), h.created);
        hj.insert(QStringLiteral("createdBy"), h.createdBy);
        hj.insert(QStringLiteral("author"), h.author);
        hj.insert(QStringLiteral("comment"), h.comment);
        hj.insert(QStringLiteral("emptyLayer"), h.emptyLayer);
        history.append(hj);
    }
    o.insert(QStringLiteral("history"), history);
    return o;
}

QJsonValue osJson(const OsInfo &os)
{
    if (!os.isKnown() && !os.distroless)
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o.insert(QStringLiteral("id"), os.id);
    o.insert(QStringLiteral("versionId"), os.versionId);
    o.insert(QStringLiteral("versionCodename"), os.versionCodename);
    o.insert(QStringLiteral("prettyName"), os.prettyName);
    o.insert(QStringLiteral("idLike"), strings(os.idLike));
    o.insert(QStringLiteral("distroless"), os.distroless);
    o.insert(QStringLiteral("osvEcosystem"), os.osvEcosystem());
    return o;
}

} // namespace

Result<QByteArray> JsonExporter::render(const ScanResult &result, const ExportOptions &) const
{
    // QJsonObject keeps keys sorted, which gives the stable key order; arrays are sorted here.
    QJsonObject doc;
    doc.insert(QStringLiteral("schemaVersion"), kSchemaVersion);
    QJsonObject generator;
    generator.insert(QStringLiteral("name"), toolName());
    generator.insert(QStringLiteral("version"), toolVersion());
    doc.insert(QStringLiteral("generator"), generator);

    QJsonObject scan;
    scan.insert(QStringLiteral("startedAt"), timeValue(result.startedAt));
    scan.insert(QStringLiteral("finishedAt"), timeValue(result.finishedAt));
    scan.insert(QStringLiteral("vulnerabilitiesScanned"), result.vulnerabilitiesScanned);
    if (result.vulnerabilitiesScanned) {
        QJsonObject db;
        db.insert(QStringLiteral("updatedAt"), timeValue(result.db.updatedAt));
        db.insert(QStringLiteral("schemaVersion"), result.db.schemaVersion);
        db.insert(QStringLiteral("advisoryCount"), double(result.db.advisoryCount));
        scan.insert(QStringLiteral("database"), db);
    }
    doc.insert(QStringLiteral("scan"), scan);
    doc.insert(QStringLiteral("image"), imageJson(result.image));
    doc.insert(QStringLiteral("os"), osJson(result.os));

    QJsonArray packages;
    for (const Package &p : sortedPackages(result.packages))
        packages.append(packageJson(p));
    doc.insert(QStringLiteral("packages"), packages);

    QJsonObject summary;
    summary.insert(QStringLiteral("packages"), int(result.packages.size()));
    if (result.vulnerabilitiesScanned) {
        QJsonArray findings;
        for (const Finding &f : sortedFindings(result.findings))
            findings.append(findingJson(f));
        doc.insert(QStringLiteral("findings"), findings);
        const QVector<int> counts = severityCounts(result.findings);
        QJsonObject bySeverity;
        for (int s = 0; s < counts.size(); ++s)
            bySeverity.insert(severityName(Severity(s)), counts[s]);
        summary.insert(QStringLiteral("findings"), int(result.findings.size()));
        summary.insert(QStringLiteral("bySeverity"), bySeverity);
    }
    doc.insert(QStringLiteral("summary"), summary);

    QJsonArray warnings;
    for (const ScanWarning &w : result.warnings) {
        QJsonObject wj;
        wj.insert(QStringLiteral("stage"), w.stage);
        wj.insert(QStringLiteral("path"), w.path);
        wj.insert(QStringLiteral("message"), w.message);
        warnings.append(wj);
    }
    doc.insert(QStringLiteral("warnings"), warnings);
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

} // namespace bulkhead
