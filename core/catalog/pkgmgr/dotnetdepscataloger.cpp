#include "catalog/pkgmgr/dotnetdepscataloger.h"

#include "catalog/catalogerutil.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead {

namespace {

const QString kId = QStringLiteral("dotnet-deps");

} // namespace

bool DotnetDepsCataloger::wants(const FileMeta &file) const
{
    return file.path.endsWith(u".deps.json") && file.path.size() > 10 && !file.path.endsWith(u"/.deps.json");
}

Result<FileFacts> DotnetDepsCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    const auto parsed = parseJsonFile(file.path, content);
    if (!parsed)
        return tl::unexpected<Error>(parsed.error());
    const QJsonDocument &doc = *parsed;
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("libraries")).isObject())
        return fail(QStringLiteral("%1 has no \"libraries\" object.").arg(file.path), InvalidInput);
    const QString target = root.value(QLatin1String("runtimeTarget")).toObject().value(QLatin1String("name")).toString();
    const QJsonObject targetLibs
        = root.value(QLatin1String("targets")).toObject().value(target).toObject();

    FileFacts facts;
    int skipped = 0;
    const QJsonObject libraries = root.value(QLatin1String("libraries")).toObject();
    for (auto it = libraries.begin(); it != libraries.end(); ++it) {
        const QJsonObject lib = it.value().toObject();
        if (lib.value(QLatin1String("type")).toString() != u"package")
            continue;
        const int slash = it.key().lastIndexOf(u'/');
        if (slash <= 0 || slash == it.key().size() - 1) {
            ++skipped;
            continue;
        }
        Package p = foundPackage(Ecosystem::NuGet, kId, file.path, it.key().left(slash), it.key().mid(slash + 1),
            QStringLiteral("nuget"));
        const QString sha = lib.value(QLatin1String("sha512")).toString();
        if (!sha.isEmpty())
            p.metadata.insert(QStringLiteral("sha512"), sha);
        const QString path = lib.value(QLatin1String("path")).toString();
        if (!path.isEmpty())
            p.metadata.insert(QStringLiteral("path"), path);
        if (!target.isEmpty() && !targetLibs.contains(it.key()))
            p.metadata.insert(QStringLiteral("notInRuntimeTarget"), QStringLiteral("true"));
        facts.packages.append(p);
    }
    if (skipped > 0)
        facts.warnings.append(skippedEntriesWarning(
            kId, file.path, skipped, QStringLiteral("libraries not named \"<name>/<version>\"")));
    return facts;
}

} // namespace bulkhead
