// The five exporters on real data: schema validity (official schemas, offline validator),
// content, determinism, table layout, and edge cases (empty, unicode, odd purls, no layers).

#include "reportfixture.h"
#include "testutil.h"

#include "report/exporter.h"
#include "report/reportutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

QString schemaFor(const QString &format)
{
    if (format == u"cyclonedx")
        return QStringLiteral("cyclonedx/bom-1.5.schema.json");
    if (format == u"spdx")
        return QStringLiteral("spdx-2.3/spdx-schema.json");
    return QStringLiteral("sarif-2.1.0/sarif-schema-2.1.0.json");
}

struct Validation {
    int exitCode = -1;
    QString output;
};

// Runs tests/data/schemas/validate_offline.py (Debian's python3-jsonschema) on one document.
// A document that fails unexpectedly is kept on disk and its path named in the output.
Validation validate(const QString &schemaRelative, const QByteArray &document, bool expectValid = true)
{
    QTemporaryDir dir;
    const QString docPath = dir.filePath(QStringLiteral("doc.json"));
    QFile f(docPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(document) != document.size())
        return {-1, QStringLiteral("cannot write %1").arg(docPath)};
    f.close();
    const QString schemas = dataPath(QStringLiteral("schemas"));
    QString python = QStringLiteral("/usr/bin/python3");
    if (!QFile::exists(python))
        python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QProcess p;
    p.setWorkingDirectory(schemas);
    p.start(python, {schemas + QStringLiteral("/validate_offline.py"), schemas + u'/' + schemaRelative, docPath});
    if (!p.waitForFinished(120000))
        return {-1, QStringLiteral("validator did not finish: ") + p.errorString()};
    const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    QString output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    if ((code == 0) != expectValid) {
        dir.setAutoRemove(false);
        output.prepend(QStringLiteral("document kept in %1\n").arg(docPath));
    }
    return {code, output};
}

QByteArray render(const QString &format, const ScanResult &r, const ExportOptions &o = {})
{
    const Exporter *e = exporterFor(format);
    if (!e)
        qFatal("no exporter %s", qPrintable(format));
    const Result<QByteArray> out = e->render(r, o);
    if (!out)
        qFatal("render failed: %s", qPrintable(out.error().message));
    return *out;
}

QJsonObject renderJson(const QString &format, const ScanResult &r, const ExportOptions &o = {})
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(render(format, r, o), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("%s output is not JSON: %s", qPrintable(format), qPrintable(err.errorString()));
    return doc.object();
}

// Packages nobody should have trouble with, except an exporter: unicode, spaces and '@' in
// names, purls with percent-encoding, compound licences, a package without layer (SBOM input),
// two packages with the same purl, a KEV-listed finding (values from the CISA KEV catalog row
// of CVE-2021-44228) with EPSS and a triage decision.
ScanResult edgeCases()
{
    ScanResult r;
    r.image.reference = QStringLiteral("registry.example.invalid:5000/team/app@sha256:0000000000000000000000000000000000000000000000000000000000000001");
    r.image.sourceKind = QStringLiteral("sbom");
    r.image.manifestDigest = QStringLiteral("sha256:0000000000000000000000000000000000000000000000000000000000000001");
    r.vulnerabilitiesScanned = true;
    auto add = [&r](const QString &eco, const QString &name, const QString &version, const QString &purl,
                    const QStringList &licenses) {
        Package p;
        p.ecosystem = eco;
        p.name = name;
        p.version = version;
        p.purl = purl;
        p.licenses = licenses;
        p.foundIn = QStringLiteral("app/päckage lock.json");
        r.packages << p; // no layer: LayerRef index -1, as from an SBOM
        return p;
    };
    add(Ecosystem::Npm, QStringLiteral("pâté-ünïcødé"), QStringLiteral("1.0.0-βeta"),
        QStringLiteral("pkg:npm/p%C3%A2t%C3%A9-%C3%BCn%C3%AFc%C3%B8d%C3%A9@1.0.0-%CE%B2eta"),
        {QStringLiteral("(MIT OR Apache-2.0) AND BSD-3-Clause")});
    add(Ecosystem::Npm, QStringLiteral("@scope/na me"), QStringLiteral("2.0.0"),
        QStringLiteral("pkg:npm/%40scope/na%20me@2.0.0"), {QStringLiteral("GPL-2.0-or-later WITH Classpath-exception-2.0")});
    add(Ecosystem::Npm, QStringLiteral("@scope/na me"), QStringLiteral("2.0.0"),
        QStringLiteral("pkg:npm/%40scope/na%20me@2.0.0"), {QStringLiteral("Custom licence: see \"LICENSE\" <file>")});
    add(Ecosystem::PyPI, QStringLiteral("名前"), QStringLiteral("0.1"), QString(), {QStringLiteral("gpl-2.0+"), QStringLiteral("mit")});
    const Package log4j = add(Ecosystem::Maven, QStringLiteral("org.apache.logging.log4j:log4j-core"), QStringLiteral("2.14.1"),
                              QStringLiteral("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"), {QStringLiteral("Apache-2.0")});
    Finding f;
    f.id = QStringLiteral("CVE-2021-44228");
    f.summary = QStringLiteral("Apache Log4j2 Remote Code Execution Vulnerability");
    f.severity = Severity::Critical;
    f.cvss << CvssScore{QStringLiteral("3.1"), QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), 10.0, QStringLiteral("nvd")};
    f.cwes << QStringLiteral("CWE-20") << QStringLiteral("CWE-400") << QStringLiteral("CWE-502");
    f.fixState = FixState::Fixed;
    f.fixedVersion = QStringLiteral("2.15.0");
    f.references << QStringLiteral("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
    f.kev = true;
    f.kevDateAdded = QStringLiteral("2021-12-10");
    f.kevDueDate = QStringLiteral("2021-12-24");
    f.kevRansomware = true;
    f.epss = 0.94358;
    f.epssPercentile = 0.99957;
    f.package = log4j;
    r.findings << f;
    r.findings << f; // the same finding twice (two matchers agreeing) must not break bom-ref uniqueness
    return r;
}

ScanResult emptyResult(bool scanned)
{
    ScanResult r;
    r.image.reference = QStringLiteral("scratch-image");
    r.vulnerabilitiesScanned = scanned;
    return r;
}

ScanResult scenario(const QString &name)
{
    if (name == u"alpine-scanned")
        return alpineScanned();
    if (name == u"alpine-sbom")
        return alpineSbom();
    if (name == u"empty-scanned")
        return emptyResult(true);
    if (name == u"empty-sbom")
        return emptyResult(false);
    return edgeCases();
}

const QStringList kScenarios{QStringLiteral("alpine-scanned"), QStringLiteral("alpine-sbom"), QStringLiteral("empty-scanned"),
                             QStringLiteral("empty-sbom"), QStringLiteral("edge-cases")};

QJsonObject findBy(const QJsonArray &array, const QString &key, const QString &value)
{
    for (const auto &v : array)
        if (v.toObject().value(key).toString() == value)
            return v.toObject();
    return {};
}

} // namespace

class TestExporters : public QObject
{
    Q_OBJECT

private slots:
    void registry()
    {
        QCOMPARE(exporterIds(), (QStringList{QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("cyclonedx"),
                                             QStringLiteral("spdx"), QStringLiteral("sarif")}));
        QVERIFY(exporterFor(QStringLiteral("SARIF")));
        QCOMPARE(exporterFor(QStringLiteral("SARIF"))->id(), QStringLiteral("sarif"));
        QVERIFY(!exporterFor(QStringLiteral("xml")));
        QSet<QString> extensions;
        for (const Exporter *e : exporters()) {
            QVERIFY(!e->mimeType().isEmpty());
            QVERIFY(!e->description().isEmpty());
            extensions.insert(e->fileExtension());
        }
        QCOMPARE(extensions.size(), 5);
    }

    void schemaValid_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("scenario");
        for (const QString &format : {QStringLiteral("cyclonedx"), QStringLiteral("spdx"), QStringLiteral("sarif")})
            for (const QString &s : kScenarios)
                QTest::newRow(qPrintable(format + u'/' + s)) << format << s;
    }
    void schemaValid()
    {
        QFETCH(QString, format);
        QFETCH(QString, scenario);
        ExportOptions options;
        TriageAnalysis triage;
        triage.state = QStringLiteral("not_affected");
        triage.justification = QStringLiteral("code_not_reachable");
        triage.responses << QStringLiteral("will_not_fix");
        triage.detail = QStringLiteral("JNDI lookups are disabled.");
        const ScanResult r = ::scenario(scenario);
        for (const Finding &f : r.findings)
            options.triage.insert(findingKey(f), triage);
        const Validation v = validate(schemaFor(format), render(format, r, options));
        QVERIFY2(v.exitCode == 0, qPrintable(v.output));
    }

    // The validator must be able to fail: official-style invalid documents and a broken copy of
    // our own output are rejected.
    void validatorRejectsInvalid_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QByteArray>("document");
        auto file = [](const QString &name) {
            QFile f(dataPath(QStringLiteral("schemas/examples/") + name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QTest::newRow("cyclonedx https $schema") << schemaFor(QStringLiteral("cyclonedx"))
                                                 << file(QStringLiteral("cyclonedx-1.5-INVALID-https-schema-url.json"));
        QTest::newRow("spdx $schema key") << schemaFor(QStringLiteral("spdx"))
                                          << file(QStringLiteral("spdx-2.3-INVALID-has-schema-key.json"));
        QTest::newRow("sarif version") << schemaFor(QStringLiteral("sarif"))
                                       << file(QStringLiteral("sarif-2.1.0-INVALID-version.json"));

        // Our own BOM with a licence id that is not on the SPDX list.
        QJsonObject bom = renderJson(QStringLiteral("cyclonedx"), alpineSbom());
        QJsonArray components = bom.value(u"components").toArray();
        QJsonObject c = components[1].toObject();
        QJsonObject license;
        license.insert(QStringLiteral("id"), QStringLiteral("GPL2"));
        QJsonObject wrapper;
        wrapper.insert(QStringLiteral("license"), license);
        c.insert(QStringLiteral("licenses"), QJsonArray{wrapper});
        components[1] = c;
        bom.insert(QStringLiteral("components"), components);
        QTest::newRow("own bom, bad licence id") << schemaFor(QStringLiteral("cyclonedx")) << QJsonDocument(bom).toJson();
        // Our own SARIF with a level the spec does not have.
        QJsonObject sarif = renderJson(QStringLiteral("sarif"), alpineScanned());
        QJsonArray runs = sarif.value(u"runs").toArray();
        QJsonObject run = runs[0].toObject();
        QJsonArray results = run.value(u"results").toArray();
        QJsonObject first = results[0].toObject();
        first.insert(QStringLiteral("level"), QStringLiteral("critical"));
        results[0] = first;
        run.insert(QStringLiteral("results"), results);
        runs[0] = run;
        sarif.insert(QStringLiteral("runs"), runs);
        QTest::newRow("own sarif, bad level") << schemaFor(QStringLiteral("sarif")) << QJsonDocument(sarif).toJson();
    }
    void validatorRejectsInvalid()
    {
        QFETCH(QString, schema);
        QFETCH(QByteArray, document);
        QVERIFY(!document.isEmpty());
        const Validation v = validate(schema, document, false);
        QCOMPARE(v.exitCode, 1);
        QVERIFY2(v.output.contains(u"INVALID"), qPrintable(v.output));
    }

    // Same scan = same bytes, whatever order the packages and findings came in.
    void deterministic_data()
    {
        QTest::addColumn<QString>("format");
        for (const Exporter *e : exporters())
            QTest::newRow(qPrintable(e->id())) << e->id();
    }
    void deterministic()
    {
        QFETCH(QString, format);
        const ScanResult r = alpineScanned();
        ScanResult shuffled = r;
        std::mt19937 rng(42);
        std::shuffle(shuffled.packages.begin(), shuffled.packages.end(), rng);
        std::shuffle(shuffled.findings.begin(), shuffled.findings.end(), rng);
        const QByteArray a = render(format, r);
        // BULKHEAD_REPORT_DUMP=<dir> keeps the rendered documents for a look by eye.
        if (const QString dump = qEnvironmentVariable("BULKHEAD_REPORT_DUMP"); !dump.isEmpty()) {
            QFile out(dump + QStringLiteral("/alpine-scanned.") + exporterFor(format)->fileExtension());
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(a);
        }
        QCOMPARE(render(format, r), a);
        QCOMPARE(render(format, shuffled), a);
        // A different scan gets a different document identity.
        ScanResult later = r;
        later.finishedAt = later.finishedAt.addSecs(60);
        if (format == u"cyclonedx" || format == u"spdx")
            QVERIFY(render(format, later) != a);
    }

    void json()
    {
        const QJsonObject doc = renderJson(QStringLiteral("json"), alpineScanned());
        QCOMPARE(doc.value(u"schemaVersion").toInt(), 1);
        QCOMPARE(doc.value(u"image").toObject().value(u"configDigest").toString(),
                 QStringLiteral("sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e"));
        const QJsonArray layers = doc.value(u"image").toObject().value(u"layers").toArray();
        QCOMPARE(layers.size(), 2);
        QCOMPARE(layers[0].toObject().value(u"diffId").toString(),
                 QStringLiteral("sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028"));
        QCOMPARE(doc.value(u"image").toObject().value(u"history").toArray().size(), 2);
        QCOMPARE(doc.value(u"os").toObject().value(u"osvEcosystem").toString(), QStringLiteral("Alpine:v3.10"));
        const QJsonArray packages = doc.value(u"packages").toArray();
        QCOMPARE(packages.size(), 15);
        // Sorted by ecosystem, then name: all apk packages first, alpine-baselayout leading.
        QCOMPARE(packages[0].toObject().value(u"name").toString(), QStringLiteral("alpine-baselayout"));
        QCOMPARE(packages[14].toObject().value(u"ecosystem").toString(), QStringLiteral("npm"));
        const QJsonObject ssl = findBy(packages, QStringLiteral("name"), QStringLiteral("libssl1.1"));
        QCOMPARE(ssl.value(u"sourceName").toString(), QStringLiteral("openssl"));
        QCOMPARE(ssl.value(u"layer").toObject().value(u"index").toInt(), 0);

        const QJsonArray findings = doc.value(u"findings").toArray();
        QCOMPARE(findings.size(), 6);
        QStringList order;
        for (const auto &f : findings)
            order << f.toObject().value(u"id").toString() + u'/' + f.toObject().value(u"package").toObject().value(u"name").toString();
        QCOMPARE(order, (QStringList{QStringLiteral("CVE-2020-8203/lodash"), QStringLiteral("CVE-2021-23337/lodash"),
                                     QStringLiteral("CVE-2018-5407/libcrypto1.1"), QStringLiteral("CVE-2018-5407/libssl1.1"),
                                     QStringLiteral("CVE-2020-28500/lodash"), QStringLiteral("CVE-2019-5747/busybox")}));
        const QJsonObject cmd = findings[1].toObject();
        QCOMPARE(cmd.value(u"aliases").toArray(), QJsonArray{QStringLiteral("GHSA-35jh-r3h4-6jhm")});
        QCOMPARE(cmd.value(u"cwes").toArray(), (QJsonArray{QStringLiteral("CWE-77"), QStringLiteral("CWE-94")}));
        QCOMPARE(cmd.value(u"fixedVersion").toString(), QStringLiteral("4.17.21"));
        QCOMPARE(cmd.value(u"cvss").toArray()[0].toObject().value(u"baseScore").toDouble(), 7.2);
        QCOMPARE(cmd.value(u"epss").toObject().value(u"probability"), QJsonValue(QJsonValue::Null));
        QCOMPARE(findings[5].toObject().value(u"fixState").toString(), QStringLiteral("wont-fix"));
        QCOMPARE(doc.value(u"summary").toObject().value(u"bySeverity").toObject().value(u"HIGH").toInt(), 2);

        const QJsonObject sbom = renderJson(QStringLiteral("json"), alpineSbom());
        QVERIFY(!sbom.contains(u"findings"));
        QVERIFY(!sbom.value(u"summary").toObject().contains(u"findings"));
        QCOMPARE(sbom.value(u"scan").toObject().value(u"vulnerabilitiesScanned").toBool(), false);
    }

    void cyclonedx()
    {
        const QJsonObject bom = renderJson(QStringLiteral("cyclonedx"), alpineScanned());
        QVERIFY(QRegularExpression(QStringLiteral("^urn:uuid:[0-9a-f-]{36}$")).match(bom.value(u"serialNumber").toString()).hasMatch());
        const QJsonObject meta = bom.value(u"metadata").toObject();
        QCOMPARE(meta.value(u"timestamp").toString(), QStringLiteral("2026-11-23T05:00:03Z"));
        QCOMPARE(meta.value(u"component").toObject().value(u"type").toString(), QStringLiteral("container"));
        QCOMPARE(meta.value(u"component").toObject().value(u"version").toString(),
                 QStringLiteral("sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e"));
        QCOMPARE(meta.value(u"component").toObject().value(u"purl").toString(),
                 QStringLiteral("pkg:oci/alpine@sha256%3Aaf341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e?arch=amd64&tag=3.10"));
        const QJsonArray components = bom.value(u"components").toArray();
        QCOMPARE(components.size(), 16); // OS + 14 apk + lodash
        QCOMPARE(components[0].toObject().value(u"type").toString(), QStringLiteral("operating-system"));
        const QJsonObject zlib = findBy(components, QStringLiteral("name"), QStringLiteral("zlib"));
        QCOMPARE(zlib.value(u"licenses").toArray()[0].toObject().value(u"license").toObject().value(u"id").toString(),
                 QStringLiteral("Zlib"));
        const QJsonObject apk = findBy(components, QStringLiteral("name"), QStringLiteral("apk-tools"));
        QCOMPARE(apk.value(u"licenses").toArray()[0].toObject().value(u"license").toObject().value(u"name").toString(),
                 QStringLiteral("GPL2"));
        const QJsonArray muslUtils = findBy(components, QStringLiteral("name"), QStringLiteral("musl-utils")).value(u"licenses").toArray();
        QCOMPARE(muslUtils.size(), 3);
        QCOMPARE(muslUtils[0].toObject().value(u"license").toObject().value(u"id").toString(), QStringLiteral("MIT"));
        QCOMPARE(muslUtils[2].toObject().value(u"license").toObject().value(u"name").toString(), QStringLiteral("GPL2+"));
        QJsonObject props;
        for (const auto &p : zlib.value(u"properties").toArray())
            props.insert(p.toObject().value(u"name").toString(), p.toObject().value(u"value"));
        QCOMPARE(props.value(u"bulkhead:layer:index").toString(), QStringLiteral("0"));
        QCOMPARE(props.value(u"bulkhead:foundIn").toString(), QStringLiteral("lib/apk/db/installed"));
        QVERIFY(props.value(u"bulkhead:layer:createdBy").toString().contains(u"ADD file:d48cac34"));

        const QJsonArray deps = bom.value(u"dependencies").toArray();
        QCOMPARE(deps.size(), 1);
        QCOMPARE(deps[0].toObject().value(u"dependsOn").toArray().size(), 16);

        const QJsonArray vulns = bom.value(u"vulnerabilities").toArray();
        QCOMPARE(vulns.size(), 6);
        const QJsonObject cmd = findBy(vulns, QStringLiteral("id"), QStringLiteral("CVE-2021-23337"));
        QCOMPARE(cmd.value(u"cwes").toArray(), (QJsonArray{77, 94}));
        QCOMPARE(cmd.value(u"source").toObject().value(u"name").toString(), QStringLiteral("NVD"));
        QCOMPARE(cmd.value(u"references").toArray()[0].toObject().value(u"id").toString(), QStringLiteral("GHSA-35jh-r3h4-6jhm"));
        const QJsonObject rating = cmd.value(u"ratings").toArray()[0].toObject();
        QCOMPARE(rating.value(u"method").toString(), QStringLiteral("CVSSv31"));
        QCOMPARE(rating.value(u"score").toDouble(), 7.2);
        QCOMPARE(rating.value(u"severity").toString(), QStringLiteral("high"));
        QCOMPARE(rating.value(u"vector").toString(), QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"));
        QVERIFY(cmd.value(u"recommendation").toString().contains(u"4.17.21"));
        const QString lodashRef = findBy(components, QStringLiteral("name"), QStringLiteral("lodash")).value(u"bom-ref").toString();
        QCOMPARE(cmd.value(u"affects").toArray()[0].toObject().value(u"ref").toString(), lodashRef);
        QVERIFY(!cmd.contains(u"analysis"));

        // Triage becomes analysis; KEV and EPSS become properties.
        const ScanResult edge = edgeCases();
        ExportOptions options;
        TriageAnalysis t;
        t.state = QStringLiteral("exploitable");
        t.responses << QStringLiteral("update");
        options.triage.insert(findingKey(edge.findings[0]), t);
        const QJsonObject log4j = renderJson(QStringLiteral("cyclonedx"), edge, options).value(u"vulnerabilities").toArray()[0].toObject();
        QCOMPARE(log4j.value(u"analysis").toObject().value(u"state").toString(), QStringLiteral("exploitable"));
        QJsonObject vprops;
        for (const auto &p : log4j.value(u"properties").toArray())
            vprops.insert(p.toObject().value(u"name").toString(), p.toObject().value(u"value"));
        QCOMPARE(vprops.value(u"bulkhead:kev").toString(), QStringLiteral("true"));
        QCOMPARE(vprops.value(u"bulkhead:kev:dueDate").toString(), QStringLiteral("2021-12-24"));
        QCOMPARE(vprops.value(u"bulkhead:epss:probability").toString(), QStringLiteral("0.94358"));

        const QJsonObject sbom = renderJson(QStringLiteral("cyclonedx"), alpineSbom());
        QVERIFY(!sbom.contains(u"vulnerabilities"));
    }

    void cyclonedxEdgeCases()
    {
        const QJsonObject bom = renderJson(QStringLiteral("cyclonedx"), edgeCases());
        const QJsonArray components = bom.value(u"components").toArray();
        QSet<QString> refs;
        for (const auto &c : components)
            refs.insert(c.toObject().value(u"bom-ref").toString());
        QCOMPARE(refs.size(), components.size()); // the duplicate purl got its own bom-ref
        const QJsonObject unicode = findBy(components, QStringLiteral("name"), QStringLiteral("pâté-ünïcødé"));
        QCOMPARE(unicode.value(u"licenses").toArray()[0].toObject().value(u"expression").toString(),
                 QStringLiteral("(MIT OR Apache-2.0) AND BSD-3-Clause"));
        const QJsonObject named = findBy(components, QStringLiteral("name"), QStringLiteral("名前"));
        QCOMPARE(named.value(u"licenses").toArray()[0].toObject().value(u"expression").toString(),
                 QStringLiteral("GPL-2.0+ AND MIT"));
        QVERIFY(!named.contains(u"purl"));
        const QJsonArray vulns = bom.value(u"vulnerabilities").toArray();
        QCOMPARE(vulns.size(), 2);
        QVERIFY(vulns[0].toObject().value(u"bom-ref") != vulns[1].toObject().value(u"bom-ref"));
        // Triage values outside CycloneDX's vocabulary are dropped, not written invalid.
        ExportOptions options;
        TriageAnalysis t;
        t.state = QStringLiteral("ignored-by-bob");
        options.triage.insert(findingKey(edgeCases().findings[0]), t);
        const QJsonObject triaged = renderJson(QStringLiteral("cyclonedx"), edgeCases(), options);
        QVERIFY(!triaged.value(u"vulnerabilities").toArray()[0].toObject().contains(u"analysis"));
    }

    void spdx()
    {
        const QRegularExpression idRe(QStringLiteral("^SPDXRef-[A-Za-z0-9.-]+$"));
        for (const ScanResult &r : {alpineScanned(), edgeCases()}) {
            const QJsonObject doc = renderJson(QStringLiteral("spdx"), r);
            const QJsonArray packages = doc.value(u"packages").toArray();
            QSet<QString> ids;
            for (const auto &p : packages) {
                const QString id = p.toObject().value(u"SPDXID").toString();
                QVERIFY2(idRe.match(id).hasMatch(), qPrintable(id));
                ids.insert(id);
            }
            QCOMPARE(ids.size(), packages.size());
            int describes = 0, contains = 0;
            for (const auto &rel : doc.value(u"relationships").toArray()) {
                const QJsonObject o = rel.toObject();
                QVERIFY(ids.contains(o.value(u"relatedSpdxElement").toString()));
                describes += o.value(u"relationshipType").toString() == u"DESCRIBES";
                contains += o.value(u"relationshipType").toString() == u"CONTAINS";
            }
            QCOMPARE(describes, 1);
            QCOMPARE(contains, packages.size() - 1);
            // Every LicenseRef used is defined.
            QSet<QString> defined;
            for (const auto &info : doc.value(u"hasExtractedLicensingInfos").toArray())
                defined.insert(info.toObject().value(u"licenseId").toString());
            static const QRegularExpression refRe(QStringLiteral("LicenseRef-[A-Za-z0-9.-]+"));
            for (const auto &p : packages) {
                auto it = refRe.globalMatch(p.toObject().value(u"licenseDeclared").toString());
                while (it.hasNext()) {
                    const QString ref = it.next().captured();
                    QVERIFY2(defined.contains(ref), qPrintable(ref));
                }
            }
        }
        const QJsonObject doc = renderJson(QStringLiteral("spdx"), alpineScanned());
        const QJsonArray packages = doc.value(u"packages").toArray();
        const QJsonObject image = packages[0].toObject();
        QCOMPARE(image.value(u"primaryPackagePurpose").toString(), QStringLiteral("CONTAINER"));
        QCOMPARE(image.value(u"name").toString(), QStringLiteral("alpine:3.10"));
        QCOMPARE(findBy(packages, QStringLiteral("name"), QStringLiteral("zlib")).value(u"licenseDeclared").toString(), QStringLiteral("Zlib"));
        QCOMPARE(findBy(packages, QStringLiteral("name"), QStringLiteral("apk-tools")).value(u"licenseDeclared").toString(),
                 QStringLiteral("LicenseRef-GPL2"));
        QCOMPARE(findBy(packages, QStringLiteral("name"), QStringLiteral("musl-utils")).value(u"licenseDeclared").toString(),
                 QStringLiteral("MIT AND LicenseRef-BSD AND LicenseRef-GPL2-"));
        QCOMPARE(findBy(packages, QStringLiteral("name"), QStringLiteral("ca-certificates-cacert")).value(u"licenseDeclared").toString(),
                 QStringLiteral("MPL-2.0 AND GPL-2.0-or-later"));
        const QJsonObject ssl = findBy(packages, QStringLiteral("name"), QStringLiteral("libssl1.1"));
        QCOMPARE(ssl.value(u"licenseConcluded").toString(), QStringLiteral("NOASSERTION"));
        QCOMPARE(ssl.value(u"downloadLocation").toString(), QStringLiteral("NOASSERTION"));
        const QJsonObject ref = ssl.value(u"externalRefs").toArray()[0].toObject();
        QCOMPARE(ref.value(u"referenceCategory").toString(), QStringLiteral("PACKAGE-MANAGER"));
        QCOMPARE(ref.value(u"referenceLocator").toString(),
                 QStringLiteral("pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64&distro=alpine-3.10.4"));
        QVERIFY(doc.value(u"documentNamespace").toString().startsWith(u"https://spdx.org/spdxdocs/bulkhead/alpine-3.10-"));
        // SPDX ids of names with spaces, '@', '/' and unicode are sanitized and unique.
        const QJsonArray edge = renderJson(QStringLiteral("spdx"), edgeCases()).value(u"packages").toArray();
        QCOMPARE(findBy(edge, QStringLiteral("name"), QStringLiteral("名前")).value(u"SPDXID").toString(),
                 QStringLiteral("SPDXRef-Package-pypi----0.1"));
    }

    void sarif()
    {
        const QJsonObject doc = renderJson(QStringLiteral("sarif"), alpineScanned());
        QCOMPARE(doc.value(u"version").toString(), QStringLiteral("2.1.0"));
        const QJsonObject run = doc.value(u"runs").toArray()[0].toObject();
        const QJsonObject driver = run.value(u"tool").toObject().value(u"driver").toObject();
        QCOMPARE(driver.value(u"version").toString(), report::toolVersion());
        QVERIFY(!driver.value(u"informationUri").toString().isEmpty());
        const QJsonArray rules = driver.value(u"rules").toArray();
        QCOMPARE(rules.size(), 5); // CVE-2018-5407 is one rule for two packages
        const QJsonArray results = run.value(u"results").toArray();
        QCOMPARE(results.size(), 6);
        for (const auto &rv : results) {
            const QJsonObject r = rv.toObject();
            QCOMPARE(rules[r.value(u"ruleIndex").toInt()].toObject().value(u"id").toString(), r.value(u"ruleId").toString());
            QCOMPARE(r.value(u"locations").toArray()[0].toObject().value(u"physicalLocation").toObject()
                         .value(u"artifactLocation").toObject().value(u"uri").toString(),
                     QStringLiteral("alpine%3A3.10"));
        }
        const QJsonObject cmdRule = findBy(rules, QStringLiteral("id"), QStringLiteral("CVE-2021-23337"));
        QCOMPARE(cmdRule.value(u"properties").toObject().value(u"security-severity").toString(), QStringLiteral("7.2"));
        QVERIFY(cmdRule.value(u"properties").toObject().value(u"tags").toArray().contains(QStringLiteral("external/cwe/cwe-94")));
        QCOMPARE(cmdRule.value(u"helpUri").toString(), QStringLiteral("https://nvd.nist.gov/vuln/detail/CVE-2021-23337"));
        const QJsonObject cmd = findBy(results, QStringLiteral("ruleId"), QStringLiteral("CVE-2021-23337"));
        QCOMPARE(cmd.value(u"level").toString(), QStringLiteral("error"));
        QCOMPARE(cmd.value(u"message").toObject().value(u"text").toString(),
                 QStringLiteral("Package lodash 4.17.15 is affected by CVE-2021-23337 (HIGH); fixed in 4.17.21."));
        const QJsonObject second = cmd.value(u"locations").toArray()[1].toObject();
        QCOMPARE(second.value(u"physicalLocation").toObject().value(u"artifactLocation").toObject().value(u"uri").toString(),
                 QStringLiteral("usr/lib/node_modules/lodash/package.json"));
        QCOMPARE(cmd.value(u"locations").toArray()[0].toObject().value(u"logicalLocations").toArray()[0].toObject()
                     .value(u"name").toString(),
                 QStringLiteral("layer 1"));
        QCOMPARE(findBy(results, QStringLiteral("ruleId"), QStringLiteral("CVE-2018-5407")).value(u"level").toString(),
                 QStringLiteral("warning"));
        const QJsonObject busybox = findBy(results, QStringLiteral("ruleId"), QStringLiteral("CVE-2019-5747"));
        QCOMPARE(busybox.value(u"level").toString(), QStringLiteral("note"));
        QVERIFY(busybox.value(u"message").toObject().value(u"text").toString().contains(u"will not fix"));

        const QJsonObject sbom = renderJson(QStringLiteral("sarif"), alpineSbom());
        QVERIFY(sbom.value(u"runs").toArray()[0].toObject().value(u"results").toArray().isEmpty());
    }

    void tableFindings()
    {
        ExportOptions options;
        options.terminalWidth = 100;
        const QString out = QString::fromUtf8(render(QStringLiteral("table"), alpineScanned(), options));
        if (qEnvironmentVariableIsSet("BULKHEAD_SHOW_TABLE"))
            qInfo().noquote() << out;
        const QStringList lines = out.split(u'\n');
        QCOMPARE(lines[0], QStringLiteral("Image:    alpine:3.10"));
        QVERIFY(lines.contains(QStringLiteral("Findings: 6 (CRITICAL 0, HIGH 2, MEDIUM 3, LOW 0, UNKNOWN 1)")));
        const int header = int(lines.indexOf(QRegularExpression(QStringLiteral("^PACKAGE .*"))));
        QVERIFY(header > 0);
        const QStringList titles{QStringLiteral("INSTALLED"), QStringLiteral("FIXED"), QStringLiteral("SEVERITY"),
                                 QStringLiteral("ID"), QStringLiteral("INSTRUCTION")};
        QVector<int> starts;
        for (const QString &t : titles)
            starts << int(lines[header].indexOf(u"  " + t)) + 2;
        // Every row has a value starting exactly at each column start, after padding.
        int rows = 0;
        for (int i = header + 2; i < lines.size() && !lines[i].isEmpty(); ++i, ++rows) {
            const QString &l = lines[i];
            QVERIFY2(l.size() <= 100, qPrintable(l));
            for (int s : starts) {
                QVERIFY2(l[s - 1] == u' ' && l[s] != u' ', qPrintable(l));
            }
        }
        QCOMPARE(rows, 6);
        QVERIFY(out.contains(u"(not fixed)"));
        QVERIFY(out.contains(u"(won't fix)"));
        QVERIFY(out.contains(u"4.17.21"));
        // The legacy builder's "/bin/sh -c #(nop) ADD file:<64 hex> in / " does not fit: shortened.
        QVERIFY(out.contains(u"ADD file:d48cac34"));
        QVERIFY(!out.contains(u"#(nop)"));
        QVERIFY(out.contains(QChar(0x2026)));
        QVERIFY(out.contains(u"COPY node_modules/ /usr/lib/node_mo"));
        QVERIFY(!out.contains(u"buildkit"));
        QVERIFY(!out.contains(u"\x1b["));

        options.colour = true;
        const QString coloured = QString::fromUtf8(render(QStringLiteral("table"), alpineScanned(), options));
        QVERIFY(coloured.contains(QStringLiteral("\x1b[31mHIGH\x1b[0m")));
        QVERIFY(coloured.contains(QStringLiteral("\x1b[33mMEDIUM\x1b[0m")));

        // Hostile names cannot drive the terminal, even with colours on.
        ScanResult hostile = alpineScanned();
        hostile.findings[0].package.name = QStringLiteral("evil\x1b[2J\x1b]0;pwned\x07name");
        hostile.image.reference = QStringLiteral("ref\rwith\x1b[1Acontrols");
        const QString safe = QString::fromUtf8(render(QStringLiteral("table"), hostile, options));
        QVERIFY(!safe.contains(u"\x1b[2J"));
        QVERIFY(!safe.contains(u'\a'));
        QVERIFY(!safe.contains(u'\r'));
        QVERIFY(safe.contains(QStringLiteral("evil\uFFFD[2J\uFFFD]0;pwned\uFFFDname")));

        const QString none = QString::fromUtf8(render(QStringLiteral("table"), emptyResult(true)));
        QVERIFY(none.contains(u"No vulnerabilities found."));
    }

    void tableSbom()
    {
        const QString out = QString::fromUtf8(render(QStringLiteral("table"), alpineSbom()));
        if (qEnvironmentVariableIsSet("BULKHEAD_SHOW_TABLE"))
            qInfo().noquote() << out;
        const QStringList lines = out.split(u'\n');
        const int header = int(lines.indexOf(QRegularExpression(QStringLiteral("^NAME .*"))));
        QVERIFY(header > 0);
        QVERIFY(lines[header].contains(u"TYPE") && lines[header].contains(u"LAYER"));
        QVERIFY(!out.contains(u"Findings:"));
        QCOMPARE(lines[header + 2].left(17), QStringLiteral("alpine-baselayout"));
        // No width limit: the whole instruction, the "/bin/sh -c #(nop) " prefix dropped.
        QVERIFY(lines[header + 2].endsWith(
            u"ADD file:d48cac34fac385cbc1de6adfdd88300f76f9bbe346cd17e64fd834d042a98326 in /"));
        int rows = 0;
        for (int i = header + 2; i < lines.size() && !lines[i].isEmpty(); ++i)
            ++rows;
        QCOMPARE(rows, 14);
        // The same instruction column, at the same offset, on every row.
        const int col = int(lines[header].indexOf(u"INSTRUCTION"));
        for (int i = header + 2; i < header + 2 + rows; ++i)
            QCOMPARE(lines[i].mid(col, 9), QStringLiteral("ADD file:"));
    }

    void shortInstruction_data()
    {
        QTest::addColumn<QString>("createdBy");
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("expected");
        QTest::newRow("legacy nop") << QStringLiteral("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]") << 0 << QStringLiteral("CMD [\"/bin/sh\"]");
        QTest::newRow("legacy run") << QStringLiteral("/bin/sh -c apk add --no-cache curl") << 0
                                    << QStringLiteral("RUN apk add --no-cache curl");
        QTest::newRow("buildkit run") << QStringLiteral("RUN /bin/sh -c apt-get update # buildkit") << 0
                                      << QStringLiteral("RUN apt-get update");
        QTest::newRow("buildkit args") << QStringLiteral("RUN |2 VERSION=1.2 DEBIAN_FRONTEND=noninteractive /bin/sh -c make") << 0
                                       << QStringLiteral("RUN make");
        QTest::newRow("elided") << QStringLiteral("/bin/sh -c apk add --no-cache curl") << 12
                                << QStringLiteral("RUN apk add\u2026");
        QTest::newRow("empty") << QString() << 10 << QString();
    }
    void shortInstruction()
    {
        QFETCH(QString, createdBy);
        QFETCH(int, width);
        QFETCH(QString, expected);
        QCOMPARE(report::shortInstruction(createdBy, width), expected);
    }
};

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
