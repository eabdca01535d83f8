#include "image/imagemetadata.h"

#include "common/sha256.h"
#include "image/imagefiles.h"
#include "image/imagereference.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bulkhead {

namespace mediatype {
bool isIndex(const QString &t) { return t == ociIndex || t == dockerManifestList; }
bool isManifest(const QString &t) { return t == ociManifest || t == dockerManifest; }
bool isSchema1(const QString &t) { return t == dockerSchema1 || t == dockerSchema1Signed; }
bool isLayer(const QString &t)
{
    // image-layer.md media types (incl. the deprecated non-distributable ones) and Docker's.
    static const QStringList known = {
        QStringLiteral("application/vnd.oci.image.layer.v1.tar"),
        QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"),
        QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"),
        QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar"),
        QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"),
        QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"),
        QStringLiteral("application/vnd.docker.image.rootfs.diff.tar"),
        QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip"),
        QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.zstd"),
        QStringLiteral("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"),
    };
    return known.contains(t);
}
} // namespace mediatype

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out.append(item.toString());
    return out;
}

QStringList objectKeys(const QJsonValue &v)
{
    QStringList keys = v.toObject().keys();
    keys.sort();
    return keys;
}

} // namespace

Result<QJsonObject> parseJsonObject(const QByteArray &bytes, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1 is not valid JSON (%2 at offset %3).")
                        .arg(what, error.errorString()).arg(error.offset), InvalidInput);
    if (!doc.isObject())
        return fail(QStringLiteral("%1 is not a JSON object.").arg(what), InvalidInput);
    return doc.object();
}

Result<Descriptor> parseDescriptor(const QJsonValue &value, const QString &what)
{
    if (!value.isObject())
        return fail(QStringLiteral("%1 is not a descriptor object.").arg(what), InvalidInput);
    const QJsonObject o = value.toObject();
    Descriptor d;
    d.mediaType = o.value(u"mediaType").toString();
    d.digest = o.value(u"digest").toString();
    if (!isValidDigest(d.digest))
        return fail(QStringLiteral("%1 has an invalid digest '%2'.").arg(what, d.digest.left(100)),
                    InvalidInput);
    if (!d.digest.startsWith(u"sha256:"))
        return fail(QStringLiteral("%1 uses digest algorithm %2; only sha256 is supported.")
                        .arg(what, d.digest.section(u':', 0, 0)), InvalidInput);
    // descriptor.md: size is required; tolerate its absence (-1) but never a negative value.
    const QJsonValue size = o.value(u"size");
    if (!size.isUndefined()) {
        const double s = size.toDouble(-1);
        if (s < 0 || s > 9e15)
            return fail(QStringLiteral("%1 has an invalid size.").arg(what), InvalidInput);
        d.size = qint64(s);
    }
    if (o.contains(u"platform")) {
        const QJsonObject p = o.value(u"platform").toObject();
        d.hasPlatform = true;
        d.platform.os = p.value(u"os").toString();
        d.platform.architecture = p.value(u"architecture").toString();
        d.platform.variant = p.value(u"variant").toString();
    }
    const QJsonObject ann = o.value(u"annotations").toObject();
    for (auto it = ann.begin(); it != ann.end(); ++it)
        d.annotations.insert(it.key(), it.value().toString());
    return d;
}

Result<ImageConfig> parseImageConfig(const QByteArray &bytes, const QString &what)
{
    auto parsed = parseJsonObject(bytes, what);
    if (!parsed)
        return tl::unexpected(parsed.error());
    const QJsonObject o = *parsed;
    ImageConfig c;
    c.created = o.value(u"created").toString();
    c.author = o.value(u"author").toString();
    c.platform.os = o.value(u"os").toString();
    c.platform.architecture = o.value(u"architecture").toString();
    c.platform.variant = o.value(u"variant").toString();

    // config.md "config": the runtime defaults (Docker writes the same keys).
    const QJsonObject rt = o.value(u"config").toObject();
    c.user = rt.value(u"User").toString();
    c.env = stringList(rt.value(u"Env"));
    c.entrypoint = stringList(rt.value(u"Entrypoint"));
    c.cmd = stringList(rt.value(u"Cmd"));
    c.workingDir = rt.value(u"WorkingDir").toString();
    c.exposedPorts = objectKeys(rt.value(u"ExposedPorts"));
    c.volumes = objectKeys(rt.value(u"Volumes"));
    const QJsonObject labels = rt.value(u"Labels").toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        c.labels.insert(it.key(), it.value().toString());
    c.stopSignal = rt.value(u"StopSignal").toString();
    c.healthcheck = stringList(rt.value(u"Healthcheck").toObject().value(u"Test"));

    const QJsonValue rootfs = o.value(u"rootfs");
    if (!rootfs.isObject() || !rootfs.toObject().value(u"diff_ids").isArray())
        return fail(QStringLiteral("%1 has no rootfs.diff_ids; it is not an image config.").arg(what),
                    InvalidInput);
    for (const QJsonValue &id : rootfs.toObject().value(u"diff_ids").toArray()) {
        if (!isValidDigest(id.toString()))
            return fail(QStringLiteral("%1 lists an invalid diff_id '%2'.").arg(what, id.toString().left(100)),
                        InvalidInput);
        c.diffIds.append(id.toString());
    }
    for (const QJsonValue &hv : o.value(u"history").toArray()) {
        const QJsonObject h = hv.toObject();
        HistoryEntry e;
        e.created = h.value(u"created").toString();
        e.createdBy = h.value(u"created_by").toString();
        e.author = h.value(u"author").toString();
        e.comment = h.value(u"comment").toString();
        e.emptyLayer = h.value(u"empty_layer").toBool(false);
        c.history.append(e);
    }
    return c;
}

Result<QByteArray> readVerifiedBlob(ImageFiles &files, const QString &path, const QString &digest,
                                    qint64 size, const QString &what)
{
    if (size > kMaxMetadataSize)
        return fail(QStringLiteral("The %1 (%2) is declared as %3 bytes, more than the %4 MiB allowed.")
                        .arg(what, digest).arg(size).arg(kMaxMetadataSize >> 20), LimitExceeded);
    auto bytes = files.readFile(path, kMaxMetadataSize);
    if (!bytes) {
        if (bytes.error().code == NotFound)
            return fail(QStringLiteral("The %1 blob %2 is missing from %3.").arg(what, digest, files.location()),
                        NotFound);
        return bytes;
    }
    if (size >= 0 && bytes->size() != size)
        return fail(QStringLiteral("The %1 blob %2 in %3 is %4 bytes, but its descriptor says %5.")
                        .arg(what, digest, files.location()).arg(bytes->size()).arg(size), InvalidInput);
    const QString actual = Sha256::digestOf(*bytes);
    if (actual != digest)
        return fail(QStringLiteral("The %1 blob %2 in %3 does not match its digest (it hashes to %4).")
                        .arg(what, digest, files.location(), actual), InvalidInput);
    return bytes;
}

Result<void> attachConfig(QVector<LayerInfo> &layers, const ImageConfig &config, const QString &what)
{
    if (layers.size() != config.diffIds.size())
        return fail(QStringLiteral("%1 has %2 layers but its config lists %3 diff_ids.")
                        .arg(what).arg(layers.size()).arg(config.diffIds.size()), InvalidInput);
    QVector<const HistoryEntry *> producing;
    for (const HistoryEntry &h : config.history)
        if (!h.emptyLayer)
            producing.append(&h);
    // Without a 1:1 match we cannot tell which instruction made which layer: say nothing.
    const bool attributable = producing.size() == layers.size();
    for (int i = 0; i < layers.size(); ++i) {
        layers[i].index = i;
        layers[i].diffId = config.diffIds[i];
        if (attributable) {
            layers[i].createdBy = producing[i]->createdBy;
            layers[i].created = producing[i]->created;
            layers[i].comment = producing[i]->comment;
        }
    }
    return {};
}

bool nameMatches(const QString &wanted, const QString &name)
{
    if (wanted == name)
        return true;
    const auto a = ImageReference::parse(wanted);
    const auto b = ImageReference::parse(name);
    return a && b && *a == *b;
}

} // namespace bulkhead
