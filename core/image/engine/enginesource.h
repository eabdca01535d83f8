#pragma once
// EngineSource: an image held by a local Docker or Podman engine ("docker:IMAGE", "podman:IMAGE"),
// read through the Engine API. open() asks /images/{name}/json and /history (no layer bytes);
// streamLayers() reads /images/{id}/get, a docker-archive tar, in ONE pass straight from the
// socket: small members are kept, each layer member goes to the sink as it arrives, the transfer
// stops once every wanted layer is in. Nothing is written to disk.
// Which member is which layer: "<diffid>.tar" (Podman) and "blobs/sha256/<diffid>" name their
// diff_id; "<v1id>/layer.tar" (classic docker save) is mapped through manifest.json when it came
// first, else identified by its content (the sink computes its diff_id: see
// LayerSink::consumeUnidentifiedLayer). Links (Podman's <id>/layer.tar -> ../<diffid>.tar) are
// skipped: the blob they point at is delivered once for all layers with that diff_id.
// Known limits: the engine API gives history times to the second and no empty_layer flag (it is
// inferred from the layer sizes /history reports); stored layer sizes are unknown before reading.

#include "image/engine/engineclient.h"
#include "image/imagesource.h"

#include <optional>

namespace bulkhead {

// True when the engine of that kind is reachable and has an image of that name (a cheap
// inspect); false on any error. Used to resolve plain references local-engine-first.
bool engineHasImage(EngineKind kind, const QString &name);

class EngineSource final : public ImageSource {
public:
    // `name` as the engine knows it: "alpine:3.19", "localhost/x:1", an ID or ID prefix.
    EngineSource(EngineKind kind, const QString &name, const QString &reference = {});

    Result<ImageInfo> open(const OpenOptions &options, const ProgressSink &progress) override;
    Result<void> streamLayers(const QSet<int> &wanted, LayerSink &sink, const ProgressSink &progress) override;

private:
    QString describe() const;   // "the image 'x' of the Docker engine at unix:///s"

    EngineKind m_kind;
    QString m_name;
    QString m_reference;
    std::optional<EngineClient> m_client;
    ImageInfo m_info;
    QString m_imageId;
    qint64 m_imageSize = -1;
    bool m_opened = false;
};

} // namespace bulkhead
