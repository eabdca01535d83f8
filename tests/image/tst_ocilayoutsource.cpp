// OciLayoutSource on OCI layouts built by umoci and skopeo (directory, oci-archive, gzipped
// oci-archive), on a two-platform nested index, on layouts holding several named images, on Docker
// media types, and on tampered layouts.
#include "common/sha256.h"
#include "image/ocilayoutsource.h"
#include "imagefixtures.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

using Storage = OciLayoutSource::Storage;

QJsonObject manifestOf(const QString &layout)
{
    return QJsonDocument::fromJson(readBlob(layout, firstManifestDigest(layout))).object();
}

QJsonObject descriptor(const QString &mediaType, const QString &digest, qint64 size)
{
    QJsonObject d;
    d[QStringLiteral("mediaType")] = mediaType;
    d[QStringLiteral("digest")] = digest;
    d[QStringLiteral("size")] = size;
    return d;
}

QJsonObject platformObject(const QString &arch, const QString &variant = {}, const QString &os = QStringLiteral("linux"))
{
    QJsonObject p;
    p[QStringLiteral("os")] = os;
    p[QStringLiteral("architecture")] = arch;
    if (!variant.isEmpty())
        p[QStringLiteral("variant")] = variant;
    return p;
}

void writeIndex(const QString &layout, const QJsonArray &manifests)
{
    QJsonObject index;
    index[QStringLiteral("schemaVersion")] = 2;
    index[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.oci.image.index.v1+json");
    index[QStringLiteral("manifests")] = manifests;
    writeJson(layout + QStringLiteral("/index.json"), index);
}

void flipByte(const QString &path, const QByteArray &near)
{
    QByteArray b = readFileBytes(path);
    const int at = qMax(0, b.indexOf(near));
    b[at] = char(b[at] ^ 0x20);
    QFile f(path);
    f.open(QIODevice::ReadWrite);
    f.write(b);
}

} // namespace

class TestOciLayoutSource : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    BuiltImages m_built;
    QString m_multi;          // two-platform nested index, ref.name "multi"
    QString m_multiIndex;     // digest of its nested index
    int m_copies = 0;

    QString copyLayout()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("copy%1").arg(++m_copies));
        copyTree(m_built.ociDir, dir);
        return dir;
    }

    // Adds an image like the first one but for another platform (same layers); returns its
    // manifest descriptor.
    static QJsonObject addPlatformImage(const QString &layout, const QString &arch, const QString &variant)
    {
        QJsonObject manifest = manifestOf(layout);
        QJsonObject config = QJsonDocument::fromJson(
            readBlob(layout, manifest.value(u"config").toObject().value(u"digest").toString())).object();
        config[QStringLiteral("architecture")] = arch;
        config[QStringLiteral("variant")] = variant;
        const QByteArray configBytes = QJsonDocument(config).toJson(QJsonDocument::Compact);
        manifest[QStringLiteral("config")] = descriptor(QStringLiteral("application/vnd.oci.image.config.v1+json"),
                                                        writeBlob(layout, configBytes), configBytes.size());
        const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
        QJsonObject d = descriptor(QStringLiteral("application/vnd.oci.image.manifest.v1+json"),
                                   writeBlob(layout, bytes), bytes.size());
        d[QStringLiteral("platform")] = platformObject(arch, variant);
        return d;
    }

    static QString openError(Storage storage, const QString &path, const OpenOptions &options = {})
    {
        OciLayoutSource source(storage, path);
        const auto info = source.open(options, ProgressSink());
        return info ? QString() : info.error().message;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_built = buildTestImages(m_tmp.filePath(QStringLiteral("built")));
        if (!m_built.error.isEmpty())
            QSKIP(qPrintable(m_built.error));
        // The two-platform image: index.json -> nested index -> amd64 and arm64/v8 manifests
        // (plus an attestation entry as BuildKit writes them, which must be ignored).
        m_multi = copyLayout();
        const QString amd64Digest = firstManifestDigest(m_multi);
        QJsonObject amd64 = descriptor(QStringLiteral("application/vnd.oci.image.manifest.v1+json"), amd64Digest,
                                       readBlob(m_multi, amd64Digest).size());
        amd64[QStringLiteral("platform")] = platformObject(QStringLiteral("amd64"));
        const QJsonObject arm64 = addPlatformImage(m_multi, QStringLiteral("arm64"), QStringLiteral("v8"));
        QJsonObject attestation = amd64;
        attestation[QStringLiteral("platform")] = platformObject(QStringLiteral("unknown"), {}, QStringLiteral("unknown"));
        QJsonObject nested;
        nested[QStringLiteral("schemaVersion")] = 2;
        nested[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.oci.image.index.v1+json");
        nested[QStringLiteral("manifests")] = QJsonArray{attestation, amd64, arm64};
        const QByteArray nestedBytes = QJsonDocument(nested).toJson(QJsonDocument::Compact);
        m_multiIndex = writeBlob(m_multi, nestedBytes);
        QJsonObject top = descriptor(QStringLiteral("application/vnd.oci.image.index.v1+json"), m_multiIndex,
                                     nestedBytes.size());
        top[QStringLiteral("annotations")] = QJsonObject{{QStringLiteral("org.opencontainers.image.ref.name"),
                                                          QStringLiteral("multi")}};
        writeIndex(m_multi, QJsonArray{top});
    }

    void layouts_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("oci directory") << 0;
        QTest::newRow("oci-archive") << 1;
        QTest::newRow("gzipped oci-archive") << 2;
    }
    void layouts()
    {
        QFETCH(int, which);
        const QString path = which == 0 ? m_built.ociDir : which == 1 ? m_built.ociArchive : m_built.ociArchiveGz;
        OciLayoutSource source(which == 0 ? Storage::Directory : Storage::Archive, path);
        const auto info = source.open({}, ProgressSink());
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->sourceKind, which == 0 ? QStringLiteral("oci") : QStringLiteral("oci-archive"));
        QCOMPARE(info->manifestDigest, firstManifestDigest(m_built.ociDir));
        QCOMPARE(info->manifestMediaType, QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        QCOMPARE(info->repoTags, QStringList{QStringLiteral("app")});
        QVERIFY(info->indexDigest.isEmpty());
        QVERIFY(info->selection.isEmpty());
        const QJsonObject manifest = manifestOf(m_built.ociDir);
        QCOMPARE(info->configDigest, manifest.value(u"config").toObject().value(u"digest").toString());

        const ImageConfig &c = info->config;
        QCOMPARE(c.platform.toString(), QStringLiteral("linux/amd64"));
        QCOMPARE(c.user, QStringLiteral("1000:1000"));
        QVERIFY(c.env.contains(QStringLiteral("GREETING=hello")));
        QCOMPARE(c.entrypoint, QStringList{QStringLiteral("/bin/busybox")});
        QCOMPARE(c.cmd, QStringList{QStringLiteral("sh")});
        QCOMPARE(c.workingDir, QStringLiteral("/srv"));
        QCOMPARE(c.exposedPorts, QStringList{QStringLiteral("8080/tcp")});
        QCOMPARE(c.volumes, QStringList{QStringLiteral("/data")});
        QCOMPARE(c.labels.value(QStringLiteral("org.example.team")), QStringLiteral("bulkhead"));
        QCOMPARE(c.stopSignal, QStringLiteral("SIGTERM"));
        QCOMPARE(c.history.size(), 3);
        QVERIFY(c.history[2].emptyLayer);
        QCOMPARE(c.history[2].createdBy, QString::fromLatin1(kConfigCreatedBy));

        const QJsonArray layers = manifest.value(u"layers").toArray();
        QCOMPARE(info->layers.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const LayerInfo &l = info->layers[i];
            QCOMPARE(l.index, i);
            QCOMPARE(l.digest, layers[i].toObject().value(u"digest").toString());
            QCOMPARE(l.size, qint64(layers[i].toObject().value(u"size").toDouble()));
            QCOMPARE(l.mediaType, QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"));
            QCOMPARE(l.diffId, c.diffIds[i]);
        }
        QCOMPARE(info->layers[0].createdBy, QString::fromLatin1(kLayer1CreatedBy));
        QCOMPARE(info->layers[1].createdBy, QString::fromLatin1(kLayer2CreatedBy));

        HashingSink sink;
        QVERIFY(source.streamLayers({0, 1}, sink, ProgressSink()).has_value());
        QCOMPARE(sink.blobs.size(), 2);
        const QString problem = checkStreamed(sink.blobs, *info, {0, 1});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        HashingSink one;
        QVERIFY(source.streamLayers({1}, one, ProgressSink()).has_value());
        QCOMPARE(one.blobs.size(), 1);
        QCOMPARE(one.blobs[0].digest, info->layers[1].digest);
    }

    void platforms_data()
    {
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QString>("arch");    // empty: an error is expected
        QTest::addColumn<QString>("error");
        const QString available = QStringLiteral("available: linux/amd64, linux/arm64/v8.");
        QTest::newRow("host default") << "" << Platform::host().architecture << "";
        QTest::newRow("linux/amd64") << "linux/amd64" << "amd64" << "";
        QTest::newRow("linux/arm64") << "linux/arm64" << "arm64" << "";
        QTest::newRow("linux/arm64/v8") << "linux/arm64/v8" << "arm64" << "";
        QTest::newRow("arm64 short") << "arm64" << "arm64" << "";
        QTest::newRow("arm/v7") << "linux/arm/v7" << "" << QStringLiteral("has no image for platform linux/arm/v7; ") + available;
        QTest::newRow("arm64/v9") << "linux/arm64/v9" << "" << QStringLiteral("has no image for platform linux/arm64/v9; ") + available;
        QTest::newRow("windows") << "windows/amd64" << "" << QStringLiteral("has no image for platform windows/amd64; ") + available;
    }
    void platforms()
    {
        QFETCH(QString, platform);
        QFETCH(QString, arch);
        QFETCH(QString, error);
        OpenOptions options;
        if (!platform.isEmpty())
            QVERIFY(Platform::parse(platform, &options.platform));
        if (platform.isEmpty() && arch != u"amd64" && arch != u"arm64")
            QSKIP("the host is neither amd64 nor arm64");
        OciLayoutSource source(Storage::Directory, m_multi);
        const auto info = source.open(options, ProgressSink());
        if (arch.isEmpty()) {
            QVERIFY(!info.has_value());
            QVERIFY2(info.error().message.endsWith(error), qPrintable(info.error().message));
            return;
        }
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->config.platform.architecture, arch);
        QCOMPARE(info->indexDigest, m_multiIndex);
        QCOMPARE(info->repoTags, QStringList{QStringLiteral("multi")});
        QVERIFY2(info->selection.contains(QStringLiteral("platform linux/") + arch), qPrintable(info->selection));
        QVERIFY2(info->selection.endsWith(u"of 2"), qPrintable(info->selection));   // the attestation is not an image
        QCOMPARE(info->layers.size(), 2);
        QCOMPARE(info->layers[1].createdBy, QString::fromLatin1(kLayer2CreatedBy));
        HashingSink sink;
        QVERIFY(source.streamLayers({0, 1}, sink, ProgressSink()).has_value());
        QCOMPARE(sink.blobs.size(), 2);
    }

    void namedImages_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("error");
        QTest::newRow("no tag, two images") << "" << "" << "holds several images (app, other); choose one by tag.";
        QTest::newRow("app") << "app" << "bulkhead" << "";
        QTest::newRow("other") << "other" << "other-team" << "";
        QTest::newRow("unknown") << "nope" << "" << "has no image named 'nope'; it has: app, other.";
    }
    void namedImages()
    {
        QFETCH(QString, tag);
        QFETCH(QString, label);
        QFETCH(QString, error);
        const QString layout = copyLayout();
        const QJsonArray original = readJson(layout + QStringLiteral("/index.json")).value(u"manifests").toArray();
        editConfig(layout, [](QJsonObject &c) {
            QJsonObject rt = c.value(u"config").toObject();
            rt[QStringLiteral("Labels")] = QJsonObject{{QStringLiteral("org.example.team"), QStringLiteral("other-team")}};
            c[QStringLiteral("config")] = rt;
        });
        QJsonObject other = readJson(layout + QStringLiteral("/index.json")).value(u"manifests").toArray().first().toObject();
        other[QStringLiteral("annotations")] = QJsonObject{{QStringLiteral("org.opencontainers.image.ref.name"), QStringLiteral("other")}};
        writeIndex(layout, QJsonArray{original.first(), other});

        OpenOptions options;
        options.tag = tag;
        OciLayoutSource source(Storage::Directory, layout);
        const auto info = source.open(options, ProgressSink());
        if (!error.isEmpty()) {
            QVERIFY(!info.has_value());
            QVERIFY2(info.error().message.endsWith(error), qPrintable(info.error().message));
            return;
        }
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->config.labels.value(QStringLiteral("org.example.team")), label);
        QCOMPARE(info->repoTags, QStringList{tag});
        // The tag given to the constructor (from "oci:PATH:TAG") works the same.
        OciLayoutSource byCtor(Storage::Directory, layout, tag);
        const auto again = byCtor.open({}, ProgressSink());
        QVERIFY(again.has_value());
        QCOMPARE(again->configDigest, info->configDigest);
    }

    void dockerMediaTypes()
    {
        // skopeo/docker write schema 2 manifests and manifest lists into layouts too.
        const QString layout = copyLayout();
        const QString manifestDigest = editManifest(layout, [](QJsonObject &m) {
            m[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
            QJsonObject config = m.value(u"config").toObject();
            config[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.docker.container.image.v1+json");
            m[QStringLiteral("config")] = config;
            QJsonArray layers = m.value(u"layers").toArray();
            for (int i = 0; i < layers.size(); ++i) {
                QJsonObject l = layers[i].toObject();
                l[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
                layers[i] = l;
            }
            m[QStringLiteral("layers")] = layers;
        });
        QJsonObject entry = descriptor(QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"),
                                       manifestDigest, readBlob(layout, manifestDigest).size());
        entry[QStringLiteral("platform")] = platformObject(QStringLiteral("amd64"));
        QJsonObject list;
        list[QStringLiteral("schemaVersion")] = 2;
        list[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
        list[QStringLiteral("manifests")] = QJsonArray{entry};
        const QByteArray listBytes = QJsonDocument(list).toJson(QJsonDocument::Compact);
        const QString listDigest = writeBlob(layout, listBytes);
        writeIndex(layout, QJsonArray{descriptor(QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json"),
                                                 listDigest, listBytes.size())});
        OciLayoutSource source(Storage::Directory, layout);
        OpenOptions options;
        options.platform.os = QStringLiteral("linux");
        options.platform.architecture = QStringLiteral("amd64");
        const auto info = source.open(options, ProgressSink());
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->manifestMediaType, QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
        QCOMPARE(info->manifestDigest, manifestDigest);
        QCOMPARE(info->indexDigest, listDigest);
        QCOMPARE(info->layers[0].mediaType, QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip"));
    }

    void historyAndHealthcheck_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<bool>("attributed");
        QTest::newRow("as built") << "" << true;
        QTest::newRow("history missing") << "drop-history" << false;
        QTest::newRow("extra non-empty history entry") << "extra-history" << false;
        QTest::newRow("empty entries only added") << "extra-empty-history" << true;
    }
    void historyAndHealthcheck()
    {
        QFETCH(QString, edit);
        QFETCH(bool, attributed);
        const QString layout = copyLayout();
        editConfig(layout, [&](QJsonObject &c) {
            QJsonObject rt = c.value(u"config").toObject();
            rt[QStringLiteral("Healthcheck")] = QJsonObject{{QStringLiteral("Test"),
                QJsonArray{QStringLiteral("CMD-SHELL"), QStringLiteral("wget -q localhost:8080")}}};
            c[QStringLiteral("config")] = rt;
            QJsonArray h = c.value(u"history").toArray();
            if (edit == u"drop-history")
                c.remove(QStringLiteral("history"));
            if (edit == u"extra-history")
                h.prepend(QJsonObject{{QStringLiteral("created_by"), QStringLiteral("mystery")}});
            if (edit == u"extra-empty-history")
                h.prepend(QJsonObject{{QStringLiteral("created_by"), QStringLiteral("ARG x")}, {QStringLiteral("empty_layer"), true}});
            if (edit != u"drop-history")
                c[QStringLiteral("history")] = h;
        });
        OciLayoutSource source(Storage::Directory, layout);
        const auto info = source.open({}, ProgressSink());
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->config.healthcheck, (QStringList{QStringLiteral("CMD-SHELL"), QStringLiteral("wget -q localhost:8080")}));
        // Never misattribute: without a 1:1 match every createdBy stays empty.
        QCOMPARE(info->layers[0].createdBy, attributed ? QString::fromLatin1(kLayer1CreatedBy) : QString());
        QCOMPARE(info->layers[1].createdBy, attributed ? QString::fromLatin1(kLayer2CreatedBy) : QString());
    }

    void tampered_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("archive");
        QTest::addColumn<QString>("error");
        const struct {
            const char *variant;
            const char *error;
        } rows[] = {
            {"config-flipped", "does not match its digest"},
            {"manifest-flipped", "The manifest blob sha256:"},
            {"truncated-layer", "(truncated)"},
            {"missing-layer", "is missing from"},
            {"missing-config", "The config blob sha256:"},
            {"broken-index", "is not valid JSON"},
            {"index-not-object", "is not a JSON object."},
            {"no-index", "has no index.json."},
            {"no-oci-layout", "it has no oci-layout file."},
            {"layout-version-2", "only 1.x is supported."},
            {"empty-index", "lists no manifests."},
            {"bad-digest", "has an invalid digest 'sha256:../../../etc/passwd'."},
            {"sha512-digest", "only sha256 is supported."},
            {"huge-config", "more than the 4 MiB allowed."},
            {"huge-index", "more than the 4194304 allowed."},
            {"blob-symlink-outside", "outside"},
            {"schema1-mediatype", "Docker schema 1 manifest, which is obsolete and not supported"},
            {"schema1-content", "Docker schema 1 manifest, which is obsolete and not supported"},
            {"diffids-mismatch", "has 2 layers but its config lists 3 diff_ids."},
            {"artifact", "is not a container image: its config has media type 'application/vnd.example.sbom+json'."},
            {"unknown-layer-type", "has the unsupported media type 'application/x-unknown'."},
            {"deep-index", "nests image indexes more than 4 deep."},
            {"config-is-junk", "is not valid JSON"},
        };
        for (const auto &r : rows) {
            QTest::newRow(qPrintable(QStringLiteral("dir: ") + QString::fromLatin1(r.variant))) << r.variant << false << r.error;
            QTest::newRow(qPrintable(QStringLiteral("archive: ") + QString::fromLatin1(r.variant))) << r.variant << true << r.error;
        }
    }
    void tampered()
    {
        QFETCH(QString, variant);
        QFETCH(bool, archive);
        QFETCH(QString, error);
        const QString layout = copyLayout();
        const QJsonObject manifest = manifestOf(layout);
        const QString configDigest = manifest.value(u"config").toObject().value(u"digest").toString();
        const QString layerDigest = manifest.value(u"layers").toArray().at(1).toObject().value(u"digest").toString();
        const QString index = layout + QStringLiteral("/index.json");
        auto setFirstEntry = [&](const QString &key, const QJsonValue &value) {
            QJsonObject i = readJson(index);
            QJsonArray list = i.value(u"manifests").toArray();
            QJsonObject e = list.first().toObject();
            e[key] = value;
            list[0] = e;
            i[QStringLiteral("manifests")] = list;
            writeJson(index, i);
        };
        if (variant == u"config-flipped") {
            flipByte(blobFile(layout, configDigest), "amd64");
        } else if (variant == u"manifest-flipped") {
            flipByte(blobFile(layout, firstManifestDigest(layout)), "schemaVersion");
        } else if (variant == u"truncated-layer") {
            QFile f(blobFile(layout, layerDigest));
            QVERIFY(f.resize(f.size() / 2));
        } else if (variant == u"missing-layer") {
            QVERIFY(QFile::remove(blobFile(layout, layerDigest)));
        } else if (variant == u"missing-config") {
            QVERIFY(QFile::remove(blobFile(layout, configDigest)));
        } else if (variant == u"broken-index") {
            writeFileBytes(index, "{\"schemaVersion\": 2, \"manifests\": [");
        } else if (variant == u"index-not-object") {
            writeFileBytes(index, "[1, 2, 3]");
        } else if (variant == u"no-index") {
            QFile::remove(index);
        } else if (variant == u"no-oci-layout") {
            QFile::remove(layout + QStringLiteral("/oci-layout"));
        } else if (variant == u"layout-version-2") {
            writeFileBytes(layout + QStringLiteral("/oci-layout"), "{\"imageLayoutVersion\": \"2.0.0\"}");
        } else if (variant == u"empty-index") {
            writeIndex(layout, {});
        } else if (variant == u"bad-digest") {
            setFirstEntry(QStringLiteral("digest"), QStringLiteral("sha256:../../../etc/passwd"));
        } else if (variant == u"sha512-digest") {
            setFirstEntry(QStringLiteral("digest"), QString(QStringLiteral("sha512:") + QString(128, u'a')));
        } else if (variant == u"huge-config") {
            editManifest(layout, [](QJsonObject &m) {
                QJsonObject c = m.value(u"config").toObject();
                c[QStringLiteral("size")] = 5 * 1024 * 1024;
                m[QStringLiteral("config")] = c;
            });
        } else if (variant == u"huge-index") {
            writeFileBytes(index, readFileBytes(index) + QByteArray(5 * 1024 * 1024, '\n'));
        } else if (variant == u"blob-symlink-outside") {
            QFile::remove(blobFile(layout, configDigest));
            QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), blobFile(layout, configDigest)));
        } else if (variant == u"schema1-mediatype") {
            setFirstEntry(QStringLiteral("mediaType"), QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws"));
        } else if (variant == u"schema1-content") {
            const QByteArray s1 = "{\"schemaVersion\":1,\"name\":\"library/app\",\"tag\":\"1\",\"fsLayers\":[],\"history\":[]}";
            setFirstEntry(QStringLiteral("digest"), writeBlob(layout, s1));
            setFirstEntry(QStringLiteral("size"), s1.size());
            setFirstEntry(QStringLiteral("mediaType"), QString());
        } else if (variant == u"diffids-mismatch") {
            editConfig(layout, [](QJsonObject &c) {
                QJsonObject rootfs = c.value(u"rootfs").toObject();
                QJsonArray ids = rootfs.value(u"diff_ids").toArray();
                ids.append(ids.first());
                rootfs[QStringLiteral("diff_ids")] = ids;
                c[QStringLiteral("rootfs")] = rootfs;
            });
        } else if (variant == u"artifact") {
            editManifest(layout, [](QJsonObject &m) {
                QJsonObject c = m.value(u"config").toObject();
                c[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.example.sbom+json");
                m[QStringLiteral("config")] = c;
            });
        } else if (variant == u"unknown-layer-type") {
            editManifest(layout, [](QJsonObject &m) {
                QJsonArray layers = m.value(u"layers").toArray();
                QJsonObject l = layers.first().toObject();
                l[QStringLiteral("mediaType")] = QStringLiteral("application/x-unknown");
                layers[0] = l;
                m[QStringLiteral("layers")] = layers;
            });
        } else if (variant == u"deep-index") {
            QJsonObject d = readJson(index).value(u"manifests").toArray().first().toObject();
            for (int i = 0; i < 5; ++i) {
                QJsonObject wrap;
                wrap[QStringLiteral("schemaVersion")] = 2;
                wrap[QStringLiteral("mediaType")] = QStringLiteral("application/vnd.oci.image.index.v1+json");
                wrap[QStringLiteral("manifests")] = QJsonArray{d};
                const QByteArray bytes = QJsonDocument(wrap).toJson(QJsonDocument::Compact);
                d = descriptor(QStringLiteral("application/vnd.oci.image.index.v1+json"), writeBlob(layout, bytes), bytes.size());
            }
            writeIndex(layout, QJsonArray{d});
        } else if (variant == u"config-is-junk") {
            editManifest(layout, [&](QJsonObject &m) {
                const QByteArray junk = "this is not json";
                m[QStringLiteral("config")] = descriptor(QStringLiteral("application/vnd.oci.image.config.v1+json"),
                                                         writeBlob(layout, junk), junk.size());
            });
        } else {
            QFAIL("unknown variant");
        }
        QString path = layout;
        if (archive) {
            path = layout + QStringLiteral(".tar");
            QVERIFY(makeTar(layout, path));
        }
        OciLayoutSource source(archive ? Storage::Archive : Storage::Directory, path);
        const auto info = source.open({}, ProgressSink());
        QVERIFY2(!info.has_value(), "opened a tampered layout");
        QVERIFY2(info.error().message.contains(error), qPrintable(info.error().message));
        QVERIFY2(info.error().message.endsWith(u'.'), qPrintable(info.error().message));
    }

    void truncatedWhileStreaming()
    {
        // The blob shrinks after open(): streaming must fail clearly, not hand over a short blob.
        const QString layout = copyLayout();
        OciLayoutSource source(Storage::Directory, layout);
        const auto info = source.open({}, ProgressSink());
        QVERIFY(info.has_value());
        QFile f(blobFile(layout, info->layers[0].digest));
        QVERIFY(f.resize(1000));
        HashingSink sink;
        const auto streamed = source.streamLayers({0}, sink, ProgressSink());
        QVERIFY(!streamed.has_value());
        QVERIFY2(streamed.error().message.contains(u"truncated"), qPrintable(streamed.error().message));
    }

    void streamingNeedsASuccessfulOpen()
    {
        const QString layout = copyLayout();
        OciLayoutSource source(Storage::Directory, layout);
        HashingSink sink;
        QVERIFY(!source.streamLayers({0}, sink, ProgressSink()).has_value());   // never opened
        QVERIFY(source.open({}, ProgressSink()).has_value());
        flipByte(blobFile(layout, firstManifestDigest(layout)), "schemaVersion");
        QVERIFY(!source.open({}, ProgressSink()).has_value());
        const auto streamed = source.streamLayers({0}, sink, ProgressSink());   // the last open failed
        QVERIFY(!streamed.has_value());
        QVERIFY2(streamed.error().message.contains(u"was not opened"), qPrintable(streamed.error().message));
        QVERIFY(sink.blobs.isEmpty());
    }

    void cancelledStreaming()
    {
        OciLayoutSource source(Storage::Archive, m_built.ociArchiveGz);
        QVERIFY(source.open({}, ProgressSink()).has_value());
        ProgressSink progress;
        progress.cancel();
        HashingSink sink;
        const auto streamed = source.streamLayers({0, 1}, sink, progress);
        QVERIFY(!streamed.has_value());
        QCOMPARE(streamed.error().code, int(Cancelled));
    }
};

QTEST_GUILESS_MAIN(TestOciLayoutSource)
#include "tst_ocilayoutsource.moc"
