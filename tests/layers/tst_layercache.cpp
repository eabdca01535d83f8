// LayerCache: round trips of real scan results, damaged entries, LRU eviction, concurrent writers.

#include "layers/layercache.h"
#include "layers/layerscanner.h"
#include "layertestutil.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

const QString kFingerprint = QStringLiteral("fp-1");

// A real scan of a layer with catalogued files, plus every field the scanner leaves empty.
LayerResult sampleResult(int variant = 0)
{
    QVector<TarItem> items{dir(QStringLiteral("var/lib")), file(QStringLiteral("var/lib/pkgs.txt"), "a 1\nb 2\n"),
                           symlink(QStringLiteral("etc/link"), QStringLiteral("../var")), file(QStringLiteral("../bad"), "x"),
                           hardlink(QStringLiteral("h/pkgs.txt"), QStringLiteral("var/lib/pkgs.txt"))};
    for (int i = 0; i < 50 + variant; ++i)
        items << file(QStringLiteral("usr/share/f%1").arg(i), QByteArray::number(i));
    MemoryStream stream(gzip(makeTar(items)));
    LayerScanner scanner({std::make_shared<PkgsCataloger>()});
    ProgressSink progress;
    LayerResult r = *scanner.scan(stream, {}, progress);
    r.whiteouts << QStringLiteral("gone");
    r.opaqueDirs << QStringLiteral("opaque") << QString();
    Package &p = r.files[0].facts.packages[0];
    p.sourceName = QStringLiteral("src");
    p.sourceVersion = QStringLiteral("1-1");
    p.licenses = QStringList{QStringLiteral("MIT"), QStringLiteral("GPL-2.0-only")};
    p.purl = QStringLiteral("pkg:deb/debian/a@1");
    p.extraPurls = QStringList{QStringLiteral("pkg:generic/a@1")};
    p.layer.index = 3;
    p.layer.digest = QStringLiteral("sha256:abc");
    p.layer.createdBy = QStringLiteral("RUN ünïcödé");
    p.metadata.insert(QStringLiteral("maintainer"), QStringLiteral("someone"));
    r.files[0].facts.properties.insert(QStringLiteral("ID"), QStringLiteral("debian"));
    r.files[0].facts.ownedPaths << QStringLiteral("usr/bin/a");
    r.files[0].facts.warnings.append(ScanWarning{QStringLiteral("catalog:pkgs"), QStringLiteral("x"), QStringLiteral("odd")});
    return r;
}

QStringList cacheFiles(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestLayerCache : public QObject {
    Q_OBJECT

private slots:
    void roundTrip();
    void keysSeparate();
    void damagedEntries_data();
    void damagedEntries();
    void evictionOrder();
    void concurrentWriters();
    void directoryChoice();
};

void TestLayerCache::roundTrip()
{
    QTemporaryDir tmp;
    LayerCache cache(tmp.path() + QStringLiteral("/sub/dir"));
    const LayerResult r = sampleResult();
    QVERIFY(r.entries.size() > 50);
    QVERIFY(!r.warnings.isEmpty());
    QVERIFY(!cache.load(r.diffId, kFingerprint));
    QVERIFY(cache.store(kFingerprint, r));
    auto back = cache.load(r.diffId, kFingerprint);
    QVERIFY(back);
    QCOMPARE(describe(*back), describe(r));
    QCOMPARE(back->opaqueDirs, r.opaqueDirs);  // "" (the root) survives
}

void TestLayerCache::keysSeparate()
{
    QTemporaryDir tmp;
    LayerCache cache(tmp.path());
    const LayerResult r = sampleResult();
    QVERIFY(cache.store(kFingerprint, r));
    QVERIFY(!cache.load(r.diffId, QStringLiteral("other-catalogers")));
    QVERIFY(!cache.load(sha256Of("other layer"), kFingerprint));
    QVERIFY(cache.load(r.diffId, kFingerprint));
    QVERIFY(cache.fileFor(r.diffId, kFingerprint) != cache.fileFor(r.diffId, QStringLiteral("other-catalogers")));
}

void TestLayerCache::damagedEntries_data()
{
    QTest::addColumn<QString>("damage");
    for (const char *d : {"flip payload byte", "flip checksum byte", "truncate", "empty", "bad magic",
                          "future format", "extra bytes"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

void TestLayerCache::damagedEntries()
{
    QFETCH(QString, damage);
    QTemporaryDir tmp;
    LayerCache cache(tmp.path());
    const LayerResult r = sampleResult();
    QVERIFY(cache.store(kFingerprint, r));
    const QString path = cache.fileFor(r.diffId, kFingerprint);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    f.close();
    if (damage == u"flip payload byte")
        data[data.size() - 100] = char(data[data.size() - 100] ^ 1);
    else if (damage == u"flip checksum byte")
        data[20] = char(data[20] ^ 1);
    else if (damage == u"truncate")
        data.truncate(data.size() - 7);
    else if (damage == u"empty")
        data.clear();
    else if (damage == u"bad magic")
        data[0] = 'X';
    else if (damage == u"future format")
        data[7] = 99;
    else
        data += "tail";
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
    f.close();

    QVERIFY(!cache.load(r.diffId, kFingerprint));
    QVERIFY(!QFile::exists(path));  // removed, so the next scan rewrites it
    QVERIFY(cache.store(kFingerprint, r));
    QVERIFY(cache.load(r.diffId, kFingerprint));
}

void TestLayerCache::evictionOrder()
{
    QTemporaryDir tmp;
    QVector<LayerResult> rs;
    for (int i = 0; i < 4; ++i)
        rs.append(sampleResult(i));
    qint64 one = 0;
    {
        LayerCache probe(tmp.path() + QStringLiteral("/probe"));
        QVERIFY(probe.store(kFingerprint, rs[3]));
        one = QFileInfo(probe.fileFor(rs[3].diffId, kFingerprint)).size();
    }
    // Room for three entries, not four.
    LayerCache cache(tmp.path() + QStringLiteral("/c"), one * 3 + one / 2);
    QVERIFY(cache.store(kFingerprint, rs[0]));
    QVERIFY(cache.store(kFingerprint, rs[1]));
    QVERIFY(cache.store(kFingerprint, rs[2]));
    QVERIFY(cache.load(rs[0].diffId, kFingerprint));  // 0 is now the most recently used
    QVERIFY(cache.store(kFingerprint, rs[3]));
    QVERIFY(!QFile::exists(cache.fileFor(rs[1].diffId, kFingerprint)));
    QVERIFY(cache.load(rs[0].diffId, kFingerprint));
    QVERIFY(cache.load(rs[2].diffId, kFingerprint));
    QVERIFY(cache.load(rs[3].diffId, kFingerprint));
    QCOMPARE(cacheFiles(cache.directory()).size(), 3);

    // A bound below one entry leaves nothing behind; a missing directory is no error.
    LayerCache tiny(tmp.path() + QStringLiteral("/c"), 10);
    tiny.evict();
    QCOMPARE(cacheFiles(cache.directory()).size(), 0);
    LayerCache(tmp.path() + QStringLiteral("/missing")).evict();
}

void TestLayerCache::concurrentWriters()
{
    QTemporaryDir tmp;
    LayerCache cache(tmp.path());
    // Same key (diff_id), different contents: a reader must only ever see one of them whole.
    LayerResult a = sampleResult(0);
    LayerResult b = sampleResult(7);
    b.diffId = a.diffId;
    const QString textA = describe(a);
    const QString textB = describe(b);
    std::atomic<bool> failed{false};
    std::atomic<int> hits{0};
    auto writer = [&](const LayerResult &r) {
        for (int i = 0; i < 40; ++i)
            if (!cache.store(kFingerprint, r))
                failed = true;
    };
    std::atomic<bool> done{false};
    std::thread reader([&] {
        while (!done) {
            if (auto got = cache.load(a.diffId, kFingerprint)) {
                ++hits;
                const QString text = describe(*got);
                if (text != textA && text != textB)
                    failed = true;
            }
        }
    });
    std::thread w1(writer, std::cref(a));
    std::thread w2(writer, std::cref(b));
    w1.join();
    w2.join();
    done = true;
    reader.join();
    QVERIFY(!failed);
    auto last = cache.load(a.diffId, kFingerprint);
    QVERIFY(last);
    QVERIFY(describe(*last) == textA || describe(*last) == textB);
    QCOMPARE(cacheFiles(tmp.path()), QStringList{QFileInfo(cache.fileFor(a.diffId, kFingerprint)).fileName()});
    qInfo("reader saw %d complete entries while writers raced", hits.load());
}

void TestLayerCache::directoryChoice()
{
    QTemporaryDir tmp;
    qputenv("BULKHEAD_CACHE_DIR", tmp.path().toUtf8());
    QCOMPARE(LayerCache().directory(), tmp.path() + QStringLiteral("/layers"));
    QCOMPARE(LayerCache(QStringLiteral("/explicit")).directory(), QStringLiteral("/explicit"));
    qunsetenv("BULKHEAD_CACHE_DIR");
    QCOMPARE(LayerCache().directory(),
             QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/bulkhead/layers"));
}

QTEST_GUILESS_MAIN(TestLayerCache)
#include "tst_layercache.moc"
