#include "catalog/purl.h"

#include <QStringList>
#include <QUrl>

namespace bulkhead {

namespace {

// purl-spec "Character encoding": everything but the unreserved set (ALPHA DIGIT - . _ ~) and
// the ':' separator character is percent-encoded, from the UTF-8 bytes.
QString encode(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArrayLiteral(":")));
}

QString decode(const QString &text) { return QUrl::fromPercentEncoding(text.toUtf8()); }

// purl-spec "type" and qualifier "key": ASCII letters, digits and the given punctuation, not
// starting with a digit. Types allow '.', '+', '-'; keys '.', '-', '_'.
bool validToken(const QString &token, QStringView punctuation)
{
    if (token.isEmpty() || token.front().isDigit())
        return false;
    for (const QChar c : token) {
        if (c.unicode() > 127)
            return false;
        if (!c.isLetterOrNumber() && !punctuation.contains(c))
            return false;
    }
    return true;
}

bool validType(const QString &type) { return validToken(type, u".+-"); }
bool validKey(const QString &key) { return validToken(key, u".-_"); }

// Splits a path-like component on '/', drops empty segments (and, for subpaths, '.' and '..').
QStringList segments(const QString &text, bool dropDots)
{
    QStringList out;
    for (const QString &s : text.split(u'/', Qt::SkipEmptyParts)) {
        if (dropDots && (s == u"." || s == u".."))
            continue;
        out << s;
    }
    return out;
}

QString joinEncoded(const QString &pathLike, bool dropDots)
{
    QStringList enc;
    for (const QString &s : segments(pathLike, dropDots))
        enc << encode(s);
    return enc.join(u'/');
}

QString joinDecoded(const QString &pathLike, bool dropDots)
{
    QStringList dec;
    for (const QString &s : segments(pathLike, dropDots))
        dec << decode(s);
    return dec.join(u'/');
}

} // namespace

Purl Purl::normalised() const
{
    Purl p = *this;
    p.type = type.toLower();
    // Registered types (PURL-TYPES): these declare namespace and/or name case-insensitive.
    if (p.type == u"bitbucket" || p.type == u"github" || p.type == u"deb" || p.type == u"apk"
        || p.type == u"alpm" || p.type == u"composer") {
        p.ns = p.ns.toLower();
        p.name = p.name.toLower();
    } else if (p.type == u"pypi") {
        // PEP 503 normalisation as required by the pypi type: lower case, '_' becomes '-'.
        p.name = p.name.toLower().replace(u'_', u'-');
    } else if (p.type == u"rpm") {
        p.ns = p.ns.toLower();
    }
    QMap<QString, QString> q;
    for (auto it = qualifiers.cbegin(); it != qualifiers.cend(); ++it) {
        if (!it.value().isEmpty())
            q.insert(it.key().toLower(), it.value());
    }
    p.qualifiers = q;
    p.ns = segments(p.ns, false).join(u'/');
    p.subpath = segments(p.subpath, true).join(u'/');
    return p;
}

Result<void> Purl::validate() const
{
    if (!validType(type))
        return fail(QStringLiteral("The package URL has no valid type."), InvalidInput);
    if (name.isEmpty())
        return fail(QStringLiteral("The package URL has no name."), InvalidInput);
    for (auto it = qualifiers.cbegin(); it != qualifiers.cend(); ++it) {
        if (!validKey(it.key()))
            return fail(QStringLiteral("The package URL qualifier key \"%1\" is not valid.").arg(it.key()),
                InvalidInput);
    }
    const QString t = type.toLower();
    // Type-specific requirements from PURL-TYPES.
    if (t == u"swift" && (ns.isEmpty() || version.isEmpty()))
        return fail(QStringLiteral("A swift package URL needs a namespace and a version."), InvalidInput);
    if (t == u"cran" && version.isEmpty())
        return fail(QStringLiteral("A cran package URL needs a version."), InvalidInput);
    if (t == u"conan" && (ns.isEmpty() != !qualifiers.contains(QStringLiteral("channel"))))
        return fail(QStringLiteral("A conan package URL needs both a namespace and a channel, or neither."),
            InvalidInput);
    return {};
}

QString Purl::toString() const
{
    const Purl p = normalised();
    QString out = QStringLiteral("pkg:") + p.type + u'/';
    if (!p.ns.isEmpty())
        out += joinEncoded(p.ns, false) + u'/';
    out += encode(p.name);
    if (!p.version.isEmpty())
        out += u'@' + encode(p.version);
    if (!p.qualifiers.isEmpty()) {
        QStringList parts;
        for (auto it = p.qualifiers.cbegin(); it != p.qualifiers.cend(); ++it)
            parts << it.key() + u'=' + encode(it.value());
        out += u'?' + parts.join(u'&');
    }
    if (!p.subpath.isEmpty())
        out += u'#' + joinEncoded(p.subpath, true);
    return out;
}

Result<QString> Purl::build() const
{
    const auto ok = normalised().validate();
    if (!ok)
        return tl::unexpected<Error>(ok.error());
    return toString();
}

Result<Purl> Purl::parse(const QString &text)
{
    // purl-spec "How to parse a purl string in its components", step by step.
    Purl p;
    QString rest = text.trimmed();
    int hash = rest.lastIndexOf(u'#');
    if (hash >= 0) {
        p.subpath = joinDecoded(rest.mid(hash + 1), true);
        rest.truncate(hash);
    }
    const int colon = rest.indexOf(u':');
    if (colon < 0 || rest.left(colon).toLower() != u"pkg")
        return fail(QStringLiteral("\"%1\" is not a package URL: it must start with \"pkg:\".").arg(text),
            InvalidInput);
    rest = rest.mid(colon + 1);
    while (rest.startsWith(u'/'))
        rest.remove(0, 1);
    const int question = rest.lastIndexOf(u'?');
    if (question >= 0) {
        const QString query = rest.mid(question + 1);
        rest.truncate(question);
        for (const QString &pair : query.split(u'&', Qt::SkipEmptyParts)) {
            const int eq = pair.indexOf(u'=');
            const QString key = (eq < 0 ? pair : pair.left(eq)).toLower();
            const QString value = eq < 0 ? QString() : decode(pair.mid(eq + 1));
            if (!validKey(key))
                return fail(QStringLiteral("The package URL qualifier key \"%1\" is not valid.").arg(key),
                    InvalidInput);
            if (p.qualifiers.contains(key))
                return fail(
                    QStringLiteral("The package URL repeats the qualifier \"%1\".").arg(key), InvalidInput);
            if (!value.isEmpty())
                p.qualifiers.insert(key, value);
        }
    }
    const int slash = rest.indexOf(u'/');
    if (slash < 0)
        return fail(QStringLiteral("\"%1\" is not a package URL: it has no type.").arg(text), InvalidInput);
    p.type = rest.left(slash).toLower();
    if (!validType(p.type))
        return fail(
            QStringLiteral("\"%1\" is not a package URL: the type is not valid.").arg(text), InvalidInput);
    rest = rest.mid(slash + 1);
    while (rest.endsWith(u'/'))
        rest.chop(1);
    const int at = rest.lastIndexOf(u'@');
    if (at >= 0) {
        p.version = decode(rest.mid(at + 1));
        rest.truncate(at);
    }
    const int lastSlash = rest.lastIndexOf(u'/');
    p.name = decode(rest.mid(lastSlash + 1));
    if (lastSlash >= 0)
        p.ns = joinDecoded(rest.left(lastSlash), false);
    p = p.normalised();
    const auto ok = p.validate();
    if (!ok)
        return tl::unexpected<Error>(ok.error());
    return p;
}

} // namespace bulkhead
