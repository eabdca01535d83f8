#include "scan/sbomsource.h"

#include "catalog/inventory.h"
#include "catalog/purl.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

namespace bulkhead {

namespace {

const QString kStage = QStringLiteral("sbom");
constexpr qint64 kMaxSbomBytes = 512LL * 1024 * 1024;
constexpr int kMaxDepth = 64; // nested CycloneDX components

QString ecosystemOfPurlType(const QString &type)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("deb"), Ecosystem::Deb},         {QStringLiteral("apk"), Ecosystem::Apk},
        {QStringLiteral("rpm"), Ecosystem::Rpm},         {QStringLiteral("npm"), Ecosystem::Npm},
        {QStringLiteral("pypi"), Ecosystem::PyPI},       {QStringLiteral("maven"), Ecosystem::Maven},
        {QStringLiteral("golang"), Ecosystem::Go},       {QStringLiteral("cargo"), Ecosystem::Cargo},
        {QStringLiteral("gem"), Ecosystem::Gem},         {QStringLiteral("composer"), Ecosystem::Composer},
        {QStringLiteral("nuget"), Ecosystem::NuGet},
    };
    return map.value(type);
}

// purls that name the scanned artefact itself, not a package in it.
bool isArtefactPurl(const QString &type)
{
    return type == u"oci" || type == u"docker";
}

struct Reader {
    ScanResult scan;
    OsInfo osFromComponent;
    OsInfo osFromDistro;

    void warn(const QString &what, const QString &message) { scan.warnings.append({kStage, what, message}); }

    void addPackage(const QString &what, const QString &purl, const QStringList &extraPurls,
                    const QJsonArray &properties, const QString &comment)
    {
        if (purl.isEmpty()) {
            warn(what, QStringLiteral("The component %1 has no package URL; it was not matched.").arg(what));
            return;
        }
        auto parsed = Purl::parse(purl);
        if (parsed && isArtefactPurl(parsed->type))
            return;
        auto p = packageFromPurl(purl);
        if (!p) {
            warn(what, parsed ? QStringLiteral("The package URL %1 is of a type Bulkhead does not match (%2).").arg(purl, parsed->type)
                              : QStringLiteral("The package URL %1 cannot be read: %2").arg(purl, parsed.error().message));
            return;
        }
        p->extraPurls = extraPurls;
        // Bulkhead's own CycloneDX properties carry what a purl cannot (round trip).
        for (const auto &pv : properties) {
            const QJsonObject prop = pv.toObject();
            const QString name = prop.value(u"name").toString();
            const QString value = prop.value(u"value").toString();
            if (name == u"bulkhead:package:sourceName")
                p->sourceName = value;
            else if (name == u"bulkhead:package:sourceVersion")
                p->sourceVersion = value;
            else if (name == u"bulkhead:package:extraPurl" && !p->extraPurls.contains(value))
                p->extraPurls << value;
        }
        // ... and Bulkhead's SPDX comment "source package NAME VERSION".
        static const QRegularExpression sourceRe(QStringLiteral("source package (\\S+) (\\S+)"));
        const auto m = sourceRe.match(comment);
        if (m.hasMatch() && p->sourceName.isEmpty()) {
            p->sourceName = m.captured(1) == p->name ? QString() : m.captured(1);
            p->sourceVersion = m.captured(2) == p->version ? QString() : m.captured(2);
        }
        if (parsed && !osFromDistro.isKnown() && parsed->qualifiers.contains(QStringLiteral("distro")))
            osFromDistro = osFromPurlDistro(parsed->qualifiers.value(QStringLiteral("distro")));
        scan.packages.append(*p);
    }

    void readCycloneDxComponents(const QJsonArray &components, int depth)
    {
        if (depth > kMaxDepth) {
            warn(QString(), QStringLiteral("Components nested deeper than %1 levels were not read.").arg(kMaxDepth));
            return;
        }
        for (const auto &cv : components) {
            const QJsonObject c = cv.toObject();
            const QString type = c.value(u"type").toString();
            const QString name = c.value(u"name").toString();
            if (type == u"operating-system") {
                if (!osFromComponent.isKnown()) {
                    osFromComponent.id = name.toLower();
                    osFromComponent.versionId = c.value(u"version").toString();
                    osFromComponent.prettyName = c.value(u"description").toString();
                }
            } else if (type != u"container" && type != u"file") {
                const QString what = name + (c.contains(u"version") ? u' ' + c.value(u"version").toString() : QString());
                addPackage(what, c.value(u"purl").toString(), {}, c.value(u"properties").toArray(), QString());
            }
            readCycloneDxComponents(c.value(u"components").toArray(), depth + 1);
        }
    }

    void readSpdxPackages(const QJsonArray &packages)
    {
        for (const auto &pv : packages) {
            const QJsonObject p = pv.toObject();
            const QString name = p.value(u"name").toString();
            const QString purpose = p.value(u"primaryPackagePurpose").toString();
            if (purpose == u"OPERATING_SYSTEM" || purpose == u"OPERATING-SYSTEM") {
                if (!osFromComponent.isKnown()) {
                    osFromComponent.id = name.toLower();
                    osFromComponent.versionId = p.value(u"versionInfo").toString();
                    osFromComponent.prettyName = p.value(u"description").toString();
                }
                continue;
            }
            if (purpose == u"CONTAINER")
                continue;
            // SPDX 2.3 Annex F: externalRefs of category PACKAGE-MANAGER and type "purl".
            QStringList purls;
            for (const auto &rv : p.value(u"externalRefs").toArray()) {
                const QJsonObject r = rv.toObject();
                if (r.value(u"referenceType").toString() == u"purl")
                    purls << r.value(u"referenceLocator").toString();
            }
            const QString what = name + (p.contains(u"versionInfo") ? u' ' + p.value(u"versionInfo").toString() : QString());
            addPackage(what, purls.value(0), purls.mid(1), {}, p.value(u"comment").toString());
        }
    }
};

} // namespace

OsInfo osFromPurlDistro(const QString &distro)
{
    OsInfo os;
    const int dash = distro.indexOf(u'-');
    os.id = (dash < 0 ? distro : distro.left(dash)).toLower();
    const QString rest = dash < 0 ? QString() : distro.mid(dash + 1);
    if (!rest.isEmpty() && rest.at(0).isDigit())
        os.versionId = rest;
    else
        os.versionCodename = rest;
    return os;
}

std::optional<Package> packageFromPurl(const QString &text)
{
    auto purl = Purl::parse(text);
    if (!purl)
        return std::nullopt;
    Package p;
    p.ecosystem = ecosystemOfPurlType(purl->type);
    if (p.ecosystem.isEmpty() || purl->name.isEmpty())
        return std::nullopt;
    p.purl = text;
    // purl-spec type definitions: the namespace is part of the ecosystem's package name for
    // npm (scope), maven (groupId), golang (module path), composer (vendor); a vendor for OS types.
    if (p.ecosystem == Ecosystem::Maven)
        p.name = purl->ns.isEmpty() ? purl->name : purl->ns + u':' + purl->name;
    else if (p.ecosystem == Ecosystem::Npm || p.ecosystem == Ecosystem::Go || p.ecosystem == Ecosystem::Composer)
        p.name = purl->ns.isEmpty() ? purl->name : purl->ns + u'/' + purl->name;
    else
        p.name = purl->name;
    p.version = purl->version;
    const QString epoch = purl->qualifiers.value(QStringLiteral("epoch"));
    if (!epoch.isEmpty() && !p.version.contains(u':'))
        p.version = epoch + u':' + p.version;
    p.arch = purl->qualifiers.value(QStringLiteral("arch"));
    // "upstream" (syft, trivy): the source package, "name" or "name@version".
    const QString upstream = purl->qualifiers.value(QStringLiteral("upstream"));
    if (!upstream.isEmpty()) {
        const QString name = upstream.section(u'@', 0, 0);
        const QString version = upstream.contains(u'@') ? upstream.section(u'@', 1) : QString();
        if (name != p.name)
            p.sourceName = name;
        if (!version.isEmpty() && version != p.version)
            p.sourceVersion = version;
    }
    p.cataloger = QStringLiteral("sbom");
    return p;
}

Result<ScanResult> readSbom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot open the SBOM %1: %2.").arg(path, file.errorString()), IoError);
    if (file.size() > kMaxSbomBytes)
        return fail(QStringLiteral("The SBOM %1 is larger than %2 MB.").arg(path).arg(kMaxSbomBytes >> 20), InvalidInput);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (doc.isNull())
        return fail(QStringLiteral("The SBOM %1 is not valid JSON: %2 at offset %3.").arg(path, error.errorString()).arg(error.offset),
                    InvalidInput);
    const QJsonObject root = doc.object();

    Reader reader;
    reader.scan.startedAt = QDateTime::currentDateTimeUtc();
    if (root.value(u"bomFormat").toString() == u"CycloneDX") {
        const QString spec = root.value(u"specVersion").toString();
        if (spec != u"1.4" && spec != u"1.5" && spec != u"1.6")
            reader.warn(path, QStringLiteral("CycloneDX %1 is not a version Bulkhead was tested with (1.4–1.6); reading it anyway.")
                                  .arg(spec.isEmpty() ? QStringLiteral("(no specVersion)") : spec));
        reader.readCycloneDxComponents(root.value(u"components").toArray(), 0);
    } else if (root.value(u"spdxVersion").toString().startsWith(u"SPDX-2.")) {
        reader.readSpdxPackages(root.value(u"packages").toArray());
    } else {
        return fail(QStringLiteral("%1 is neither a CycloneDX nor an SPDX 2.x JSON document.").arg(path), InvalidInput);
    }

    ScanResult &scan = reader.scan;
    scan.image.sourceKind = QStringLiteral("sbom");
    scan.image.reference = kSbomPrefix + path;
    scan.os = reader.osFromComponent.isKnown() ? reader.osFromComponent : reader.osFromDistro;
    std::sort(scan.packages.begin(), scan.packages.end(), packageLessThan);
    scan.finishedAt = QDateTime::currentDateTimeUtc();
    return scan;
}

} // namespace bulkhead
