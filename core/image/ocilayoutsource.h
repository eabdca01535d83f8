#pragma once
// OciLayoutSource: an OCI image layout (image-layout.md: oci-layout, index.json, blobs/<alg>/<hex>)
// in a directory ("oci:") or inside a tar archive, plain or compressed ("oci-archive:").
// The image is chosen from index.json by its org.opencontainers.image.ref.name annotation (the
// tag), then by platform through nested indexes (image-index.md). Docker schema 2 manifests and
// manifest lists are accepted too; Docker schema 1 is refused.

#include "image/fileimagesource.h"

namespace bulkhead {

class OciLayoutSource final : public FileImageSource {
public:
    enum class Storage { Directory, Archive };
    OciLayoutSource(Storage storage, const QString &path, const QString &tag = {},
                    const QString &reference = {}, std::shared_ptr<ImageFiles> files = {});
    Result<ImageInfo> open(const OpenOptions &options, const ProgressSink &progress) override;

private:
    struct Selected;
    Result<Selected> selectManifest(const OpenOptions &options);
    Storage m_storage;
};

} // namespace bulkhead
