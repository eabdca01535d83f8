#include "imagefixtures.h"

#include "common/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

namespace bulkhead::test {

bool runTool(const QString &program, const QStringList &args, QString *error)
{
    if (QStandardPaths::findExecutable(program).isEmpty()) {
        *error = program + QStringLiteral(" is not installed (installer/install-deps.sh --test)");
        return false;
    }
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = program + u' ' + args.join(u' ') + QStringLiteral(" failed: ")
            + QString::fromLocal8Bit(p.readAllStandardError());
        return false;
    }
    return true;
}

bool copyTree(const QString &from, const QString &to)
{
    QString error;
    return runTool(QStringLiteral("cp"), {QStringLiteral("-a"), from, to}, &error);
}

QByteArray readFileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFileBytes(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::remove(path);
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

bool makeTar(const QString &directory, const QString &tarPath, bool gzip)
{
    QString error;
    return runTool(QStringLiteral("tar"), {gzip ? QStringLiteral("-czf") : QStringLiteral("-cf"), tarPath,
                                           QStringLiteral("-C"), directory, QStringLiteral(".")}, &error);
}

QString blobFile(const QString &layout, const QString &digest)
{
    return layout + QStringLiteral("/blobs/sha256/") + digest.section(u':', 1);
}

QByteArray readBlob(const QString &layout, const QString &digest)
{
    return readFileBytes(blobFile(layout, digest));
}

QString writeBlob(const QString &layout, const QByteArray &data)
{
    const QString digest = Sha256::digestOf(data);
    writeFileBytes(blobFile(layout, digest), data);
    return digest;
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFileBytes(path)).object();
}

void writeJson(const QString &path, const QJsonObject &object)
{
    writeFileBytes(path, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString firstManifestDigest(const QString &layout)
{
    const QJsonObject index = readJson(layout + QStringLiteral("/index.json"));
    return index.value(u"manifests").toArray().first().toObject().value(u"digest").toString();
}

QString editManifest(const QString &layout, const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject manifest = QJsonDocument::fromJson(readBlob(layout, firstManifestDigest(layout))).object();
    edit(manifest);
    const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    const QString digest = writeBlob(layout, bytes);
    QJsonObject index = readJson(layout + QStringLiteral("/index.json"));
    QJsonArray list = index.value(u"manifests").toArray();
    QJsonObject entry = list.first().toObject();
    entry[QStringLiteral("digest")] = digest;
    entry[QStringLiteral("size")] = bytes.size();
    if (manifest.contains(u"mediaType"))
        entry[QStringLiteral("mediaType")] = manifest.value(u"mediaType");
    list[0] = entry;
    index[QStringLiteral("manifests")] = list;
    writeJson(layout + QStringLiteral("/index.json"), index);
    return digest;
}

QString editConfig(const QString &layout, const std::function<void(QJsonObject &)> &edit)
{
    return editManifest(layout, [&](QJsonObject &manifest) {
        QJsonObject desc = manifest.value(u"config").toObject();
        QJsonObject config = QJsonDocument::fromJson(readBlob(layout, desc.value(u"digest").toString())).object();
        edit(config);
        const QByteArray bytes = QJsonDocument(config).toJson(QJsonDocument::Compact);
        desc[QStringLiteral("digest")] = writeBlob(layout, bytes);
        desc[QStringLiteral("size")] = bytes.size();
        manifest[QStringLiteral("config")] = desc;
    });
}

BuiltImages buildTestImages(const QString &root)
{
    BuiltImages b;
    const QString busybox = QStandardPaths::findExecutable(QStringLiteral("busybox"));
    if (busybox.isEmpty()) {
        b.error = QStringLiteral("busybox-static is not installed (installer/install-deps.sh --test)");
        return b;
    }
    const QString oci = root + QStringLiteral("/oci");
    const QString image = oci + QStringLiteral(":app");
    const QString bundle = root + QStringLiteral("/bundle");
    auto run = [&](const QString &program, const QStringList &args) {
        return b.error.isEmpty() && runTool(program, args, &b.error);
    };
    const QString umoci = QStringLiteral("umoci");
    run(umoci, {QStringLiteral("init"), QStringLiteral("--layout"), oci});
    run(umoci, {QStringLiteral("new"), QStringLiteral("--image"), image});
    run(umoci, {QStringLiteral("unpack"), QStringLiteral("--rootless"), QStringLiteral("--image"), image, bundle});
    if (!b.error.isEmpty())
        return b;
    QDir().mkpath(bundle + QStringLiteral("/rootfs/bin"));
    QFile::copy(busybox, bundle + QStringLiteral("/rootfs/bin/busybox"));
    run(umoci, {QStringLiteral("repack"), QStringLiteral("--history.created_by"), QString::fromLatin1(kLayer1CreatedBy),
                QStringLiteral("--image"), image, bundle});
    // A fresh unpack, so that the next repack is a new layer on top rather than a replacement.
    const QString bundle2 = root + QStringLiteral("/bundle2");
    run(umoci, {QStringLiteral("unpack"), QStringLiteral("--rootless"), QStringLiteral("--image"), image, bundle2});
    writeFileBytes(bundle2 + QStringLiteral("/rootfs/etc/hello"), "hello from bulkhead\n");
    run(umoci, {QStringLiteral("repack"), QStringLiteral("--history.created_by"), QString::fromLatin1(kLayer2CreatedBy),
                QStringLiteral("--image"), image, bundle2});
    run(umoci, {QStringLiteral("config"), QStringLiteral("--image"), image,
                QStringLiteral("--history.created_by"), QString::fromLatin1(kConfigCreatedBy),
                QStringLiteral("--config.user"), QStringLiteral("1000:1000"),
                QStringLiteral("--config.env"), QStringLiteral("GREETING=hello"),
                QStringLiteral("--config.entrypoint"), QStringLiteral("/bin/busybox"),
                QStringLiteral("--config.cmd"), QStringLiteral("sh"),
                QStringLiteral("--config.workingdir"), QStringLiteral("/srv"),
                QStringLiteral("--config.exposedports"), QStringLiteral("8080/tcp"),
                QStringLiteral("--config.volume"), QStringLiteral("/data"),
                QStringLiteral("--config.label"), QStringLiteral("org.example.team=bulkhead"),
                QStringLiteral("--config.stopsignal"), QStringLiteral("SIGTERM")});
    // umoci gc drops the blobs of the intermediate versions: one image, as a registry would have.
    run(umoci, {QStringLiteral("gc"), QStringLiteral("--layout"), oci});
    b.ociArchive = root + QStringLiteral("/app-oci.tar");
    b.dockerArchive = root + QStringLiteral("/app-docker.tar");
    run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("oci:") + image,
                                   QStringLiteral("oci-archive:") + b.ociArchive + QStringLiteral(":app")});
    run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("oci:") + image,
                                   QStringLiteral("docker-archive:") + b.dockerArchive + QStringLiteral(":app:1")});
    b.ociArchiveGz = b.ociArchive + QStringLiteral(".gz");
    b.dockerArchiveGz = root + QStringLiteral("/app-docker.tgz");
    for (const auto &[from, to] : {std::pair{b.ociArchive, b.ociArchiveGz}, std::pair{b.dockerArchive, b.dockerArchiveGz}}) {
        QProcess gz;
        gz.setStandardOutputFile(to);
        gz.start(QStringLiteral("gzip"), {QStringLiteral("-c"), from});
        if (!gz.waitForFinished(60000) || gz.exitCode() != 0)
            b.error = QStringLiteral("gzip failed");
    }
    b.ociDir = oci;
    return b;
}

QString checkStreamed(const QVector<StreamedBlob> &blobs, const ImageInfo &info, const QSet<int> &wanted)
{
    QSet<int> seen;
    for (const StreamedBlob &b : blobs) {
        for (int i : b.indices) {
            if (seen.contains(i) || !wanted.contains(i))
                return QStringLiteral("layer %1 was handed over twice or unasked").arg(i);
            seen.insert(i);
            if (b.digest != info.layers[i].digest)
                return QStringLiteral("layer %1 hashes to %2, not %3").arg(i).arg(b.digest, info.layers[i].digest);
            if (info.layers[i].size >= 0 && b.size != info.layers[i].size)
                return QStringLiteral("layer %1 is %2 bytes, not %3").arg(i).arg(b.size).arg(info.layers[i].size);
        }
    }
    if (seen != wanted)
        return QStringLiteral("%1 of %2 wanted layers were handed over").arg(seen.size()).arg(wanted.size());
    return {};
}

Result<void> HashingSink::consumeLayer(const QVector<int> &indices, ByteStream &blob)
{
    Sha256 hash;
    StreamedBlob seen;
    seen.indices = indices;
    char buf[65536];
    for (;;) {
        const qint64 n = blob.read(buf, sizeof buf);
        if (n < 0)
            return fail(blob.errorString(), IoError);
        if (n == 0)
            break;
        hash.addData(buf, n);
        seen.size += n;
    }
    seen.digest = hash.digest();
    blobs.append(seen);
    return {};
}

} // namespace bulkhead::test
