#pragma once
// Path rules shared by the layer engine: how tar member names and symlink targets map onto the
// image root. Every path the engine stores is relative to the root, without leading or trailing
// '/', with "." and empty components removed and ".." collapsed.

#include <QString>
#include <QStringList>

namespace bulkhead {

struct NormalisedPath {
    QString path;           // normalised; empty for the root itself
    bool escapes = false;   // a ".." climbed above the root: the entry must not be used
    bool absolute = false;  // the name started with '/'
};

// Normalises a tar member name (strips "./" and "/", collapses "//", "." and "..").
NormalisedPath normaliseLayerPath(const QString &raw);

// The component list of a normalised path (empty for the root).
inline QStringList pathComponents(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

// Parent directory of a normalised path ("" for a top-level name).
inline QString parentPath(const QString &path)
{
    const int slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

inline QString joinPath(const QString &dir, const QString &name)
{
    return dir.isEmpty() ? name : dir + u'/' + name;
}

} // namespace bulkhead
