#pragma once
// Common ground of the sources that read an image from files (docker-archive, oci, oci-archive):
// they open their ImageFiles once, record where each layer blob lives, and stream from there.

#include "image/imagefiles.h"
#include "image/imagesource.h"

namespace bulkhead {

class FileImageSource : public ImageSource {
public:
    // `files` may be handed over already opened (the factory indexes an archive to detect its
    // kind); otherwise open() opens `path` itself.
    FileImageSource(const QString &path, const QString &tag, const QString &reference,
                    std::shared_ptr<ImageFiles> files);

    // Streams each wanted layer's blob once; blobs shared by several layers go out once with all
    // their indices. The stored size is checked against the manifest's where declared.
    Result<void> streamLayers(const QSet<int> &wanted, LayerSink &sink,
                              const ProgressSink &progress) override;

protected:
    // Start of every open(): reports the stage, forgets the previous open, and opens the files
    // (an archive or a directory) unless they were handed over.
    Result<void> beginOpen(bool archive, const ProgressSink &progress);
    // Where layer i's blob is (a canonical path of m_files), and its expected size (-1 unknown).
    struct LayerBlob {
        QString path;
        qint64 expectedSize = -1;
    };
    // Checks a layer blob exists with the declared size; returns its canonical path and size.
    Result<LayerBlob> locateLayer(const QString &path, qint64 declaredSize, const QString &what);

    QString m_path;
    QString m_tag;
    QString m_reference;
    std::shared_ptr<ImageFiles> m_files;
    QVector<LayerBlob> m_layerBlobs;
    bool m_opened = false;    // set by a successful open(); streaming needs it
};

} // namespace bulkhead
