#include "report/cyclonedxexporter.h"

#include "report/reportutil.h"
#include "report/spdxlicense.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

namespace bulkhead {

using namespace report;

QString CycloneDxExporter::id() const { return QStringLiteral("cyclonedx"); }
QString CycloneDxExporter::description() const { return QStringLiteral("CycloneDX 1.5 JSON SBOM (with vulnerabilities when scanned)"); }
QString CycloneDxExporter::fileExtension() const { return QStringLiteral("cdx.json"); }
QString CycloneDxExporter::mimeType() const { return QStringLiteral("application/vnd.cyclonedx+json; version=1.5"); }

namespace {

QString severityText(Severity s)
{
    // CycloneDX 1.5 "severity" enum.
    switch (s) {
    case Severity::Critical: return QStringLiteral("critical");
    case Severity::High: return QStringLiteral("high");
    case Severity::Medium: return QStringLiteral("medium");
    case Severity::Low: return QStringLiteral("low");
    case Severity::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString scoreMethod(const CvssScore &c)
{
    // CycloneDX 1.5 "scoreMethod" enum.
    if (c.version.startsWith(u"2"))
        return QStringLiteral("CVSSv2");
    if (c.version == u"3.1")
        return QStringLiteral("CVSSv31");
    if (c.version.startsWith(u"3"))
        return QStringLiteral("CVSSv3");
    if (c.version.startsWith(u"4"))
        return QStringLiteral("CVSSv4");
    return QStringLiteral("other");
}

// CycloneDX licenseChoice: either license objects (id when the SPDX list has it, else name) or
// exactly one SPDX expression when a package declares a valid compound expression ("GPL-2.0+"
// and "A WITH B" are expressions too: the schema's id enum does not hold them).
QJsonArray licensesJson(const QStringList &licenses)
{
    QJsonArray out;
    const QStringList terms = licenseTerms(licenses);
    bool compound = false;
    bool allValid = true;
    for (const QString &term : terms) {
        QString canonical;
        if (!normalizeSpdxExpression(term, &canonical))
            allValid = false;
        else if (canonical.contains(u' ') || canonical.endsWith(u'+'))
            compound = true;
    }
    if (compound && allValid) {
        QMap<QString, QString> unused;
        QJsonObject e;
        e.insert(QStringLiteral("expression"), spdxExpressionFromLicenses(terms, &unused));
        out.append(e);
        return out;
    }
    for (const QString &term : terms) {
        QJsonObject license;
        const QString id = canonicalSpdxLicenseId(term);
        if (!id.isEmpty())
            license.insert(QStringLiteral("id"), id);
        else
            license.insert(QStringLiteral("name"), term);
        QJsonObject wrapper;
        wrapper.insert(QStringLiteral("license"), license);
        out.append(wrapper);
    }
    return out;
}

void addLayerProperties(QJsonArray *props, const LayerRef &layer)
{
    if (layer.isValid())
        addProperty(props, QStringLiteral("bulkhead:layer:index"), QString::number(layer.index));
    addProperty(props, QStringLiteral("bulkhead:layer:digest"), layer.digest);
    addProperty(props, QStringLiteral("bulkhead:layer:diffId"), layer.diffId);
    addProperty(props, QStringLiteral("bulkhead:layer:createdBy"), layer.createdBy);
}

QJsonObject componentJson(const Package &p, const QString &ref)
{
    QJsonObject c;
    c.insert(QStringLiteral("type"), QStringLiteral("library"));
    c.insert(QStringLiteral("bom-ref"), ref);
    c.insert(QStringLiteral("name"), p.name);
    if (!p.version.isEmpty())
        c.insert(QStringLiteral("version"), p.version);
    if (!p.purl.isEmpty())
        c.insert(QStringLiteral("purl"), p.purl);
    const QJsonArray licenses = licensesJson(p.licenses);
    if (!licenses.isEmpty())
        c.insert(QStringLiteral("licenses"), licenses);
    QJsonArray props;
    addProperty(&props, QStringLiteral("bulkhead:package:ecosystem"), p.ecosystem);
    addProperty(&props, QStringLiteral("bulkhead:package:arch"), p.arch);
    addProperty(&props, QStringLiteral("bulkhead:package:sourceName"), p.sourceName);
    addProperty(&props, QStringLiteral("bulkhead:package:sourceVersion"), p.sourceVersion);
    addProperty(&props, QStringLiteral("bulkhead:foundIn"), p.foundIn);
    addProperty(&props, QStringLiteral("bulkhead:cataloger"), p.cataloger);
    addLayerProperties(&props, p.layer);
    for (const QString &extra : p.extraPurls)
        addProperty(&props, QStringLiteral("bulkhead:package:extraPurl"), extra);
    if (!props.isEmpty())
        c.insert(QStringLiteral("properties"), props);
    return c;
}

QJsonObject imageComponent(const ImageInfo &image, const QString &ref)
{
    QJsonObject c;
    c.insert(QStringLiteral("type"), QStringLiteral("container"));
    c.insert(QStringLiteral("bom-ref"), ref);
    c.insert(QStringLiteral("name"), imageName(image));
    const QString digest = imageDigest(image);
    if (!digest.isEmpty())
        c.insert(QStringLiteral("version"), digest);
    c.insert(QStringLiteral("purl"), imagePurl(image));
    QJsonArray hashes;
    if (digest.startsWith(u"sha256:")) {
        QJsonObject h;
        h.insert(QStringLiteral("alg"), QStringLiteral("SHA-256"));
        h.insert(QStringLiteral("content"), digest.mid(7));
        hashes.append(h);
        c.insert(QStringLiteral("hashes"), hashes);
    }
    QJsonArray props;
    addProperty(&props, QStringLiteral("bulkhead:image:reference"), image.reference);
    addProperty(&props, QStringLiteral("bulkhead:image:sourceKind"), image.sourceKind);
    addProperty(&props, QStringLiteral("bulkhead:image:manifestDigest"), image.manifestDigest);
    addProperty(&props, QStringLiteral("bulkhead:image:indexDigest"), image.indexDigest);
    addProperty(&props, QStringLiteral("bulkhead:image:configDigest"), image.configDigest);
    addProperty(&props, QStringLiteral("bulkhead:image:platform"),
                image.config.platform.isEmpty() ? QString() : image.config.platform.toString());
    for (const QString &tag : image.repoTags)
        addProperty(&props, QStringLiteral("bulkhead:image:repoTag"), tag);
    for (const LayerInfo &l : image.layers)
        addProperty(&props, QStringLiteral("bulkhead:image:layer:%1").arg(l.index),
                    l.diffId + u' ' + shortInstruction(l.createdBy));
    if (!props.isEmpty())
        c.insert(QStringLiteral("properties"), props);
    return c;
}

QJsonArray cweNumbers(const QStringList &cwes)
{
    QJsonArray out;
    for (const QString &cwe : cwes) {
        bool ok = false;
        const int n = QString(cwe).remove(QStringLiteral("CWE-"), Qt::CaseInsensitive).toInt(&ok);
        if (ok && n >= 0 && !out.contains(n))
            out.append(n);
    }
    return out;
}

QJsonObject sourceJson(const QString &id)
{
    const IdSource s = sourceForId(id);
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("url"), s.url);
    return o;
}

QJsonObject vulnerabilityJson(const Finding &f, const QString &componentRef, const ExportOptions &options)
{
    QJsonObject v;
    v.insert(QStringLiteral("bom-ref"), QString(QStringLiteral("vuln:") + f.id + u':' + componentRef));
    v.insert(QStringLiteral("id"), f.id);
    v.insert(QStringLiteral("source"), sourceJson(f.id));
    QJsonArray refs;
    for (const QString &alias : f.aliases) {
        QJsonObject r;
        r.insert(QStringLiteral("id"), alias);
        r.insert(QStringLiteral("source"), sourceJson(alias));
        refs.append(r);
    }
    if (!refs.isEmpty())
        v.insert(QStringLiteral("references"), refs);

    QJsonArray ratings;
    for (const CvssScore &c : f.cvss) {
        QJsonObject r;
        if (!c.source.isEmpty()) {
            QJsonObject src;
            src.insert(QStringLiteral("name"), c.source);
            r.insert(QStringLiteral("source"), src);
        }
        if (c.baseScore >= 0) {
            r.insert(QStringLiteral("score"), c.baseScore);
            r.insert(QStringLiteral("severity"), severityText(severityFromScore(c.baseScore)));
        }
        r.insert(QStringLiteral("method"), scoreMethod(c));
        if (!c.vector.isEmpty())
            r.insert(QStringLiteral("vector"), c.vector);
        ratings.append(r);
    }
    // The severity Bulkhead decided on, when it is not simply the CVSS score's band (a distro or
    // advisory rating, or no score at all).
    if (f.severitySource != u"cvss" || f.cvss.isEmpty()) {
        QJsonObject decided;
        QJsonObject decidedSource;
        decidedSource.insert(QStringLiteral("name"), !f.dataSource.isEmpty() ? f.dataSource
                                                     : !f.severitySource.isEmpty() ? f.severitySource
                                                                                   : toolName());
        decided.insert(QStringLiteral("source"), decidedSource);
        decided.insert(QStringLiteral("severity"), severityText(f.severity));
        decided.insert(QStringLiteral("method"), QStringLiteral("other"));
        ratings.append(decided);
    }
    v.insert(QStringLiteral("ratings"), ratings);

    const QJsonArray cwes = cweNumbers(f.cwes);
    if (!cwes.isEmpty())
        v.insert(QStringLiteral("cwes"), cwes);
    if (!f.summary.isEmpty())
        v.insert(QStringLiteral("description"), f.summary);
    if (!f.details.isEmpty())
        v.insert(QStringLiteral("detail"), f.details);
    const QString rec = recommendation(f);
    if (!rec.isEmpty())
        v.insert(QStringLiteral("recommendation"), rec);
    QJsonArray advisories;
    for (const QString &url : f.references) {
        QJsonObject a;
        a.insert(QStringLiteral("url"), url);
        if (!advisories.contains(a))
            advisories.append(a);
    }
    if (!advisories.isEmpty())
        v.insert(QStringLiteral("advisories"), advisories);
    // CycloneDX date-time fields: OSV timestamps are RFC 3339 already; others are left out.
    const QDateTime published = QDateTime::fromString(f.published, Qt::ISODateWithMs);
    if (published.isValid())
        v.insert(QStringLiteral("published"), isoUtc(published));
    const QDateTime modified = QDateTime::fromString(f.modified, Qt::ISODateWithMs);
    if (modified.isValid())
        v.insert(QStringLiteral("updated"), isoUtc(modified));

    QJsonObject version;
    version.insert(QStringLiteral("version"), f.package.version);
    version.insert(QStringLiteral("status"), QStringLiteral("affected"));
    QJsonArray versions{version};
    if (!f.fixedVersion.isEmpty()) {
        QJsonObject fixed;
        fixed.insert(QStringLiteral("version"), f.fixedVersion);
        fixed.insert(QStringLiteral("status"), QStringLiteral("unaffected"));
        versions.append(fixed);
    }
    QJsonObject affect;
    affect.insert(QStringLiteral("ref"), componentRef);
    affect.insert(QStringLiteral("versions"), versions);
    v.insert(QStringLiteral("affects"), QJsonArray{affect});

    // CycloneDX 1.5 impactAnalysisState / impactAnalysisJustification / response enums; values
    // outside them are left out rather than making the BOM invalid.
    static const QStringList states{QStringLiteral("resolved"), QStringLiteral("resolved_with_pedigree"),
                                    QStringLiteral("exploitable"), QStringLiteral("in_triage"),
                                    QStringLiteral("false_positive"), QStringLiteral("not_affected")};
    static const QStringList justifications{
        QStringLiteral("code_not_present"), QStringLiteral("code_not_reachable"),
        QStringLiteral("requires_configuration"), QStringLiteral("requires_dependency"),
        QStringLiteral("requires_environment"), QStringLiteral("protected_by_compiler"),
        QStringLiteral("protected_at_runtime"), QStringLiteral("protected_at_perimeter"),
        QStringLiteral("protected_by_mitigating_control")};
    static const QStringList responses{QStringLiteral("can_not_fix"), QStringLiteral("will_not_fix"),
                                       QStringLiteral("update"), QStringLiteral("rollback"),
                                       QStringLiteral("workaround_available")};
    const auto triage = options.triage.constFind(findingKey(f));
    if (triage != options.triage.constEnd() && states.contains(triage->state)) {
        QJsonObject analysis;
        analysis.insert(QStringLiteral("state"), triage->state);
        if (justifications.contains(triage->justification))
            analysis.insert(QStringLiteral("justification"), triage->justification);
        QStringList known;
        for (const QString &r : triage->responses)
            if (responses.contains(r) && !known.contains(r))
                known << r;
        if (!known.isEmpty())
            analysis.insert(QStringLiteral("response"), QJsonArray::fromStringList(known));
        if (!triage->detail.isEmpty())
            analysis.insert(QStringLiteral("detail"), triage->detail);
        v.insert(QStringLiteral("analysis"), analysis);
    }

    QJsonArray props;
    addProperty(&props, QStringLiteral("bulkhead:fixState"), fixStateName(f.fixState));
    addProperty(&props, QStringLiteral("bulkhead:affectedRange"), f.affectedRange);
    addProperty(&props, QStringLiteral("bulkhead:dataSource"), f.dataSource);
    if (f.kev) {
        addProperty(&props, QStringLiteral("bulkhead:kev"), QStringLiteral("true"));
        addProperty(&props, QStringLiteral("bulkhead:kev:dateAdded"), f.kevDateAdded);
        addProperty(&props, QStringLiteral("bulkhead:kev:dueDate"), f.kevDueDate);
        addProperty(&props, QStringLiteral("bulkhead:kev:knownRansomware"),
                    f.kevRansomware ? QStringLiteral("true") : QStringLiteral("false"));
    }
    if (f.epss >= 0)
        addProperty(&props, QStringLiteral("bulkhead:epss:probability"), QString::number(f.epss, 'g', 6));
    if (f.epssPercentile >= 0)
        addProperty(&props, QStringLiteral("bulkhead:epss:percentile"), QString::number(f.epssPercentile, 'g', 6));
    if (!props.isEmpty())
        v.insert(QStringLiteral("properties"), props);
    return v;
}

} // namespace

Result<QByteArray> CycloneDxExporter::render(const ScanResult &result, const ExportOptions &options) const
{
    const QVector<Package> packages = sortedPackages(result.packages);
    const PackageRefs refs(packages, QString());
    const QString imageRef = QStringLiteral("image:") + imageName(result.image);

    QJsonObject bom;
    // CycloneDX 1.5 pins "$schema" to this exact http URL (see tests/data/schemas/README.md).
    bom.insert(QStringLiteral("$schema"), QStringLiteral("http://cyclonedx.org/schema/bom-1.5.schema.json"));
    bom.insert(QStringLiteral("bomFormat"), QStringLiteral("CycloneDX"));
    bom.insert(QStringLiteral("specVersion"), QStringLiteral("1.5"));
    bom.insert(QStringLiteral("serialNumber"),
               QString(QStringLiteral("urn:uuid:") + documentUuid(result, options, id()).toString(QUuid::WithoutBraces)));
    bom.insert(QStringLiteral("version"), 1);

    QJsonObject metadata;
    metadata.insert(QStringLiteral("timestamp"), isoUtc(documentTime(result, options)));
    QJsonObject tool;
    tool.insert(QStringLiteral("type"), QStringLiteral("application"));
    tool.insert(QStringLiteral("name"), toolName());
    tool.insert(QStringLiteral("version"), toolVersion());
    QJsonObject tools;
    tools.insert(QStringLiteral("components"), QJsonArray{tool});
    metadata.insert(QStringLiteral("tools"), tools);
    metadata.insert(QStringLiteral("component"), imageComponent(result.image, imageRef));
    bom.insert(QStringLiteral("metadata"), metadata);

    QJsonArray components;
    QJsonArray dependsOn;
    if (result.os.isKnown()) {
        QJsonObject os;
        const QString osRef = QStringLiteral("os:") + result.os.id + u'@' + result.os.versionId;
        os.insert(QStringLiteral("type"), QStringLiteral("operating-system"));
        os.insert(QStringLiteral("bom-ref"), osRef);
        os.insert(QStringLiteral("name"), result.os.id);
        if (!result.os.versionId.isEmpty())
            os.insert(QStringLiteral("version"), result.os.versionId);
        if (!result.os.prettyName.isEmpty())
            os.insert(QStringLiteral("description"), result.os.prettyName);
        components.append(os);
        dependsOn.append(osRef);
    }
    for (int i = 0; i < packages.size(); ++i) {
        const Package &p = packages[i];
        const QString ref = refs.refAt(i);
        components.append(componentJson(p, ref));
        dependsOn.append(ref);
    }
    bom.insert(QStringLiteral("components"), components);
    QJsonObject imageDeps;
    imageDeps.insert(QStringLiteral("ref"), imageRef);
    imageDeps.insert(QStringLiteral("dependsOn"), dependsOn);
    bom.insert(QStringLiteral("dependencies"), QJsonArray{imageDeps});

    if (result.vulnerabilitiesScanned) {
        QJsonArray vulnerabilities;
        QSet<QString> vulnRefs;
        for (const Finding &f : sortedFindings(result.findings)) {
            QString ref = refs.refFor(f.package);
            if (ref.isEmpty()) // a finding on a package missing from the list: point at the image
                ref = imageRef;
            QJsonObject v = vulnerabilityJson(f, ref, options);
            // bom-refs are unique across the BOM; a repeated finding gets a numbered one.
            const QString base = v.value(u"bom-ref").toString();
            QString unique = base;
            for (int n = 2; vulnRefs.contains(unique); ++n)
                unique = base + u'#' + QString::number(n);
            vulnRefs.insert(unique);
            v.insert(QStringLiteral("bom-ref"), unique);
            vulnerabilities.append(v);
        }
        bom.insert(QStringLiteral("vulnerabilities"), vulnerabilities);
    }
    return QJsonDocument(bom).toJson(QJsonDocument::Indented);
}

} // namespace bulkhead
