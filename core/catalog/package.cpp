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
    const QString major = versionId.section(u'.', 0, 0);
    if (id == u"rhel") {
        // Red Hat streams are CPE-derived ("Red Hat:enterprise_linux:9::appstream"): the
        // repository suffix ("::baseos", "::appstream", ...) is not recorded in the rpmdb, so
        // this is the prefix every stream of the release shares.
        return major.isEmpty() ? QStringLiteral("Red Hat") : QStringLiteral("Red Hat:enterprise_linux:") + major;
    }
    if (id == u"rocky")
        return major.isEmpty() ? QStringLiteral("Rocky Linux") : QStringLiteral("Rocky Linux:") + major;
    if (id == u"almalinux")
        return major.isEmpty() ? QStringLiteral("AlmaLinux") : QStringLiteral("AlmaLinux:") + major;
    if (id == u"mariner" || id == u"azurelinux") {
        // CBL-Mariner was renamed Azure Linux (3.0); OSV keeps both under "Azure Linux".
        return versionId.isEmpty() ? QStringLiteral("Azure Linux") : QStringLiteral("Azure Linux:") + versionId;
    }
    // SUSE and openSUSE use the product's marketing name ("openSUSE:Leap 15.5",
    // "SUSE:Linux Enterprise Server 15 SP5"), i.e. PRETTY_NAME without the vendor word.
    if (id == u"opensuse-leap" || (id == u"opensuse" && !versionId.isEmpty()))
        return versionId.isEmpty() ? QStringLiteral("openSUSE") : QStringLiteral("openSUSE:Leap ") + versionId;
    if (id == u"opensuse-tumbleweed")
        return QStringLiteral("openSUSE:Tumbleweed");
    if (id == u"sles" || id == u"sle-micro") {
        if (prettyName.startsWith(u"SUSE "))
            return QStringLiteral("SUSE:") + prettyName.mid(5);
        if (versionId.isEmpty())
            return QStringLiteral("SUSE");
        if (id == u"sle-micro")
            return QStringLiteral("SUSE:Linux Enterprise Micro ") + versionId;
        const QString minor = versionId.section(u'.', 1, 1);
        return QStringLiteral("SUSE:Linux Enterprise Server ") + major
            + (minor.isEmpty() || minor == u"0" ? QString() : QStringLiteral(" SP") + minor);
    }
    // CentOS, Fedora and Amazon Linux have no OSV ecosystem.
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
