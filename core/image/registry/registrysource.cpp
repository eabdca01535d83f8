#include "image/registry/registrysource.h"

#include "credentials/credentialstore.h"
#include "image/imagemetadata.h"
#include "image/imagereference.h"

#include <QMap>

namespace bulkhead {

namespace {

constexpr int kMaxIndexDepth = 4;

} // namespace

RegistrySource::RegistrySource(const QString &reference, const QString &spec) : m_text(reference), m_spec(spec) {}

RegistrySource::~RegistrySource() = default;

Result<ImageInfo> RegistrySource::open(const OpenOptions &options, const ProgressSink &progress)
{
    m_client.reset();
    m_layers.clear();
    auto ref = ImageReference::parse(m_text);
    if (!ref)
        return tl::unexpected(ref.error());
    auto config = RegistryConfig::load();
    if (!config)
        return tl::unexpected(config.error());
    if (auto ok = config->applyFlags(options.insecureRegistries, options.registryCas); !ok)
        return tl::unexpected(ok.error());
    m_repository = ref->repository();
    m_client = std::make_unique<RegistryClient>(ref->registry(), *config, &progress);
    QStringList notes;
    m_client->setCredentials(CredentialStore().lookup(ref->registry(), &notes));
    m_client->setCredentialNotes(notes);

    progress.report({QStringLiteral("Fetching manifest"), ref->familiarString()});
    const bool platformAsked = !options.platform.isEmpty();
    const Platform wanted = platformAsked ? options.platform : Platform::host();
    ImageInfo info;
    info.reference = m_spec;
    info.sourceKind = QStringLiteral("registry");
    info.repoTags.append(ref->toString());
    QString reference = ref->digest().isEmpty() ? ref->tag() : ref->digest();
    QStringList notes2;
    RegistryManifest manifest;
    QJsonObject document;
    for (int depth = 0;; ++depth) {
        auto fetched = m_client->manifest(m_repository, reference);
        if (!fetched)
            return tl::unexpected(fetched.error());
        manifest = *fetched;
        const QString where = QStringLiteral("The manifest %1 of %2").arg(manifest.digest, ref->familiarName());
        auto doc = parseJsonObject(manifest.bytes, where);
        if (!doc)
            return tl::unexpected(doc.error());
        document = *doc;
        const bool isIndex = mediatype::isIndex(manifest.mediaType)
                             || (manifest.mediaType.isEmpty() && document.contains(u"manifests"));
        if (!isIndex)
            break;
        if (depth + 1 >= kMaxIndexDepth)
            return fail(QStringLiteral("%1 nests image indexes more than %2 deep.").arg(where).arg(kMaxIndexDepth),
                        InvalidInput);
        auto candidates = parseIndexManifests(document, where);
        if (!candidates)
            return tl::unexpected(candidates.error());
        QString note;
        auto chosen = choosePlatform(*candidates, wanted, platformAsked, ref->familiarString(), &note);
        if (!chosen)
            return tl::unexpected(chosen.error());
        if (mediatype::isSchema1(chosen->mediaType))
            return tl::unexpected(schema1Error(QStringLiteral("The manifest %1 of %2").arg(chosen->digest, ref->familiarName())));
        if (!note.isEmpty())
            notes2.append(note);
        info.indexDigest = manifest.digest;
        reference = chosen->digest;
    }
    const QString inWhat = QStringLiteral("the manifest %1 of %2").arg(manifest.digest, ref->familiarName());
    if (!mediatype::isManifest(manifest.mediaType) && !(manifest.mediaType.isEmpty() && document.contains(u"layers")))
        return fail(QStringLiteral("The manifest %1 of %2 is not a container image manifest (media type '%3').")
                        .arg(manifest.digest, ref->familiarName(), manifest.mediaType), InvalidInput);
    auto parts = parseManifestParts(document, inWhat);
    if (!parts)
        return tl::unexpected(parts.error());
    info.manifestDigest = manifest.digest;
    info.manifestMediaType = manifest.mediaType;
    info.selection = notes2.join(QStringLiteral(", "));

    progress.report({QStringLiteral("Fetching config"), parts->config.digest});
    auto configBytes = m_client->blob(m_repository, parts->config.digest, parts->config.size, QStringLiteral("config"));
    if (!configBytes)
        return tl::unexpected(configBytes.error());
    auto imageConfig = parseImageConfig(*configBytes, QStringLiteral("The config %1 of %2")
                                                          .arg(parts->config.digest, ref->familiarName()));
    if (!imageConfig)
        return tl::unexpected(imageConfig.error());
    info.configDigest = parts->config.digest;
    info.config = *imageConfig;
    if (platformAsked && !info.config.platform.isEmpty() && !options.platform.matches(info.config.platform))
        return fail(QStringLiteral("The image %1 is for %2, not the requested %3.")
                        .arg(ref->familiarString(), info.config.platform.toString(), options.platform.toString()),
                    NotFound);
    for (const Descriptor &d : parts->layers) {
        LayerInfo layer;
        layer.digest = d.digest;
        layer.mediaType = d.mediaType;
        layer.size = d.size;
        info.layers.append(layer);
    }
    QString what = inWhat;
    what[0] = what.at(0).toUpper();
    if (auto ok = attachConfig(info.layers, info.config, what); !ok)
        return tl::unexpected(ok.error());
    m_layers = info.layers;
    m_client->setProgress(nullptr);   // `progress` is only valid during this call
    return info;
}

Result<void> RegistrySource::streamLayers(const QSet<int> &wanted, LayerSink &sink, const ProgressSink &progress)
{
    if (!m_client)
        return fail(QStringLiteral("The registry image was not opened before streaming its layers."), GenericError);
    m_client->setProgress(&progress);
    // One download per distinct blob, in layer order; a blob repeated in the image serves all its indices.
    QMap<QString, QVector<int>> byDigest;
    QStringList order;
    qint64 total = 0;
    for (int i = 0; i < m_layers.size(); ++i) {
        if (!wanted.contains(i))
            continue;
        const QString digest = m_layers.at(i).digest;
        if (!byDigest.contains(digest)) {
            order.append(digest);
            total += qMax<qint64>(0, m_layers.at(i).size);
        }
        byDigest[digest].append(i);
    }
    qint64 done = 0;
    int step = 0;
    for (const QString &digest : order) {
        if (progress.isCancelled())
            return fail(QStringLiteral("The download was cancelled."), Cancelled);
        const QVector<int> indices = byDigest.value(digest);
        auto blob = m_client->openBlob(m_repository, digest, m_layers.at(indices.first()).size);
        if (!blob)
            return tl::unexpected(blob.error());
        // One report per blob; the bytes within it are reported by whoever consumes the stream.
        ProgressInfo info;
        info.stage = QStringLiteral("Downloading layer %1 of %2").arg(step + 1).arg(order.size());
        info.detail = digest;
        info.bytesDone = done;
        info.bytesTotal = total > 0 ? total : -1;
        info.stepDone = step++;
        info.stepTotal = order.size();
        progress.report(info);
        if (auto ok = sink.consumeLayer(indices, **blob); !ok)
            return ok;
        done += qMax<qint64>(0, m_layers.at(indices.first()).size);
    }
    return {};
}

} // namespace bulkhead
