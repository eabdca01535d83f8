// `bulkhead scan` end to end through the binary: real images and SBOMs against a database of
// real advisories; --fail-on exit codes, --severity, --ignore-unfixed, SARIF/CycloneDX validated
// with the official schemas, sbom: round trips (CycloneDX and SPDX made by `bulkhead sbom`),
// the official CycloneDX/SPDX examples, missing and empty databases.

#include "catalog/apkcataloger.h"
#include "testutil.h"
#include "vulndb/importer.h"
#include "vulndb/vulndbwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bulkhead;

namespace {

QString image310() { return QStringLiteral("docker-archive:") + test::dataPath(QStringLiteral("image/alpine-310.tar.gz")); }

QJsonObject parseJson(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// "name version" of every package, and "id package" of every finding, in a json report.
QStringList packagesOf(const QJsonObject &report)
{
    QStringList out;
    for (const auto &p : report.value(u"packages").toArray())
        out << p.toObject().value(u"name").toString() + u' ' + p.toObject().value(u"version").toString() + u' '
                + p.toObject().value(u"sourceName").toString();
    out.sort();
    return out;
}

QStringList findingsOf(const QJsonObject &report)
{
    QStringList out;
    for (const auto &f : report.value(u"findings").toArray()) {
        const QJsonObject o = f.toObject();
        out << o.value(u"id").toString() + u' ' + o.value(u"package").toObject().value(u"name").toString() + u' '
                + o.value(u"severity").toString() + u' ' + o.value(u"fixState").toString();
    }
    return out;
}

// The official schema validator the exporter tests use (tests/data/schemas/validate_offline.py).
QString schemaProblems(const QString &schemaRelative, const QString &documentPath)
{
    const QString schemas = test::dataPath(QStringLiteral("schemas"));
    QProcess p;
    p.setWorkingDirectory(schemas);
    p.start(QStandardPaths::findExecutable(QStringLiteral("python3")),
            {schemas + QStringLiteral("/validate_offline.py"), schemas + u'/' + schemaRelative, documentPath});
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return QStringLiteral("validator did not run");
    return p.exitCode() == 0 ? QString() : QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

} // namespace

class TestScanCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanImageExitsZero();
    void failOnAndFilters_data();
    void failOnAndFilters();
    void sarifAndCycloneDxValidate_data();
    void sarifAndCycloneDxValidate();
    void sbomRoundTrip_data();
    void sbomRoundTrip();
    void officialExamples_data();
    void officialExamples();
    void databaseErrors();
    void badOptions_data();
    void badOptions();

private:
    test::RunResult scan(const QStringList &args, const QString &db = {})
    {
        QStringList all{QStringLiteral("scan"), QStringLiteral("--quiet"), QStringLiteral("--no-cache"),
                        QStringLiteral("--db"), db.isEmpty() ? m_db : db};
        return test::runBulkhead(all + args);
    }

    QTemporaryDir m_dir;
    QString m_db;
    QString m_vulnerableSbom;
};

void TestScanCli::initTestCase()
{
    QVERIFY(QFile::exists(test::bulkheadBinary()));
    m_db = m_dir.filePath(QStringLiteral("vulndb.sqlite"));
    {
        auto w = VulnDbWriter::open(m_db);
        QVERIFY(w);
        Importer importer(**w);
        for (const QString &rel : {QStringLiteral("match/osv-Alpine-DERIVED-secdb-2020-all.zip"),
                                   QStringLiteral("vulndb/osv/GHSA-npm-sample"),
                                   QStringLiteral("vulndb/kev/known_exploited_vulnerabilities.json")})
            QVERIFY(importer.importPath(test::dataPath(rel)));
    }

    // A syft-style CycloneDX SBOM of real packages: trivy's Alpine 3.4-era apk database (with
    // origin as "upstream") plus lodash 4.17.15, minimist 1.2.5 and lodash.trim 4.5.1 from npm.
    QFile f(test::dataPath(QStringLiteral("catalog/apk/trivy-installed")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray content = f.readAll();
    auto facts = ApkCataloger().parse({QStringLiteral("lib/apk/db/installed"), content.size(), 0100644}, content);
    QVERIFY(facts);
    QJsonArray components;
    for (const Package &p : facts->packages) {
        QJsonObject c;
        c.insert(QStringLiteral("type"), QStringLiteral("library"));
        c.insert(QStringLiteral("name"), p.name);
        c.insert(QStringLiteral("version"), p.version);
        c.insert(QStringLiteral("purl"), QStringLiteral("pkg:apk/alpine/%1@%2?upstream=%3&distro=alpine-3.4.6")
                                              .arg(p.name, p.version, p.effectiveSourceName()));
        components.append(c);
    }
    for (const char *purl : {"pkg:npm/lodash@4.17.15", "pkg:npm/minimist@1.2.5", "pkg:npm/lodash.trim@4.5.1"}) {
        QJsonObject c;
        c.insert(QStringLiteral("type"), QStringLiteral("library"));
        c.insert(QStringLiteral("name"), QString::fromLatin1(purl).section(u'/', 1).section(u'@', 0, 0));
        c.insert(QStringLiteral("purl"), QString::fromLatin1(purl));
        components.append(c);
    }
    QJsonObject bom;
    bom.insert(QStringLiteral("bomFormat"), QStringLiteral("CycloneDX"));
    bom.insert(QStringLiteral("specVersion"), QStringLiteral("1.5"));
    bom.insert(QStringLiteral("version"), 1);
    bom.insert(QStringLiteral("components"), components);
    m_vulnerableSbom = m_dir.filePath(QStringLiteral("vulnerable.cdx.json"));
    QFile out(m_vulnerableSbom);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(bom).toJson());
}

void TestScanCli::cleanImageExitsZero()
{
    // alpine:3.10.4 was built after every fix the 2020 secdb lists for v3.10.
    const auto r = scan({image310(), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--fail-on"),
                         QStringLiteral("unknown")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value(u"findings").toArray().size(), 0);
    QVERIFY(report.value(u"packages").toArray().size() >= 14);
    QCOMPARE(report.value(u"scan").toObject().value(u"vulnerabilitiesScanned").toBool(), true);
    QVERIFY(report.value(u"scan").toObject().value(u"database").toObject().value(u"advisoryCount").toInt() > 2600);
    QCOMPARE(report.value(u"os").toObject().value(u"osvEcosystem").toString(), QStringLiteral("Alpine:v3.10"));
}

void TestScanCli::failOnAndFilters_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("findings");      // -1: do not check the count
    QTest::addColumn<QStringList>("severities"); // every finding's severity is one of these
    QTest::addColumn<bool>("allFixed");

    // 57 Alpine findings (no severity in secdb: UNKNOWN), lodash ×3 + lodash.trim + minimist.
    QTest::newRow("no gate") << QStringList() << 0 << 62 << QStringList() << false;
    QTest::newRow("fail-on critical") << QStringList{QStringLiteral("--fail-on"), QStringLiteral("critical")} << 1 << 62
                                      << QStringList() << false;
    QTest::newRow("severity high, fail-on critical")
        << QStringList{QStringLiteral("--severity"), QStringLiteral("high"), QStringLiteral("--fail-on"), QStringLiteral("critical")}
        << 0 << 2 << QStringList{QStringLiteral("HIGH")} << true;
    QTest::newRow("severity medium,high; fail-on medium")
        << QStringList{QStringLiteral("--severity"), QStringLiteral("MEDIUM,High"), QStringLiteral("--fail-on"), QStringLiteral("moderate")}
        << 1 << 4 << QStringList{QStringLiteral("HIGH"), QStringLiteral("MEDIUM")} << false;
    // lodash.trim 4.5.1 is the last affected version: no fix.
    QTest::newRow("ignore-unfixed") << QStringList{QStringLiteral("--ignore-unfixed")} << 0 << 61 << QStringList() << true;
    QTest::newRow("ignore-unfixed, medium only, fail-on low")
        << QStringList{QStringLiteral("--ignore-unfixed"), QStringLiteral("--severity"), QStringLiteral("medium"),
                       QStringLiteral("--fail-on"), QStringLiteral("low")}
        << 1 << 1 << QStringList{QStringLiteral("MEDIUM")} << true;
    QTest::newRow("unknown only, fail-on high")
        << QStringList{QStringLiteral("--severity"), QStringLiteral("unknown"), QStringLiteral("--fail-on"), QStringLiteral("high")}
        << 0 << 57 << QStringList{QStringLiteral("UNKNOWN")} << true;
}

void TestScanCli::failOnAndFilters()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(int, findings);
    QFETCH(QStringList, severities);
    QFETCH(bool, allFixed);
    const auto r = scan(QStringList{QStringLiteral("sbom:") + m_vulnerableSbom, QStringLiteral("--format"), QStringLiteral("json")} + options);
    QVERIFY2(r.exitCode == exitCode, r.err.constData());
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value(u"image").toObject().value(u"sourceKind").toString(), QStringLiteral("sbom"));
    const QStringList got = findingsOf(report);
    QCOMPARE(got.size(), findings);
    for (const QString &f : got) {
        if (!severities.isEmpty())
            QVERIFY2(severities.contains(f.section(u' ', 2, 2)), qPrintable(f));
        if (allFixed)
            QVERIFY2(f.endsWith(QStringLiteral(" fixed")), qPrintable(f));
    }
    if (options.isEmpty()) {
        QVERIFY(got.contains(QStringLiteral("CVE-2021-44906 minimist CRITICAL fixed")));
        QVERIFY(got.contains(QStringLiteral("CVE-2020-28500 lodash.trim MEDIUM not-fixed")));
        QVERIFY(got.contains(QStringLiteral("CVE-2016-2180 libssl1.0 UNKNOWN fixed")));
        QCOMPARE(got.first().section(u' ', 2, 2), QStringLiteral("CRITICAL"));
    }
}

void TestScanCli::sarifAndCycloneDxValidate_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("schema");
    QTest::newRow("sarif") << "sarif" << "sarif-2.1.0/sarif-schema-2.1.0.json";
    QTest::newRow("cyclonedx") << "cyclonedx" << "cyclonedx/bom-1.5.schema.json";
}

void TestScanCli::sarifAndCycloneDxValidate()
{
    QFETCH(QString, format);
    QFETCH(QString, schema);
    const QString path = m_dir.filePath(format + QStringLiteral(".json"));
    const auto r = scan({QStringLiteral("sbom:") + m_vulnerableSbom, QStringLiteral("--format"), format,
                         QStringLiteral("--output"), path});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString problems = schemaProblems(schema, path);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray doc = f.readAll();
    // The findings are in the document.
    QVERIFY(doc.contains("CVE-2021-44906"));
    QVERIFY(doc.contains("CVE-2016-2180"));
}

void TestScanCli::sbomRoundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("cyclonedx") << "cyclonedx";
    QTest::newRow("spdx") << "spdx";
}

void TestScanCli::sbomRoundTrip()
{
    // bulkhead sbom of the real image, then scan sbom:FILE: same packages (with their origins),
    // same OS ecosystem, same findings as scanning the image.
    QFETCH(QString, format);
    const QString path = m_dir.filePath(QStringLiteral("alpine-310.") + format + QStringLiteral(".json"));
    auto r = test::runBulkhead({QStringLiteral("sbom"), QStringLiteral("--quiet"), QStringLiteral("--no-cache"), image310(),
                                QStringLiteral("--format"), format, QStringLiteral("--output"), path});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    const auto fromImage = scan({image310(), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(fromImage.exitCode, 0);
    // Older busybox/openssl would match: make the DB answer the same question for both inputs.
    const auto fromSbom = scan({QStringLiteral("sbom:") + path, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(fromSbom.exitCode == 0, fromSbom.err.constData());
    const QJsonObject a = parseJson(fromImage.out), b = parseJson(fromSbom.out);
    QCOMPARE(packagesOf(b), packagesOf(a));
    QVERIFY(packagesOf(b).contains(QStringLiteral("libssl1.1 1.1.1d-r2 openssl")) || packagesOf(b).size() >= 14);
    QCOMPARE(b.value(u"os").toObject().value(u"osvEcosystem").toString(), QStringLiteral("Alpine:v3.10"));
    QCOMPARE(findingsOf(b), findingsOf(a));
    QCOMPARE(b.value(u"image").toObject().value(u"sourceKind").toString(), QStringLiteral("sbom"));
}

void TestScanCli::officialExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("packages");
    QTest::newRow("CycloneDX 1.6 valid-bom") << "match/sbom/valid-bom-1.6.json" << 3;
    QTest::newRow("CycloneDX 1.5 vulnerability sample") << "match/sbom/valid-vulnerability-1.5.json" << 1;
    QTest::newRow("SPDX 2.3 example") << "match/sbom/SPDXJSONExample-v2.3.spdx.json" << 1;
    QTest::newRow("trivy npm CycloneDX 1.7") << "match/sbom/npm-cyclonedx-1.7.json" << 12;
}

void TestScanCli::officialExamples()
{
    QFETCH(QString, file);
    QFETCH(int, packages);
    const auto r = scan({QStringLiteral("sbom:") + test::dataPath(file), QStringLiteral("--format"), QStringLiteral("json"),
                         QStringLiteral("--fail-on"), QStringLiteral("low")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value(u"packages").toArray().size(), packages);
    QCOMPARE(report.value(u"findings").toArray().size(), 0); // no Maven/npm advisories for them in this DB
}

void TestScanCli::databaseErrors()
{
    // Missing database: exit 2 and what to do.
    auto r = scan({image310()}, m_dir.filePath(QStringLiteral("nothing-here.sqlite")));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("bulkhead db update") && r.err.contains("bulkhead db import"), r.err.constData());
    // Empty database (schema, no advisories): same advice.
    const QString empty = m_dir.filePath(QStringLiteral("empty.sqlite"));
    QVERIFY(VulnDbWriter::open(empty));
    r = scan({QStringLiteral("sbom:") + m_vulnerableSbom}, empty);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("empty") && r.err.contains("bulkhead db update"), r.err.constData());
    // Not a database at all.
    r = scan({QStringLiteral("sbom:") + m_vulnerableSbom}, m_vulnerableSbom);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

void TestScanCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("bad severity") << QStringList{QStringLiteral("--severity"), QStringLiteral("high,urgent")};
    QTest::newRow("bad fail-on") << QStringList{QStringLiteral("--fail-on"), QStringLiteral("everything")};
    QTest::newRow("spdx has no findings") << QStringList{QStringLiteral("--format"), QStringLiteral("spdx")};
    QTest::newRow("missing sbom") << QStringList{QStringLiteral("sbom:/nonexistent/bom.json")};
    QTest::newRow("not an sbom") << QStringList{QStringLiteral("sbom:") + test::dataPath(QStringLiteral("match/sbom/invalid-bomformat-1.6.json"))};
}

void TestScanCli::badOptions()
{
    QFETCH(QStringList, args);
    QStringList all = args;
    if (!args.first().startsWith(u"sbom:"))
        all.prepend(QStringLiteral("sbom:") + m_vulnerableSbom);
    const auto r = scan(all);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith("bulkhead: error: "));
    QCOMPARE(r.err.count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestScanCli)
#include "tst_scancli.moc"
