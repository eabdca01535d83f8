#include "report/reportutil.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace bulkhead::report {

QString toolName() { return QStringLiteral("bulkhead"); }
QString toolVersion() { return QStringLiteral(BULKHEAD_VERSION); }
QString toolInformationUri() { return QStringLiteral("https://github.com/bulkhead-scanner/bulkhead"); }

namespace {

// Tuple ordering for packages; used by both sorts so that ties between findings fall back to
// the same package order.
int comparePackages(const Package &a, const Package &b)
{
    if (int c = a.ecosystem.compare(b.ecosystem)) return c;
    if (int c = a.name.compare(b.name)) return c;
    if (int c = a.version.compare(b.version)) return c;
    if (int c = a.arch.compare(b.arch)) return c;
    if (int c = a.foundIn.compare(b.foundIn)) return c;
    return a.purl.compare(b.purl);
}

} // namespace

QVector<Package> sortedPackages(const QVector<Package> &packages)
{
    QVector<Package> out = packages;
    std::stable_sort(out.begin(), out.end(),
                     [](const Package &a, const Package &b) { return comparePackages(a, b) < 0; });
    return out;
}

QVector<Finding> sortedFindings(const QVector<Finding> &findings)
{
    QVector<Finding> out = findings;
    std::stable_sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return int(a.severity) > int(b.severity);
        if (int c = a.id.compare(b.id))
            return c < 0;
        return comparePackages(a.package, b.package) < 0;
    });
    return out;
}

QVector<int> severityCounts(const QVector<Finding> &findings)
{
    QVector<int> counts(int(Severity::Critical) + 1, 0);
    for (const Finding &f : findings)
        ++counts[qBound(0, int(f.severity), int(Severity::Critical))];
    return counts;
}

QString imageName(const ImageInfo &image)
{
    if (!image.reference.isEmpty())
        return image.reference;
    if (!image.repoTags.isEmpty())
        return image.repoTags.first();
    if (!image.configDigest.isEmpty())
        return image.configDigest;
    return QStringLiteral("image");
}

QString imageDigest(const ImageInfo &image)
{
    return image.manifestDigest.isEmpty() ? image.configDigest : image.manifestDigest;
}

QString imagePurl(const ImageInfo &image)
{
    // purl-spec PURL-TYPES "oci": name = last path segment (lower case), version = digest,
    // qualifiers repository_url (registry/repository without tag), tag, arch.
    QString ref = image.repoTags.isEmpty() ? image.reference : image.repoTags.first();
    QString tag;
    const qsizetype at = ref.indexOf(u'@');
    if (at >= 0)
        ref.truncate(at);
    const qsizetype slash = ref.lastIndexOf(u'/');
    const qsizetype colon = ref.lastIndexOf(u':');
    if (colon > slash) {
        tag = ref.mid(colon + 1);
        ref.truncate(colon);
    }
    QString name = ref.mid(slash + 1).toLower();
    if (name.isEmpty())
        name = QStringLiteral("image");
    QString purl = QStringLiteral("pkg:oci/") + QString::fromUtf8(QUrl::toPercentEncoding(name));
    const QString digest = imageDigest(image);
    if (!digest.isEmpty())
        purl += u'@' + QString::fromUtf8(QUrl::toPercentEncoding(digest));
    QStringList qualifiers; // purl-spec: qualifiers sorted by key
    if (!image.config.platform.architecture.isEmpty())
        qualifiers << QStringLiteral("arch=") + QString::fromUtf8(QUrl::toPercentEncoding(image.config.platform.architecture));
    // A repository only when the reference looks like one (not a local path such as oci:/dir).
    static const QRegularExpression repoRe(QStringLiteral("^[a-z0-9][a-z0-9._/-]*(:[0-9]+)?[a-z0-9._/-]*$"));
    if (ref.contains(u'/') && repoRe.match(ref).hasMatch())
        qualifiers << QStringLiteral("repository_url=") + QString::fromUtf8(QUrl::toPercentEncoding(ref, "/:"));
    if (!tag.isEmpty())
        qualifiers << QStringLiteral("tag=") + QString::fromUtf8(QUrl::toPercentEncoding(tag));
    if (!qualifiers.isEmpty())
        purl += u'?' + qualifiers.join(u'&');
    return purl;
}

QDateTime documentTime(const ScanResult &result, const ExportOptions &options)
{
    if (options.timestamp.isValid())
        return options.timestamp.toUTC();
    if (result.finishedAt.isValid())
        return result.finishedAt.toUTC();
    return QDateTime::currentDateTimeUtc();
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QUuid documentUuid(const ScanResult &result, const ExportOptions &options, const QString &kind)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    auto add = [&h](const QString &s) {
        h.addData(s.toUtf8());
        h.addData(QByteArrayView("\n", 1));
    };
    add(kind);
    add(imageName(result.image));
    add(imageDigest(result.image));
    add(isoUtc(documentTime(result, options)));
    // Sorted, so the order the scan listed things in does not change the identity.
    QStringList items;
    for (const Package &p : result.packages)
        items << p.purl + u'|' + p.key() + u'|' + p.version;
    for (const Finding &f : result.findings)
        items << findingKey(f);
    items.sort();
    for (const QString &item : items)
        add(item);
    // RFC 4122 section 4.3: a name-based UUID in the URL namespace over that digest.
    return QUuid::createUuidV5(QUuid(QStringLiteral("6ba7b811-9dad-11d1-80b4-00c04fd430c8")), h.result());
}

QString elide(const QString &text, int maxWidth)
{
    if (maxWidth <= 0 || text.size() <= maxWidth)
        return text;
    if (maxWidth == 1)
        return QStringLiteral("\u2026");
    return text.left(maxWidth - 1) + QChar(0x2026);
}

QString shortInstruction(const QString &createdBy, int maxWidth)
{
    QString s = createdBy.simplified();
    // BuildKit appends " # buildkit" to the instruction it ran.
    if (s.endsWith(u" # buildkit"))
        s.chop(11);
    // BuildKit with build args: "RUN |2 A=1 B=2 /bin/sh -c ..." — the args are noise here.
    static const QRegularExpression argsRe(QStringLiteral("^RUN \\|\\d+ (?:\\S+=\\S* )*"));
    if (const auto m = argsRe.match(s); m.hasMatch())
        s = QStringLiteral("RUN ") + s.mid(m.capturedLength());
    if (s.startsWith(u"RUN /bin/sh -c "))
        s = QStringLiteral("RUN ") + s.mid(15);
    if (s.startsWith(u"/bin/sh -c #(nop) "))
        s = s.mid(18).trimmed();
    else if (s.startsWith(u"/bin/sh -c "))
        s = QStringLiteral("RUN ") + s.mid(11);
    return elide(s, maxWidth);
}

IdSource sourceForId(const QString &id)
{
    const QString enc = QString::fromUtf8(QUrl::toPercentEncoding(id));
    if (id.startsWith(u"CVE-"))
        return {QStringLiteral("NVD"), QStringLiteral("https://nvd.nist.gov/vuln/detail/") + enc};
    if (id.startsWith(u"GHSA-"))
        return {QStringLiteral("GitHub"), QStringLiteral("https://github.com/advisories/") + enc};
    return {QStringLiteral("OSV"), QStringLiteral("https://osv.dev/vulnerability/") + enc};
}

QString helpUrl(const Finding &finding)
{
    for (const QString &r : finding.references)
        if (r.startsWith(u"https://") || r.startsWith(u"http://"))
            return r;
    return sourceForId(finding.id).url;
}

QString recommendation(const Finding &finding)
{
    const QString &name = finding.package.name;
    switch (finding.fixState) {
    case FixState::Fixed:
        if (!finding.fixedVersion.isEmpty())
            return QStringLiteral("Upgrade %1 to %2 or later.").arg(name, finding.fixedVersion);
        return QStringLiteral("Upgrade %1 to a fixed version.").arg(name);
    case FixState::NotFixed:
        return QStringLiteral("No fixed version of %1 is available yet.").arg(name);
    case FixState::WontFix:
        return QStringLiteral("The distribution will not fix %1 for this vulnerability.").arg(name);
    case FixState::Unknown:
        break;
    }
    return finding.fixedVersion.isEmpty()
        ? QString()
        : QStringLiteral("Upgrade %1 to %2 or later.").arg(name, finding.fixedVersion);
}

PackageRefs::PackageRefs(const QVector<Package> &packages, const QString &prefix,
                         QString (*sanitize)(const QString &))
{
    QSet<QString> used;
    for (const Package &p : packages) {
        QString base = p.purl.isEmpty() ? p.ecosystem + u'/' + p.name + u'@' + p.version : p.purl;
        if (sanitize)
            base = sanitize(base);
        base = prefix + base;
        QString ref = base;
        for (int n = 2; used.contains(ref); ++n)
            ref = base + (sanitize ? u'-' : u'#') + QString::number(n);
        used.insert(ref);
        m_ordered << ref;
        if (!m_refs.contains(identity(p)))
            m_refs.insert(identity(p), ref);
    }
}

QString PackageRefs::identity(const Package &p)
{
    return p.key() + u'|' + p.version + u'|' + p.purl;
}

QString PackageRefs::refFor(const Package &package) const
{
    return m_refs.value(identity(package));
}

void addProperty(QJsonArray *properties, const QString &name, const QString &value)
{
    if (value.isEmpty())
        return;
    QJsonObject o;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("value"), value);
    properties->append(o);
}

} // namespace bulkhead::report
