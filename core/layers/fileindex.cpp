#include "layers/fileindex.h"

#include "layers/layerpath.h"

#include <QSet>
#include <algorithm>
#include <deque>

namespace bulkhead {

namespace {

bool samePackage(const Package &a, const Package &b)
{
    return a.ecosystem == b.ecosystem && a.name == b.name && a.arch == b.arch && a.version == b.version;
}

} // namespace

FileIndex::FileIndex(const QVector<LayerResult> &layers)
    : m_stats(layers.size()), m_layerCount(int(layers.size())), m_facts(layers.size())
{
    for (int l = 0; l < layers.size(); ++l) {
        for (const CataloguedFile &f : layers[l].files) {
            m_facts[l].insert(f.path, f);
            m_history.insert(f.path, {});
        }
    }

    for (int l = 0; l < layers.size(); ++l) {
        const LayerResult &layer = layers[l];
        // OCI layer.md: whiteouts and opaque markers apply to the lower layers only, so they go
        // first; the entries of this layer then land on the result.
        for (const QString &w : layer.whiteouts) {
            const NormalisedPath np = normaliseLayerPath(w);
            if (!np.escapes && !np.path.isEmpty())  // never "delete the root"
                removeUnder(np.path, l, true);
        }
        for (const QString &d : layer.opaqueDirs) {
            const NormalisedPath np = normaliseLayerPath(d);
            if (!np.escapes)
                removeUnder(np.path, l, false);
        }

        for (const LayerEntry &e : layer.entries) {
            auto it = m_entries.find(e.path);
            const bool isDir = e.type == 'd';
            if (it != m_entries.end()) {
                const bool wasDir = it->second.entry.type == 'd';
                if (!isDir && it->second.layerIndex < l)
                    ++(wasDir ? m_stats[l].added : m_stats[l].modified);
                // A non-directory replacing a directory hides everything below it.
                if (wasDir && !isDir)
                    removeUnder(e.path, l, false);
                it->second.entry = e;
                it->second.layerIndex = l;
            } else {
                if (!isDir)
                    ++m_stats[l].added;
                m_entries.emplace(e.path, IndexedEntry{e, l});
            }
            auto h = m_history.find(e.path);
            if (h != m_history.end())
                h->append(PathEvent{l, true});
        }
    }
}

void FileIndex::pruneToCatalogued(QVector<LayerResult> &layers)
{
    QSet<QString> keep;
    for (const LayerResult &layer : layers) {
        for (const CataloguedFile &f : layer.files) {
            QString path = f.path;
            // The path and each parent: "a/b/c", "a/b", "a" (until one is already in).
            while (!path.isEmpty() && !keep.contains(path)) {
                keep.insert(path);
                const qsizetype slash = path.lastIndexOf(u'/');
                path.truncate(slash < 0 ? 0 : slash);
            }
        }
    }
    for (LayerResult &layer : layers) {
        layer.entries.erase(std::remove_if(layer.entries.begin(), layer.entries.end(),
                                           [&keep](const LayerEntry &e) { return !keep.contains(e.path); }),
                            layer.entries.end());
    }
}

void FileIndex::removeOne(std::map<QString, IndexedEntry>::iterator it, int layer)
{
    if (it->second.entry.type != 'd')
        ++m_stats[layer].deleted;
    auto h = m_history.find(it->first);
    if (h != m_history.end())
        h->append(PathEvent{layer, false});
    m_entries.erase(it);
}

void FileIndex::removeUnder(const QString &path, int layer, bool includeSelf)
{
    // Only what lower layers wrote is removed: an opaque dir or a replaced dir keeps whatever
    // this same layer puts under it.
    if (includeSelf && !path.isEmpty()) {
        auto self = m_entries.find(path);
        if (self != m_entries.end() && self->second.layerIndex < layer)
            removeOne(self, layer);
    }
    // Keys below "a/b" are exactly the range ["a/b/", "a/b0"): '0' follows '/'.
    const QString from = path.isEmpty() ? QString() : path + u'/';
    auto it = m_entries.lower_bound(from);
    const QString to = path.isEmpty() ? QString() : path + u'0';
    while (it != m_entries.end() && (path.isEmpty() || it->first < to)) {
        if (it->second.layerIndex < layer) {
            auto next = std::next(it);
            removeOne(it, layer);
            it = next;
        } else {
            ++it;
        }
    }
}

QStringList FileIndex::paths() const
{
    QStringList out;
    out.reserve(qsizetype(m_entries.size()));
    for (const auto &kv : m_entries)
        out.append(kv.first);
    return out;
}

const IndexedEntry *FileIndex::entry(const QString &path) const
{
    const NormalisedPath np = normaliseLayerPath(path);
    if (np.escapes)
        return nullptr;
    auto it = m_entries.find(np.path);
    return it == m_entries.end() ? nullptr : &it->second;
}

Result<QString> FileIndex::resolve(const QString &path) const
{
    // Component by component, as the kernel does with the image root as "/" (a chroot): ".."
    // at the root stays at the root, so nothing resolves outside the image.
    std::deque<QString> pending;
    for (const QString &c : path.split(u'/', Qt::SkipEmptyParts))
        pending.push_back(c);
    QStringList resolved;
    int links = 0;
    while (!pending.empty()) {
        const QString c = pending.front();
        pending.pop_front();
        if (c == u".")
            continue;
        if (c == u"..") {
            if (!resolved.isEmpty())
                resolved.removeLast();
            continue;
        }
        const QString candidate = joinPath(resolved.join(u'/'), c);
        auto it = m_entries.find(candidate);
        if (it == m_entries.end() || it->second.entry.type != 'l') {
            resolved.append(c);
            continue;
        }
        if (++links > MaxSymlinkDepth)
            return fail(QStringLiteral("Too many levels of symbolic links resolving /%1 (a cycle or a chain deeper than %2).")
                            .arg(normaliseLayerPath(path).path)
                            .arg(MaxSymlinkDepth),
                        InvalidInput);
        const QString &target = it->second.entry.linkTarget;
        if (target.startsWith(u'/'))
            resolved.clear();
        const QStringList parts = target.split(u'/', Qt::SkipEmptyParts);
        for (auto p = parts.crbegin(); p != parts.crend(); ++p)
            pending.push_front(*p);
    }
    return resolved.join(u'/');
}

const IndexedEntry *FileIndex::resolveEntry(const QString &path) const
{
    auto r = resolve(path);
    if (!r)
        return nullptr;
    auto it = m_entries.find(*r);
    return it == m_entries.end() ? nullptr : &it->second;
}

const CataloguedFile *FileIndex::factsIn(int layer, const QString &path, const QString &catalogerId) const
{
    const auto &byPath = m_facts[layer];
    for (auto it = byPath.constFind(path); it != byPath.constEnd() && it.key() == path; ++it)
        if (it->catalogerId == catalogerId)
            return &it.value();
    return nullptr;
}

SquashedFile FileIndex::squash(const QString &path, int layer, const CataloguedFile &file) const
{
    SquashedFile out;
    out.catalogerId = file.catalogerId;
    out.path = path;
    out.layerIndex = layer;
    out.facts = file.facts;
    // The events of this path before its last write, newest first: walk back while each earlier
    // write still held the package at the same version and nothing deleted it in between.
    const QVector<PathEvent> history = m_history.value(path);
    int last = int(history.size()) - 1;
    while (last >= 0 && !(history[last].written && history[last].layer == layer))
        --last;
    for (const Package &pkg : file.facts.packages) {
        int introduced = layer;
        for (int i = last - 1; i >= 0; --i) {
            const PathEvent &ev = history[i];
            if (!ev.written)
                break;
            const CataloguedFile *older = factsIn(ev.layer, path, file.catalogerId);
            if (!older)
                break;
            const auto &pkgs = older->facts.packages;
            if (std::none_of(pkgs.cbegin(), pkgs.cend(), [&](const Package &p) { return samePackage(p, pkg); }))
                break;
            introduced = ev.layer;
        }
        out.packageIntroducedIn.append(introduced);
    }
    return out;
}

QVector<SquashedFile> FileIndex::squashedFiles() const
{
    QVector<SquashedFile> out;
    QStringList catalogued = m_history.keys();
    std::sort(catalogued.begin(), catalogued.end());
    for (const QString &path : catalogued) {
        auto it = m_entries.find(path);
        if (it == m_entries.end())
            continue;
        const int layer = it->second.layerIndex;
        QVector<SquashedFile> here;
        const auto &byPath = m_facts[layer];
        for (auto f = byPath.constFind(path); f != byPath.constEnd() && f.key() == path; ++f)
            here.append(squash(path, layer, f.value()));
        std::sort(here.begin(), here.end(),
                  [](const SquashedFile &a, const SquashedFile &b) { return a.catalogerId < b.catalogerId; });
        out += here;
    }
    return out;
}

QVector<SquashedFile> FileIndex::factsFor(const QString &path) const
{
    auto resolved = resolve(path);
    if (!resolved)
        return {};
    auto it = m_entries.find(*resolved);
    if (it == m_entries.end() || !m_history.contains(*resolved))
        return {};
    QVector<SquashedFile> out;
    const int layer = it->second.layerIndex;
    const auto &byPath = m_facts[layer];
    for (auto f = byPath.constFind(*resolved); f != byPath.constEnd() && f.key() == *resolved; ++f)
        out.append(squash(*resolved, layer, f.value()));
    std::sort(out.begin(), out.end(),
              [](const SquashedFile &a, const SquashedFile &b) { return a.catalogerId < b.catalogerId; });
    return out;
}

} // namespace bulkhead
