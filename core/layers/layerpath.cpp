#include "layers/layerpath.h"

namespace bulkhead {

NormalisedPath normaliseLayerPath(const QString &raw)
{
    NormalisedPath out;
    out.absolute = raw.startsWith(u'/');
    QStringList stack;
    for (const QString &part : raw.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..") {
            // A ".." that would climb above the root is a breakout attempt (tar extractors such
            // as containerd's refuse these); one that stays inside is just collapsed.
            if (stack.isEmpty())
                out.escapes = true;
            else
                stack.removeLast();
            continue;
        }
        stack.append(part);
    }
    out.path = stack.join(u'/');
    return out;
}

} // namespace bulkhead
