#include "version/versioncomparator.h"

#include "version/apkversioncomparator.h"
#include "version/composerversioncomparator.h"
#include "version/dpkgversioncomparator.h"
#include "version/gemversioncomparator.h"
#include "version/goversioncomparator.h"
#include "version/mavenversioncomparator.h"
#include "version/nugetversioncomparator.h"
#include "version/pep440versioncomparator.h"
#include "version/rpmversioncomparator.h"
#include "version/semverversioncomparator.h"

namespace bulkhead {

namespace {

struct Alias {
    const char *name;       // lower case
    const char *ecosystem;  // canonical short name
};

// OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field) and our short
// names, lower case, mapped to the comparator that orders their versions.
const Alias kAliases[] = {
    {"deb", "deb"}, {"dpkg", "deb"}, {"debian", "deb"}, {"ubuntu", "deb"},
    {"apk", "apk"}, {"alpine", "apk"}, {"wolfi", "apk"}, {"chainguard", "apk"},
    {"rpm", "rpm"}, {"red hat", "rpm"}, {"redhat", "rpm"}, {"rocky linux", "rpm"},
    {"almalinux", "rpm"}, {"suse", "rpm"}, {"opensuse", "rpm"}, {"mageia", "rpm"},
    {"npm", "npm"}, {"semver", "semver"}, {"crates.io", "semver"}, {"cargo", "semver"},
    {"hex", "semver"}, {"bitnami", "semver"}, {"swifturl", "semver"},
    {"pypi", "pypi"}, {"pep440", "pypi"}, {"python", "pypi"},
    {"maven", "maven"},
    {"go", "go"}, {"golang", "go"},
    {"gem", "gem"}, {"rubygems", "gem"},
    {"nuget", "nuget"},
    {"composer", "composer"}, {"packagist", "composer"},
};

} // namespace

const VersionComparator *comparatorFor(const QString &ecosystem)
{
    // One stateless instance per ecosystem, shared by every thread.
    static const DpkgVersionComparator dpkg;
    static const ApkVersionComparator apk;
    static const RpmVersionComparator rpm;
    static const SemverVersionComparator npm(QStringLiteral("npm"));
    static const SemverVersionComparator semver(QStringLiteral("semver"));
    static const Pep440VersionComparator pypi;
    static const MavenVersionComparator maven;
    static const GoVersionComparator go;
    static const GemVersionComparator gem;
    static const NugetVersionComparator nuget;
    static const ComposerVersionComparator composer;
    static const VersionComparator *const all[] = {&dpkg, &apk, &rpm, &npm, &semver, &pypi,
                                                   &maven, &go, &gem, &nuget, &composer};

    // OSV writes "Debian:12", "Alpine:v3.19", "Red Hat:enterprise_linux:9": the part before the
    // first ':' names the ecosystem.
    QString name = ecosystem.section(QLatin1Char(':'), 0, 0).trimmed().toLower();
    for (const Alias &alias : kAliases) {
        if (name != QLatin1String(alias.name))
            continue;
        const QLatin1String target(alias.ecosystem);
        for (const VersionComparator *c : all) {
            if (c->ecosystem() == target)
                return c;
        }
    }
    return nullptr;
}

QStringList knownVersionEcosystems()
{
    return {QStringLiteral("deb"), QStringLiteral("apk"), QStringLiteral("rpm"),
            QStringLiteral("npm"), QStringLiteral("semver"), QStringLiteral("pypi"),
            QStringLiteral("maven"), QStringLiteral("go"), QStringLiteral("gem"),
            QStringLiteral("nuget"), QStringLiteral("composer")};
}

namespace version {

int compareDigits(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && a[i] == QLatin1Char('0'))
        ++i;
    while (j < b.size() && b[j] == QLatin1Char('0'))
        ++j;
    const qsizetype la = a.size() - i;
    const qsizetype lb = b.size() - j;
    if (la != lb)
        return la < lb ? -1 : 1;
    for (; i < a.size(); ++i, ++j) {
        if (a[i] != b[j])
            return a[i] < b[j] ? -1 : 1;
    }
    return 0;
}

int compareAsciiCaseInsensitive(QStringView a, QStringView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t x = asciiLower(a[i].unicode());
        const char16_t y = asciiLower(b[i].unicode());
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

QString blankOrSpaced(QStringView s)
{
    if (s.trimmed().isEmpty())
        return QStringLiteral("it is empty");
    for (QChar c : s.trimmed()) {
        if (c.isSpace())
            return QStringLiteral("it contains whitespace");
    }
    return {};
}

Error invalidVersion(const QString &ecosystem, const QString &version, const QString &why)
{
    return Error{QStringLiteral("\"%1\" is not a valid %2 version: %3.").arg(version, ecosystem, why),
                 InvalidInput};
}

} // namespace version
} // namespace bulkhead
