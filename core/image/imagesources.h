#pragma once
// The one list of image source kinds, and opening a source from what the user typed:
// "docker-archive:PATH[:TAG]", "oci:PATH[:TAG]", "oci-archive:PATH[:TAG]", "docker:IMAGE",
// "podman:IMAGE" (a local engine, image/engine/), or a plain PATH whose kind is recognised from
// its content. Use:
//   auto opened = openImageSource(spec);                  // Result<OpenedImageSource>
//   auto info = opened->source->open(options, progress);  // Result<ImageInfo>, verified
//   opened->source->streamLayers(wanted, sink, progress); // each wanted blob once

#include "common/progress.h"
#include "common/result.h"
#include "image/imagesource.h"

#include <QStringList>
#include <memory>

namespace bulkhead {

struct OpenedImageSource {
    std::unique_ptr<ImageSource> source;
    QString kind;       // "docker-archive", "oci", "oci-archive", "docker", "podman", "registry"
    QString location;   // the path (without the kind prefix and the tag), or the image reference
    QString tag;        // from the spec, may be empty
};

// Creates the source; reading the manifest is left to ImageSource::open(). For a plain path to a
// tar archive this indexes the archive once (the source reuses that index).
Result<OpenedImageSource> openImageSource(const QString &spec, const ProgressSink &progress = ProgressSink());

// The kind prefixes openImageSource() understands, in list order.
QStringList imageSourceKinds();

} // namespace bulkhead
