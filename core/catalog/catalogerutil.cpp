#include "catalog/catalogerutil.h"

#include "catalog/purl.h"

namespace bulkhead {

Package foundPackage(const QString &ecosystem, const QString &catalogerId, const QString &foundIn,
    const QString &name, const QString &version, const QString &purlType, PurlNaming naming)
{
    Package p;
    p.ecosystem = ecosystem;
    p.cataloger = catalogerId;
    p.foundIn = foundIn;
    p.name = name;
    p.version = version;
    Purl purl;
    purl.type = purlType;
    purl.name = name;
    purl.version = version;
    const int slash = naming == PurlNaming::LastSlashSplit ? name.lastIndexOf(u'/') : -1;
    if (slash >= 0) {
        purl.ns = name.left(slash);
        purl.name = name.mid(slash + 1);
    }
    p.purl = purl.toString();
    return p;
}

ScanWarning skippedEntriesWarning(const QString &catalogerId, const QString &path, int count, const QString &what)
{
    return { QStringLiteral("catalog:") + catalogerId, path,
        QStringLiteral("%1: %2 %3 were skipped.").arg(path).arg(count).arg(what) };
}

Result<QJsonDocument> parseJsonFile(const QString &path, const QByteArray &content)
{
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(content, &err);
    if (err.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1 is not valid JSON: %2 at offset %3.").arg(path, err.errorString()).arg(err.offset),
            InvalidInput);
    return doc;
}

} // namespace bulkhead
