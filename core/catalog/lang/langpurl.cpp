#include "catalog/lang/langpurl.h"

#include <QUrl>

namespace bulkhead::langpurl {

namespace {

// `ns` is one namespace segment (empty for none); a '/' inside it is encoded, not a separator.
QString build(const QString &type, const QString &ns, const QString &name, const QString &version)
{
    QString purl = QStringLiteral("pkg:") + type + u'/';
    if (!ns.isEmpty())
        purl += encodeComponent(ns) + u'/';
    purl += encodeComponent(name);
    if (!version.isEmpty())
        purl += u'@' + encodeComponent(version);
    return purl;
}

} // namespace

QString encodeComponent(const QString &component)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(component, QByteArrayLiteral(":")));
}

QString npm(const QString &name, const QString &version)
{
    QString ns;
    QString base = name;
    if (name.startsWith(u'@')) {
        const qsizetype slash = name.indexOf(u'/');
        if (slash > 0) {
            ns = name.left(slash);
            base = name.mid(slash + 1);
        }
    }
    return build(QStringLiteral("npm"), ns.toLower(), base.toLower(), version);
}

QString pypi(const QString &name, const QString &version)
{
    QString normalised = name.toLower();
    normalised.replace(u'_', u'-');
    return build(QStringLiteral("pypi"), {}, normalised, version);
}

QString maven(const QString &groupId, const QString &artifactId, const QString &version)
{
    return build(QStringLiteral("maven"), groupId, artifactId, version);
}

} // namespace bulkhead::langpurl
