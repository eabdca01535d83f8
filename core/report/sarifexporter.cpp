#include "report/sarifexporter.h"

#include "report/reportutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QUrl>

namespace bulkhead {

using namespace report;

QString SarifExporter::id() const { return QStringLiteral("sarif"); }
QString SarifExporter::description() const { return QStringLiteral("SARIF 2.1.0 for code-scanning dashboards"); }
QString SarifExporter::fileExtension() const { return QStringLiteral("sarif"); }
QString SarifExporter::mimeType() const { return QStringLiteral("application/sarif+json"); }

namespace {

// SARIF 2.1.0 section 3.27.10 "level": errors must be fixed, warnings should, notes are advisory.
QString levelFor(Severity s)
{
    switch (s) {
    case Severity::Critical:
    case Severity::High: return QStringLiteral("error");
    case Severity::Medium: return QStringLiteral("warning");
    case Severity::Low:
    case Severity::Unknown: break;
    }
    return QStringLiteral("note");
}

QJsonObject text(const QString &t)
{
    QJsonObject o;
    o.insert(QStringLiteral("text"), t);
    return o;
}

// GitHub's "security-severity": a number 0.0–10.0 as a string. Without a CVSS score, the middle
// of the severity's CVSS band stands in, so dashboards still rank the result.
QString securitySeverity(Severity s, double score)
{
    if (score < 0) {
        switch (s) {
        case Severity::Critical: score = 9.5; break;
        case Severity::High: score = 8.0; break;
        case Severity::Medium: score = 5.5; break;
        case Severity::Low: score = 2.0; break;
        case Severity::Unknown: break;
        }
    }
    return QString::number(score, 'f', 1);
}

QString fixedText(const Finding &f)
{
    if (!f.fixedVersion.isEmpty())
        return QStringLiteral("fixed in %1").arg(f.fixedVersion);
    if (f.fixState == FixState::WontFix)
        return QStringLiteral("the distribution will not fix it");
    return QStringLiteral("no fixed version yet");
}

// A container reference is not a URI ("alpine:3.10" would read as scheme "alpine"): encode
// everything but path characters so it is a relative URI reference.
QString imageUri(const ImageInfo &image)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(imageName(image), "/@.-_~+"));
}

// Markdown table cells: a '|' or a line break would end the cell early.
QString cell(const QString &text)
{
    return QString(text).replace(u'|', QStringLiteral("\\|")).replace(u'\n', u' ');
}

struct Rule {
    Finding sample;            // the finding that describes the rule best (highest severity)
    Severity severity = Severity::Unknown;
    double score = -1;
};

QJsonObject ruleJson(const Rule &r)
{
    const Finding &f = r.sample;
    QJsonObject rule;
    rule.insert(QStringLiteral("id"), f.id);
    rule.insert(QStringLiteral("name"), QStringLiteral("Vulnerability"));
    rule.insert(QStringLiteral("shortDescription"), text(f.summary.isEmpty() ? f.id : f.summary));
    rule.insert(QStringLiteral("fullDescription"),
                text(f.details.isEmpty() ? (f.summary.isEmpty() ? f.id : f.summary) : f.details));
    const QString url = helpUrl(f);
    rule.insert(QStringLiteral("helpUri"), url);
    QString help = QStringLiteral("Vulnerability %1\nSeverity: %2\n").arg(f.id, severityName(r.severity));
    QString markdown = QStringLiteral("**Vulnerability [%1](%2)**\n\n| Severity | Aliases |\n| --- | --- |\n| %3 | %4 |\n")
                           .arg(cell(f.id), url, severityName(r.severity), cell(f.aliases.join(QStringLiteral(", "))));
    if (!f.aliases.isEmpty())
        help += QStringLiteral("Aliases: %1\n").arg(f.aliases.join(QStringLiteral(", ")));
    if (!f.summary.isEmpty()) {
        help += f.summary + u'\n';
        markdown += u'\n' + f.summary + u'\n';
    }
    help += QStringLiteral("More: ") + url;
    QJsonObject helpObj = text(help);
    helpObj.insert(QStringLiteral("markdown"), markdown);
    rule.insert(QStringLiteral("help"), helpObj);
    QJsonObject config;
    config.insert(QStringLiteral("level"), levelFor(r.severity));
    rule.insert(QStringLiteral("defaultConfiguration"), config);
    QJsonObject props;
    // Without a score or a severity there is nothing to rank by: leave the property out.
    if (r.score >= 0 || r.severity != Severity::Unknown)
        props.insert(QStringLiteral("security-severity"), securitySeverity(r.severity, r.score));
    props.insert(QStringLiteral("precision"), QStringLiteral("very-high"));
    QJsonArray tags{QStringLiteral("vulnerability"), QStringLiteral("security"), severityName(r.severity)};
    for (const QString &cwe : f.cwes)
        tags.append(QString(QStringLiteral("external/cwe/") + cwe.toLower()));
    props.insert(QStringLiteral("tags"), tags);
    rule.insert(QStringLiteral("properties"), props);
    return rule;
}

QJsonObject resultJson(const Finding &f, int ruleIndex, const ImageInfo &image)
{
    const Package &p = f.package;
    QJsonObject r;
    r.insert(QStringLiteral("ruleId"), f.id);
    r.insert(QStringLiteral("ruleIndex"), ruleIndex);
    r.insert(QStringLiteral("level"), levelFor(f.severity));
    r.insert(QStringLiteral("message"),
             text(QStringLiteral("Package %1 %2 is affected by %3 (%4); %5.")
                      .arg(p.name, p.version, f.id, severityName(f.severity), fixedText(f))));

    QJsonObject region;
    region.insert(QStringLiteral("startLine"), 1);
    QJsonObject artifact;
    artifact.insert(QStringLiteral("uri"), imageUri(image));
    QJsonObject physical;
    physical.insert(QStringLiteral("artifactLocation"), artifact);
    physical.insert(QStringLiteral("region"), region);
    QJsonObject location;
    location.insert(QStringLiteral("physicalLocation"), physical);
    QJsonArray logical;
    if (p.layer.isValid()) {
        QJsonObject layer;
        layer.insert(QStringLiteral("name"), QStringLiteral("layer %1").arg(p.layer.index));
        layer.insert(QStringLiteral("fullyQualifiedName"),
                     QStringLiteral("layer %1 %2").arg(QString::number(p.layer.index), p.layer.diffId));
        layer.insert(QStringLiteral("kind"), QStringLiteral("layer"));
        logical.append(layer);
    }
    if (!logical.isEmpty())
        location.insert(QStringLiteral("logicalLocations"), logical);
    location.insert(QStringLiteral("message"),
                    text(p.layer.isValid() ? QStringLiteral("%1, layer %2: %3")
                                                 .arg(imageName(image), QString::number(p.layer.index),
                                                      shortInstruction(p.layer.createdBy))
                                           : imageName(image)));
    QJsonArray locations{location};
    if (!p.foundIn.isEmpty()) {
        // The file inside the image's filesystem the package was read from.
        QJsonObject file;
        file.insert(QStringLiteral("uri"), QString::fromUtf8(QUrl::toPercentEncoding(p.foundIn, "/@.-_~+")));
        file.insert(QStringLiteral("uriBaseId"), QStringLiteral("IMAGE_ROOT"));
        QJsonObject filePhysical;
        filePhysical.insert(QStringLiteral("artifactLocation"), file);
        QJsonObject fileLocation;
        fileLocation.insert(QStringLiteral("physicalLocation"), filePhysical);
        locations.append(fileLocation);
    }
    r.insert(QStringLiteral("locations"), locations);

    QJsonObject props;
    props.insert(QStringLiteral("packageName"), p.name);
    props.insert(QStringLiteral("installedVersion"), p.version);
    props.insert(QStringLiteral("fixedVersion"), f.fixedVersion);
    props.insert(QStringLiteral("fixState"), fixStateName(f.fixState));
    if (!p.purl.isEmpty())
        props.insert(QStringLiteral("purl"), p.purl);
    if (f.kev)
        props.insert(QStringLiteral("kev"), true);
    if (f.epss >= 0)
        props.insert(QStringLiteral("epss"), f.epss);
    r.insert(QStringLiteral("properties"), props);
    // Stable across scans so dashboards can follow one alert: vulnerability + package identity.
    QJsonObject fingerprints;
    fingerprints.insert(QStringLiteral("bulkhead/v1"), findingKey(f));
    r.insert(QStringLiteral("partialFingerprints"), fingerprints);
    return r;
}

} // namespace

Result<QByteArray> SarifExporter::render(const ScanResult &result, const ExportOptions &options) const
{
    const QVector<Finding> findings = result.vulnerabilitiesScanned ? sortedFindings(result.findings) : QVector<Finding>();

    // One rule per vulnerability id, ordered by id; the most severe finding describes it.
    QMap<QString, Rule> rules;
    for (const Finding &f : findings) {
        Rule &r = rules[f.id];
        if (r.sample.id.isEmpty() || int(f.severity) > int(r.severity)) {
            r.sample = f;
            r.severity = f.severity;
        }
        r.score = qMax(r.score, f.bestCvssScore());
    }
    QJsonArray ruleArray;
    QHash<QString, int> ruleIndex;
    for (auto it = rules.cbegin(); it != rules.cend(); ++it) {
        ruleIndex.insert(it.key(), int(ruleArray.size()));
        ruleArray.append(ruleJson(it.value()));
    }

    QJsonObject driver;
    driver.insert(QStringLiteral("name"), QStringLiteral("Bulkhead"));
    driver.insert(QStringLiteral("fullName"), QStringLiteral("Bulkhead container image vulnerability scanner"));
    driver.insert(QStringLiteral("version"), toolVersion());
    driver.insert(QStringLiteral("semanticVersion"), toolVersion());
    driver.insert(QStringLiteral("informationUri"), toolInformationUri());
    driver.insert(QStringLiteral("rules"), ruleArray);
    QJsonObject tool;
    tool.insert(QStringLiteral("driver"), driver);

    QJsonArray results;
    for (const Finding &f : findings)
        results.append(resultJson(f, ruleIndex.value(f.id), result.image));

    QJsonObject run;
    run.insert(QStringLiteral("tool"), tool);
    run.insert(QStringLiteral("results"), results);
    run.insert(QStringLiteral("columnKind"), QStringLiteral("utf16CodeUnits"));
    QJsonObject root;
    root.insert(QStringLiteral("description"),
                text(QStringLiteral("The root filesystem of image %1.").arg(imageName(result.image))));
    QJsonObject baseIds;
    baseIds.insert(QStringLiteral("IMAGE_ROOT"), root);
    run.insert(QStringLiteral("originalUriBaseIds"), baseIds);
    QJsonObject invocation;
    invocation.insert(QStringLiteral("executionSuccessful"), true);
    const QDateTime end = documentTime(result, options);
    invocation.insert(QStringLiteral("endTimeUtc"), isoUtc(end));
    if (result.startedAt.isValid())
        invocation.insert(QStringLiteral("startTimeUtc"), isoUtc(result.startedAt));
    QJsonArray notifications;
    for (const ScanWarning &w : result.warnings) {
        QJsonObject n;
        n.insert(QStringLiteral("level"), QStringLiteral("warning"));
        n.insert(QStringLiteral("message"),
                 text(w.stage + (w.path.isEmpty() ? QString() : u' ' + w.path) + QStringLiteral(": ") + w.message));
        notifications.append(n);
    }
    if (!notifications.isEmpty())
        invocation.insert(QStringLiteral("toolExecutionNotifications"), notifications);
    run.insert(QStringLiteral("invocations"), QJsonArray{invocation});
    QJsonObject props;
    props.insert(QStringLiteral("imageName"), imageName(result.image));
    props.insert(QStringLiteral("imageDigest"), imageDigest(result.image));
    props.insert(QStringLiteral("imageId"), result.image.configDigest);
    props.insert(QStringLiteral("repoTags"), QJsonArray::fromStringList(result.image.repoTags));
    props.insert(QStringLiteral("os"), result.os.isKnown() ? result.os.id + u' ' + result.os.versionId : QString());
    props.insert(QStringLiteral("vulnerabilitiesScanned"), result.vulnerabilitiesScanned);
    run.insert(QStringLiteral("properties"), props);

    QJsonObject sarif;
    sarif.insert(QStringLiteral("$schema"),
                 QStringLiteral("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"));
    sarif.insert(QStringLiteral("version"), QStringLiteral("2.1.0"));
    sarif.insert(QStringLiteral("runs"), QJsonArray{run});
    return QJsonDocument(sarif).toJson(QJsonDocument::Indented);
}

} // namespace bulkhead
