// End to end: `bulkhead sbom` on the real images built by tests/images/build-images.sh (debootstrap
// bookworm + apt-installed packages + npm, packed by umoci/skopeo in every format) must list exactly
// the packages dpkg lists for each rootfs, each attributed to the layer that introduced it, and the
// npm packages the build installed. The truth files were computed from the rootfs by that script.
// Also: the real alpine docker-save tarballs, the hostile layer tarballs, SBOM schema validity.

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace bulkhead::test;

namespace {

struct TruthRow {
    QString version;
    int layer = -1;
};

// truth/<tag>.dpkg.tsv: package[:arch] TAB version TAB arch TAB source TAB source-version TAB status
// truth/<tag>.layers.tsv: package[:arch] TAB version TAB introducing-layer-index
QHash<QString, TruthRow> readDpkgTruth(const QString &dir, const QString &tag)
{
    QHash<QString, TruthRow> rows;
    QFile dpkg(dir + QStringLiteral("/truth/") + tag + QStringLiteral(".dpkg.tsv"));
    if (!dpkg.open(QIODevice::ReadOnly))
        return rows;
    while (!dpkg.atEnd()) {
        const QStringList f = QString::fromUtf8(dpkg.readLine()).trimmed().split(u'\t');
        if (f.size() < 3)
            continue;
        rows[f[0].section(u':', 0, 0) + u'/' + f[2]].version = f[1];
    }
    QFile layers(dir + QStringLiteral("/truth/") + tag + QStringLiteral(".layers.tsv"));
    if (layers.open(QIODevice::ReadOnly)) {
        while (!layers.atEnd()) {
            const QStringList f = QString::fromUtf8(layers.readLine()).trimmed().split(u'\t');
            if (f.size() < 3)
                continue;
            for (auto it = rows.begin(); it != rows.end(); ++it)
                if (it.key().section(u'/', 0, 0) == f[0].section(u':', 0, 0) && it->version == f[1])
                    it->layer = f[2].toInt();
        }
    }
    return rows;
}

// truth/<tag>.npm.tsv: name TAB version TAB install path
QSet<QString> readNpmTruth(const QString &dir, const QString &tag)
{
    QSet<QString> rows;
    QFile f(dir + QStringLiteral("/truth/") + tag + QStringLiteral(".npm.tsv"));
    if (f.open(QIODevice::ReadOnly)) {
        while (!f.atEnd()) {
            const QStringList c = QString::fromUtf8(f.readLine()).trimmed().split(u'\t');
            if (c.size() >= 3)
                rows.insert(c[0] + u'@' + c[1] + u' ' + c[2] + QStringLiteral("/package.json"));
        }
    }
    return rows;
}

QJsonObject sbomJson(const QStringList &args, const QString &cacheDir, QByteArray *stderrOut = nullptr)
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BULKHEAD_CACHE_DIR"), cacheDir);
    const auto r = runBulkhead(QStringList{QStringLiteral("sbom"), QStringLiteral("--quiet"),
                                           QStringLiteral("--format"), QStringLiteral("json")} + args,
                               {}, 300000, env);
    if (stderrOut)
        *stderrOut = r.err;
    if (r.exitCode != 0) {
        qWarning("bulkhead sbom %s failed (%d): %s", qPrintable(args.join(u' ')), r.exitCode, r.err.constData());
        return {};
    }
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestSbomImages : public QObject {
    Q_OBJECT
    QString m_images;
    QTemporaryDir m_cache;

private slots:
    void initTestCase()
    {
        m_images = testImagesDir();
        QVERIFY(m_cache.isValid());
    }

    void realImageInventory_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("truth");
        const QString d = testImagesDir();
        QTest::newRow("oci dir, gzip layers") << QStringList{QStringLiteral("oci:") + d + QStringLiteral("/oci:app")} << QStringLiteral("app");
        QTest::newRow("oci dir, eco (app + language layer)") << QStringList{QStringLiteral("oci:") + d + QStringLiteral("/oci:eco")} << QStringLiteral("eco");
        QTest::newRow("oci dir, one layer") << QStringList{QStringLiteral("oci:") + d + QStringLiteral("/oci:bookworm")} << QStringLiteral("bookworm");
        QTest::newRow("oci dir, zstd layers") << QStringList{QStringLiteral("oci:") + d + QStringLiteral("/oci-zstd:app")} << QStringLiteral("app");
        QTest::newRow("docker-archive") << QStringList{QStringLiteral("docker-archive:") + d + QStringLiteral("/app-docker.tar")} << QStringLiteral("app");
        QTest::newRow("docker-archive gzipped, detected") << QStringList{d + QStringLiteral("/app-docker.tar.gz")} << QStringLiteral("app");
        QTest::newRow("oci-archive") << QStringList{QStringLiteral("oci-archive:") + d + QStringLiteral("/app-oci.tar")} << QStringLiteral("app");
        QTest::newRow("oci-archive detected") << QStringList{d + QStringLiteral("/app-oci.tar")} << QStringLiteral("app");
        QTest::newRow("index, host platform") << QStringList{QStringLiteral("oci:") + d + QStringLiteral("/oci:multi")} << QStringLiteral("multi");
        QTest::newRow("index, --platform linux/arm64")
            << QStringList{QStringLiteral("oci:") + d + QStringLiteral("/oci:multi"), QStringLiteral("--platform"), QStringLiteral("linux/arm64")}
            << QStringLiteral("app-arm64");
    }

    void realImageInventory()
    {
        if (m_images.isEmpty())
            QSKIP("the real test images are not built here (tests/images/build-images.sh; tests/run-all.sh builds them)");
        QFETCH(QStringList, args);
        QFETCH(QString, truth);
        if (!QFile::exists(m_images + QStringLiteral("/truth/") + truth + QStringLiteral(".dpkg.tsv")))
            QSKIP("the test images were built by an older build-images.sh; rebuild them");
        const auto expected = readDpkgTruth(m_images, truth);
        QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("no truth for ") + truth));

        const QJsonObject doc = sbomJson(args, m_cache.path());
        QVERIFY(!doc.isEmpty());
        QCOMPARE(doc.value(u"os").toObject().value(u"id").toString(), QStringLiteral("debian"));

        QHash<QString, TruthRow> found;
        QSet<QString> npm;
        for (const auto &v : doc.value(u"packages").toArray()) {
            const QJsonObject p = v.toObject();
            const QString eco = p.value(u"ecosystem").toString();
            if (eco == u"deb") {
                const QString key = p.value(u"name").toString() + u'/' + p.value(u"arch").toString();
                QVERIFY2(!found.contains(key), qPrintable(QStringLiteral("listed twice: ") + key));
                found[key] = {p.value(u"version").toString(), p.value(u"layer").toObject().value(u"index").toInt(-1)};
                QVERIFY(p.value(u"purl").toString().startsWith(QStringLiteral("pkg:deb/debian/")));
                QVERIFY(!p.value(u"layer").toObject().value(u"createdBy").toString().isEmpty());
            } else if (eco == u"npm" && p.value(u"metadata").toObject().value(u"private").toString() != u"true") {
                npm.insert(p.value(u"name").toString() + u'@' + p.value(u"version").toString() + u' '
                           + p.value(u"foundIn").toString());
            }
        }
        QStringList problems;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            if (!found.contains(it.key()))
                problems << QStringLiteral("missing %1 %2").arg(it.key(), it->version);
            else if (found[it.key()].version != it->version)
                problems << QStringLiteral("%1: version %2, dpkg says %3").arg(it.key(), found[it.key()].version, it->version);
            else if (it->layer >= 0 && found[it.key()].layer != it->layer)
                problems << QStringLiteral("%1: layer %2, truth says %3").arg(it.key()).arg(found[it.key()].layer).arg(it->layer);
        }
        for (auto it = found.cbegin(); it != found.cend(); ++it)
            if (!expected.contains(it.key()))
                problems << QStringLiteral("extra %1 %2").arg(it.key(), it->version);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(npm, readNpmTruth(m_images, truth));
    }

    // The warm run (every layer from the cache) must say exactly what the cold run said.
    void warmEqualsCold()
    {
        if (m_images.isEmpty())
            QSKIP("the real test images are not built here");
        QTemporaryDir cache;
        const QStringList args{QStringLiteral("oci:") + m_images + QStringLiteral("/oci:app")};
        const QJsonObject cold = sbomJson(args, cache.path());
        QVERIFY(!QDir(cache.path() + QStringLiteral("/layers")).isEmpty());
        const QJsonObject warm = sbomJson(args, cache.path());
        QVERIFY(!cold.isEmpty());
        QCOMPARE(warm.value(u"packages"), cold.value(u"packages"));
        QCOMPARE(warm.value(u"image"), cold.value(u"image"));
        QCOMPARE(warm.value(u"os"), cold.value(u"os"));
    }

    void sbomFormatsValidate_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("schema");
        QTest::newRow("cyclonedx 1.5") << QStringLiteral("cyclonedx") << QStringLiteral("cyclonedx/bom-1.5.schema.json");
        QTest::newRow("spdx 2.3") << QStringLiteral("spdx") << QStringLiteral("spdx-2.3/spdx-schema.json");
    }

    void sbomFormatsValidate()
    {
        QFETCH(QString, format);
        QFETCH(QString, schema);
        // The real image when built, else the real alpine 3.10 docker save.
        const QString image = m_images.isEmpty() ? dataPath(QStringLiteral("image/alpine-310.tar.gz"))
                                                 : QStringLiteral("oci:") + m_images + QStringLiteral("/oci:app");
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BULKHEAD_CACHE_DIR"), m_cache.path());
        const auto r = runBulkhead({QStringLiteral("sbom"), QStringLiteral("-q"), QStringLiteral("-f"), format, image}, {}, 300000, env);
        QCOMPARE(r.exitCode, 0);
        const QString errors = schemaErrors(schema, r.out);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        QVERIFY(r.out.contains("pkg:"));
    }

    void alpineTarballs_data()
    {
        QTest::addColumn<QString>("tarball");
        QTest::addColumn<QString>("expected");
        QTest::newRow("alpine 3.10") << QStringLiteral("image/alpine-310.tar.gz") << QStringLiteral("catalog/apk/alpine-310.packages.tsv");
        QTest::newRow("alpine 3.11") << QStringLiteral("image/alpine-311.tar.gz") << QStringLiteral("catalog/apk/alpine-311.packages.tsv");
    }

    void alpineTarballs()
    {
        QFETCH(QString, tarball);
        QFETCH(QString, expected);
        QFile tsv(dataPath(expected));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        QSet<QString> want;
        while (!tsv.atEnd()) {
            const QStringList f = QString::fromUtf8(tsv.readLine()).trimmed().split(u'\t');
            if (f.size() >= 2 && !f[0].startsWith(u'#'))
                want.insert(f[0] + u'@' + f[1]);
        }
        const QJsonObject doc = sbomJson({dataPath(tarball)}, m_cache.path());
        QSet<QString> got;
        for (const auto &v : doc.value(u"packages").toArray()) {
            const QJsonObject p = v.toObject();
            QCOMPARE(p.value(u"ecosystem").toString(), QStringLiteral("apk"));
            QCOMPARE(p.value(u"layer").toObject().value(u"index").toInt(), 0);
            got.insert(p.value(u"name").toString() + u'@' + p.value(u"version").toString());
        }
        QCOMPARE(got, want);
        QCOMPARE(doc.value(u"os").toObject().value(u"id").toString(), QStringLiteral("alpine"));
    }

    // Hostile and edge-case docker-save tarballs (symlink escapes, "..", absolute paths): each
    // ends in success with warnings or in one clear error; nothing is written anywhere.
    void hostileTarballs_data()
    {
        QTest::addColumn<QString>("tarball");
        const QDir dir(dataPath(QStringLiteral("layers")));
        for (const QString &name : dir.entryList({QStringLiteral("*.tar")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void hostileTarballs()
    {
        QFETCH(QString, tarball);
        QTemporaryDir work;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BULKHEAD_CACHE_DIR"), work.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("TMPDIR"), work.filePath(QStringLiteral("tmp")));
        QDir().mkpath(work.filePath(QStringLiteral("tmp")));
        const QStringList before = QDir(QStringLiteral("/tmp")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        const auto r = runBulkhead({QStringLiteral("sbom"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("json"), tarball},
                                   {}, 60000, env);
        QVERIFY2(r.exitCode == 0 || r.exitCode == 2, r.err.constData());
        if (r.exitCode == 2) {
            const QList<QByteArray> lines = r.err.trimmed().split('\n');
            QCOMPARE(lines.size(), 1);
            QVERIFY(lines.first().startsWith("bulkhead: error: "));
        } else {
            QVERIFY(QJsonDocument::fromJson(r.out).isObject());
        }
        // Nothing but the layer cache was written, and nothing new appeared in /tmp.
        QCOMPARE(QDir(work.filePath(QStringLiteral("tmp"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
        const QStringList after = QDir(QStringLiteral("/tmp")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        for (const QString &name : after)
            QVERIFY2(before.contains(name) || !name.contains(QStringLiteral("poc")), qPrintable(name));
    }

    void missingImageIsOneClearError()
    {
        const auto r = runBulkhead({QStringLiteral("sbom"), QStringLiteral("--quiet"), QStringLiteral("/nonexistent/image.tar")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(r.err.startsWith("bulkhead: error: "));
    }
};

QTEST_GUILESS_MAIN(TestSbomImages)
#include "tst_sbomimages.moc"
