// DockerArchiveSource on real `docker save` tarballs (alpine 3.10 / 3.11), on skopeo's
// docker-archive variant (symlinked layers), on a docker >= 25 style archive with blobs/, on
// multi-image archives, and on hostile or broken archives.
#include "common/sha256.h"
#include "image/dockerarchivesource.h"
#include "imagefixtures.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

const QString kAlpine310Config =
    QStringLiteral("sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e");
const QString kAlpine310DiffId =
    QStringLiteral("sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028");
const QString kAlpine310Layer =
    QStringLiteral("71dba1fabbde4baabcdebcde4895d3f3887e388b09cef162f8159cf7daffa1b8/layer.tar");
const QString kAlpine311Config =
    QStringLiteral("sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72");
const QString kAlpine311DiffId =
    QStringLiteral("sha256:beee9f30bc1f711043e78d4a2be0668955d4b761d587d6f60c2c8dc081efb203");

QJsonArray readManifest(const QString &dir)
{
    return QJsonDocument::fromJson(readFileBytes(dir + QStringLiteral("/manifest.json"))).array();
}

void writeManifest(const QString &dir, const QJsonArray &manifest)
{
    writeFileBytes(dir + QStringLiteral("/manifest.json"), QJsonDocument(manifest).toJson());
}

void editFirstEntry(const QString &dir, const std::function<void(QJsonObject &)> &edit)
{
    QJsonArray m = readManifest(dir);
    QJsonObject e = m.first().toObject();
    edit(e);
    m[0] = e;
    writeManifest(dir, m);
}

} // namespace

class TestDockerArchiveSource : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_alpine310;   // extracted docker save of alpine:3.10
    BuiltImages m_built;

    // Copies the extracted alpine 3.10 archive, applies `variant`, and tars it up.
    QString makeVariant(const QString &variant)
    {
        const QString dir = m_tmp.filePath(QStringLiteral("v-") + variant);
        copyTree(m_alpine310, dir);
        const QString configFile = dir + u'/' + kAlpine310Config.mid(7) + QStringLiteral(".json");
        const QString layerFile = dir + u'/' + kAlpine310Layer;
        QString error;
        auto setLayers = [&](const QStringList &layers) {
            editFirstEntry(dir, [&](QJsonObject &e) { e[QStringLiteral("Layers")] = QJsonArray::fromStringList(layers); });
        };
        auto symlinkLayer = [&](const QString &target) {
            QFile::remove(layerFile);
            runTool(QStringLiteral("ln"), {QStringLiteral("-s"), target, layerFile}, &error);
        };
        if (variant == u"no-legacy-files") {
            QFile::remove(dir + QStringLiteral("/repositories"));
            QFile::remove(dir + u'/' + kAlpine310Layer.section(u'/', 0, 0) + QStringLiteral("/VERSION"));
            QFile::remove(dir + u'/' + kAlpine310Layer.section(u'/', 0, 0) + QStringLiteral("/json"));
        } else if (variant == u"docker25-blobs") {
            // docker >= 25: blobs/sha256/<hex> for config and layers, plus an OCI index.
            QDir().mkpath(dir + QStringLiteral("/blobs/sha256"));
            QFile::rename(configFile, dir + QStringLiteral("/blobs/sha256/") + kAlpine310Config.mid(7));
            QFile::rename(layerFile, dir + QStringLiteral("/blobs/sha256/") + kAlpine310DiffId.mid(7));
            editFirstEntry(dir, [&](QJsonObject &e) {
                e[QStringLiteral("Config")] = QString(QStringLiteral("blobs/sha256/") + kAlpine310Config.mid(7));
                e[QStringLiteral("Layers")] = QJsonArray{QString(QStringLiteral("blobs/sha256/") + kAlpine310DiffId.mid(7))};
            });
            writeFileBytes(dir + QStringLiteral("/oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            writeFileBytes(dir + QStringLiteral("/index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
        } else if (variant == u"repeated-layer") {
            // The same layer twice (as after a no-op COPY): one blob serves two indices.
            QJsonObject c = QJsonDocument::fromJson(readFileBytes(configFile)).object();
            QJsonObject rootfs = c.value(u"rootfs").toObject();
            rootfs[QStringLiteral("diff_ids")] = QJsonArray{kAlpine310DiffId, kAlpine310DiffId};
            c[QStringLiteral("rootfs")] = rootfs;
            const QByteArray bytes = QJsonDocument(c).toJson(QJsonDocument::Compact);
            const QString name = Sha256::digestOf(bytes).mid(7) + QStringLiteral(".json");
            QFile::remove(configFile);
            writeFileBytes(dir + u'/' + name, bytes);
            editFirstEntry(dir, [&](QJsonObject &e) { e[QStringLiteral("Config")] = name; });
            setLayers({kAlpine310Layer, QStringLiteral("./") + kAlpine310Layer});
        } else if (variant == u"no-manifest") {
            QFile::remove(dir + QStringLiteral("/manifest.json"));
        } else if (variant == u"broken-json") {
            writeFileBytes(dir + QStringLiteral("/manifest.json"), "[{\"Config\": \"af34");
        } else if (variant == u"not-an-array") {
            writeFileBytes(dir + QStringLiteral("/manifest.json"), "{\"Config\": \"x\"}");
        } else if (variant == u"dotdot-layer") {
            setLayers({QStringLiteral("../../etc/passwd")});
        } else if (variant == u"dotdot-config") {
            editFirstEntry(dir, [](QJsonObject &e) { e[QStringLiteral("Config")] = QStringLiteral("a/../../x.json"); });
        } else if (variant == u"symlink-outside") {
            symlinkLayer(QStringLiteral("../../../etc/passwd"));
        } else if (variant == u"symlink-absolute") {
            symlinkLayer(QStringLiteral("/etc/passwd"));
        } else if (variant == u"symlink-loop") {
            symlinkLayer(QStringLiteral("layer.tar"));
        } else if (variant == u"missing-layer") {
            setLayers({QStringLiteral("nothere/layer.tar")});
        } else if (variant == u"layer-not-a-string") {
            editFirstEntry(dir, [](QJsonObject &e) { e[QStringLiteral("Layers")] = QJsonArray{42}; });
        } else if (variant == u"config-flipped") {
            QByteArray c = readFileBytes(configFile);
            c[c.indexOf("amd64")] = 'A';
            writeFileBytes(configFile, c);
        } else if (variant == u"huge-manifest") {
            QByteArray m = readFileBytes(dir + QStringLiteral("/manifest.json"));
            writeFileBytes(dir + QStringLiteral("/manifest.json"), m + QByteArray(5 * 1024 * 1024, ' '));
        } else if (variant == u"layer-count") {
            setLayers({kAlpine310Layer, kAlpine310Layer});
        } else if (variant == u"config-not-config") {
            writeFileBytes(dir + QStringLiteral("/other.json"), "{\"architecture\":\"amd64\"}");
            editFirstEntry(dir, [](QJsonObject &e) { e[QStringLiteral("Config")] = QStringLiteral("other.json"); });
        } else if (variant == u"no-images") {
            writeFileBytes(dir + QStringLiteral("/manifest.json"), "[]");
        }
        const QString tar = dir + QStringLiteral(".tar");
        makeTar(dir, tar);
        return tar;
    }

    static QString openError(const QString &path, const OpenOptions &options = {})
    {
        DockerArchiveSource source(path);
        const auto info = source.open(options, ProgressSink());
        return info ? QString() : info.error().message;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_alpine310 = m_tmp.filePath(QStringLiteral("alpine310"));
        QDir().mkpath(m_alpine310);
        QString error;
        QVERIFY2(runTool(QStringLiteral("tar"), {QStringLiteral("-xzf"), dataPath(QStringLiteral("image/alpine-310.tar.gz")),
                                                 QStringLiteral("-C"), m_alpine310}, &error), qPrintable(error));
        m_built = buildTestImages(m_tmp.filePath(QStringLiteral("built")));
    }

    void realDockerSave_data()
    {
        QTest::addColumn<QString>("archive");
        QTest::addColumn<QString>("configDigest");
        QTest::addColumn<QString>("diffId");
        QTest::addColumn<QString>("repoTag");
        QTest::addColumn<QString>("createdBy");
        QTest::newRow("alpine 3.10 gzipped") << dataPath(QStringLiteral("image/alpine-310.tar.gz")) << kAlpine310Config
            << kAlpine310DiffId << "alpine:3.10"
            << "/bin/sh -c #(nop) ADD file:d48cac34fac385cbc1de6adfdd88300f76f9bbe346cd17e64fd834d042a98326 in / ";
        QTest::newRow("alpine 3.11 gzipped") << dataPath(QStringLiteral("image/alpine-311.tar.gz")) << kAlpine311Config
            << kAlpine311DiffId << "alpine:3.11"
            << "/bin/sh -c #(nop) ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / ";
        QTest::newRow("alpine 3.10 plain tar") << QStringLiteral("plain-310") << kAlpine310Config << kAlpine310DiffId
            << "alpine:3.10"
            << "/bin/sh -c #(nop) ADD file:d48cac34fac385cbc1de6adfdd88300f76f9bbe346cd17e64fd834d042a98326 in / ";
    }
    void realDockerSave()
    {
        QFETCH(QString, archive);
        QFETCH(QString, configDigest);
        QFETCH(QString, diffId);
        QFETCH(QString, repoTag);
        QFETCH(QString, createdBy);
        if (archive == u"plain-310") {
            // The uncompressed archive exercises the in-place (file range) path.
            archive = m_tmp.filePath(QStringLiteral("alpine-310.tar"));
            QProcess gz;
            gz.setStandardOutputFile(archive);
            gz.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), dataPath(QStringLiteral("image/alpine-310.tar.gz"))});
            QVERIFY(gz.waitForFinished() && gz.exitCode() == 0);
        }
        DockerArchiveSource source(archive);
        const auto info = source.open({}, ProgressSink());
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->sourceKind, QStringLiteral("docker-archive"));
        QCOMPARE(info->configDigest, configDigest);
        QCOMPARE(info->repoTags, QStringList{repoTag});
        QVERIFY(info->selection.isEmpty());
        QCOMPARE(info->config.platform.toString(), QStringLiteral("linux/amd64"));
        QCOMPARE(info->config.cmd, QStringList{QStringLiteral("/bin/sh")});
        QCOMPARE(info->config.env.size(), 1);
        QVERIFY(info->config.env.first().startsWith(u"PATH=/usr/local/sbin"));
        QCOMPARE(info->config.diffIds, QStringList{diffId});
        QCOMPARE(info->config.history.size(), 2);
        QVERIFY(!info->config.history[0].emptyLayer);
        QVERIFY(info->config.history[1].emptyLayer);
        QCOMPARE(info->config.history[1].createdBy, QStringLiteral("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]"));
        QCOMPARE(info->layers.size(), 1);
        const LayerInfo &layer = info->layers.first();
        QCOMPARE(layer.index, 0);
        QCOMPARE(layer.diffId, diffId);
        QCOMPARE(layer.digest, diffId);  // docker save stores layers uncompressed
        QCOMPARE(layer.createdBy, createdBy);
        QVERIFY(!layer.created.isEmpty());

        HashingSink sink;
        const auto streamed = source.streamLayers({0}, sink, ProgressSink());
        QVERIFY2(streamed.has_value(), qPrintable(streamed ? QString() : streamed.error().message));
        QCOMPARE(sink.blobs.size(), 1);
        QCOMPARE(sink.blobs[0].indices, QVector<int>{0});
        QCOMPARE(sink.blobs[0].digest, diffId);
        QCOMPARE(sink.blobs[0].size, layer.size);

        // Nothing wanted: nothing handed over.
        HashingSink none;
        QVERIFY(source.streamLayers({}, none, ProgressSink()).has_value());
        QVERIFY(none.blobs.isEmpty());
        // An index the image does not have is refused.
        QVERIFY(!source.streamLayers({1}, none, ProgressSink()).has_value());
    }

    void skopeoArchive_data()
    {
        QTest::addColumn<bool>("gzipped");
        QTest::newRow("plain") << false;
        QTest::newRow("gzipped") << true;
    }
    void skopeoArchive()
    {
        QFETCH(bool, gzipped);
        if (!m_built.error.isEmpty())
            QSKIP(qPrintable(m_built.error));
        DockerArchiveSource source(gzipped ? m_built.dockerArchiveGz : m_built.dockerArchive);
        OpenOptions options;
        options.tag = QStringLiteral("app:1");   // RepoTags has docker.io/library/app:1
        const auto info = source.open(options, ProgressSink());
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        // skopeo keeps the config byte for byte: same digest as in the OCI layout.
        const QJsonObject manifest = QJsonDocument::fromJson(
            readBlob(m_built.ociDir, firstManifestDigest(m_built.ociDir))).object();
        QCOMPARE(info->configDigest, manifest.value(u"config").toObject().value(u"digest").toString());
        QCOMPARE(info->repoTags, QStringList{QStringLiteral("docker.io/library/app:1")});
        QCOMPARE(info->layers.size(), 2);
        QCOMPARE(info->layers[0].createdBy, QString::fromLatin1(kLayer1CreatedBy));
        QCOMPARE(info->layers[1].createdBy, QString::fromLatin1(kLayer2CreatedBy));
        QCOMPARE(info->config.user, QStringLiteral("1000:1000"));

        HashingSink sink;
        QVERIFY(source.streamLayers({0, 1}, sink, ProgressSink()).has_value());
        QCOMPARE(sink.blobs.size(), 2);
        const QString problem = checkStreamed(sink.blobs, *info, {0, 1});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // <id>/layer.tar is a symlink to <diffid>.tar: the bytes are the uncompressed layer.
        for (const LayerInfo &l : info->layers)
            QCOMPARE(l.digest, l.diffId);
    }

    void multiImageArchive_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("configDigest");
        QTest::addColumn<QString>("selection");
        QTest::newRow("no tag: first") << "" << kAlpine310Config << "image 1 of 2 in manifest.json (alpine:3.10)";
        QTest::newRow("by tag") << "alpine:3.11" << kAlpine311Config << "image 2 of 2 in manifest.json (alpine:3.11)";
        QTest::newRow("normalised tag") << "docker.io/library/alpine:3.11" << kAlpine311Config << "image 2 of 2";
        QTest::newRow("unknown tag") << "alpine:3.12" << "" << "has no image tagged 'alpine:3.12'; it has: alpine:3.10, alpine:3.11.";
    }
    void multiImageArchive()
    {
        QFETCH(QString, tag);
        QFETCH(QString, configDigest);
        QFETCH(QString, selection);
        const QString dir = m_tmp.filePath(QStringLiteral("multi"));
        const QString tar = m_tmp.filePath(QStringLiteral("multi.tar.gz"));
        if (!QFileInfo::exists(tar)) {
            copyTree(m_alpine310, dir);
            QString error;
            QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("a311"))));
            QVERIFY(runTool(QStringLiteral("tar"), {QStringLiteral("-xzf"), dataPath(QStringLiteral("image/alpine-311.tar.gz")),
                                                    QStringLiteral("-C"), m_tmp.filePath(QStringLiteral("a311"))}, &error));
            QJsonArray both = readManifest(dir);
            both.append(readManifest(m_tmp.filePath(QStringLiteral("a311"))).first());
            QFile::remove(m_tmp.filePath(QStringLiteral("a311/manifest.json")));
            QFile::remove(m_tmp.filePath(QStringLiteral("a311/repositories")));
            QVERIFY(runTool(QStringLiteral("cp"), {QStringLiteral("-a"), m_tmp.filePath(QStringLiteral("a311")) + QStringLiteral("/."), dir}, &error));
            writeManifest(dir, both);
            QVERIFY(makeTar(dir, tar, true));
        }
        DockerArchiveSource source(tar);
        OpenOptions options;
        options.tag = tag;
        const auto info = source.open(options, ProgressSink());
        if (configDigest.isEmpty()) {
            QVERIFY(!info.has_value());
            QVERIFY2(info.error().message.endsWith(selection), qPrintable(info.error().message));
            return;
        }
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->configDigest, configDigest);
        QVERIFY2(info->selection.startsWith(selection), qPrintable(info->selection));
        HashingSink sink;
        QVERIFY(source.streamLayers({0}, sink, ProgressSink()).has_value());
        QCOMPARE(sink.blobs.size(), 1);
        QCOMPARE(sink.blobs[0].digest, info->layers[0].diffId);
    }

    void variants_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("error");   // empty: opens and streams
        QTest::newRow("no legacy files") << "no-legacy-files" << "";
        QTest::newRow("docker 25 blobs layout") << "docker25-blobs" << "";
        QTest::newRow("repeated layer") << "repeated-layer" << "";
        QTest::newRow("no manifest.json") << "no-manifest" << "has no manifest.json; it is not a docker save archive.";
        QTest::newRow("broken json") << "broken-json" << "manifest.json of";
        QTest::newRow("not an array") << "not-an-array" << "lists no images.";
        QTest::newRow("no images") << "no-images" << "lists no images.";
        QTest::newRow("../ layer path") << "dotdot-layer" << "names the layer path '../../etc/passwd', which escapes the archive.";
        QTest::newRow("../ config path") << "dotdot-config" << "which escapes the archive.";
        QTest::newRow("symlink outside") << "symlink-outside" << "is a link pointing outside the archive (../../../etc/passwd).";
        QTest::newRow("absolute symlink") << "symlink-absolute" << "is a link pointing outside the archive (/etc/passwd).";
        QTest::newRow("symlink loop") << "symlink-loop" << "link loop";
        QTest::newRow("layer path not a string") << "layer-not-a-string" << "names no path for layer 1.";
        QTest::newRow("missing layer") << "missing-layer" << "The blob of layer 1 (nothere/layer.tar) is missing from";
        QTest::newRow("flipped config byte") << "config-flipped" << "does not match its digest";
        QTest::newRow("5 MiB manifest") << "huge-manifest" << "more than the 4194304 allowed.";
        QTest::newRow("more layers than diff_ids") << "layer-count" << "has 2 layers but its config lists 1 diff_ids.";
        QTest::newRow("config without rootfs") << "config-not-config" << "has no rootfs.diff_ids; it is not an image config.";
    }
    void variants()
    {
        QFETCH(QString, variant);
        QFETCH(QString, error);
        const QString tar = makeVariant(variant);
        DockerArchiveSource source(tar);
        const auto info = source.open({}, ProgressSink());
        if (!error.isEmpty()) {
            QVERIFY2(!info.has_value(), "opened a broken archive");
            QVERIFY2(info.error().message.contains(error), qPrintable(info.error().message));
            return;
        }
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        if (variant == u"repeated-layer") {
            QCOMPARE(info->layers.size(), 2);
            QVERIFY(info->layers[1].createdBy.isEmpty());   // one history entry for two layers
            HashingSink sink;
            QVERIFY(source.streamLayers({0, 1}, sink, ProgressSink()).has_value());
            QCOMPARE(sink.blobs.size(), 1);
            QCOMPARE(sink.blobs[0].indices, (QVector<int>{0, 1}));
            QCOMPARE(sink.blobs[0].digest, kAlpine310DiffId);
            return;
        }
        QCOMPARE(info->configDigest, kAlpine310Config);
        QCOMPARE(info->layers.size(), 1);
        QCOMPARE(info->layers[0].digest, kAlpine310DiffId);
        HashingSink sink;
        QVERIFY(source.streamLayers({0}, sink, ProgressSink()).has_value());
        QCOMPARE(sink.blobs.size(), 1);
        QCOMPARE(sink.blobs[0].digest, kAlpine310DiffId);
    }

    void notAnArchive_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("text") << QByteArray("hello, I am not a tar file\n").repeated(40) << "is not a readable tar archive";
        QTest::newRow("empty") << QByteArray() << "is not a readable tar archive";
        QTest::newRow("gzip of text") << QByteArray::fromHex("1f8b0800000000000003cb48cdc9c9e70200209a3a1006000000")
                                      << "is not a readable tar archive";
        QTest::newRow("truncated gzip") << readFileBytes(dataPath(QStringLiteral("image/alpine-310.tar.gz"))).left(100000)
                                        << "is not a readable tar archive";
    }
    void notAnArchive()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        const QString path = m_tmp.filePath(QStringLiteral("junk-") + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(writeFileBytes(path, content));
        const QString message = openError(path);
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(openError(m_tmp.filePath(QStringLiteral("does-not-exist"))).contains(u"does not exist"));
    }

    void truncatedPlainArchive()
    {
        // Cut inside the layer: the header pass notices the archive ends too early.
        const QString path = m_tmp.filePath(QStringLiteral("truncated.tar"));
        QProcess gz;
        gz.setStandardOutputFile(path);
        gz.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), dataPath(QStringLiteral("image/alpine-310.tar.gz"))});
        QVERIFY(gz.waitForFinished() && gz.exitCode() == 0);
        QFile f(path);
        QVERIFY(f.resize(3 * 1024 * 1024));
        const QString message = openError(path);
        QVERIFY2(message.contains(u"is not a readable tar archive"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestDockerArchiveSource)
#include "tst_dockerarchivesource.moc"
