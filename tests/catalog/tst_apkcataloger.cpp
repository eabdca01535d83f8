// ApkCataloger over the installed databases of the real alpine:3.10 / 3.11 images; the expected
// inventories are the images' packages.tsv (tests/data/catalog/SOURCES.md).
#include "catalog/apkcataloger.h"
#include "catalogfixtures.h"

#include <QFile>
#include <QTest>

using namespace bulkhead;

namespace {

QByteArray fixture(const QString &relative) { return test::catalogFixture(relative); }

const QString kDb = QStringLiteral("lib/apk/db/installed");

Result<FileFacts> parse(const QByteArray &content)
{
    return ApkCataloger().parse({ kDb, content.size(), 0100644 }, content);
}

} // namespace

class TestApkCataloger : public QObject {
    Q_OBJECT
private slots:
    void matchesImageInventory_data();
    void matchesImageInventory();
    void ownedPaths();
    void edgeCases_data();
    void edgeCases();
    void wants();
};

void TestApkCataloger::matchesImageInventory_data()
{
    QTest::addColumn<QString>("image");
    QTest::newRow("alpine 3.10") << "alpine-310";
    QTest::newRow("alpine 3.11") << "alpine-311";
}

void TestApkCataloger::matchesImageInventory()
{
    QFETCH(QString, image);
    const auto facts = parse(fixture(QStringLiteral("apk/") + image + u".installed"));
    QVERIFY(facts);
    QVERIFY(facts->warnings.isEmpty());

    QStringList expected;
    for (const QByteArray &line : fixture(QStringLiteral("apk/") + image + u".packages.tsv").split('\n')) {
        if (!line.isEmpty() && !line.startsWith('#'))
            expected << QString::fromUtf8(line);
    }
    QCOMPARE(expected.size(), 14);
    QStringList actual;
    for (const Package &p : facts->packages) {
        actual << p.name + u'\t' + p.version + u'\t' + p.effectiveSourceName() + u'\t' + p.arch;
        QCOMPARE(p.ecosystem, Ecosystem::Apk);
        QCOMPARE(p.foundIn, kDb);
        QCOMPARE(p.cataloger, QStringLiteral("apk"));
        QCOMPARE(p.licenses.size(), 1);
        QVERIFY(!p.metadata.value(QStringLiteral("summary")).isEmpty());
    }
    QCOMPARE(actual, expected);
}

void TestApkCataloger::ownedPaths()
{
    const auto facts = parse(fixture(QStringLiteral("apk/alpine-310.installed")));
    QVERIFY(facts);
    // musl owns lib/libc.musl-x86_64.so.1 and lib/ld-musl-x86_64.so.1 (F:lib then two R: lines).
    const QStringList musl
        = facts->properties.value(ApkCataloger::ownsKey(QStringLiteral("musl"))).split(u'\n');
    QCOMPARE(musl,
        (QStringList {
            QStringLiteral("lib/libc.musl-x86_64.so.1"), QStringLiteral("lib/ld-musl-x86_64.so.1") }));
    QVERIFY(facts->ownedPaths.contains(QStringLiteral("bin/busybox")));
    QVERIFY(facts->properties.value(ApkCataloger::ownsKey(QStringLiteral("busybox")))
                .split(u'\n')
                .contains(QStringLiteral("bin/busybox")));
    const Package &first = facts->packages.first();
    QCOMPARE(first.name, QStringLiteral("musl"));
    QCOMPARE(first.licenses, QStringList { QStringLiteral("MIT") });
    QVERIFY(first.sourceName.isEmpty()); // origin equals the name
    QCOMPARE(first.metadata.value(QStringLiteral("maintainer")),
        QString::fromUtf8("Timo Teräs <timo.teras@iki.fi>"));

    // R: lines with extra attributes after a: still name the file in the current F: directory.
    const auto jre = parse(fixture(QStringLiteral("apk/syft-extra-file-attributes")));
    QVERIFY(jre);
    QCOMPARE(jre->properties.value(ApkCataloger::ownsKey(QStringLiteral("openjdk8-jre"))),
        QStringLiteral("usr/lib/jvm/java-1.8-openjdk/bin/policytool"));
}

void TestApkCataloger::edgeCases_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("sourceName");
    QTest::addColumn<QString>("license");
    QTest::newRow("syft single (origin differs)")
        << fixture(QStringLiteral("apk/syft-single")) << 1 << 0 << "musl-utils"
        << "musl"
        << "MIT BSD GPL2+";
    QTest::newRow("syft extra file attributes")
        << fixture(QStringLiteral("apk/syft-extra-file-attributes")) << 1 << 0 << "openjdk8-jre"
        << "openjdk8"
        << "custom";
    QTest::newRow("trivy Alpine 3.4-era db (one entry without version)")
        << fixture(QStringLiteral("apk/trivy-installed")) << 15 << 1 << "musl"
        << ""
        << "MIT";
    QTest::newRow("osv-scalibr noarch")
        << fixture(QStringLiteral("apk/osv-scalibr-different-arch")) << 1 << 0 << "alpine-baselayout-data"
        << "alpine-baselayout"
        << "GPL-2.0-only";
    QTest::newRow("empty") << QByteArray() << 0 << 0 << ""
                           << ""
                           << "";
    QTest::newRow("no name") << QByteArray("V:1.0\nA:x86_64\n\nP:zlib\nV:1.2.11-r1\n") << 1 << 1 << "zlib"
                             << ""
                             << "";
    QTest::newRow("garbage lines") << QByteArray("hello world\nP:zlib\nV:1.2.11-r1\n") << 1 << 1 << "zlib"
                                   << ""
                                   << "";
    QTest::newRow("hostile file names")
        << QByteArray("P:evil\nV:1-r0\nF:../etc\nR:passwd\nF:usr\nR:../x\nR:ok\n") << 1 << 0 << "evil"
        << ""
        << "";
    QTest::newRow("CRLF") << QByteArray("P:zlib\r\nV:1.2.11-r1\r\no:zlib\r\n\r\n") << 1 << 0 << "zlib"
                          << ""
                          << "";
}

void TestApkCataloger::edgeCases()
{
    QFETCH(QByteArray, content);
    QFETCH(int, count);
    QFETCH(int, warnings);
    QFETCH(QString, name);
    QFETCH(QString, sourceName);
    QFETCH(QString, license);
    const auto facts = parse(content);
    QVERIFY(facts);
    QCOMPARE(facts->packages.size(), count);
    QCOMPARE(facts->warnings.size(), warnings);
    if (count == 0)
        return;
    QCOMPARE(facts->packages.first().name, name);
    QCOMPARE(facts->packages.first().sourceName, sourceName);
    QCOMPARE(facts->packages.first().licenses.value(0), license);
    QCOMPARE(facts->packages.first().version.isEmpty(), false);
    for (const QString &path : facts->ownedPaths)
        QVERIFY2(!path.split(u'/').contains(QStringLiteral("..")), qPrintable(path));
    if (name == u"evil")
        QCOMPARE(facts->ownedPaths, QStringList { QStringLiteral("usr/ok") });
}

void TestApkCataloger::wants()
{
    ApkCataloger c;
    QVERIFY(c.wants({ kDb, 1, 0 }));
    QVERIFY(!c.wants({ QStringLiteral("lib/apk/db/installed.old"), 1, 0 }));
    QVERIFY(!c.wants({ QStringLiteral("usr/lib/apk/db/installed"), 1, 0 }));
    QVERIFY(!c.parse({ kDb, 3, 0 }, QByteArray("P:\0", 3)));
}

QTEST_GUILESS_MAIN(TestApkCataloger)
#include "tst_apkcataloger.moc"
