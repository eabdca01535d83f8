#include "catalog/package.h"

#include <QStringList>

namespace bulkhead {

namespace {

// "3.19.0_alpha20231219" (Alpine edge) → "3.19"; "3.10.4" → "3.10".
QString majorMinor(const QString &version)
{
    const QStringList parts = version.section(u'_', 0, 0).split(u'.');
    if (parts.size() < 2 || parts[0].isEmpty() || parts[1].isEmpty())
        return {};
    return parts[0] + u'.' + parts[1];
}

} // namespace

QString OsInfo::osvEcosystem() const
{
    // OSV ecosystem names: https://ossf.github.io/osv-schema/#affectedpackage-field
    if (id == u"debian") {
        // Debian advisories are per major release ("Debian:12"); point releases (12.5) share them.
        const QString major = versionId.section(u'.', 0, 0);
        return major.isEmpty() ? QStringLiteral("Debian") : QStringLiteral("Debian:") + major;
    }
    if (id == u"ubuntu") {
        // osv.dev writes LTS releases (even year, .04) as "Ubuntu:22.04:LTS", others "Ubuntu:23.10".
        if (versionId.isEmpty())
            return QStringLiteral("Ubuntu");
        const QString mm = majorMinor(versionId);
        const bool lts
            = !mm.isEmpty() && mm.section(u'.', 0, 0).toInt() % 2 == 0 && mm.section(u'.', 1, 1) == u"04";
        return QStringLiteral("Ubuntu:") + (mm.isEmpty() ? versionId : mm)
            + (lts ? QStringLiteral(":LTS") : QString());
    }
    if (id == u"alpine") {
        // Alpine advisories are per release branch ("Alpine:v3.10"). Edge carries VERSION_ID
        // "3.19.0_alpha…": the branch it becomes is the closest release data.
        const QString mm = majorMinor(versionId);
        return mm.isEmpty() ? QStringLiteral("Alpine") : QStringLiteral("Alpine:v") + mm;
    }
    return {};
}

QString OsInfo::purlDistro() const
{
    if (id.isEmpty())
        return {};
    if (versionId.isEmpty())
        return versionCodename.isEmpty() ? id : id + u'-' + versionCodename;
    // Debian's os-release VERSION_ID is the major release ("debian-12"); keep that form when the
    // version came from debian_version ("12.5").
    if (id == u"debian")
        return id + u'-' + versionId.section(u'.', 0, 0);
    return id + u'-' + versionId;
}

} // namespace bulkhead
