// FileIndex: the squashed view (OCI layer.md changesets and whiteouts), symlink resolution inside
// the root, per-layer stats and package provenance, on layers scanned by the real LayerScanner.

#include "layers/fileindex.h"
#include "layers/layerscanner.h"
#include "layertestutil.h"
#include "testutil.h"

#include <QTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

QVector<LayerResult> scanLayers(const QVector<QByteArray> &tars)
{
    QVector<LayerResult> out;
    LayerScanner scanner({std::make_shared<PkgsCataloger>()});
    for (const QByteArray &tar : tars) {
        MemoryStream stream(gzip(tar));
        ProgressSink progress;
        auto r = scanner.scan(stream, {}, progress);
        if (!r)
            qFatal("scan failed: %s", qPrintable(r.error().message));
        out.append(*r);
    }
    return out;
}

QVector<LayerResult> scanFixture(const QString &name)
{
    QVector<QByteArray> tars;
    for (const SavedLayer &l : dockerSaveLayers(dataPath(QStringLiteral("layers/") + name)))
        tars.append(l.tar);
    return scanLayers(tars);
}

QString layered(const FileIndex &index)
{
    QStringList out;
    for (const QString &p : index.paths()) {
        const IndexedEntry *e = index.entry(p);
        out << QStringLiteral("%1:%2%3").arg(p, QChar::fromLatin1(e->entry.type)).arg(e->layerIndex);
    }
    return out.join(u' ');
}

QString stats(const FileIndex &index)
{
    QStringList out;
    for (const LayerStats &s : index.layerStats())
        out << QStringLiteral("+%1 ~%2 -%3").arg(s.added).arg(s.modified).arg(s.deleted);
    return out.join(QStringLiteral(", "));
}

LayerResult symlinkLayer(const QVector<QPair<QString, QString>> &links)
{
    LayerResult r;
    for (const auto &l : links) {
        LayerEntry e;
        e.path = l.first;
        e.type = 'l';
        e.linkTarget = l.second;
        r.entries.append(e);
    }
    return r;
}

QString squashText(const QVector<LayerResult> &layers)
{
    QStringList out;
    for (const SquashedFile &f : FileIndex(layers).squashedFiles()) {
        QStringList pkgs;
        for (int i = 0; i < f.facts.packages.size(); ++i)
            pkgs << f.facts.packages[i].name + u' ' + f.facts.packages[i].version + u'@'
                        + QString::number(f.packageIntroducedIn.value(i));
        out << QStringLiteral("%1 %2 L%3 [%4]").arg(f.path, f.catalogerId).arg(f.layerIndex).arg(pkgs.join(u','));
    }
    return out.join(u'\n');
}

} // namespace

class TestFileIndex : public QObject {
    Q_OBJECT

private slots:
    void fixtureResolution_data();
    void fixtureResolution();
    void fixtureLayers();
    void whiteoutsAcrossThreeLayers();
    void fileDirReplacement();
    void packagesIntroduced();
    void factsThroughSymlinks();
    void symlinkDepth();
    void hostileWhiteouts();
    void prunedSquashesTheSame();
};

void TestFileIndex::fixtureResolution_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("resolved");   // "!" for an error (cycle or too deep)
    QTest::addColumn<bool>("exists");

    const QString basic = QStringLiteral("symlink-basic.tar");
    QTest::newRow("absolute") << basic << QStringLiteral("dir1/absolute-symlink.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("chain") << basic << QStringLiteral("/dir1/chain-symlink.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("relative-dot") << basic << QStringLiteral("dir1/relative-dot-symlink.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("relative") << basic << QStringLiteral("dir1/relative-symlink.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("plain file") << basic << QStringLiteral("dir1/sample.txt") << QStringLiteral("dir1/sample.txt") << true;

    const QString attack = QStringLiteral("symlink-attack.tar");
    QTest::newRow("attack relative") << attack << QStringLiteral("dir1/attack-symlink.txt") << QStringLiteral("secret.txt") << false;
    QTest::newRow("attack absolute") << attack << QStringLiteral("dir1/attack-symlink-absolute.txt") << QStringLiteral("secret.txt") << false;
    QTest::newRow("lookup climbing") << attack << QStringLiteral("../../dir1/../../etc/passwd") << QStringLiteral("etc/passwd") << false;

    const QString cycle = QStringLiteral("symlink-cycle.tar");
    QTest::newRow("cycle") << cycle << QStringLiteral("dir1/sample.txt") << QStringLiteral("!") << false;
    QTest::newRow("cycle via chain") << cycle << QStringLiteral("dir1/chain-symlink.txt") << QStringLiteral("!") << false;

    const QString dangling = QStringLiteral("symlink-dangling.tar");
    QTest::newRow("dangling chain") << dangling << QStringLiteral("dir2/dir3/absolute-chain-symlink.txt") << QStringLiteral("dir1/sample.txt") << false;
    QTest::newRow("dangling relative") << dangling << QStringLiteral("dir2/dir3/relative-subfolder-symlink.txt") << QStringLiteral("dir1/sample.txt") << false;

    QTest::newRow("seven deep") << QStringLiteral("symlink-depth-exceeded.tar") << QStringLiteral("dir1/symlink7.txt") << QStringLiteral("dir1/sample.txt") << true;

    const QString unpack = QStringLiteral("unpack-symlinks.tar");
    QTest::newRow("inside root via ..") << unpack << QStringLiteral("dir2/dir3/absolute-symlink-inside-root.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("chain across layers") << unpack << QStringLiteral("dir2/dir3/absolute-chain-symlink.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("relative across layers") << unpack << QStringLiteral("dir2/dir3/relative-subfolder-symlink.txt") << QStringLiteral("dir1/sample.txt") << true;
    QTest::newRow("unpack attack") << unpack << QStringLiteral("dir1/attack-symlink.txt") << QStringLiteral("secret.txt") << false;

    // The trampoline: "escape" climbs through "trampoline -> ." and many "..": it stays in the root.
    const QString escape = QStringLiteral("unpack-escape.tar");
    QTest::newRow("escape poc") << escape << QStringLiteral("usr/share/doc/c/copyright") << QStringLiteral("tmp/poc.txt") << false;
    QTest::newRow("escape dir") << escape << QStringLiteral("usr/share/doc/b/copyright") << QStringLiteral("tmp") << false;
    QTest::newRow("trampoline") << escape << QStringLiteral("usr/share/doc/a/copyright") << QString() << false;
}

void TestFileIndex::fixtureResolution()
{
    QFETCH(QString, fixture);
    QFETCH(QString, path);
    QFETCH(QString, resolved);
    QFETCH(bool, exists);

    const FileIndex index(scanFixture(fixture));
    auto r = index.resolve(path);
    if (resolved == u"!") {
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(u"symbolic links"), qPrintable(r.error().message));
        QVERIFY(!index.resolveEntry(path));
        return;
    }
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
    QCOMPARE(*r, resolved);
    QVERIFY(!r->startsWith(u"..") && !r->startsWith(u'/'));
    QCOMPARE(index.resolveEntry(path) != nullptr, exists);
}

void TestFileIndex::fixtureLayers()
{
    QCOMPARE(layered(FileIndex(scanFixture(QStringLiteral("basic.tar")))),
             QStringLiteral("larger-sample.txt:f1 sample.txt:f0"));
    QCOMPARE(layered(FileIndex(scanFixture(QStringLiteral("two-files.tar")))), QStringLiteral("bar.txt:f1 foo.txt:f0"));
    const FileIndex overwrite(scanFixture(QStringLiteral("overwrite-file.tar")));
    QCOMPARE(layered(overwrite), QStringLiteral("sample.txt:f1"));
    QCOMPARE(overwrite.entry(QStringLiteral("sample.txt"))->entry.size, qint64(29));
    QCOMPARE(stats(overwrite), QStringLiteral("+1 ~0 -0, +0 ~1 -0"));
    QCOMPARE(layered(FileIndex(scanFixture(QStringLiteral("empty.tar")))), QString());
    // The literal "escape/poc.txt" entry is recorded; a lookup through the "escape" link does not
    // reach it but the resolved path inside the root.
    const FileIndex escape(scanFixture(QStringLiteral("unpack-escape.tar")));
    QVERIFY(escape.entry(QStringLiteral("/escape/poc.txt")));
    QCOMPARE(*escape.resolve(QStringLiteral("escape/poc.txt")), QStringLiteral("tmp/poc.txt"));
}

void TestFileIndex::whiteoutsAcrossThreeLayers()
{
    const QByteArray l0 = makeTar({dir(QStringLiteral("a")), file(QStringLiteral("a/x"), "x"), file(QStringLiteral("a/y"), "y"),
                                   dir(QStringLiteral("a/sub")), file(QStringLiteral("a/sub/z"), "z"), dir(QStringLiteral("b")),
                                   file(QStringLiteral("b/keep"), "k"), file(QStringLiteral("b/drop"), "d"), dir(QStringLiteral("c")),
                                   file(QStringLiteral("c/old"), "o"), file(QStringLiteral("top"), "t")});
    // OCI layer.md: ".wh..wh..opq" hides a/'s lower children, ".wh.<name>" deletes name (and all
    // below it); this layer's own a/new survives its opaque marker.
    const QByteArray l1 = makeTar({file(QStringLiteral("a/.wh..wh..opq"), {}), file(QStringLiteral("a/new"), "n"),
                                   file(QStringLiteral("b/.wh.drop"), {}), file(QStringLiteral(".wh.c"), {}),
                                   file(QStringLiteral(".wh.top"), {})});
    const QByteArray l2 = makeTar({file(QStringLiteral("b/drop"), "again"), dir(QStringLiteral("c")),
                                   file(QStringLiteral("c/fresh"), "f"), file(QStringLiteral("top"), "t2")});
    const FileIndex index(scanLayers({l0, l1, l2}));
    QCOMPARE(layered(index), QStringLiteral("a:d0 a/new:f1 b:d0 b/drop:f2 b/keep:f0 c:d2 c/fresh:f2 top:f2"));
    QCOMPARE(stats(index), QStringLiteral("+7 ~0 -0, +1 ~0 -6, +3 ~0 -0"));
    QCOMPARE(index.layerCount(), 3);

    // Two layers only: the deletions stand.
    const FileIndex two(scanLayers({l0, l1}));
    QCOMPARE(layered(two), QStringLiteral("a:d0 a/new:f1 b:d0 b/keep:f0"));
}

void TestFileIndex::fileDirReplacement()
{
    const QByteArray l0 = makeTar({file(QStringLiteral("x"), "file"), dir(QStringLiteral("d")), file(QStringLiteral("d/child"), "c"),
                                   dir(QStringLiteral("d/sub")), file(QStringLiteral("d/sub/deep"), "deep")});
    const QByteArray l1 = makeTar({dir(QStringLiteral("x")), file(QStringLiteral("x/inner"), "i"), file(QStringLiteral("d"), "now a file")});
    const FileIndex index(scanLayers({l0, l1}));
    QCOMPARE(layered(index), QStringLiteral("d:f1 x:d1 x/inner:f1"));
    QCOMPARE(stats(index), QStringLiteral("+3 ~0 -0, +2 ~0 -2"));
    QCOMPARE(index.entry(QStringLiteral("d"))->entry.size, qint64(10));
}

void TestFileIndex::packagesIntroduced()
{
    const QString status = QStringLiteral("var/lib/pkgs.txt");
    const QString opt = QStringLiteral("opt/pkgs.txt");
    const QString mid = QStringLiteral("mid/pkgs.txt");
    const QVector<QByteArray> tars{
        makeTar({file(status, "a 1\nb 1\n"), file(opt, "x 1\n"), file(mid, "m 1\n"), file(QStringLiteral("gone/pkgs.txt"), "g 1\n")}),
        makeTar({file(status, "a 1\nb 1\nc 1\n"), file(QStringLiteral("opt/.wh.pkgs.txt"), {}), file(mid, "broken line here\n")}),
        makeTar({file(status, "a 1\nc 1\n"), file(opt, "x 1\n"), file(mid, "m 1\n")}),
        makeTar({file(QStringLiteral("unrelated"), "u"), file(QStringLiteral(".wh.gone"), {})}),
        makeTar({file(status, "a 1\nb 1\nc 2\n")}),
    };
    const FileIndex index(scanLayers(tars));
    const QVector<SquashedFile> files = index.squashedFiles();
    QCOMPARE(files.size(), 3);  // gone/pkgs.txt was deleted by layer 3

    QCOMPARE(files[0].path, mid);
    QCOMPARE(files[0].layerIndex, 2);
    // Layer 1 rewrote the file unparseably: the package was not there, so layer 2 brought it.
    QCOMPARE(files[0].packageIntroducedIn, QVector<int>{2});

    QCOMPARE(files[1].path, opt);
    QCOMPARE(files[1].layerIndex, 2);
    QCOMPARE(files[1].packageIntroducedIn, QVector<int>{2});  // whited out in 1, back in 2

    const SquashedFile &s = files[2];
    QCOMPARE(s.path, status);
    QCOMPARE(s.catalogerId, QStringLiteral("pkgs"));
    QCOMPARE(s.layerIndex, 4);
    QCOMPARE(s.facts.packages.size(), 3);
    QCOMPARE(s.facts.packages[0].name, QStringLiteral("a"));
    QCOMPARE(s.facts.packages[1].name, QStringLiteral("b"));
    QCOMPARE(s.facts.packages[2].name, QStringLiteral("c"));
    // a: unchanged since 0; b: removed in 2, re-added in 4; c: upgraded to 2 in 4.
    QCOMPARE(s.packageIntroducedIn, (QVector<int>{0, 4, 4}));

    // Only four layers: c 1 from layer 1, a from 0.
    const FileIndex four(scanLayers(tars.mid(0, 4)));
    const QVector<SquashedFile> f4 = four.squashedFiles();
    QCOMPARE(f4.size(), 3);
    QCOMPARE(f4[2].layerIndex, 2);
    QCOMPARE(f4[2].packageIntroducedIn, (QVector<int>{0, 1}));
}

void TestFileIndex::factsThroughSymlinks()
{
    const QVector<QByteArray> tars{
        makeTar({dir(QStringLiteral("usr/lib")), file(QStringLiteral("usr/lib/pkgs.txt"), "os 1\n"),
                 symlink(QStringLiteral("etc/pkgs.txt"), QStringLiteral("../usr/lib/pkgs.txt"))}),
        makeTar({symlink(QStringLiteral("etc2"), QStringLiteral("/usr/lib")), symlink(QStringLiteral("loop"), QStringLiteral("loop")),
                 symlink(QStringLiteral("out/pkgs.txt"), QStringLiteral("../../../../usr/lib/pkgs.txt"))}),
    };
    const FileIndex index(scanLayers(tars));
    for (const QString &path : {QStringLiteral("etc/pkgs.txt"), QStringLiteral("/etc2/pkgs.txt"),
                                QStringLiteral("out/pkgs.txt"), QStringLiteral("usr/lib/pkgs.txt")}) {
        const QVector<SquashedFile> facts = index.factsFor(path);
        QCOMPARE(facts.size(), 1);
        QCOMPARE(facts[0].path, QStringLiteral("usr/lib/pkgs.txt"));
        QCOMPARE(facts[0].layerIndex, 0);
        QCOMPARE(facts[0].facts.packages[0].name, QStringLiteral("os"));
        QCOMPARE(facts[0].packageIntroducedIn, QVector<int>{0});
    }
    QVERIFY(index.factsFor(QStringLiteral("loop/pkgs.txt")).isEmpty());
    QVERIFY(index.factsFor(QStringLiteral("nothing/here")).isEmpty());
    // The symlink itself is not a catalogued file.
    QCOMPARE(index.squashedFiles().size(), 1);
}

void TestFileIndex::symlinkDepth()
{
    // link0 -> link1 -> ... -> linkN -> target: N+1 links followed.
    auto chain = [](int links) {
        QVector<QPair<QString, QString>> l;
        for (int i = 0; i < links; ++i)
            l.append({QStringLiteral("link%1").arg(i), i + 1 < links ? QStringLiteral("link%1").arg(i + 1) : QStringLiteral("/target")});
        LayerResult r = symlinkLayer(l);
        LayerEntry target;
        target.path = QStringLiteral("target");
        r.entries.append(target);
        return FileIndex({r});
    };
    QCOMPARE(*chain(FileIndex::MaxSymlinkDepth).resolve(QStringLiteral("link0")), QStringLiteral("target"));
    QVERIFY(!chain(FileIndex::MaxSymlinkDepth + 1).resolve(QStringLiteral("link0")));
    const FileIndex pair({symlinkLayer({{QStringLiteral("a"), QStringLiteral("b/x")}, {QStringLiteral("b"), QStringLiteral("a/..")}})});
    QVERIFY(!pair.resolve(QStringLiteral("a")));
}

void TestFileIndex::hostileWhiteouts()
{
    // Results may come from a cache or another producer: the index itself refuses whiteouts that
    // name the root or climb out of it.
    LayerResult lower;
    for (const char *p : {"a", "b"}) {
        LayerEntry e;
        e.path = QString::fromLatin1(p);
        lower.entries.append(e);
    }
    LayerResult upper;
    upper.whiteouts = QStringList{QString(), QStringLiteral(".."), QStringLiteral("../a"), QStringLiteral("/")};
    upper.opaqueDirs = QStringList{QStringLiteral("../..")};
    const FileIndex index({lower, upper});
    QCOMPARE(layered(index), QStringLiteral("a:f0 b:f0"));
}

void TestFileIndex::prunedSquashesTheSame()
{
    // Catalogued files under directories that later layers replace by a file, whiteout, make
    // opaque and bring back, next to many unrelated entries.
    const QString pk = QStringLiteral("srv/app/pkgs.txt");
    QVector<QByteArray> tars{
        makeTar({dir(QStringLiteral("srv")), dir(QStringLiteral("srv/app")), file(pk, "a 1\nb 1\n"),
                 file(QStringLiteral("var/lib/pkgs.txt"), "v 1\n"), file(QStringLiteral("opt/x/pkgs.txt"), "x 1\n"),
                 file(QStringLiteral("u1"), "u"), file(QStringLiteral("srv/other"), "o"), dir(QStringLiteral("etc")),
                 file(QStringLiteral("etc/conf"), "c")}),
        makeTar({file(QStringLiteral("srv/app"), "now a file"), file(QStringLiteral("opt/x/.wh..wh..opq"), {}),
                 file(QStringLiteral("u2"), "u")}),
        makeTar({file(QStringLiteral(".wh.srv"), {}), dir(QStringLiteral("srv")), dir(QStringLiteral("srv/app")),
                 file(pk, "a 1\nb 2\n"), file(QStringLiteral("opt/x/pkgs.txt"), "x 1\n")}),
        makeTar({file(QStringLiteral("var/.wh.lib"), {}), file(QStringLiteral("u3"), "u")}),
    };
    for (int n = 1; n <= tars.size(); ++n) {
        const QVector<LayerResult> full = scanLayers(tars.mid(0, n));
        QVector<LayerResult> pruned = full;
        FileIndex::pruneToCatalogued(pruned);
        qsizetype before = 0, after = 0;
        for (int l = 0; l < n; ++l) {
            before += full[l].entries.size();
            after += pruned[l].entries.size();
        }
        QVERIFY(after < before);
        QCOMPARE(squashText(pruned), squashText(full));
    }
    QVERIFY(squashText(scanLayers(tars)).contains(QStringLiteral("srv/app/pkgs.txt pkgs L2 [a 1@2,b 2@2]")));
}

QTEST_GUILESS_MAIN(TestFileIndex)
#include "tst_fileindex.moc"
