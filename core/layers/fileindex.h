#pragma once
// FileIndex: the squashed filesystem of an image, built from its ordered layer results by applying
// each changeset in turn (OCI image spec layer.md, "Applying Changesets" and "Whiteouts").
// Contract: lookups never leave the image root; symlink resolution is bounded and reports cycles.

#include "common/result.h"
#include "layers/layerresult.h"

#include <QHash>
#include <map>

namespace bulkhead {

struct IndexedEntry {
    LayerEntry entry;
    int layerIndex = -1;   // the layer that last wrote this path
};

struct LayerStats {
    int added = 0;         // non-directory paths that did not exist below
    int modified = 0;      // non-directory paths that replaced one from a lower layer
    int deleted = 0;       // non-directory paths from lower layers removed (whiteouts, opaque
                           // dirs, a directory replaced by a file)
};

class FileIndex {
public:
    static constexpr int MaxSymlinkDepth = 40;  // as Linux's MAXSYMLINKS

    FileIndex() = default;
    explicit FileIndex(const QVector<LayerResult> &layers);

    // Drops from `layers` every entry that cannot change a catalogued file: all but the entries at
    // a catalogued path (of any layer) or at one of its parent directories (a non-directory there
    // hides what is below). Whiteouts and opaque markers stay. squashedFiles() of the pruned layers
    // is that of the full ones; paths(), entry(), resolve() and layerStats() then see less.
    static void pruneToCatalogued(QVector<LayerResult> &layers);

    int layerCount() const { return m_layerCount; }
    qint64 size() const { return qint64(m_entries.size()); }
    QStringList paths() const;                       // every final path, sorted

    // The entry at exactly this (normalised or not) path, without following symlinks.
    const IndexedEntry *entry(const QString &path) const;
    // The path after following symlinks in every component (relative targets against the link's
    // directory, absolute ones against the image root, ".." never above the root). The result
    // may not exist (dangling link). Fails on a cycle or a chain deeper than MaxSymlinkDepth.
    Result<QString> resolve(const QString &path) const;
    // entry(resolve(path)), or null when it does not resolve or does not exist.
    const IndexedEntry *resolveEntry(const QString &path) const;

    QVector<LayerStats> layerStats() const { return m_stats; }

    // Every catalogued file present in the final filesystem, sorted by path then cataloger.
    QVector<SquashedFile> squashedFiles() const;
    // The catalogued facts of the file a path leads to (following symlinks), one per cataloger.
    QVector<SquashedFile> factsFor(const QString &path) const;

private:
    // What happened to a catalogued path in one layer, in order.
    struct PathEvent {
        int layer = -1;
        bool written = false;  // false: deleted
    };

    void removeUnder(const QString &path, int layer, bool includeSelf);
    void removeOne(std::map<QString, IndexedEntry>::iterator it, int layer);
    SquashedFile squash(const QString &path, int layer, const CataloguedFile &file) const;
    const CataloguedFile *factsIn(int layer, const QString &path, const QString &catalogerId) const;

    std::map<QString, IndexedEntry> m_entries;           // sorted: a subtree is one key range
    QVector<LayerStats> m_stats;
    int m_layerCount = 0;
    // Per layer, the catalogued files by path; and the history of every catalogued path.
    QVector<QMultiHash<QString, CataloguedFile>> m_facts;
    QHash<QString, QVector<PathEvent>> m_history;
};

} // namespace bulkhead
