#include "catalog/package.h"

namespace bulkhead {

QString OsInfo::osvEcosystem() const
{
    // OSV ecosystem names: https://ossf.github.io/osv-schema/#affectedpackage-field
    if (id == u"debian") {
        const QString major = versionId.section(u'.', 0, 0);
        return major.isEmpty() ? QStringLiteral("Debian") : QStringLiteral("Debian:") + major;
    }
    if (id == u"ubuntu")
        return versionId.isEmpty() ? QStringLiteral("Ubuntu") : QStringLiteral("Ubuntu:") + versionId;
    if (id == u"alpine") {
        const QStringList parts = versionId.split(u'.');
        if (parts.size() >= 2)
            return QStringLiteral("Alpine:v") + parts[0] + u'.' + parts[1];
        return QStringLiteral("Alpine");
    }
    return {};
}

QString OsInfo::purlDistro() const
{
    if (id.isEmpty())
        return {};
    return versionId.isEmpty() ? id : id + u'-' + versionId;
}

} // namespace bulkhead
