#pragma once
// What one layer contributes, computed by streaming its blob once. Independent of the other
// layers, so it is cached by diff_id (plus the cataloger fingerprint) and shared between images.

#include "catalog/cataloger.h"
#include "common/warning.h"

#include <QString>
#include <QVector>

namespace bulkhead {

struct LayerEntry {
    QString path;        // normalised, no leading '/', no trailing '/'
    char type = 'f';     // 'f' file, 'd' dir, 'l' symlink, 'h' hard link, 'o' other (fifo, device: skipped)
    qint64 size = 0;
    quint32 mode = 0;
    QString linkTarget;  // symlink target as written, or hard-link target path (normalised)
};

struct CataloguedFile {
    QString catalogerId;
    QString path;
    FileFacts facts;
};

struct LayerResult {
    QString diffId;              // verified sha256 of the uncompressed tar
    QString blobDigest;          // verified sha256 of the blob as stored
    qint64 compressedSize = 0;
    qint64 uncompressedSize = 0;
    QVector<LayerEntry> entries;      // everything this layer writes, in archive order (whiteout files excluded)
    QStringList whiteouts;            // paths this layer deletes (from ".wh.<name>")
    QStringList opaqueDirs;           // dirs whose lower contents this layer hides (".wh..wh..opq")
    QVector<CataloguedFile> files;    // facts from the files catalogers asked for
    ScanWarnings warnings;
};

} // namespace bulkhead

namespace bulkhead {

// A catalogued file as it is in the final (squashed) filesystem, with the layer that last wrote it
// and, for each of facts.packages (same order), the index of the layer that introduced that package
// in its current version: the earliest layer from which this path held the same package (ecosystem,
// name, arch) at the same version in every later layer. Produced by FileIndex (layers/fileindex.h),
// consumed by the inventory assembly (catalog/).
struct SquashedFile {
    QString catalogerId;
    QString path;
    int layerIndex = -1;
    FileFacts facts;
    QVector<int> packageIntroducedIn;
};

} // namespace bulkhead
