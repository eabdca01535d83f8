#pragma once
// LayerCache: LayerResults on disk, keyed by diff_id, cataloger fingerprint and engine version,
// so images that share layers (or a rescan) skip streaming them.
// Contract: load() returns only entries whose header, checksum and key all verify (anything else
// is removed and reported as a miss); store() is atomic, so concurrent scanners are safe.

#include "common/result.h"
#include "layers/layerresult.h"

#include <optional>

namespace bulkhead {

class LayerCache {
public:
    // Bump whenever the LayerScanner output or the serialised types change (Package fields, ...).
    static constexpr int EngineVersion = 1;
    static constexpr qint64 DefaultMaxBytes = 2LL * 1024 * 1024 * 1024;

    // Directory: `directory` when given, else $BULKHEAD_CACHE_DIR/layers, else
    // <GenericCacheLocation>/bulkhead/layers.
    explicit LayerCache(const QString &directory = {}, qint64 maxBytes = DefaultMaxBytes);

    QString directory() const { return m_dir; }
    qint64 maxBytes() const { return m_maxBytes; }

    // The cached result for this layer and cataloger set; a hit refreshes its last use.
    std::optional<LayerResult> load(const QString &diffId, const QString &fingerprint) const;
    // Stores (or replaces) the result for result.diffId, then evicts the least recently used
    // entries while the cache is over its bound.
    Result<void> store(const QString &fingerprint, const LayerResult &result) const;
    // Removes least recently used entries until the total is at most maxBytes().
    void evict() const;

    QString fileFor(const QString &diffId, const QString &fingerprint) const;

private:
    QString m_dir;
    qint64 m_maxBytes;
};

} // namespace bulkhead
