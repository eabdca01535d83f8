#include "catalog/lang/npmpackagecataloger.h"

#include "catalog/lang/langutil.h"
#include "catalog/lang/npmutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead {

namespace {

// Licences as package.json writes them: "license": "MIT" (an SPDX expression), the deprecated
// object form "license": {"type": "MIT", "url": ...}, or the legacy "licenses" array of strings
// or such objects (https://docs.npmjs.com/cli/configuring-npm/package-json#license).
QStringList licencesOf(const QJsonObject &package)
{
    QStringList out;
    const auto add = [&out](const QJsonValue &value) {
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isObject())
            text = value.toObject().value(QLatin1String("type")).toString();
        text = text.trimmed();
        if (!text.isEmpty() && !out.contains(text))
            out << text;
    };
    for (const QLatin1String key : {QLatin1String("license"), QLatin1String("licenses")}) {
        const QJsonValue value = package.value(key);
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (const QJsonValue &item : array)
                add(item);
        } else {
            add(value);
        }
    }
    return out;
}

// "author" is a string "Name <email> (url)" or an object {name, email, url}.
QString authorOf(const QJsonObject &package)
{
    const QJsonValue author = package.value(QLatin1String("author"));
    if (author.isString())
        return author.toString().trimmed();
    if (!author.isObject())
        return {};
    const QJsonObject o = author.toObject();
    QString text = o.value(QLatin1String("name")).toString().trimmed();
    const QString email = o.value(QLatin1String("email")).toString().trimmed();
    if (!email.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + u'<' + email + u'>';
    return text;
}

} // namespace

QString NpmPackageCataloger::id() const
{
    return QStringLiteral("npm-package");
}

int NpmPackageCataloger::version() const
{
    return 1;
}

bool NpmPackageCataloger::wants(const FileMeta &file) const
{
    if (lang::fileName(file.path) != u"package.json" || !lang::isRegularFile(file.mode))
        return false;
    // Only the package.json at the top of an installed package; others below it (test fixtures,
    // "exports" stubs such as {"type": "module"}) do not describe installed packages.
    const QStringList dirs = lang::parentDir(file.path).split(u'/', Qt::SkipEmptyParts);
    const qsizetype nm = dirs.lastIndexOf(QStringLiteral("node_modules"));
    if (nm < 0)
        return true; // a project package.json candidate
    const qsizetype below = dirs.size() - nm - 1;
    if (below == 1)
        return !dirs[nm + 1].startsWith(u'@') && !dirs[nm + 1].startsWith(u'.');
    return below == 2 && dirs[nm + 1].startsWith(u'@') && dirs[nm + 1].size() > 1;
}

qint64 NpmPackageCataloger::maxFileSize() const
{
    return 8 * 1024 * 1024;
}

Result<FileFacts> NpmPackageCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    const auto parsed = npm::readJson(file.path, content);
    if (!parsed)
        return tl::unexpected(parsed.error());
    const QJsonDocument &doc = *parsed;
    if (!doc.isObject())
        return fail(QStringLiteral("%1 is not a JSON object.").arg(file.path), InvalidInput);

    FileFacts facts;
    const QJsonObject o = doc.object();
    const QString name = o.value(QLatin1String("name")).toString().trimmed();
    const QString version = o.value(QLatin1String("version")).toString().trimmed();
    if (name.isEmpty() || version.isEmpty())
        return facts;

    Package p = npm::makePackage(name, version, file.path, id());
    p.licenses = licencesOf(o);
    const QString author = authorOf(o);
    if (!author.isEmpty())
        p.metadata.insert(QStringLiteral("author"), author);
    const QString homepage = o.value(QLatin1String("homepage")).toString().trimmed();
    if (!homepage.isEmpty())
        p.metadata.insert(QStringLiteral("homepage"), homepage);
    if (o.value(QLatin1String("private")).toBool())
        p.metadata.insert(QStringLiteral("private"), QStringLiteral("true"));
    if (!lang::hasDirSegment(file.path, QStringLiteral("node_modules")))
        p.metadata.insert(QStringLiteral("rootProject"), QStringLiteral("true"));
    facts.packages << p;
    return facts;
}

} // namespace bulkhead
