// LayerScanner on real archives: the osv-scalibr edge-case images and tars written here with
// libarchive, compressed with isa-l and libzstd.

#include "layers/layerscanner.h"
#include "layertestutil.h"
#include "testutil.h"

#include <QTest>

#include <atomic>

#include <sys/stat.h>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

struct ScanSetup {
    CatalogerList catalogers;
    LayerLimits limits;
    bool pipelined = true;
    qint64 chunk = 1 << 20;
};

Result<LayerResult> scanBytes(const QByteArray &blob, const LayerExpectation &expected = {},
                              const ScanSetup &setup = {})
{
    MemoryStream stream(blob, setup.chunk);
    LayerScanner scanner(setup.catalogers, setup.limits);
    scanner.setPipelined(setup.pipelined);
    ProgressSink progress;
    return scanner.scan(stream, expected, progress);
}

QStringList sl(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

QString entryList(const LayerResult &r)
{
    QStringList out;
    for (const LayerEntry &e : r.entries)
        out << e.path + u':' + QChar::fromLatin1(e.type);
    return out.join(u' ');
}

CatalogerList pkgs(qint64 maxSize = 1 << 20)
{
    return {std::make_shared<PkgsCataloger>(maxSize)};
}

QStringList warningStages(const LayerResult &r)
{
    QStringList out;
    for (const ScanWarning &w : r.warnings)
        out << w.stage + u' ' + w.path;
    return out;
}

} // namespace

class TestLayerScanner : public QObject {
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void hostilePaths();
    void specialFiles();
    void whiteoutMarkers();
    void codecsAgree_data();
    void codecsAgree();
    void hardLinks();
    void hardLinksPastTheKeptBudget();
    void catalogerLimitsAndErrors();
    void gzipBomb();
    void limits_data();
    void limits();
    void brokenGzip_data();
    void brokenGzip();
    void brokenZstd_data();
    void brokenZstd();
    void digestMismatch();
    void diffIdMismatch();
    void cancellation();
    void cancellationWhileInflating();
    void readError();
    void notATar_data();
    void notATar();
};

void TestLayerScanner::fixtures_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("layers");   // entries of each layer, "path:type ..."
    QTest::addColumn<int>("warnings");

    QTest::newRow("basic") << QStringLiteral("basic.tar") << sl({"sample.txt:f", "larger-sample.txt:f"}) << 0;
    QTest::newRow("empty") << QStringLiteral("empty.tar") << sl({""}) << 0;
    QTest::newRow("multiple-files") << QStringLiteral("multiple-files.tar")
                                    << sl({"foo.txt:f", "dir1:d dir1/bar.txt:f dir1/baz.txt:f"}) << 0;
    QTest::newRow("overwrite-file") << QStringLiteral("overwrite-file.tar") << sl({"sample.txt:f", "sample.txt:f"}) << 0;
    QTest::newRow("single-file") << QStringLiteral("single-file.tar") << sl({"foo.txt:f"}) << 0;
    QTest::newRow("symlink-attack")
        << QStringLiteral("symlink-attack.tar")
        << sl({"dir1:d dir1/attack-symlink-absolute.txt:l dir1/attack-symlink.txt:l"}) << 0;
    QTest::newRow("symlink-basic")
        << QStringLiteral("symlink-basic.tar")
        << sl({"dir1:d dir1/absolute-symlink.txt:l dir1/chain-symlink.txt:l "
                       "dir1/relative-dot-symlink.txt:l dir1/relative-symlink.txt:l dir1/sample.txt:f"}) << 0;
    QTest::newRow("symlink-cycle")
        << QStringLiteral("symlink-cycle.tar")
        << sl({"dir1:d dir1/absolute-symlink.txt:l dir1/chain-symlink.txt:l dir1/sample.txt:l"}) << 0;
    const QStringList dangling = sl({
        "dir1:d dir1/absolute-symlink.txt:l dir1/chain-symlink.txt:l dir1/relative-dot-symlink.txt:l "
        "dir1/relative-symlink.txt:l",
        "dir2:d dir2/dir3:d dir2/dir3/absolute-chain-symlink.txt:l dir2/dir3/absolute-subfolder-symlink.txt:l "
        "dir2/dir3/relative-subfolder-symlink.txt:l"});
    QTest::newRow("symlink-dangling") << QStringLiteral("symlink-dangling.tar") << dangling << 0;
    QTest::newRow("symlink-depth-exceeded")
        << QStringLiteral("symlink-depth-exceeded.tar")
        << sl({"dir1:d dir1/sample.txt:f dir1/symlink1.txt:l dir1/symlink2.txt:l dir1/symlink3.txt:l "
                       "dir1/symlink4.txt:l dir1/symlink5.txt:l dir1/symlink6.txt:l dir1/symlink7.txt:l"}) << 0;
    QTest::newRow("two-files") << QStringLiteral("two-files.tar") << sl({"foo.txt:f", "bar.txt:f"}) << 0;
    QTest::newRow("unpack-dangling-symlinks") << QStringLiteral("unpack-dangling-symlinks.tar") << dangling << 0;
    // Absolute member names land inside the root (as runtimes extract them), each with a warning.
    QTest::newRow("unpack-escape")
        << QStringLiteral("unpack-escape.tar")
        << sl({"escape/poc.txt:f usr/share/doc/a/copyright:l trampoline:l usr/share/doc/b/copyright:l "
                       "escape:l usr/share/doc/c/copyright:l"}) << 6;
    QTest::newRow("unpack-permissions") << QStringLiteral("unpack-permissions.tar") << sl({"sample.txt:f"}) << 0;
    QTest::newRow("unpack-symlinks")
        << QStringLiteral("unpack-symlinks.tar")
        << sl({"dir1:d dir1/absolute-symlink.txt:l dir1/attack-symlink-absolute.txt:l "
                       "dir1/attack-symlink.txt:l dir1/chain-symlink.txt:l dir1/relative-dot-symlink.txt:l "
                       "dir1/relative-symlink.txt:l dir1/sample.txt:f",
                       "dir2:d dir2/dir3:d dir2/dir3/absolute-chain-symlink.txt:l "
                       "dir2/dir3/absolute-subfolder-symlink.txt:l "
                       "dir2/dir3/absolute-symlink-inside-root.txt:l dir2/dir3/relative-subfolder-symlink.txt:l"})
        << 0;
}

void TestLayerScanner::fixtures()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, layers);
    QFETCH(int, warnings);

    const QVector<SavedLayer> saved = dockerSaveLayers(dataPath(QStringLiteral("layers/") + fixture));
    QCOMPARE(saved.size(), layers.size());
    for (int i = 0; i < saved.size(); ++i) {
        // The config's diff_ids are the real expectation: the scan must verify against them.
        LayerExpectation expected;
        expected.diffId = saved[i].diffId;
        auto r = scanBytes(saved[i].tar, expected);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->diffId, saved[i].diffId);
        QCOMPARE(r->blobDigest, sha256Of(saved[i].tar));  // plain tar: blob == diff
        QCOMPARE(r->uncompressedSize, qint64(saved[i].tar.size()));
        QCOMPARE(entryList(*r), layers[i]);
        QCOMPARE(int(r->warnings.size()), warnings);
        for (const ScanWarning &w : r->warnings)
            QCOMPARE(w.stage, QStringLiteral("layers"));
    }
    if (fixture == u"unpack-permissions.tar") {
        auto r = scanBytes(saved[0].tar, {}, ScanSetup{pkgs(), {}, true, 1 << 20});
        QVERIFY(r);
        QCOMPARE(r->entries[0].mode & 07777, 0u);
        QCOMPARE(r->entries[0].size, qint64(17));
    }
    if (fixture == u"unpack-escape.tar") {
        auto r = scanBytes(saved[0].tar);
        QVERIFY(r);
        QCOMPARE(r->entries[4].linkTarget,
                 QStringLiteral("trampoline/trampoline/trampoline/trampoline/trampoline/trampoline/trampoline/"
                                "trampoline/trampoline/trampoline/trampoline/trampoline/trampoline/../../../../../"
                                "../../../../../../tmp"));
    }
}

void TestLayerScanner::hostilePaths()
{
    const QByteArray tar = makeTar({
        file(QStringLiteral("../evil"), "x"),
        file(QStringLiteral("a/../../evil2"), "x"),
        file(QStringLiteral("./ok/./x/../fine"), "fine"),
        file(QStringLiteral("//double//slash"), "d"),
        dir(QStringLiteral("./")),
        hardlink(QStringLiteral("stolen"), QStringLiteral("../../etc/shadow")),
        file(QStringLiteral("in/../pkgs.txt"), "a 1\n"),
    });
    auto r = scanBytes(tar, {}, ScanSetup{pkgs(), {}, true, 1 << 20});
    QVERIFY(r);
    QCOMPARE(entryList(*r), QStringLiteral("ok/fine:f double/slash:f pkgs.txt:f"));
    QCOMPARE(warningStages(*r), (sl({"layers ../evil", "layers a/../../evil2", "layers //double//slash",
                                             "layers stolen"})));
    // A ".." that stays inside the root is just collapsed: the file is catalogued where it lands.
    QCOMPARE(r->files.size(), 1);
    QCOMPARE(r->files[0].path, QStringLiteral("pkgs.txt"));
}

void TestLayerScanner::specialFiles()
{
    QVector<TarItem> items{TarItem{QStringLiteral("fifo/pkgs.txt"), 'p', {}, {}, 0644},
                           TarItem{QStringLiteral("dev/pkgs.txt"), 'c', {}, {}, 0600},
                           file(QStringLiteral("real/pkgs.txt"), "a 1\n")};
    auto r = scanBytes(makeTar(items), {}, ScanSetup{pkgs(), {}, true, 1 << 20});
    QVERIFY(r);
    QCOMPARE(entryList(*r), QStringLiteral("fifo/pkgs.txt:o dev/pkgs.txt:o real/pkgs.txt:f"));
    QCOMPARE(r->entries[0].mode & S_IFMT, quint32(S_IFIFO));
    QCOMPARE(r->entries[1].mode & S_IFMT, quint32(S_IFCHR));
    // Only the regular file went to the cataloger.
    QCOMPARE(r->files.size(), 1);
    QCOMPARE(r->files[0].path, QStringLiteral("real/pkgs.txt"));
}

void TestLayerScanner::whiteoutMarkers()
{
    const QByteArray tar = makeTar({
        dir(QStringLiteral("a")),
        file(QStringLiteral("a/.wh.b"), {}),
        file(QStringLiteral("a/.wh..wh..opq"), {}),
        file(QStringLiteral(".wh.top"), {}),
        file(QStringLiteral(".wh..wh..opq"), {}),
        file(QStringLiteral(".wh..wh.plnk"), {}),
        file(QStringLiteral("a/.wh.."), {}),
        file(QStringLiteral(".wh."), {}),
        file(QStringLiteral("a/kept"), "k"),
    });
    auto r = scanBytes(tar);
    QVERIFY(r);
    QCOMPARE(entryList(*r), QStringLiteral("a:d a/kept:f"));
    QCOMPARE(r->whiteouts, (sl({"a/b", "top"})));
    QCOMPARE(r->opaqueDirs, (sl({"a", ""})));
    QCOMPARE(warningStages(*r), sl({"layers .wh..wh.plnk", "layers a/.wh..", "layers .wh."}));
}

void TestLayerScanner::codecsAgree_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<bool>("pipelined");
    QTest::addColumn<qint64>("chunk");
    for (const char *codec : {"plain", "gzip", "gzip-multi", "zstd", "zstd-multi"}) {
        QTest::addRow("%s pipelined", codec) << QString::fromLatin1(codec) << true << qint64(1 << 20);
        QTest::addRow("%s one-thread", codec) << QString::fromLatin1(codec) << false << qint64(1 << 20);
        QTest::addRow("%s 3-byte reads", codec) << QString::fromLatin1(codec) << true << qint64(3);
    }
}

void TestLayerScanner::codecsAgree()
{
    QFETCH(QString, codec);
    QFETCH(bool, pipelined);
    QFETCH(qint64, chunk);

    // Big enough for several chunks through the queue, varied enough not to compress to nothing.
    QVector<TarItem> items{dir(QStringLiteral("var/lib")), file(QStringLiteral("var/lib/pkgs.txt"), "a 1\nb 2\n"),
                           symlink(QStringLiteral("etc/pkgs.txt"), QStringLiteral("../var/lib/pkgs.txt"))};
    QByteArray big;
    for (int i = 0; big.size() < 3 * 1024 * 1024; ++i)
        big += QByteArray::number(i * 2654435761u, 36) + ' ';
    items << file(QStringLiteral("big.bin"), big) << hardlink(QStringLiteral("copy/pkgs.txt"), QStringLiteral("var/lib/pkgs.txt"));
    const QByteArray tar = makeTar(items);

    QByteArray blob = tar;
    if (codec == u"gzip")
        blob = gzip(tar);
    else if (codec == u"gzip-multi")
        blob = gzip(tar.left(1000)) + gzip(tar.mid(1000, 2'000'000)) + gzip(tar.mid(2'001'000));
    else if (codec == u"zstd")
        blob = zstd(tar);
    else if (codec == u"zstd-multi")
        blob = zstd(tar.left(5000)) + zstd(tar.mid(5000));

    // Reference: the plain tar, one thread.
    auto reference = scanBytes(tar, {}, ScanSetup{pkgs(), {}, false, 1 << 20});
    QVERIFY(reference);
    QCOMPARE(reference->diffId, sha256Of(tar));
    QCOMPARE(reference->files.size(), 2);

    LayerExpectation expected;
    expected.digest = sha256Of(blob);
    expected.diffId = sha256Of(tar);
    auto r = scanBytes(blob, expected, ScanSetup{pkgs(), {}, pipelined, chunk});
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
    QCOMPARE(describe(*r, false), describe(*reference, false));
    QCOMPARE(r->blobDigest, sha256Of(blob));
    QCOMPARE(r->compressedSize, qint64(blob.size()));
    QCOMPARE(r->uncompressedSize, qint64(tar.size()));
}

void TestLayerScanner::hardLinks()
{
    const QByteArray tar = makeTar({
        file(QStringLiteral("usr/pkgs.txt"), "a 1\n"),
        hardlink(QStringLiteral("copy/pkgs.txt"), QStringLiteral("./usr/pkgs.txt")),
        file(QStringLiteral("other.bin"), "not a package list"),
        hardlink(QStringLiteral("link/pkgs.txt"), QStringLiteral("other.bin")),
    });
    auto r = scanBytes(tar, {}, ScanSetup{pkgs(), {}, true, 1 << 20});
    QVERIFY(r);
    QCOMPARE(entryList(*r), QStringLiteral("usr/pkgs.txt:f copy/pkgs.txt:h other.bin:f link/pkgs.txt:h"));
    QCOMPARE(r->entries[1].linkTarget, QStringLiteral("usr/pkgs.txt"));
    QCOMPARE(r->entries[3].linkTarget, QStringLiteral("other.bin"));
    // The wanted target's bytes were kept, so the link is catalogued with them.
    QCOMPARE(r->files.size(), 2);
    QCOMPARE(r->files[1].path, QStringLiteral("copy/pkgs.txt"));
    QCOMPARE(r->files[1].facts.packages.size(), 1);
    QCOMPARE(r->files[1].facts.packages[0].name, QStringLiteral("a"));
    // The unwanted target went by unread: a warning, not a guess.
    QCOMPARE(warningStages(*r), sl({"catalog:pkgs link/pkgs.txt"}));
}

void TestLayerScanner::hardLinksPastTheKeptBudget()
{
    // With no budget for kept bytes, a hard link re-uses what the catalogers found in its target
    // (moved to the link's path); a target whose cataloger failed gives the link nothing.
    const QByteArray tar = makeTar({
        file(QStringLiteral("usr/pkgs.txt"), "a 1\nb 2\n"),
        file(QStringLiteral("bad/pkgs.txt"), "malformed\n"),
        hardlink(QStringLiteral("copy/pkgs.txt"), QStringLiteral("usr/pkgs.txt")),
        hardlink(QStringLiteral("copy2/pkgs.txt"), QStringLiteral("bad/pkgs.txt")),
        file(QStringLiteral("other.bin"), "not a package list"),
        hardlink(QStringLiteral("link/pkgs.txt"), QStringLiteral("other.bin")),
    });
    ScanSetup setup{pkgs(), {}, true, 1 << 20};
    setup.limits.keptContentBudget = 0;
    auto r = scanBytes(tar, {}, setup);
    QVERIFY(r);
    QCOMPARE(r->files.size(), 2);
    QCOMPARE(r->files[1].path, QStringLiteral("copy/pkgs.txt"));
    QCOMPARE(r->files[1].facts.packages.size(), 2);
    for (const Package &p : r->files[1].facts.packages)
        QCOMPARE(p.foundIn, QStringLiteral("copy/pkgs.txt"));
    QCOMPARE(r->files[0].facts.packages[0].foundIn, QStringLiteral("usr/pkgs.txt"));
    // bad/pkgs.txt: the parse error once for the file; its link is silent (nothing was found in
    // the file, as the warning on the target says); other.bin was never read: the link warns.
    QCOMPARE(warningStages(*r), sl({"catalog:pkgs bad/pkgs.txt", "catalog:pkgs link/pkgs.txt"}));
    // The same tar with the default budget gives the same packages.
    auto full = scanBytes(tar, {}, ScanSetup{pkgs(), {}, true, 1 << 20});
    QVERIFY(full);
    QCOMPARE(full->files.size(), 2);
    QCOMPARE(full->files[1].facts.packages.size(), 2);
}

void TestLayerScanner::catalogerLimitsAndErrors()
{
    const QByteArray tar = makeTar({
        file(QStringLiteral("small/pkgs.txt"), "a 1\n"),
        file(QStringLiteral("large/pkgs.txt"), QByteArray(100, 'x')),
        file(QStringLiteral("broken/pkgs.txt"), "no-version-here\n"),
        file(QStringLiteral("after/pkgs.txt"), "z 9\n"),
    });
    auto r = scanBytes(tar, {}, ScanSetup{pkgs(32), {}, true, 1 << 20});
    QVERIFY(r);
    QCOMPARE(r->files.size(), 2);
    QCOMPARE(r->files[0].path, QStringLiteral("small/pkgs.txt"));
    QCOMPARE(r->files[1].path, QStringLiteral("after/pkgs.txt"));
    QCOMPARE(warningStages(*r), (sl({"catalog:pkgs large/pkgs.txt", "catalog:pkgs broken/pkgs.txt"})));
    QVERIFY(r->warnings[1].message.contains(u"Malformed"));
}

void TestLayerScanner::gzipBomb()
{
    // 200 MiB of zeros gzip to a few hundred KiB.
    const QByteArray bomb = gzippedZeroTar(200LL << 20);
    QVERIFY(bomb.size() < 2 * 1024 * 1024);
    LayerLimits limits;
    limits.maxRatioFloor = 16LL << 20;
    limits.maxRatio = 100;
    for (bool pipelined : {true, false}) {
        resetPeakRss();
        const qint64 before = peakRssKiB();
        auto r = scanBytes(bomb, {}, ScanSetup{pkgs(), limits, pipelined, 1 << 20});
        const qint64 after = peakRssKiB();
        QVERIFY(!r);
        QCOMPARE(r.error().code, int(LimitExceeded));
        QVERIFY2(r.error().message.contains(u"decompression bomb"), qPrintable(r.error().message));
        // Streaming: the scan holds a few MiB of buffers, never the expanded data.
        qInfo("peak RSS grew by %lld KiB (pipelined: %d)", after - before, int(pipelined));
        if (before > 0)
            QVERIFY2(after - before < 48 * 1024, qPrintable(QStringLiteral("peak grew by %1 KiB").arg(after - before)));
    }
}

void TestLayerScanner::limits_data()
{
    QTest::addColumn<QString>("which");
    QTest::newRow("layer size") << QStringLiteral("layer");
    QTest::newRow("file size") << QStringLiteral("file");
    QTest::newRow("entries") << QStringLiteral("entries");
}

void TestLayerScanner::limits()
{
    QFETCH(QString, which);
    QVector<TarItem> items;
    for (int i = 0; i < 3; ++i)
        items << file(QStringLiteral("f%1").arg(i), QByteArray(1 << 20, char('a' + i)));
    for (int i = 0; i < 20; ++i)
        items << dir(QStringLiteral("d%1").arg(i));
    LayerLimits limits;
    QString expect;
    if (which == u"layer") {
        limits.maxLayerSize = 2 << 20;
        expect = QStringLiteral("larger than the limit of 2 MiB uncompressed");
    } else if (which == u"file") {
        limits.maxFileSize = 1 << 19;
        expect = QStringLiteral("file larger than the limit");
    } else {
        limits.maxEntries = 10;
        expect = QStringLiteral("more than 10 entries");
    }
    LayerExpectation expected;
    expected.digest = QStringLiteral("sha256:%1").arg(QString(64, u'0'));
    auto r = scanBytes(gzip(makeTar(items)), expected, ScanSetup{{}, limits, true, 1 << 20});
    QVERIFY(!r);
    QCOMPARE(r.error().code, int(LimitExceeded));
    QVERIFY2(r.error().message.contains(expect), qPrintable(r.error().message));
    QVERIFY(r.error().message.contains(expected.digest));
}

void TestLayerScanner::brokenGzip_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("pipelined");
    for (bool p : {true, false}) {
        QTest::addRow("truncated %d", p) << QStringLiteral("truncate") << QStringLiteral("truncated") << p;
        QTest::addRow("trailing garbage %d", p) << QStringLiteral("garbage") << QStringLiteral("after the end of the gzip stream") << p;
        QTest::addRow("bad crc %d", p) << QStringLiteral("crc") << QStringLiteral("checksum") << p;
        QTest::addRow("bad header %d", p) << QStringLiteral("header") << QStringLiteral("gzip header") << p;
    }
}

void TestLayerScanner::brokenGzip()
{
    QFETCH(QString, damage);
    QFETCH(QString, message);
    QFETCH(bool, pipelined);
    QByteArray big;
    for (int i = 0; big.size() < 400000; ++i)
        big += QByteArray::number(i) + ' ';
    QByteArray blob = gzip(makeTar({file(QStringLiteral("a"), big)}));
    if (damage == u"truncate")
        blob.truncate(blob.size() / 2);
    else if (damage == u"garbage")
        blob += "GARBAGE";
    else if (damage == u"crc")
        blob[blob.size() - 8] = char(blob[blob.size() - 8] ^ 0x55);
    else
        blob[2] = 7;  // compression method other than deflate
    auto r = scanBytes(blob, {}, ScanSetup{{}, {}, pipelined, 1 << 20});
    QVERIFY(!r);
    QCOMPARE(r.error().code, int(InvalidInput));
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void TestLayerScanner::brokenZstd_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << QStringLiteral("truncate") << QStringLiteral("truncated");
    QTest::newRow("corrupt") << QStringLiteral("corrupt") << QStringLiteral("zstd data is corrupt");
    QTest::newRow("garbage") << QStringLiteral("garbage") << QStringLiteral("zstd data is corrupt");
}

void TestLayerScanner::brokenZstd()
{
    QFETCH(QString, damage);
    QFETCH(QString, message);
    QByteArray big;
    for (int i = 0; big.size() < 400000; ++i)
        big += QByteArray::number(i * 7919) + ' ';
    QByteArray blob = zstd(makeTar({file(QStringLiteral("a"), big)}));
    if (damage == u"truncate")
        blob.truncate(blob.size() / 2);
    else if (damage == u"corrupt")
        for (int i = blob.size() / 3; i < blob.size() / 3 + 64; ++i)
            blob[i] = char(blob[i] ^ 0xa5);
    else
        blob += "GARBAGE!";
    auto r = scanBytes(blob);
    QVERIFY(!r);
    QCOMPARE(r.error().code, int(InvalidInput));
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void TestLayerScanner::digestMismatch()
{
    const QByteArray blob = gzip(makeTar({file(QStringLiteral("a"), "a")}));
    LayerExpectation expected;
    expected.digest = sha256Of("something else");
    auto r = scanBytes(blob, expected);
    QVERIFY(!r);
    QCOMPARE(r.error().code, int(InvalidInput));
    QVERIFY(r.error().message.contains(expected.digest));
    QVERIFY(r.error().message.contains(sha256Of(blob)));
}

void TestLayerScanner::diffIdMismatch()
{
    const QByteArray tar = makeTar({file(QStringLiteral("a"), "a")});
    LayerExpectation expected;
    expected.digest = sha256Of(zstd(tar));
    expected.diffId = sha256Of("another tar");
    auto r = scanBytes(zstd(tar), expected);
    QVERIFY(!r);
    QCOMPARE(r.error().code, int(InvalidInput));
    QVERIFY(r.error().message.contains(u"diff_id " + expected.diffId));
    QVERIFY(r.error().message.contains(expected.digest));
    QVERIFY(r.error().message.contains(sha256Of(tar)));

    // Uncompressed: the blob digest is the diff_id, and both are still checked.
    LayerExpectation plain;
    plain.diffId = sha256Of("another tar");
    auto p = scanBytes(tar, plain);
    QVERIFY(!p);
    QCOMPARE(p.error().code, int(InvalidInput));
    QVERIFY(p.error().message.contains(sha256Of(tar)));
    plain.diffId = sha256Of(tar);
    plain.digest = sha256Of(tar);
    QVERIFY(scanBytes(tar, plain));
}

void TestLayerScanner::cancellation()
{
    QVector<TarItem> items;
    for (int i = 0; i < 16; ++i)
        items << file(QStringLiteral("f%1").arg(i), QByteArray(1 << 20, char(i)));
    const QByteArray tar = makeTar(items);
    for (bool pipelined : {true, false}) {
        MemoryStream stream(tar, 64 * 1024);
        qint64 reported = 0;
        ProgressSink progress([&](const ProgressInfo &info) { reported = info.bytesDone; });
        qint64 servedAtCancel = -1;
        stream.onRead = [&](qint64 total) {
            if (total >= (5 << 20) && servedAtCancel < 0) {
                servedAtCancel = total;
                progress.cancel();
            }
        };
        LayerScanner scanner({});
        scanner.setPipelined(pipelined);
        auto r = scanner.scan(stream, {}, progress);
        QVERIFY(!r);
        QCOMPARE(r.error().code, int(Cancelled));
        QVERIFY(reported >= (4 << 20));  // progress came in while reading
        QVERIFY(servedAtCancel > 0);
    }
}

void TestLayerScanner::cancellationWhileInflating()
{
    // 64 MiB of zeros arrive in one blob read: cancellation must still be seen while inflating.
    const QByteArray blob = gzippedZeroTar(64LL << 20);
    QVERIFY(blob.size() < (1 << 20));
    for (bool pipelined : {true, false}) {
        MemoryStream stream(blob);
        ProgressSink progress;
        std::atomic<int> checks{0};  // asked from both threads
        progress.setCancelCheck([&] { return ++checks > 3; });
        LayerScanner scanner({});
        scanner.setPipelined(pipelined);
        auto r = scanner.scan(stream, {}, progress);
        QVERIFY(!r);
        QCOMPARE(r.error().code, int(Cancelled));
    }
}

void TestLayerScanner::readError()
{
    const QByteArray blob = gzip(makeTar({file(QStringLiteral("a"), QByteArray(3 << 20, 'a'))}));
    MemoryStream stream(blob, 1024);
    stream.failAfter = 2048;
    LayerScanner scanner({});
    ProgressSink progress;
    auto r = scanner.scan(stream, {}, progress);
    QVERIFY(!r);
    QCOMPARE(r.error().code, int(IoError));
    QVERIFY(r.error().message.contains(u"simulated network failure"));
}

void TestLayerScanner::notATar_data()
{
    QTest::addColumn<QByteArray>("blob");
    QByteArray noise;
    for (int i = 0; i < 5000; ++i)
        noise += char((i * 7919) % 251);
    QTest::newRow("noise") << noise;
    QTest::newRow("empty blob") << QByteArray();
    QTest::newRow("gzipped noise") << gzip(noise);
    QTest::newRow("tar cut mid-file") << makeTar({file(QStringLiteral("a"), QByteArray(5000, 'a'))}).left(2048);
}

void TestLayerScanner::notATar()
{
    QFETCH(QByteArray, blob);
    for (bool pipelined : {true, false}) {
        auto r = scanBytes(blob, {}, ScanSetup{pkgs(), {}, pipelined, 1 << 20});
        QVERIFY(!r);
        QCOMPARE(r.error().code, int(InvalidInput));
        QVERIFY2(r.error().message.contains(u"tar"), qPrintable(r.error().message));
    }
}

QTEST_GUILESS_MAIN(TestLayerScanner)
#include "tst_layerscanner.moc"
