#pragma once
// ImageFiles: the files an image is stored in, a directory (OCI layout) or a tar archive (docker
// save, oci-archive; plain or compressed), addressed by '/'-separated paths relative to its root.
// Contract: paths are resolved inside the root only (links included); a path or link that would
// leave it is an error, never followed.

#include "common/progress.h"
#include "common/result.h"
#include "image/imagesource.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace bulkhead {

// The most a manifest, index or config may weigh; real ones are a few KiB.
constexpr qint64 kMaxMetadataSize = 4 * 1024 * 1024;

class ImageFiles {
public:
    using Visitor = std::function<Result<void>(const QString &path, ByteStream &stream)>;
    virtual ~ImageFiles() = default;

    // The directory or archive, for messages.
    virtual QString location() const = 0;
    // The regular file that `path` names once links are followed; NotFound when missing.
    virtual Result<QString> canonicalPath(const QString &path) const = 0;
    // Size of a canonical path.
    virtual qint64 fileSize(const QString &canonical) const = 0;
    // The whole file, refused (LimitExceeded) when larger than maxSize.
    virtual Result<QByteArray> readFile(const QString &path, qint64 maxSize) = 0;
    // Hands each canonical path in `paths` once to `visit`, in the order cheapest for the store.
    virtual Result<void> streamFiles(const QStringList &paths, const Visitor &visit,
                                     const ProgressSink &progress) = 0;

    bool exists(const QString &path) const { return canonicalPath(path).has_value(); }
};

// "./a//b" -> "a/b"; empty when the path is absolute or climbs out with "..".
QString cleanImagePath(const QString &path);

Result<std::unique_ptr<ImageFiles>> openDirectoryFiles(const QString &directory);
// Indexes the archive in one pass over its headers. Uncompressed archives are then served in
// place (file ranges); compressed ones keep their small metadata members in memory and stream
// the rest in one more sequential decompression pass per streamFiles() call.
Result<std::unique_ptr<ImageFiles>> openTarFiles(const QString &archive, const ProgressSink &progress);

} // namespace bulkhead
