// assembleInventory over hand-built squashed views made of real files: a two-layer Debian 12
// image, the alpine:3.10 image, a distroless image and a damaged status file.
#include "catalog/apkcataloger.h"
#include "catalog/dpkgcataloger.h"
#include "catalog/inventory.h"
#include "catalog/osreleasecataloger.h"
#include "catalogfixtures.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace bulkhead;

namespace {

QByteArray fixture(const QString &relative) { return test::catalogFixture(relative); }

// Runs the cataloger that wants `path` over the fixture, as the layer walker would.
SquashedFile squashed(
    const QString &path, const QString &fixtureName, int layer, QVector<int> introducedIn = {})
{
    const QByteArray content = fixture(fixtureName);
    const FileMeta meta { path, content.size(), 0100644 };
    SquashedFile f;
    f.path = path;
    f.layerIndex = layer;
    for (const auto &c : allCatalogers()) {
        if (!c->wants(meta))
            continue;
        f.catalogerId = c->id();
        const auto facts = c->parse(meta, content);
        if (facts)
            f.facts = *facts;
        break;
    }
    f.packageIntroducedIn = introducedIn;
    return f;
}

LayerInfo layer(int index, const QString &digest, const QString &diffId, const QString &createdBy)
{
    LayerInfo l;
    l.index = index;
    l.digest = digest;
    l.diffId = diffId;
    l.createdBy = createdBy;
    return l;
}

const Package *find(const Inventory &inv, const QString &name)
{
    for (const Package &p : inv.packages) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

bool sorted(const QVector<Package> &packages)
{
    for (int i = 1; i < packages.size(); ++i) {
        if (packageLessThan(packages[i], packages[i - 1]))
            return false;
    }
    return true;
}

} // namespace

class TestInventory : public QObject {
    Q_OBJECT
private slots:
    void debianTwoLayers();
    void alpineImage();
    void distroless();
    void warningsAndFallbacks();
};

void TestInventory::debianTwoLayers()
{
    // Layer 0 is the Debian base with bash; layer 1 installed zlib1g and rewrote the status file.
    const QVector<LayerInfo> layers = {
        layer(0, QStringLiteral("sha256:aaaa"), QStringLiteral("sha256:d0"),
            QStringLiteral("ADD rootfs.tar.xz /")),
        layer(1, QStringLiteral("sha256:bbbb"), QStringLiteral("sha256:d1"),
            QStringLiteral("RUN /bin/sh -c apt-get install -y zlib1g")),
    };
    const QVector<SquashedFile> files = {
        squashed(QStringLiteral("var/lib/dpkg/status"), QStringLiteral("debian12/status"), 1, { 0, 1 }),
        squashed(QStringLiteral("etc/os-release"), QStringLiteral("debian12/os-release"), 0),
        squashed(QStringLiteral("etc/debian_version"), QStringLiteral("debian12/debian_version"), 0),
        squashed(QStringLiteral("var/lib/dpkg/info/bash.list"), QStringLiteral("debian12/bash.list"), 0),
        squashed(QStringLiteral("var/lib/dpkg/info/zlib1g:amd64.list"),
            QStringLiteral("debian12/zlib1g_amd64.list"), 1),
        squashed(
            QStringLiteral("usr/share/doc/bash/copyright"), QStringLiteral("debian12/bash.copyright"), 0),
        squashed(
            QStringLiteral("usr/share/doc/zlib1g/copyright"), QStringLiteral("debian12/zlib1g.copyright"), 1),
    };
    const Inventory inv = assembleInventory(files, layers);
    QCOMPARE(inv.os.id, QStringLiteral("debian"));
    QCOMPARE(inv.os.versionId, QStringLiteral("12"));
    QVERIFY(inv.warnings.isEmpty());
    QCOMPARE(inv.packages.size(), 2);
    QVERIFY(sorted(inv.packages));
    QCOMPARE(inv.packages[0].name, QStringLiteral("bash"));

    const Package *bash = find(inv, QStringLiteral("bash"));
    QCOMPARE(bash->purl, QStringLiteral("pkg:deb/debian/bash@5.2.15-2%2Bb8?arch=amd64&distro=debian-12"));
    QCOMPARE(bash->layer.index, 0);
    QCOMPARE(bash->layer.digest, QStringLiteral("sha256:aaaa"));
    QCOMPARE(bash->layer.diffId, QStringLiteral("sha256:d0"));
    QCOMPARE(bash->layer.createdBy, QStringLiteral("ADD rootfs.tar.xz /"));
    QVERIFY(bash->licenses.contains(QStringLiteral("GPL-3+")));
    QCOMPARE(bash->effectiveSourceVersion(), QStringLiteral("5.2.15-2"));

    const Package *zlib = find(inv, QStringLiteral("zlib1g"));
    QCOMPARE(zlib->purl, QStringLiteral("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12"));
    QCOMPARE(zlib->layer.index, 1);
    QCOMPARE(zlib->layer.createdBy, QStringLiteral("RUN /bin/sh -c apt-get install -y zlib1g"));
    QCOMPARE(zlib->licenses, QStringList { QStringLiteral("Zlib") });

    QCOMPARE(inv.ownedPaths.value(QStringLiteral("bin/bash")), QStringLiteral("deb/bash"));
    QCOMPARE(
        inv.ownedPaths.value(QStringLiteral("lib/x86_64-linux-gnu/libz.so.1")), QStringLiteral("deb/zlib1g"));
    // Directories such as usr/share/doc are listed by both packages: the map holds each path once.
    QSet<QString> union_;
    for (const SquashedFile &f : files)
        for (const QString &p : f.facts.ownedPaths)
            union_.insert(p);
    QCOMPARE(union_.size(), 166 + 11 - 3);
    QCOMPARE(inv.ownedPaths.size(), union_.size());
}

void TestInventory::alpineImage()
{
    // alpine:3.10 (docker save from trivy's test data): one layer.
    const QVector<LayerInfo> layers = { layer(0,
        QStringLiteral("sha256:71dba1fabbde4baabcdebcde4895d3f3887e388b09cef162f8159cf7daffa1b8"),
        QStringLiteral("sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028"),
        QStringLiteral("/bin/sh -c #(nop) ADD "
                       "file:d48cac34fac385cbc1de6adfdd88300f76f9bbe346cd17e64fd834d042a98326 in / ")) };
    SquashedFile db
        = squashed(QStringLiteral("lib/apk/db/installed"), QStringLiteral("apk/alpine-310.installed"), 0);
    db.packageIntroducedIn = QVector<int>(db.facts.packages.size(), 0);
    const QVector<SquashedFile> files
        = { db, squashed(QStringLiteral("etc/os-release"), QStringLiteral("apk/alpine-310.os-release"), 0) };
    const Inventory inv = assembleInventory(files, layers);
    QCOMPARE(inv.os.purlDistro(), QStringLiteral("alpine-3.10.4"));
    QCOMPARE(inv.os.osvEcosystem(), QStringLiteral("Alpine:v3.10"));
    QCOMPARE(inv.packages.size(), 14);
    QVERIFY(sorted(inv.packages));
    QCOMPARE(inv.packages.first().name, QStringLiteral("alpine-baselayout"));
    const Package *musl = find(inv, QStringLiteral("musl"));
    QCOMPARE(musl->purl, QStringLiteral("pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=alpine-3.10.4"));
    QCOMPARE(musl->layer.diffId, layers[0].diffId);
    QCOMPARE(musl->licenses, QStringList { QStringLiteral("MIT") });
    for (const Package &p : inv.packages) {
        QVERIFY(p.purl.startsWith(QStringLiteral("pkg:apk/alpine/") + p.name + u'@'));
        QCOMPARE(p.layer.index, 0);
    }
    QCOMPARE(inv.ownedPaths.value(QStringLiteral("lib/ld-musl-x86_64.so.1")), QStringLiteral("apk/musl"));
    QCOMPARE(inv.ownedPaths.value(QStringLiteral("bin/busybox")), QStringLiteral("apk/busybox"));
}

void TestInventory::distroless()
{
    const QByteArray osRelease
        = "PRETTY_NAME=\"Distroless\"\nNAME=\"Debian GNU/Linux\"\nID=\"debian\"\nVERSION_ID=\"11\"\n";
    SquashedFile os;
    os.catalogerId = QStringLiteral("os-release");
    os.path = QStringLiteral("etc/os-release");
    os.layerIndex = 0;
    os.facts.properties = parseOsRelease(osRelease);
    const QVector<SquashedFile> files = {
        os,
        squashed(QStringLiteral("var/lib/dpkg/status.d/libsqlite3-0"),
            QStringLiteral("dpkg/distroless-status.d/libsqlite3-0"), 2, { 2 }),
    };
    const QVector<LayerInfo> layers = { layer(0, {}, QStringLiteral("sha256:d0"), {}),
        layer(1, {}, QStringLiteral("sha256:d1"), {}), layer(2, {}, QStringLiteral("sha256:d2"), {}) };
    const Inventory inv = assembleInventory(files, layers);
    QVERIFY(inv.os.distroless);
    QCOMPARE(inv.packages.size(), 1);
    QCOMPARE(inv.packages[0].purl,
        QStringLiteral("pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64&distro=debian-11"));
    QCOMPARE(inv.packages[0].sourceName, QStringLiteral("sqlite3"));

    // A Debian derivative is its own vendor in the PURL (os-release ID).
    SquashedFile ubuntu = os;
    ubuntu.facts.properties = parseOsRelease("ID=ubuntu\nVERSION_ID=\"22.04\"\n");
    const Inventory onUbuntu = assembleInventory({ ubuntu, files[1] }, layers);
    QCOMPARE(onUbuntu.packages[0].purl,
        QStringLiteral("pkg:deb/ubuntu/libsqlite3-0@3.34.1-3?arch=arm64&distro=ubuntu-22.04"));
    QCOMPARE(inv.packages[0].layer.diffId, QStringLiteral("sha256:d2"));
}

void TestInventory::warningsAndFallbacks()
{
    // The corrupted status from trivy's tests: the damage is reported, the good packages kept.
    const QByteArray status
        = test::txtarMember(fixture(QStringLiteral("dpkg/corrupsed.txtar")), "var/lib/dpkg/status");
    const FileMeta meta { QStringLiteral("var/lib/dpkg/status"), status.size(), 0100644 };
    SquashedFile f;
    f.catalogerId = QStringLiteral("dpkg");
    f.path = meta.path;
    f.layerIndex = 1; // no packageIntroducedIn: falls back to the file's layer
    f.facts = *DpkgCataloger().parse(meta, status);
    const Inventory inv = assembleInventory({ f }, { layer(0, {}, QStringLiteral("sha256:d0"), {}) });
    QCOMPARE(inv.packages.size(), 4);
    QCOMPARE(inv.warnings.size(), 2);
    for (const ScanWarning &w : inv.warnings) {
        QCOMPARE(w.stage, QStringLiteral("catalog:dpkg"));
        QCOMPARE(w.path, meta.path);
    }
    QVERIFY(sorted(inv.packages));
    for (const Package &p : inv.packages) {
        QCOMPARE(p.layer.index, 1); // layer 1 is not in the list: index kept, no digests
        QVERIFY(p.layer.diffId.isEmpty());
        // OS unknown: vendor "debian" and no distro qualifier.
        QVERIFY(p.purl.startsWith(QStringLiteral("pkg:deb/debian/")));
        QVERIFY(!p.purl.contains(u"distro="));
    }
    QVERIFY(!inv.os.isKnown());

    const Inventory empty = assembleInventory({}, {});
    QVERIFY(empty.packages.isEmpty());
    QVERIFY(!empty.os.isKnown());
}

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
