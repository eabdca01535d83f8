#pragma once
// ImageSource: where an image comes from (archive, OCI layout, engine, registry).
// Contract: open() reads and verifies manifest and config and returns the ImageInfo, or an Error
// with one clear sentence; streamLayers() hands every requested layer blob, as stored (compressed
// or not), to the sink exactly once, in whatever order is cheapest for the source. Digest and
// diff_id verification of layer blobs is done by the consumer (the layer engine) while it streams.

#include "common/progress.h"
#include "common/result.h"
#include "image/imageinfo.h"

#include <QSet>
#include <QStringList>
#include <memory>

namespace bulkhead {

// A pull stream of bytes. read() returns the number of bytes read, 0 at the end, -1 on error
// (errorString() then says why).
class ByteStream {
public:
    virtual ~ByteStream() = default;
    virtual qint64 read(char *data, qint64 maxSize) = 0;
    virtual QString errorString() const { return {}; }
    // Total size when known (for progress), else -1.
    virtual qint64 sizeHint() const { return -1; }
};

// Receives layer blobs from ImageSource::streamLayers(). The layer indices refer to
// ImageInfo::layers; one blob may serve several indices (a layer repeated in the image).
class LayerSink {
public:
    virtual ~LayerSink() = default;
    // Returns an error to stop streaming (the source then returns that error).
    virtual Result<void> consumeLayer(const QVector<int> &indices, ByteStream &blob) = 0;
    // A blob the source can identify only by its content (an engine export that lists its
    // manifest after the layers): nothing is expected in advance, and the result is filed under
    // every layer of the image with the blob's diff_id. Returns those indices (empty: none).
    virtual Result<QVector<int>> consumeUnidentifiedLayer(ByteStream &blob)
    {
        Q_UNUSED(blob);
        return fail(QStringLiteral("This consumer cannot take a layer blob of unknown identity."), GenericError);
    }
};

struct OpenOptions {
    Platform platform;           // empty: the host's platform
    QString tag;                 // for OCI layouts with several images, the ref name to pick
    // Registry sources: hosts the user opted into unverified TLS / plain HTTP for, and
    // "HOST=FILE" CA bundles per registry (on top of the registries.json configuration).
    QStringList insecureRegistries;
    QStringList registryCas;
};

class ImageSource {
public:
    virtual ~ImageSource() = default;
    virtual Result<ImageInfo> open(const OpenOptions &options, const ProgressSink &progress) = 0;
    // Streams the blobs of the layers in `wanted` (indices into ImageInfo::layers) to `sink`.
    virtual Result<void> streamLayers(const QSet<int> &wanted, LayerSink &sink,
                                      const ProgressSink &progress) = 0;
};

} // namespace bulkhead
