#pragma once
// LayerScanner: streams one layer blob exactly once (gzip via isa-l, zstd, or plain tar read by
// libarchive), verifies its blob digest and diff_id, records every entry and whiteout, and hands
// the files the catalogers want to them. Nothing is extracted to disk. Hostile entries (absolute
// paths, "..", device files) are skipped with a warning; size limits end with a clear error.

#include "catalog/cataloger.h"
#include "common/progress.h"
#include "common/result.h"
#include "image/imagesource.h"
#include "layers/layerresult.h"

namespace bulkhead {

struct LayerLimits {
    qint64 maxFileSize = 512LL * 1024 * 1024;            // one entry, uncompressed
    qint64 maxLayerSize = 32LL * 1024 * 1024 * 1024;     // one layer, uncompressed
    qint64 maxEntries = 2'000'000;
    double maxRatio = 1000.0;                            // uncompressed / compressed, for bomb detection (only past maxRatioFloor)
    qint64 maxRatioFloor = 256LL * 1024 * 1024;
    // Bytes of catalogued files a layer keeps for hard links that may follow them. Past it a
    // file keeps only what its catalogers found, which a hard link to it re-uses.
    qint64 keptContentBudget = 16LL * 1024 * 1024;
};

struct LayerExpectation {
    QString digest;   // expected blob digest; empty: not checked
    QString diffId;   // expected diff_id; empty: not checked
    QString mediaType;
};

class LayerScanner {
public:
    explicit LayerScanner(CatalogerList catalogers, LayerLimits limits = {});
    Result<LayerResult> scan(ByteStream &blob, const LayerExpectation &expected,
                             const ProgressSink &progress) const;

    // Pipelined: decompression (and the blob hash) stay on the calling thread while a second
    // thread parses the tar, hashes the diff_id and runs the catalogers, joined by a bounded
    // queue of buffers. Off by default: on the shared 2-core build machine it measured slower
    // than one thread (hand-offs wait for a time slice); see tests/bench/bench_layerscan.
    // Either way the blob stream is only ever read from the calling thread.
    void setPipelined(bool on) { m_pipelined = on; }

private:
    CatalogerList m_catalogers;
    LayerLimits m_limits;
    bool m_pipelined = false;
};

} // namespace bulkhead
