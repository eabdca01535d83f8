#include "image/ocilayoutsource.h"

#include "image/imagemetadata.h"

#include <QJsonArray>

namespace bulkhead {

namespace {

const QString kRefName = QStringLiteral("org.opencontainers.image.ref.name");
// Docker >= 25 and containerd also record the full reference.
const QString kContainerdName = QStringLiteral("io.containerd.image.name");
constexpr int kMaxIndexDepth = 4;

QString blobPath(const QString &digest)
{
    return QStringLiteral("blobs/") + digest.section(u':', 0, 0) + u'/' + digest.section(u':', 1);
}

QString nameOf(const Descriptor &d)
{
    const QString ref = d.annotations.value(kRefName);
    return ref.isEmpty() ? d.annotations.value(kContainerdName) : ref;
}

bool isAttestation(const Descriptor &d)
{
    // BuildKit stores provenance/SBOM attestations as "unknown/unknown" manifests in the index.
    return d.annotations.value(QStringLiteral("vnd.docker.reference.type")) == u"attestation-manifest"
        || d.platform.os == u"unknown";
}

Error schema1Error(const QString &where)
{
    return Error{QStringLiteral("%1 uses a Docker schema 1 manifest, which is obsolete and not supported; "
                                "convert the image first (e.g. skopeo copy).").arg(where), InvalidInput};
}

} // namespace

struct OciLayoutSource::Selected {
    Descriptor manifest;
    QJsonObject document;
    QString mediaType;
    QString indexDigest;
    QStringList names;
    QStringList notes;
};

OciLayoutSource::OciLayoutSource(Storage storage, const QString &path, const QString &tag,
                                 const QString &reference, std::shared_ptr<ImageFiles> files)
    : FileImageSource(path, tag,
                      reference.isEmpty()
                          ? (storage == Storage::Directory ? QStringLiteral("oci:") : QStringLiteral("oci-archive:")) + path
                          : reference,
                      std::move(files)),
      m_storage(storage)
{
}

Result<OciLayoutSource::Selected> OciLayoutSource::selectManifest(const OpenOptions &options)
{
    ImageFiles &files = *m_files;
    const QString where = files.location();

    // image-layout.md: the oci-layout file marks the layout and carries its version.
    auto layout = files.readFile(QStringLiteral("oci-layout"), kMaxMetadataSize);
    if (!layout) {
        if (layout.error().code == NotFound)
            return fail(QStringLiteral("%1 is not an OCI image layout: it has no oci-layout file.").arg(where),
                        InvalidInput);
        return tl::unexpected(layout.error());
    }
    auto layoutJson = parseJsonObject(*layout, QStringLiteral("The oci-layout file of ") + where);
    if (!layoutJson)
        return tl::unexpected(layoutJson.error());
    const QString version = layoutJson->value(u"imageLayoutVersion").toString();
    if (!version.startsWith(u"1."))
        return fail(QStringLiteral("%1 has OCI layout version '%2'; only 1.x is supported.").arg(where, version),
                    InvalidInput);

    auto indexBytes = files.readFile(QStringLiteral("index.json"), kMaxMetadataSize);
    if (!indexBytes) {
        if (indexBytes.error().code == NotFound)
            return fail(QStringLiteral("The OCI layout %1 has no index.json.").arg(where), InvalidInput);
        return tl::unexpected(indexBytes.error());
    }
    QString what = QStringLiteral("index.json of ") + where;
    auto index = parseJsonObject(*indexBytes, what);
    if (!index)
        return tl::unexpected(index.error());

    const OpenOptions opts = options;
    const QString tag = opts.tag.isEmpty() ? m_tag : opts.tag;
    const bool platformAsked = !opts.platform.isEmpty();
    const Platform wanted = platformAsked ? opts.platform : Platform::host();

    Selected sel;
    QJsonObject current = *index;
    for (int depth = 0;; ++depth) {
        if (current.value(u"schemaVersion").toInt() == 1)
            return tl::unexpected(schema1Error(what));
        const QJsonValue list = current.value(u"manifests");
        if (!list.isArray() || list.toArray().isEmpty())
            return fail(QStringLiteral("%1 lists no manifests.").arg(what), InvalidInput);
        QVector<Descriptor> candidates;
        int n = 0;
        for (const QJsonValue &v : list.toArray()) {
            auto d = parseDescriptor(v, QStringLiteral("Entry %1 of %2").arg(++n).arg(what));
            if (!d)
                return tl::unexpected(d.error());
            candidates.append(*d);
        }

        if (depth == 0) {
            // The top level names the images (image-layout.md, index.json annotations).
            QStringList names;
            for (const Descriptor &d : candidates)
                if (!names.contains(nameOf(d)))
                    names.append(nameOf(d));
            QVector<Descriptor> named;
            if (!tag.isEmpty()) {
                for (const Descriptor &d : candidates)
                    if (nameMatches(tag, d.annotations.value(kRefName))
                        || nameMatches(tag, d.annotations.value(kContainerdName)))
                        named.append(d);
                if (named.isEmpty()) {
                    names.removeAll(QString());
                    return fail(QStringLiteral("%1 has no image named '%2'; it has: %3.")
                                    .arg(where, tag, names.isEmpty() ? QStringLiteral("no named images")
                                                                     : names.join(u", ")), NotFound);
                }
                sel.notes.append(QStringLiteral("tag %1").arg(tag));
            } else if (names.size() > 1) {
                for (QString &name : names)
                    if (name.isEmpty())
                        name = QStringLiteral("(unnamed)");
                return fail(QStringLiteral("%1 holds several images (%2); choose one by tag.")
                                .arg(where, names.join(u", ")), InvalidInput);
            } else {
                named = candidates;
            }
            candidates = named;
            for (const Descriptor &d : candidates) {
                for (const QString &key : {kRefName, kContainerdName}) {
                    const QString name = d.annotations.value(key);
                    if (!name.isEmpty() && !sel.names.contains(name))
                        sel.names.append(name);
                }
            }
        }

        // Several candidates: they differ by platform (image-index.md "platform").
        Descriptor chosen = candidates.first();
        if (candidates.size() > 1 || (platformAsked && chosen.hasPlatform && !wanted.matches(chosen.platform))) {
            QVector<Descriptor> usable;
            for (const Descriptor &d : candidates)
                if (!isAttestation(d))
                    usable.append(d);
            QVector<Descriptor> matching;
            for (const Descriptor &d : usable)
                if (d.hasPlatform && wanted.matches(d.platform))
                    matching.append(d);
            if (matching.isEmpty() && usable.size() == 1 && !usable.first().hasPlatform)
                matching = usable;
            if (matching.isEmpty()) {
                QStringList available;
                for (const Descriptor &d : usable)
                    available.append(d.hasPlatform ? d.platform.toString() : QStringLiteral("(no platform)"));
                return fail(QStringLiteral("%1 has no image for platform %2; available: %3.")
                                .arg(where, wanted.toString(), available.join(u", ")), NotFound);
            }
            chosen = matching.first();
            for (const Descriptor &d : matching)
                if (d.platform == wanted) {
                    chosen = d;
                    break;
                }
            if (usable.size() > 1)
                sel.notes.append(QStringLiteral("platform %1 of %2").arg(chosen.platform.toString()).arg(usable.size()));
        }

        if (mediatype::isSchema1(chosen.mediaType))
            return tl::unexpected(schema1Error(QStringLiteral("The manifest %1 in %2").arg(chosen.digest, where)));
        const bool expectIndex = mediatype::isIndex(chosen.mediaType);
        auto bytes = readVerifiedBlob(files, blobPath(chosen.digest), chosen.digest, chosen.size,
                                      expectIndex ? QStringLiteral("index") : QStringLiteral("manifest"));
        if (!bytes)
            return tl::unexpected(bytes.error());
        what = QStringLiteral("The manifest %1 in %2").arg(chosen.digest, where);
        auto doc = parseJsonObject(*bytes, what);
        if (!doc)
            return tl::unexpected(doc.error());
        QString type = doc->value(u"mediaType").toString();
        if (type.isEmpty())
            type = chosen.mediaType;
        if (mediatype::isSchema1(type) || doc->value(u"schemaVersion").toInt() == 1)
            return tl::unexpected(schema1Error(what));
        const bool isIndex = mediatype::isIndex(type) || (type.isEmpty() && doc->contains(u"manifests"));
        if (isIndex) {
            if (depth + 1 >= kMaxIndexDepth)
                return fail(QStringLiteral("%1 nests image indexes more than %2 deep.").arg(where).arg(kMaxIndexDepth),
                            InvalidInput);
            sel.indexDigest = chosen.digest;
            current = *doc;
            continue;
        }
        const bool isManifest = mediatype::isManifest(type) || (type.isEmpty() && doc->contains(u"layers"));
        if (!isManifest)
            return fail(QStringLiteral("%1 is not a container image manifest (media type '%2').").arg(what, type),
                        InvalidInput);
        sel.manifest = chosen;
        sel.document = *doc;
        sel.mediaType = type;
        return sel;
    }
}

Result<ImageInfo> OciLayoutSource::open(const OpenOptions &options, const ProgressSink &progress)
{
    if (auto ok = beginOpen(m_storage == Storage::Archive, progress); !ok)
        return tl::unexpected(ok.error());
    auto selected = selectManifest(options);
    if (!selected)
        return tl::unexpected(selected.error());
    const QString where = m_files->location();
    const QString what = QStringLiteral("The manifest %1 in %2").arg(selected->manifest.digest, where);
    const QString inWhat = QStringLiteral("the manifest %1 in %2").arg(selected->manifest.digest, where);

    ImageInfo info;
    info.reference = m_reference;
    info.sourceKind = m_storage == Storage::Directory ? QStringLiteral("oci") : QStringLiteral("oci-archive");
    info.repoTags = selected->names;
    info.selection = selected->notes.join(u", ");
    info.manifestDigest = selected->manifest.digest;
    info.indexDigest = selected->indexDigest;
    info.manifestMediaType = selected->mediaType;

    auto configDesc = parseDescriptor(selected->document.value(u"config"), QStringLiteral("The config of ") + inWhat);
    if (!configDesc)
        return tl::unexpected(configDesc.error());
    if (!configDesc->mediaType.isEmpty() && configDesc->mediaType != mediatype::ociConfig
        && configDesc->mediaType != mediatype::dockerConfig)
        return fail(QStringLiteral("%1 is not a container image: its config has media type '%2'.")
                        .arg(what, configDesc->mediaType), InvalidInput);
    auto configBytes = readVerifiedBlob(*m_files, blobPath(configDesc->digest), configDesc->digest,
                                        configDesc->size, QStringLiteral("config"));
    if (!configBytes)
        return tl::unexpected(configBytes.error());
    auto config = parseImageConfig(*configBytes, QStringLiteral("The config %1 in %2").arg(configDesc->digest, where));
    if (!config)
        return tl::unexpected(config.error());
    info.configDigest = configDesc->digest;
    info.config = *config;
    if (!options.platform.isEmpty() && !info.config.platform.isEmpty()
        && !options.platform.matches(info.config.platform))
        return fail(QStringLiteral("The image in %1 is for %2, not the requested %3.")
                        .arg(where, info.config.platform.toString(), options.platform.toString()), NotFound);

    const QJsonValue layers = selected->document.value(u"layers");
    if (!layers.isArray())
        return fail(QStringLiteral("%1 has no layers list.").arg(what), InvalidInput);
    m_layerBlobs.clear();
    int n = 0;
    for (const QJsonValue &v : layers.toArray()) {
        ++n;
        auto d = parseDescriptor(v, QStringLiteral("Layer %1 of %2").arg(n).arg(inWhat));
        if (!d)
            return tl::unexpected(d.error());
        if (!mediatype::isLayer(d->mediaType))
            return fail(QStringLiteral("Layer %1 of %2 has the unsupported media type '%3'.")
                            .arg(n).arg(inWhat, d->mediaType), InvalidInput);
        auto blob = locateLayer(blobPath(d->digest), d->size, QStringLiteral("layer %1").arg(n));
        if (!blob)
            return tl::unexpected(blob.error());
        m_layerBlobs.append(*blob);
        LayerInfo layer;
        layer.digest = d->digest;
        layer.mediaType = d->mediaType;
        layer.size = blob->expectedSize;
        info.layers.append(layer);
    }
    if (auto ok = attachConfig(info.layers, info.config, what); !ok)
        return tl::unexpected(ok.error());
    m_opened = true;
    return info;
}

} // namespace bulkhead
