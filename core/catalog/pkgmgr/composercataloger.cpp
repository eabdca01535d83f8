#include "catalog/pkgmgr/composercataloger.h"

#include "catalog/catalogerutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace bulkhead {

namespace {

const QString kId = QStringLiteral("composer");

QString text(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }

} // namespace

bool ComposerCataloger::wants(const FileMeta &file) const
{
    return file.path == u"vendor/composer/installed.json" || file.path.endsWith(u"/vendor/composer/installed.json");
}

Result<FileFacts> ComposerCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    const auto parsed = parseJsonFile(file.path, content);
    if (!parsed)
        return tl::unexpected<Error>(parsed.error());
    const QJsonDocument &doc = *parsed;
    QJsonArray entries;
    QSet<QString> devNames;
    if (doc.isArray()) {
        entries = doc.array(); // Composer 1
    } else if (doc.object().value(QLatin1String("packages")).isArray()) {
        entries = doc.object().value(QLatin1String("packages")).toArray();
        for (const QJsonValue &v : doc.object().value(QLatin1String("dev-package-names")).toArray())
            devNames.insert(v.toString());
    } else {
        return fail(QStringLiteral("%1 has no package list.").arg(file.path), InvalidInput);
    }

    FileFacts facts;
    int skipped = 0;
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        const QString name = text(o, "name");
        const QString original = text(o, "version");
        if (name.isEmpty() || original.isEmpty()) {
            ++skipped;
            continue;
        }
        // Tags are often "v1.2.3"; Packagist advisories and the purl-spec composer examples
        // use the bare number, which Composer itself reads the tag as.
        const bool tagV = original.size() > 1 && (original.at(0) == u'v' || original.at(0) == u'V')
            && original.at(1).isDigit();
        Package p = foundPackage(Ecosystem::Composer, kId, file.path, name, tagV ? original.mid(1) : original,
            QStringLiteral("composer"), PurlNaming::LastSlashSplit);
        if (tagV)
            p.metadata.insert(QStringLiteral("composerVersion"), original);
        for (const QJsonValue &l : o.value(QLatin1String("license")).toArray())
            p.licenses << l.toString();
        if (o.value(QLatin1String("license")).isString())
            p.licenses << text(o, "license");
        const QString type = text(o, "type");
        if (!type.isEmpty())
            p.metadata.insert(QStringLiteral("type"), type);
        const QString reference = text(o.value(QLatin1String("source")).toObject(), "reference");
        if (!reference.isEmpty())
            p.metadata.insert(QStringLiteral("sourceReference"), reference);
        const QString description = text(o, "description");
        if (!description.isEmpty())
            p.metadata.insert(QStringLiteral("summary"), description);
        if (devNames.contains(p.name))
            p.metadata.insert(QStringLiteral("dev"), QStringLiteral("true"));
        // Branch versions ("dev-main", "2.x-dev") name no release.
        if (original.startsWith(u"dev-") || original.endsWith(u"-dev"))
            p.metadata.insert(kMetaNotMatchable, QStringLiteral("branch version"));
        facts.packages.append(p);
    }
    if (skipped > 0)
        facts.warnings.append(
            skippedEntriesWarning(kId, file.path, skipped, QStringLiteral("entries without a name or version")));
    return facts;
}

} // namespace bulkhead
