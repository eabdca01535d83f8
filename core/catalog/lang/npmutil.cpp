#include "catalog/lang/npmutil.h"

#include "catalog/lang/langpurl.h"

namespace bulkhead::npm {

Package makePackage(const QString &name, const QString &version, const QString &foundIn,
                    const QString &catalogerId)
{
    Package p;
    p.ecosystem = Ecosystem::Npm;
    p.name = name;
    p.version = version;
    p.purl = langpurl::npm(name, version);
    p.foundIn = foundIn;
    p.cataloger = catalogerId;
    return p;
}

bool splitNameAt(const QString &spec, QString *name, QString *rest)
{
    const qsizetype at = spec.indexOf(u'@', spec.startsWith(u'@') ? 1 : 0);
    if (at <= 0)
        return false;
    *name = spec.left(at);
    *rest = spec.mid(at + 1);
    return true;
}

bool isRegistryVersion(const QString &version)
{
    return !version.isEmpty() && version.front().isDigit();
}

Result<QJsonDocument> readJson(const QString &path, const QByteArray &content)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(content, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1 is not valid JSON: %2 at offset %3.").arg(path, error.errorString()).arg(error.offset),
                    InvalidInput);
    return doc;
}

} // namespace bulkhead::npm
