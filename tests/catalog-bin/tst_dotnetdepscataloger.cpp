// DotnetDepsCataloger over a real .NET 6 dependency manifest (anchore/syft's TestLibrary.deps.json,
// tests/data/catalog-bin/SOURCES.md): 12 NuGet packages and 2 project references.
#include "binfixtures.h"
#include "catalog/pkgmgr/dotnetdepscataloger.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bulkhead;

namespace {

const QString kPath = QStringLiteral("app/TestLibrary.deps.json");

Result<FileFacts> parse(const QByteArray &content)
{
    return DotnetDepsCataloger().parse({ kPath, content.size(), 0100644 }, content);
}

} // namespace

class TestDotnetDepsCataloger : public QObject {
    Q_OBJECT
private slots:
    void packages();
    void broken_data();
    void broken();
    void edgeCases();
    void wants();
};

void TestDotnetDepsCataloger::packages()
{
    const QByteArray content = test::binFixture(QStringLiteral("dotnet/TestLibrary.deps.json"));
    const auto facts = parse(content);
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
    QVERIFY(facts->warnings.isEmpty());
    QStringList actual;
    for (const Package &p : facts->packages) {
        actual << p.name + u'/' + p.version;
        QCOMPARE(p.ecosystem, Ecosystem::NuGet);
        QCOMPARE(p.cataloger, QStringLiteral("dotnet-deps"));
        QCOMPARE(p.foundIn, kPath);
        QCOMPARE(p.purl, QStringLiteral("pkg:nuget/%1@%2").arg(p.name, p.version));
        QVERIFY(p.metadata.value(QStringLiteral("sha512")).startsWith(QStringLiteral("sha512-")));
        // The NuGet cache path the SDK wrote is the lower-cased id and version.
        QCOMPARE(p.metadata.value(QStringLiteral("path")), (p.name + u'/' + p.version).toLower());
        QVERIFY(!p.metadata.contains(QStringLiteral("notInRuntimeTarget")));
    }
    QStringList expected { QStringLiteral("AWSSDK.Core/3.7.10.6"), QStringLiteral("Microsoft.Extensions.DependencyInjection/6.0.0"),
            QStringLiteral("Microsoft.Extensions.DependencyInjection.Abstractions/6.0.0"),
            QStringLiteral("Microsoft.Extensions.Logging/6.0.0"), QStringLiteral("Microsoft.Extensions.Logging.Abstractions/6.0.0"),
            QStringLiteral("Microsoft.Extensions.Options/6.0.0"), QStringLiteral("Microsoft.Extensions.Primitives/6.0.0"),
            QStringLiteral("Newtonsoft.Json/13.0.1"), QStringLiteral("Serilog/2.10.0"), QStringLiteral("Serilog.Sinks.Console/4.0.1"),
            QStringLiteral("System.Diagnostics.DiagnosticSource/6.0.0"),
            QStringLiteral("System.Runtime.CompilerServices.Unsafe/6.0.0") };
    actual.sort();
    expected.sort();
    QCOMPARE(actual, expected);
}

void TestDotnetDepsCataloger::broken_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << test::binFixture(QStringLiteral("dotnet/TestLibrary.deps.json")).left(4000);
    QTest::newRow("no libraries") << QByteArray(R"({"runtimeTarget":{"name":".NETCoreApp,Version=v6.0"},"targets":{}})");
    QTest::newRow("libraries is an array") << QByteArray(R"({"libraries":[]})");
}

void TestDotnetDepsCataloger::broken()
{
    QFETCH(QByteArray, content);
    const auto facts = parse(content);
    QVERIFY(!facts);
    QVERIFY(facts.error().message.contains(kPath));
}

void TestDotnetDepsCataloger::edgeCases()
{
    // Runtime packs and projects are not NuGet packages; a key without "/version" is skipped with
    // a warning; a package missing from the runtime target is marked.
    const auto facts = parse(QByteArray(R"({"runtimeTarget":{"name":"T"},"targets":{"T":{"A/1.0.0":{}}},)"
                                        R"("libraries":{"A/1.0.0":{"type":"package"},"B/2.0.0":{"type":"package"},)"
                                        R"("runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/6.0.0":{"type":"runtimepack"},)"
                                        R"("App/1.0.0":{"type":"project"},"NoVersion":{"type":"package"},"/1.0":{"type":"package"}}})"));
    QVERIFY(facts);
    QCOMPARE(facts->packages.size(), 2);
    QCOMPARE(facts->warnings.size(), 1);
    QCOMPARE(facts->packages.at(0).name, QStringLiteral("A"));
    QVERIFY(!facts->packages.at(0).metadata.contains(QStringLiteral("notInRuntimeTarget")));
    QCOMPARE(facts->packages.at(1).name, QStringLiteral("B"));
    QVERIFY(facts->packages.at(1).metadata.contains(QStringLiteral("notInRuntimeTarget")));
}

void TestDotnetDepsCataloger::wants()
{
    DotnetDepsCataloger c;
    QVERIFY(c.wants({ kPath, 1, 0100644 }));
    QVERIFY(c.wants({ QStringLiteral("usr/share/dotnet/shared/Microsoft.NETCore.App/6.0.0/Microsoft.NETCore.App.deps.json"), 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("app/.deps.json"), 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("app/TestLibrary.runtimeconfig.json"), 1, 0100644 }));
}

QTEST_GUILESS_MAIN(TestDotnetDepsCataloger)
#include "tst_dotnetdepscataloger.moc"
