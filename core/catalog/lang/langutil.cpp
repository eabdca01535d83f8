#include "catalog/lang/langutil.h"

#include <sys/stat.h>

namespace bulkhead::lang {

bool isRegularFile(quint32 mode)
{
    const quint32 type = mode & S_IFMT;
    return type == 0 || type == S_IFREG;
}

QString fileName(const QString &path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

QString parentDir(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

bool hasDirSegment(const QString &path, const QString &segment)
{
    const QString dir = u'/' + parentDir(path) + u'/';
    return dir.contains(u'/' + segment + u'/');
}

} // namespace bulkhead::lang
