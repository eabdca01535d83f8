#include "image/dockerarchivesource.h"

#include "common/sha256.h"
#include "image/imagemetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace bulkhead {

QString digestFromName(const QString &path)
{
    static const QRegularExpression re(
        QStringLiteral("(?:^|/)(?:blobs/sha256/([a-f0-9]{64})|([a-f0-9]{64})\\.(?:json|tar))$"));
    const auto m = re.match(path);
    if (!m.hasMatch())
        return {};
    return QStringLiteral("sha256:") + (m.captured(1).isEmpty() ? m.captured(2) : m.captured(1));
}

DockerArchiveSource::DockerArchiveSource(const QString &archivePath, const QString &tag,
                                         const QString &reference, std::shared_ptr<ImageFiles> files)
    : FileImageSource(archivePath, tag,
                      reference.isEmpty() ? QStringLiteral("docker-archive:") + archivePath : reference,
                      std::move(files))
{
}

Result<ImageInfo> DockerArchiveSource::open(const OpenOptions &options, const ProgressSink &progress)
{
    if (auto ok = beginOpen(true, progress); !ok)
        return tl::unexpected(ok.error());
    ImageFiles &files = *m_files;

    if (!files.exists(QStringLiteral("manifest.json"))) {
        if (files.exists(QStringLiteral("index.json")))
            return fail(QStringLiteral("%1 has no manifest.json but an OCI layout: open it as oci-archive:%1.")
                            .arg(m_path), InvalidInput);
        return fail(QStringLiteral("%1 has no manifest.json; it is not a docker save archive.").arg(m_path),
                    InvalidInput);
    }
    const QString manifestWhat = QStringLiteral("manifest.json of ") + m_path;
    auto bytes = files.readFile(QStringLiteral("manifest.json"), kMaxMetadataSize);
    if (!bytes)
        return tl::unexpected(bytes.error());
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &perr);
    if (perr.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1 is not valid JSON (%2 at offset %3).")
                        .arg(manifestWhat, perr.errorString()).arg(perr.offset), InvalidInput);
    const QJsonArray entries = doc.array();
    if (!doc.isArray() || entries.isEmpty())
        return fail(QStringLiteral("%1 lists no images.").arg(manifestWhat), InvalidInput);

    // Pick the image: by tag, else the first one.
    const QString tag = options.tag.isEmpty() ? m_tag : options.tag;
    int chosen = tag.isEmpty() ? 0 : -1;
    QStringList allTags;
    for (int i = 0; i < entries.size() && chosen < 0; ++i) {
        for (const QJsonValue &t : entries[i].toObject().value(u"RepoTags").toArray())
            if (nameMatches(tag, t.toString()))
                chosen = i;
    }
    if (chosen < 0) {
        for (const QJsonValue &e : entries)
            for (const QJsonValue &t : e.toObject().value(u"RepoTags").toArray())
                allTags.append(t.toString());
        return fail(QStringLiteral("%1 has no image tagged '%2'; it has: %3.")
                        .arg(m_path, tag, allTags.isEmpty() ? QStringLiteral("no tags") : allTags.join(u", ")),
                    NotFound);
    }
    const QJsonObject entry = entries[chosen].toObject();

    ImageInfo info;
    info.reference = m_reference;
    info.sourceKind = QStringLiteral("docker-archive");
    for (const QJsonValue &t : entry.value(u"RepoTags").toArray())
        info.repoTags.append(t.toString());
    if (entries.size() > 1)
        info.selection = QStringLiteral("image %1 of %2 in manifest.json (%3)")
                             .arg(chosen + 1).arg(entries.size())
                             .arg(info.repoTags.isEmpty() ? QStringLiteral("untagged") : info.repoTags.join(u", "));

    // The config: its name carries its digest (the image ID), which we verify.
    const QString configName = entry.value(u"Config").toString();
    if (configName.isEmpty())
        return fail(QStringLiteral("%1 names no config for image %2.").arg(manifestWhat).arg(chosen + 1),
                    InvalidInput);
    if (cleanImagePath(configName).isEmpty())
        return fail(QStringLiteral("%1 names the config path '%2', which escapes the archive.")
                        .arg(manifestWhat, configName), InvalidInput);
    auto canonicalConfig = files.canonicalPath(configName);
    if (!canonicalConfig)
        return tl::unexpected(canonicalConfig.error());
    const QString expected = digestFromName(*canonicalConfig).isEmpty() ? digestFromName(configName)
                                                                       : digestFromName(*canonicalConfig);
    auto configBytes = files.readFile(*canonicalConfig, kMaxMetadataSize);
    if (!configBytes)
        return tl::unexpected(configBytes.error());
    info.configDigest = Sha256::digestOf(*configBytes);
    if (!expected.isEmpty() && expected != info.configDigest)
        return fail(QStringLiteral("The config blob %1 in %2 does not match its digest (it hashes to %3).")
                        .arg(configName, m_path, info.configDigest), InvalidInput);
    auto config = parseImageConfig(*configBytes, QStringLiteral("The config %1 of %2").arg(configName, m_path));
    if (!config)
        return tl::unexpected(config.error());
    info.config = *config;

    const QJsonArray layerNames = entry.value(u"Layers").toArray();
    m_layerBlobs.clear();
    for (int i = 0; i < layerNames.size(); ++i) {
        const QString name = layerNames[i].toString();
        if (name.isEmpty())
            return fail(QStringLiteral("%1 names no path for layer %2.").arg(manifestWhat).arg(i + 1), InvalidInput);
        if (cleanImagePath(name).isEmpty())
            return fail(QStringLiteral("%1 names the layer path '%2', which escapes the archive.")
                            .arg(manifestWhat, name), InvalidInput);
        auto blob = locateLayer(name, -1, QStringLiteral("layer %1").arg(i + 1));
        if (!blob)
            return tl::unexpected(blob.error());
        m_layerBlobs.append(*blob);
        LayerInfo layer;
        layer.size = blob->expectedSize;
        layer.digest = digestFromName(blob->path);
        info.layers.append(layer);
    }
    if (auto ok = attachConfig(info.layers, info.config, m_path); !ok)
        return tl::unexpected(ok.error());
    // docker save writes layers uncompressed, so a layer named after no digest is stored as its
    // diff_id; the layer engine verifies whichever digest we claim.
    for (LayerInfo &layer : info.layers)
        if (layer.digest.isEmpty())
            layer.digest = layer.diffId;
    findManifestDigest(info);
    m_opened = true;
    return info;
}

void DockerArchiveSource::findManifestDigest(ImageInfo &info)
{
    // docker >= 25 also writes an OCI layout; its manifest for our config gives the manifest
    // digest. manifest.json stays authoritative, so a broken layout is simply not used.
    ImageFiles &files = *m_files;
    if (!files.exists(QStringLiteral("index.json")))
        return;
    const auto index = files.readFile(QStringLiteral("index.json"), kMaxMetadataSize);
    if (!index)
        return;
    const auto top = parseJsonObject(*index, QStringLiteral("index.json"));
    if (!top)
        return;
    QVector<QJsonValue> queue;
    for (const QJsonValue &v : top->value(u"manifests").toArray())
        queue.append(v);
    // A bounded walk: at most 64 blobs, an index inside an index at most.
    for (int i = 0; i < queue.size() && i < 64; ++i) {
        const auto d = parseDescriptor(queue[i], QStringLiteral("index.json"));
        if (!d)
            continue;
        const QString path = QStringLiteral("blobs/sha256/") + digestHex(d->digest);
        const auto bytes = readVerifiedBlob(files, path, d->digest, d->size, QStringLiteral("manifest"));
        if (!bytes)
            continue;
        const auto doc = parseJsonObject(*bytes, path);
        if (!doc)
            continue;
        if (doc->contains(u"manifests")) {
            for (const QJsonValue &v : doc->value(u"manifests").toArray())
                queue.append(v);
            continue;
        }
        if (doc->value(u"config").toObject().value(u"digest").toString() == info.configDigest) {
            info.manifestDigest = d->digest;
            info.manifestMediaType = doc->value(u"mediaType").toString(d->mediaType);
            return;
        }
    }
}

} // namespace bulkhead
