#include "catalog/inventory.h"
#include "catalog/lang/npminventoryrules.h"
#include "catalog/rpm/rpmcataloger.h"

#include "catalog/apkcataloger.h"
#include "catalog/osreleasecataloger.h"
#include "catalog/purl.h"

#include <algorithm>

namespace bulkhead {

namespace {

LayerRef layerRef(int index, const QVector<LayerInfo> &layers)
{
    LayerRef ref;
    if (index < 0)
        return ref;
    ref.index = index;
    // LayerInfo::index normally equals its position; look it up by value to be safe.
    const LayerInfo *info
        = (index < layers.size() && layers[index].index == index) ? &layers[index] : nullptr;
    if (!info) {
        for (const LayerInfo &l : layers) {
            if (l.index == index) {
                info = &l;
                break;
            }
        }
    }
    if (info) {
        ref.digest = info->digest;
        ref.diffId = info->diffId;
        ref.createdBy = info->createdBy;
    }
    return ref;
}

} // namespace

QString rpmPurlNamespace(const OsInfo &os)
{
    // os-release IDs of the RPM distributions → the vendor namespaces used in rpm PURLs.
    static const QHash<QString, QString> vendors = {
        { QStringLiteral("rhel"), QStringLiteral("redhat") },
        { QStringLiteral("centos"), QStringLiteral("centos") },
        { QStringLiteral("rocky"), QStringLiteral("rocky") },
        { QStringLiteral("almalinux"), QStringLiteral("almalinux") },
        { QStringLiteral("fedora"), QStringLiteral("fedora") },
        { QStringLiteral("opensuse"), QStringLiteral("opensuse") },
        { QStringLiteral("opensuse-leap"), QStringLiteral("opensuse") },
        { QStringLiteral("opensuse-tumbleweed"), QStringLiteral("opensuse") },
        { QStringLiteral("sles"), QStringLiteral("sles") },
        { QStringLiteral("sle-micro"), QStringLiteral("sles") },
        { QStringLiteral("amzn"), QStringLiteral("amzn") },
        { QStringLiteral("mariner"), QStringLiteral("mariner") },
        { QStringLiteral("azurelinux"), QStringLiteral("azurelinux") },
        { QStringLiteral("ol"), QStringLiteral("oracle") },
    };
    if (!os.isKnown())
        return {};
    return vendors.value(os.id, os.id);
}

QString osPackagePurl(const Package &package, const OsInfo &os)
{
    Purl p;
    // purl-spec deb/apk types: the namespace is the vendor, i.e. the os-release ID ("debian",
    // "ubuntu", "alpine", "wolfi", ...); the ecosystem's home distro when the OS is unknown.
    if (package.ecosystem == Ecosystem::Deb) {
        p.type = QStringLiteral("deb");
        p.ns = os.isKnown() ? os.id : QStringLiteral("debian");
    } else if (package.ecosystem == Ecosystem::Apk) {
        p.type = QStringLiteral("apk");
        p.ns = os.isKnown() ? os.id : QStringLiteral("alpine");
    } else if (package.ecosystem == Ecosystem::Rpm) {
        // purl-spec rpm type: namespace is the vendor; version is version-release with the epoch
        // as a qualifier.
        p.type = QStringLiteral("rpm");
        p.ns = rpmPurlNamespace(os);
    } else {
        return {};
    }
    p.name = package.name;
    p.version = package.version;
    if (package.ecosystem == Ecosystem::Rpm && package.version.contains(u':')) {
        p.qualifiers.insert(QStringLiteral("epoch"), package.version.section(u':', 0, 0));
        p.version = package.version.section(u':', 1);
    }
    if (!package.arch.isEmpty())
        p.qualifiers.insert(QStringLiteral("arch"), package.arch);
    const QString distro = os.purlDistro();
    if (!distro.isEmpty())
        p.qualifiers.insert(QStringLiteral("distro"), distro);
    return p.toString();
}

bool packageLessThan(const Package &a, const Package &b)
{
    if (a.ecosystem != b.ecosystem)
        return a.ecosystem < b.ecosystem;
    if (a.name != b.name)
        return a.name < b.name;
    if (a.version != b.version)
        return a.version < b.version;
    if (a.arch != b.arch)
        return a.arch < b.arch;
    return a.foundIn < b.foundIn;
}

Inventory assembleInventory(const QVector<SquashedFile> &files, const QVector<LayerInfo> &layers)
{
    Inventory inv;
    inv.os = detectOs(files);

    // The rpm database rpm itself would read, per directory; the others are stale copies.
    QHash<QString, QString> rpmDbInUse; // directory → path
    for (const SquashedFile &f : files) {
        if (f.catalogerId != u"rpm" || f.facts.packages.isEmpty())
            continue;
        const QString dir = f.path.section(u'/', 0, -2);
        const QString current = rpmDbInUse.value(dir);
        if (RpmCataloger::backendRank(f.path) > RpmCataloger::backendRank(current))
            rpmDbInUse.insert(dir, f.path);
    }

    QHash<QString, QStringList> copyrightLicenses; // doc directory (binary package) → licences
    for (const SquashedFile &f : files) {
        if (f.catalogerId == u"rpm" && !f.facts.packages.isEmpty()) {
            const QString inUse = rpmDbInUse.value(f.path.section(u'/', 0, -2));
            if (inUse != f.path) {
                inv.warnings.append({QStringLiteral("catalog:rpm"), f.path,
                                     QStringLiteral("Not listed: a stale rpm database next to %1, which rpm reads instead.")
                                         .arg(inUse)});
                continue;
            }
        }
        for (ScanWarning w : f.facts.warnings) {
            if (w.stage.isEmpty())
                w.stage = QStringLiteral("catalog:") + f.catalogerId;
            if (w.path.isEmpty())
                w.path = f.path;
            inv.warnings.append(w);
        }
        if (f.catalogerId == u"dpkg") {
            const QString owner = f.facts.properties.value(QStringLiteral("package")).section(u':', 0, 0);
            if (f.facts.properties.contains(QStringLiteral("licenses"))) {
                copyrightLicenses.insert(owner,
                    f.facts.properties.value(QStringLiteral("licenses")).split(u'\n', Qt::SkipEmptyParts));
            } else if (!owner.isEmpty()) {
                for (const QString &path : f.facts.ownedPaths)
                    inv.ownedPaths.insert(path, Ecosystem::Deb + u'/' + owner);
            }
        } else if (f.catalogerId == u"apk" || f.catalogerId == u"rpm") {
            // Both write one "owns:<package>" property per package.
            const QString prefix = ApkCataloger::ownsKey(QString());
            const QString ecosystem = f.catalogerId == u"apk" ? Ecosystem::Apk : Ecosystem::Rpm;
            for (auto it = f.facts.properties.cbegin(); it != f.facts.properties.cend(); ++it) {
                if (!it.key().startsWith(prefix))
                    continue;
                const QString owner = ecosystem + u'/' + it.key().mid(prefix.size());
                for (const QString &path : it.value().split(u'\n', Qt::SkipEmptyParts))
                    inv.ownedPaths.insert(path, owner);
            }
        }
        for (int i = 0; i < f.facts.packages.size(); ++i) {
            Package p = f.facts.packages[i];
            const int introduced = i < f.packageIntroducedIn.size() ? f.packageIntroducedIn[i] : f.layerIndex;
            p.layer = layerRef(introduced, layers);
            if (p.cataloger.isEmpty())
                p.cataloger = f.catalogerId;
            if (p.foundIn.isEmpty())
                p.foundIn = f.path;
            inv.packages.append(p);
        }
    }

    for (Package &p : inv.packages) {
        if (p.purl.isEmpty())
            p.purl = osPackagePurl(p, inv.os);
        if (p.ecosystem == Ecosystem::Deb && p.licenses.isEmpty())
            p.licenses = copyrightLicenses.value(p.name);
    }
    applyNpmInventoryRules(inv.packages);
    foldOwnedLanguagePackages(inv);
    std::sort(inv.packages.begin(), inv.packages.end(), packageLessThan);
    return inv;
}

void foldOwnedLanguagePackages(Inventory &inventory)
{
    // Peers' most common false positive: a Python dist-info or a jar that a Debian, Alpine or RPM
    // package installed, reported a second time as a language package. Such a package is reported
    // once, as the OS package; its language identity is kept as an extra PURL for matching.
    auto isOsPackage = [](const Package &p) {
        return p.ecosystem == Ecosystem::Deb || p.ecosystem == Ecosystem::Apk || p.ecosystem == Ecosystem::Rpm;
    };
    QHash<QString, int> osIndex; // "deb/name" → index of the first package of that name
    for (int i = 0; i < inventory.packages.size(); ++i) {
        const Package &p = inventory.packages.at(i);
        if (isOsPackage(p) && !osIndex.contains(p.ecosystem + u'/' + p.name))
            osIndex.insert(p.ecosystem + u'/' + p.name, i);
    }
    if (osIndex.isEmpty() || inventory.ownedPaths.isEmpty())
        return;

    QVector<bool> drop(inventory.packages.size(), false);
    for (int i = 0; i < inventory.packages.size(); ++i) {
        const Package &p = inventory.packages.at(i);
        if (isOsPackage(p))
            continue;
        // A nested jar ("a.war!/WEB-INF/lib/b.jar") belongs to whoever owns the outer file.
        const QString file = p.foundIn.section(QStringLiteral("!/"), 0, 0);
        const int owner = osIndex.value(inventory.ownedPaths.value(file), -1);
        if (owner < 0)
            continue;
        drop[i] = true;
        Package &os = inventory.packages[owner];
        if (!p.purl.isEmpty() && !os.extraPurls.contains(p.purl))
            os.extraPurls.append(p.purl);
    }
    QVector<Package> kept;
    kept.reserve(inventory.packages.size());
    for (int i = 0; i < inventory.packages.size(); ++i)
        if (!drop[i])
            kept.append(inventory.packages.at(i));
    inventory.packages = kept;
}

} // namespace bulkhead
