#pragma once
// DockerArchiveSource: a `docker save` / `skopeo copy docker-archive:` tarball, plain or compressed
// (manifest.json + <config>.json + layer tars; docker >= 25 stores them under blobs/sha256/).
// Follows docker/image/tarexport (manifest.json is authoritative; legacy VERSION/json/repositories
// files are ignored). With several images in manifest.json, the tag picks one, else the first.
// Cost: an uncompressed archive is indexed by one header-only pass (data is skipped by seeking)
// and layers are then read in place; a compressed one is decompressed once to index it and once
// more, sequentially, by streamLayers().

#include "image/fileimagesource.h"

namespace bulkhead {

// The digest a docker-archive member's name promises ("<hex>.json", "<hex>.tar",
// "blobs/sha256/<hex>"), "sha256:<hex>"; empty when the name promises none.
QString digestFromName(const QString &path);

class DockerArchiveSource final : public FileImageSource {
public:
    DockerArchiveSource(const QString &archivePath, const QString &tag = {},
                        const QString &reference = {}, std::shared_ptr<ImageFiles> files = {});
    Result<ImageInfo> open(const OpenOptions &options, const ProgressSink &progress) override;

private:
    void findManifestDigest(ImageInfo &info);
};

} // namespace bulkhead
