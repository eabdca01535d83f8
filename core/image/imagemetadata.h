#pragma once
// Parsing shared by the image sources: JSON documents with size limits, OCI descriptors
// (descriptor.md), the image config (config.md), verified metadata blobs, and attaching the
// config's diff_ids and history to the manifest's layers.

#include "common/result.h"
#include "image/imageinfo.h"

#include <QJsonObject>
#include <QMap>

namespace bulkhead {

class ImageFiles;

namespace mediatype {
inline const QString ociIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString ociManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString ociConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString dockerManifestList =
    QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString dockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString dockerSchema1 = QStringLiteral("application/vnd.docker.distribution.manifest.v1+json");
inline const QString dockerSchema1Signed =
    QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws");
inline const QString dockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
bool isIndex(const QString &mediaType);
bool isManifest(const QString &mediaType);
bool isSchema1(const QString &mediaType);
bool isLayer(const QString &mediaType);
} // namespace mediatype

struct Descriptor {
    QString mediaType;
    QString digest;
    qint64 size = -1;
    bool hasPlatform = false;
    Platform platform;
    QMap<QString, QString> annotations;
};

// A JSON object document; `what` names it in the error ("index.json of /x").
Result<QJsonObject> parseJsonObject(const QByteArray &bytes, const QString &what);
Result<Descriptor> parseDescriptor(const QJsonValue &value, const QString &what);
Result<ImageConfig> parseImageConfig(const QByteArray &bytes, const QString &what);

// Reads the blob at `path` (at most kMaxMetadataSize) and checks it against the descriptor's
// digest and, when declared (>= 0), its size.
Result<QByteArray> readVerifiedBlob(ImageFiles &files, const QString &path, const QString &digest,
                                    qint64 size, const QString &what);

// Sets diffId and history fields of `layers` from the config: the layer count must equal the
// diff_ids count; history is attributed only when its non-empty entries match the layers 1:1.
Result<void> attachConfig(QVector<LayerInfo> &layers, const ImageConfig &config, const QString &what);

// Whether a name from a source (RepoTags entry, ref.name annotation) is what the user asked for:
// equal as text, or the same normalised reference ("alpine:3.10" == "docker.io/library/alpine:3.10").
bool nameMatches(const QString &wanted, const QString &name);

} // namespace bulkhead
