// ComposerCataloger over real vendor/composer/installed.json files in both layouts: the
// Composer 1 (array) and Composer 2 ({"packages"}) fixtures of anchore/syft, which list the same
// two packages (tests/data/catalog-bin/SOURCES.md).
#include "binfixtures.h"
#include "catalog/pkgmgr/composercataloger.h"

#include <QTest>

using namespace bulkhead;

namespace {

const QString kPath = QStringLiteral("var/www/html/vendor/composer/installed.json");

Result<FileFacts> parse(const QByteArray &content)
{
    return ComposerCataloger().parse({ kPath, content.size(), 0100644 }, content);
}

} // namespace

class TestComposerCataloger : public QObject {
    Q_OBJECT
private slots:
    void bothLayouts_data();
    void bothLayouts();
    void broken_data();
    void broken();
    void branchVersionsAndSkips();
    void wants();
};

void TestComposerCataloger::bothLayouts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("devKnown");
    QTest::newRow("Composer 1") << "composer/composer_1/installed.json" << false;
    QTest::newRow("Composer 2") << "composer/composer_2/installed.json" << true;
}

void TestComposerCataloger::bothLayouts()
{
    QFETCH(QString, file);
    QFETCH(bool, devKnown);
    const auto facts = parse(test::binFixture(file));
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
    QVERIFY(facts->warnings.isEmpty());
    QCOMPARE(facts->packages.size(), 2);

    const Package &cors = facts->packages.at(0);
    QCOMPARE(cors.name, QStringLiteral("asm89/stack-cors"));
    QCOMPARE(cors.version, QStringLiteral("1.3.0"));
    QVERIFY(!cors.metadata.contains(QStringLiteral("composerVersion")));
    QCOMPARE(cors.purl, QStringLiteral("pkg:composer/asm89/stack-cors@1.3.0"));
    QCOMPARE(cors.licenses, QStringList { QStringLiteral("MIT") });
    QCOMPARE(cors.metadata.value(QStringLiteral("sourceReference")), QStringLiteral("b9c31def6a83f84b4d4a40d35996d375755f0e08"));
    QVERIFY(!cors.metadata.contains(QStringLiteral("dev")));

    // The tag "v1.8.1" is version 1.8.1 (version_normalized 1.8.1.0 in the same entry).
    const Package &mink = facts->packages.at(1);
    QCOMPARE(mink.name, QStringLiteral("behat/mink"));
    QCOMPARE(mink.version, QStringLiteral("1.8.1"));
    QCOMPARE(mink.metadata.value(QStringLiteral("composerVersion")), QStringLiteral("v1.8.1"));
    QCOMPARE(mink.purl, QStringLiteral("pkg:composer/behat/mink@1.8.1"));
    QCOMPARE(mink.metadata.contains(QStringLiteral("dev")), devKnown);
    for (const Package &p : facts->packages) {
        QCOMPARE(p.ecosystem, Ecosystem::Composer);
        QCOMPARE(p.cataloger, QStringLiteral("composer"));
        QCOMPARE(p.foundIn, kPath);
        QCOMPARE(p.metadata.value(QStringLiteral("type")), QStringLiteral("library"));
    }
}

void TestComposerCataloger::broken_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << test::binFixture(QStringLiteral("composer/composer_2/installed.json")).left(700);
    QTest::newRow("object without packages") << QByteArray(R"({"dev": true})");
    QTest::newRow("packages not an array") << QByteArray(R"({"packages": {"a/b": "1.0"}})");
    QTest::newRow("binary") << QByteArray("\x1f\x8b\x08\x00", 4);
}

void TestComposerCataloger::broken()
{
    QFETCH(QByteArray, content);
    const auto facts = parse(content);
    QVERIFY(!facts);
    QVERIFY(facts.error().message.contains(kPath));
}

void TestComposerCataloger::branchVersionsAndSkips()
{
    const auto facts = parse(QByteArray(R"({"packages":[{"name":"acme/tool","version":"dev-main","license":"proprietary"},)"
                                        R"({"name":"acme/lib","version":"2.x-dev"},{"name":"acme/noversion"},)"
                                        R"({"version":"1.0.0"}, 42, {"name":"Acme/Upper","version":"V2.0.0"}]})"));
    QVERIFY(facts);
    QCOMPARE(facts->packages.size(), 3);
    QCOMPARE(facts->warnings.size(), 1);
    QVERIFY(facts->packages.at(0).metadata.contains(kMetaNotMatchable));
    QCOMPARE(facts->packages.at(0).licenses, QStringList { QStringLiteral("proprietary") });
    QVERIFY(facts->packages.at(1).metadata.contains(kMetaNotMatchable));
    // purl-spec composer: namespace and name are case-insensitive, so lower-cased in the PURL.
    QCOMPARE(facts->packages.at(2).purl, QStringLiteral("pkg:composer/acme/upper@2.0.0"));
    QCOMPARE(facts->packages.at(2).name, QStringLiteral("Acme/Upper"));
}

void TestComposerCataloger::wants()
{
    ComposerCataloger c;
    QVERIFY(c.wants({ QStringLiteral("vendor/composer/installed.json"), 1, 0100644 }));
    QVERIFY(c.wants({ kPath, 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("var/www/html/composer.lock"), 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("var/www/myvendor/composer/installed.json"), 1, 0100644 }));
}

QTEST_GUILESS_MAIN(TestComposerCataloger)
#include "tst_composercataloger.moc"
