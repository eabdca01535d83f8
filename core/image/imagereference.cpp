#include "image/imagereference.h"

#include <QRegularExpression>

namespace bulkhead {

namespace {

const QString kDockerHub = QStringLiteral("docker.io");

// distribution/reference regexp.go: the pieces of the grammar.
const QRegularExpression &domainRe()
{
    // host = domain-name | IPv4 | "[" IPv6 "]", then an optional ":port".
    static const QRegularExpression re(QStringLiteral(
        "^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
        "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
        "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$"));
    return re;
}

const QRegularExpression &pathComponentRe()
{
    // path-component = alpha-numeric (separator alpha-numeric)*; separator = [_.] | "__" | [-]+
    static const QRegularExpression re(
        QStringLiteral("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$"));
    return re;
}

const QRegularExpression &tagRe()
{
    static const QRegularExpression re(QStringLiteral("^[\\w][\\w.-]{0,127}$"));
    return re;
}

const QRegularExpression &digestRe()
{
    static const QRegularExpression re(QStringLiteral(
        "^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$"));
    return re;
}

// Docker's splitDockerDomain: the first component is a registry only when it looks like a host
// (has a '.' or a ':', or is "localhost", or has upper-case letters, which paths never have).
bool looksLikeRegistry(const QString &first)
{
    return first.contains(u'.') || first.contains(u':') || first == u"localhost"
        || first != first.toLower();
}

} // namespace

Result<ImageReference> ImageReference::parse(const QString &text)
{
    const QString input = text.trimmed();
    if (input.isEmpty())
        return fail(QStringLiteral("The image reference is empty."), InvalidInput);
    if (input.size() > 4096)
        return fail(QStringLiteral("The image reference is too long."), InvalidInput);

    ImageReference ref;
    QString rest = input;
    const int at = rest.indexOf(u'@');
    if (at >= 0) {
        ref.m_digest = rest.mid(at + 1);
        rest = rest.left(at);
        if (!digestRe().match(ref.m_digest).hasMatch())
            return fail(QStringLiteral("Invalid digest '%1' in image reference '%2'.")
                            .arg(ref.m_digest, input), InvalidInput);
    }
    // The tag follows the last ':' that comes after the last '/' (a ':' before it is a port).
    const int slash = rest.lastIndexOf(u'/');
    const int colon = rest.lastIndexOf(u':');
    if (colon > slash) {
        ref.m_tag = rest.mid(colon + 1);
        rest = rest.left(colon);
        if (!tagRe().match(ref.m_tag).hasMatch())
            return fail(QStringLiteral("Invalid tag '%1' in image reference '%2'.")
                            .arg(ref.m_tag, input), InvalidInput);
    }
    if (rest.isEmpty())
        return fail(QStringLiteral("The image reference '%1' has no repository name.").arg(input),
                    InvalidInput);

    const int firstSlash = rest.indexOf(u'/');
    QString path = rest;
    if (firstSlash > 0 && looksLikeRegistry(rest.left(firstSlash))) {
        ref.m_registry = rest.left(firstSlash);
        path = rest.mid(firstSlash + 1);
        if (!domainRe().match(ref.m_registry).hasMatch())
            return fail(QStringLiteral("Invalid registry '%1' in image reference '%2'.")
                            .arg(ref.m_registry, input), InvalidInput);
    } else {
        ref.m_registry = kDockerHub;
    }
    if (ref.m_registry == u"index.docker.io")
        ref.m_registry = kDockerHub;

    if (path.isEmpty())
        return fail(QStringLiteral("The image reference '%1' has no repository name.").arg(input),
                    InvalidInput);
    if (path != path.toLower())
        return fail(QStringLiteral("Repository name '%1' must be lower-case.").arg(path),
                    InvalidInput);
    for (const QString &component : path.split(u'/')) {
        if (!pathComponentRe().match(component).hasMatch())
            return fail(QStringLiteral("Invalid repository name component '%1' in image "
                                       "reference '%2'.").arg(component, input), InvalidInput);
    }
    // reference.go: a bare 64-hex name is an image ID, not a repository.
    static const QRegularExpression idRe(QStringLiteral("^[a-f0-9]{64}$"));
    if (ref.m_registry == kDockerHub && firstSlash < 0 && idRe.match(path).hasMatch())
        return fail(QStringLiteral("'%1' is an image ID, not a repository name.").arg(path),
                    InvalidInput);
    if (ref.m_registry == kDockerHub && !path.contains(u'/'))
        path = QStringLiteral("library/") + path;
    ref.m_repository = path;
    if (ref.name().size() > 255)
        return fail(QStringLiteral("Repository name '%1' is longer than 255 characters.")
                        .arg(ref.name()), InvalidInput);
    if (ref.m_tag.isEmpty() && ref.m_digest.isEmpty())
        ref.m_tag = QStringLiteral("latest");
    return ref;
}

QString ImageReference::toString() const
{
    return withTagAndDigest(name());
}

QString ImageReference::withTagAndDigest(const QString &repositoryName) const
{
    QString s = repositoryName;
    if (!m_tag.isEmpty())
        s += u':' + m_tag;
    if (!m_digest.isEmpty())
        s += u'@' + m_digest;
    return s;
}

QString ImageReference::familiarName() const
{
    if (m_registry != kDockerHub)
        return name();
    if (m_repository.startsWith(u"library/") && m_repository.count(u'/') == 1)
        return m_repository.mid(8);
    return m_repository;
}

QString ImageReference::familiarString() const
{
    return withTagAndDigest(familiarName());
}

} // namespace bulkhead
