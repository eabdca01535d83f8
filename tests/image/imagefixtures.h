#pragma once
// Real images for the image-source tests, built at test time with the real tools: umoci makes an
// OCI layout from busybox-static, skopeo copies it to oci-archive and docker-archive. Helpers
// then edit layouts the way a tamperer or another tool would (rewriting blobs and digests).

#include "image/imagesource.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <functional>

namespace bulkhead::test {

struct BuiltImages {
    QString error;            // why they could not be built (tools missing); empty on success
    QString ociDir;           // OCI layout, one image tagged "app", two layers
    QString ociArchive;       // skopeo oci-archive of it (tag "app")
    QString ociArchiveGz;     // gzip of that
    QString dockerArchive;    // skopeo docker-archive, RepoTags docker.io/library/app:1
    QString dockerArchiveGz;  // gzip of that
};

// Facts about the built image the tests check against.
inline const char *const kLayer1CreatedBy = "ADD busybox";
inline const char *const kLayer2CreatedBy = "ADD hello";
inline const char *const kConfigCreatedBy = "CONFIG defaults";

BuiltImages buildTestImages(const QString &root);

bool runTool(const QString &program, const QStringList &args, QString *error);
bool copyTree(const QString &from, const QString &to);
QByteArray readFileBytes(const QString &path);
bool writeFileBytes(const QString &path, const QByteArray &data);
// Creates a tar of `directory`'s contents (gzip-compressed when `gzip`).
bool makeTar(const QString &directory, const QString &tarPath, bool gzip = false);

// OCI layout editing: blobs are written content-addressed and return their digest.
QByteArray readBlob(const QString &layout, const QString &digest);
QString writeBlob(const QString &layout, const QByteArray &data);
QString blobFile(const QString &layout, const QString &digest);
QJsonObject readJson(const QString &path);
void writeJson(const QString &path, const QJsonObject &object);
// Digest of the manifest of the first entry of index.json.
QString firstManifestDigest(const QString &layout);
// Rewrites the first image's config with `edit`, then its manifest and index.json to match.
// Returns the new manifest digest.
QString editConfig(const QString &layout, const std::function<void(QJsonObject &)> &edit);
// Rewrites the first image's manifest with `edit` and points index.json at it.
QString editManifest(const QString &layout, const std::function<void(QJsonObject &)> &edit);

// A LayerSink that hashes what it is handed, as the layer engine would.
struct StreamedBlob {
    QVector<int> indices;
    QString digest;
    qint64 size = 0;
};
// Checks that each layer of `wanted` was handed over exactly once, with the bytes its digest names
// (for docker-archive layers that is also the diff_id). Returns the first problem, empty if none.
QString checkStreamed(const QVector<StreamedBlob> &blobs, const ImageInfo &info, const QSet<int> &wanted);

class HashingSink final : public LayerSink {
public:
    Result<void> consumeLayer(const QVector<int> &indices, ByteStream &blob) override;
    QVector<StreamedBlob> blobs;
};

} // namespace bulkhead::test
