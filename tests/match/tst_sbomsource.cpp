// SBOM input (sbom:PATH): official CycloneDX and SPDX examples and a peer's real SBOMs become
// packages and an OS; bad documents are clear errors; purls map to Bulkhead's ecosystems.

#include "scan/sbomsource.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bulkhead;

namespace {

QString sbom(const char *name)
{
    return test::dataPath(QStringLiteral("match/sbom/") + QLatin1String(name));
}

QStringList describe(const QVector<Package> &packages)
{
    QStringList out;
    for (const Package &p : packages)
        out << p.ecosystem + u' ' + p.name + u' ' + p.version;
    return out;
}

} // namespace

class TestSbomSource : public QObject {
    Q_OBJECT
private slots:
    void purl_data();
    void purl();
    void distro();
    void cycloneDxOfficial();
    void spdxOfficial();
    void trivyCentos();
    void trivyNpmNewerSpec();
    void badDocuments_data();
    void badDocuments();
};

void TestSbomSource::purl_data()
{
    QTest::addColumn<QString>("purl");
    QTest::addColumn<QString>("ecosystem");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("sourceName");
    QTest::addColumn<QString>("sourceVersion");
    auto row = [](const char *tag, const char *purl, const char *eco, const char *name, const char *version,
                  const char *srcName = "", const char *srcVersion = "") {
        QTest::newRow(tag) << QString::fromUtf8(purl) << QString::fromUtf8(eco) << QString::fromUtf8(name)
                           << QString::fromUtf8(version) << QString::fromUtf8(srcName) << QString::fromUtf8(srcVersion);
    };
    // syft/trivy write the source package as "upstream".
    row("deb upstream", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12",
        "deb", "libc6", "2.36-9+deb12u4", "glibc");
    row("deb upstream@version", "pkg:deb/debian/libpcre3@2:8.39-15?upstream=pcre3%408.39-15%2Bb1", "deb", "libpcre3",
        "2:8.39-15", "pcre3", "8.39-15+b1");
    row("apk origin", "pkg:apk/alpine/libssl1.1@1.1.1k-r0?arch=x86_64&upstream=openssl&distro=alpine-3.13.5", "apk",
        "libssl1.1", "1.1.1k-r0", "openssl");
    row("rpm epoch", "pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810", "rpm",
        "openssl-libs", "1:1.0.2k-16.el7");
    row("npm scope", "pkg:npm/%40babel/core@7.1.0", "npm", "@babel/core", "7.1.0");
    row("maven", "pkg:maven/org.apache.jena/apache-jena@3.12.0", "maven", "org.apache.jena:apache-jena", "3.12.0");
    row("golang", "pkg:golang/golang.org/x/net@v0.22.0", "go", "golang.org/x/net", "v0.22.0");
    row("composer", "pkg:composer/laravel/framework@5.5.0", "composer", "laravel/framework", "5.5.0");
    row("pypi (purl-spec: lower case)", "pkg:pypi/Django@1.11.29", "pypi", "django", "1.11.29");
    row("cargo", "pkg:cargo/smallvec@1.6.0", "cargo", "smallvec", "1.6.0");
    row("gem", "pkg:gem/rack@2.0.0", "gem", "rack", "2.0.0");
    row("nuget", "pkg:nuget/Newtonsoft.Json@12.0.1", "nuget", "Newtonsoft.Json", "12.0.1");
    row("unknown type", "pkg:hackage/aeson@1.0", "", "", "");
    row("not a purl", "https://example.com/x", "", "", "");
}

void TestSbomSource::purl()
{
    QFETCH(QString, purl);
    QFETCH(QString, ecosystem);
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, sourceName);
    QFETCH(QString, sourceVersion);
    const auto p = packageFromPurl(purl);
    QCOMPARE(p.has_value(), !ecosystem.isEmpty());
    if (!p)
        return;
    QCOMPARE(p->ecosystem, ecosystem);
    QCOMPARE(p->name, name);
    QCOMPARE(p->version, version);
    QCOMPARE(p->sourceName, sourceName);
    QCOMPARE(p->sourceVersion, sourceVersion);
    QCOMPARE(p->purl, purl);
}

void TestSbomSource::distro()
{
    OsInfo os = osFromPurlDistro(QStringLiteral("debian-12"));
    QCOMPARE(os.id, QStringLiteral("debian"));
    QCOMPARE(os.osvEcosystem(), QStringLiteral("Debian:12"));
    os = osFromPurlDistro(QStringLiteral("alpine-3.19.1"));
    QCOMPARE(os.osvEcosystem(), QStringLiteral("Alpine:v3.19"));
    os = osFromPurlDistro(QStringLiteral("debian-bookworm"));
    QCOMPARE(os.versionCodename, QStringLiteral("bookworm"));
    QVERIFY(os.versionId.isEmpty());
}

void TestSbomSource::cycloneDxOfficial()
{
    // CycloneDX/specification's valid-bom-1.6.json: three maven components; the fourth purl is a
    // pedigree ancestor (what the fork came from), not something installed.
    auto r = readSbom(sbom("valid-bom-1.6.json"));
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(r->image.sourceKind, QStringLiteral("sbom"));
    QCOMPARE(describe(r->packages),
             (QStringList{QStringLiteral("maven com.acme:tomcat-catalina 9.0.14"),
                          QStringLiteral("maven com.example:myapplication 1.0.0"),
                          QStringLiteral("maven com.example:myframework 1.0.0")}));
    QVERIFY(!r->os.isKnown());

    r = readSbom(sbom("valid-vulnerability-1.5.json"));
    QVERIFY(r);
    QVERIFY(describe(r->packages).contains(QStringLiteral("maven com.fasterxml.jackson.core:jackson-databind 2.9.4")));
}

void TestSbomSource::spdxOfficial()
{
    // spdx-spec's SPDXJSONExample-v2.3: one package has a purl, the others none (warnings).
    auto r = readSbom(sbom("SPDXJSONExample-v2.3.spdx.json"));
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(describe(r->packages), QStringList{QStringLiteral("maven org.apache.jena:apache-jena 3.12.0")});
    QVERIFY(!r->warnings.isEmpty());
    for (const ScanWarning &w : r->warnings)
        QCOMPARE(w.stage, QStringLiteral("sbom"));
}

void TestSbomSource::trivyCentos()
{
    // Trivy's CentOS 7 SBOM: an operating-system component and rpm purls with an epoch.
    auto r = readSbom(sbom("centos-7-cyclonedx-1.5.json"));
    QVERIFY(r);
    QCOMPARE(r->os.id, QStringLiteral("centos"));
    QCOMPARE(r->os.versionId, QStringLiteral("7.6.1810"));
    QCOMPARE(describe(r->packages), (QStringList{QStringLiteral("rpm bash 4.2.46-31.el7"),
                                                 QStringLiteral("rpm openssl-libs 1:1.0.2k-16.el7")}));
    QCOMPARE(r->packages.at(1).arch, QStringLiteral("x86_64"));
}

void TestSbomSource::trivyNpmNewerSpec()
{
    // CycloneDX 1.7 is read with a warning; the application component has no purl (not a package).
    auto r = readSbom(sbom("npm-cyclonedx-1.7.json"));
    QVERIFY(r);
    QCOMPARE(r->packages.size(), 12);
    QVERIFY(describe(r->packages).contains(QStringLiteral("npm jquery 3.3.9")));
    bool versionWarning = false;
    for (const ScanWarning &w : r->warnings)
        versionWarning = versionWarning || w.message.contains(QStringLiteral("1.7"));
    QVERIFY(versionWarning);
}

void TestSbomSource::badDocuments_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QFile f(sbom("invalid-bomformat-1.6.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QTest::newRow("bomFormat AnotherFormat (official invalid sample)") << f.readAll() << "neither";
    QTest::newRow("truncated JSON") << QByteArray(R"({"bomFormat":"CycloneDX","components":[)") << "not valid JSON";
    QTest::newRow("not JSON") << QByteArray("\x00\x01garbage", 9) << "not valid JSON";
    QTest::newRow("a JSON array") << QByteArray("[1,2]") << "neither";
    QTest::newRow("components not an array")
        << QByteArray(R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":{"purl":"pkg:npm/x@1"}})") << "";
}

void TestSbomSource::badDocuments()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bom.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    auto r = readSbom(path);
    if (message.isEmpty()) {
        // Well-formed but odd: read, nothing found, no crash.
        QVERIFY(r);
        QVERIFY(r->packages.isEmpty());
        return;
    }
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    QVERIFY(!readSbom(dir.filePath(QStringLiteral("missing.json"))));
}

QTEST_GUILESS_MAIN(TestSbomSource)
#include "tst_sbomsource.moc"
