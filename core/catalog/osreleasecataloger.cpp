#include "catalog/osreleasecataloger.h"

#include <QRegularExpression>
#include <QSet>

namespace bulkhead {

namespace {

const QStringList &releaseFiles()
{
    static const QStringList files = {
        QStringLiteral("etc/os-release"),
        QStringLiteral("usr/lib/os-release"),
        QStringLiteral("etc/alpine-release"),
        QStringLiteral("etc/debian_version"),
        QStringLiteral("etc/lsb-release"),
        QStringLiteral("etc/redhat-release"),
        QStringLiteral("etc/system-release"),
        QStringLiteral("etc/centos-release"),
        QStringLiteral("etc/mariner-release"),
        QStringLiteral("etc/azurelinux-release"),
    };
    return files;
}

bool isKeyValueFile(const QString &path)
{
    return path == u"etc/os-release" || path == u"usr/lib/os-release" || path == u"etc/lsb-release";
}

// Unquotes one os-release value: "…" with \-escapes, '…' literal, or a bare word.
QString unquote(const QString &raw)
{
    const QString v = raw.trimmed();
    if (v.size() >= 2 && v.front() == u'\'' && v.back() == u'\'')
        return v.mid(1, v.size() - 2);
    if (v.size() >= 2 && v.front() == u'"' && v.back() == u'"') {
        QString out;
        const QString inner = v.mid(1, v.size() - 2);
        for (int i = 0; i < inner.size(); ++i) {
            const QChar c = inner.at(i);
            // Shell double-quote escapes, as os-release(5) asks: \$ \" \\ \` (and line continuation).
            if (c == u'\\' && i + 1 < inner.size()) {
                const QChar n = inner.at(i + 1);
                if (n == u'$' || n == u'"' || n == u'\\' || n == u'`') {
                    out += n;
                    ++i;
                    continue;
                }
            }
            out += c;
        }
        return out;
    }
    // A bare value ends at the first unescaped space (shell word); keep backslash escapes simple.
    QString out;
    for (int i = 0; i < v.size(); ++i) {
        if (v.at(i) == u'\\' && i + 1 < v.size()) {
            out += v.at(++i);
            continue;
        }
        out += v.at(i);
    }
    return out;
}

// "CentOS Linux release 7.9.2009 (Core)" → ("centos", "7.9.2009").
bool parseRedHatRelease(const QString &line, OsInfo *os)
{
    static const QRegularExpression re(QStringLiteral(R"(^(.*?)\s+release\s+([0-9][0-9.]*))"));
    const auto m = re.match(line);
    if (!m.hasMatch())
        return false;
    const QString name = m.captured(1).toLower();
    static const QVector<QPair<QString, QString>> ids = {
        { QStringLiteral("centos"), QStringLiteral("centos") },
        { QStringLiteral("red hat"), QStringLiteral("rhel") },
        { QStringLiteral("fedora"), QStringLiteral("fedora") },
        { QStringLiteral("amazon"), QStringLiteral("amzn") },
        { QStringLiteral("rocky"), QStringLiteral("rocky") },
        { QStringLiteral("almalinux"), QStringLiteral("almalinux") },
        { QStringLiteral("oracle"), QStringLiteral("ol") },
    };
    for (const auto &p : ids) {
        if (name.contains(p.first)) {
            os->id = p.second;
            os->versionId = m.captured(2);
            os->prettyName = line;
            return true;
        }
    }
    return false;
}

// "CBL-Mariner 2.0.20221222" → ("mariner", "2.0"); "Azure Linux 3.0.20240727" → ("azurelinux",
// "3.0"): the release is major.minor, as VERSION_ID in their os-release.
bool parseMarinerRelease(const QString &line, const QString &id, OsInfo *os)
{
    static const QRegularExpression re(QStringLiteral(R"(^(?:CBL-Mariner|Azure Linux)\s+([0-9]+\.[0-9]+))"));
    const auto m = re.match(line);
    if (!m.hasMatch())
        return false;
    os->id = id;
    os->versionId = m.captured(1);
    os->prettyName = line;
    return true;
}

} // namespace

bool OsReleaseCataloger::wants(const FileMeta &file) const { return releaseFiles().contains(file.path); }

QMap<QString, QString> parseOsRelease(const QByteArray &content)
{
    QMap<QString, QString> out;
    static const QRegularExpression keyRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (const QByteArray &raw : content.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const int eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        if (!keyRe.match(key).hasMatch())
            continue;
        out.insert(key, unquote(line.mid(eq + 1)));
    }
    return out;
}

Result<FileFacts> OsReleaseCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    FileFacts facts;
    if (content.contains('\0'))
        return fail(QStringLiteral("%1 is not a text file.").arg(file.path), InvalidInput);
    if (isKeyValueFile(file.path)) {
        facts.properties = parseOsRelease(content);
        if (facts.properties.isEmpty())
            facts.warnings.append({ QStringLiteral("catalog:os-release"), file.path,
                QStringLiteral("%1 holds no KEY=VALUE lines.").arg(file.path) });
        return facts;
    }
    const QString first = QString::fromUtf8(content.left(4096)).section(u'\n', 0, 0).trimmed();
    if (!first.isEmpty())
        facts.properties.insert(QStringLiteral("content"), first);
    return facts;
}

OsInfo detectOs(const QVector<SquashedFile> &files)
{
    QMap<QString, QMap<QString, QString>> props; // release file path → properties
    bool hasStatus = false;
    bool hasStatusD = false;
    for (const SquashedFile &f : files) {
        if (f.catalogerId == u"os-release")
            props.insert(f.path, f.facts.properties);
        if (f.path == u"var/lib/dpkg/status")
            hasStatus = true;
        else if (f.path.startsWith(u"var/lib/dpkg/status.d/"))
            hasStatusD = true;
    }

    OsInfo os;
    for (const QString &path : { QStringLiteral("etc/os-release"), QStringLiteral("usr/lib/os-release") }) {
        const auto p = props.value(path);
        if (p.value(QStringLiteral("ID")).isEmpty())
            continue;
        os.id = p.value(QStringLiteral("ID")).toLower();
        os.versionId = p.value(QStringLiteral("VERSION_ID"));
        os.versionCodename = p.value(QStringLiteral("VERSION_CODENAME"));
        os.prettyName = p.value(QStringLiteral("PRETTY_NAME"));
        os.idLike = p.value(QStringLiteral("ID_LIKE")).split(u' ', Qt::SkipEmptyParts);
        break;
    }

    const QString alpine = props.value(QStringLiteral("etc/alpine-release")).value(QStringLiteral("content"));
    const QString debian = props.value(QStringLiteral("etc/debian_version")).value(QStringLiteral("content"));
    if (!os.isKnown() && !alpine.isEmpty()) {
        os.id = QStringLiteral("alpine");
        os.versionId = alpine;
    }
    if (!os.isKnown()) {
        const auto lsb = props.value(QStringLiteral("etc/lsb-release"));
        if (!lsb.value(QStringLiteral("DISTRIB_ID")).isEmpty()) {
            os.id = lsb.value(QStringLiteral("DISTRIB_ID")).toLower();
            os.versionId = lsb.value(QStringLiteral("DISTRIB_RELEASE"));
            os.versionCodename = lsb.value(QStringLiteral("DISTRIB_CODENAME"));
            os.prettyName = lsb.value(QStringLiteral("DISTRIB_DESCRIPTION"));
        }
    }
    if (!os.isKnown() && !debian.isEmpty())
        os.id = QStringLiteral("debian");
    if (!os.isKnown()) {
        for (const QString &path : { QStringLiteral("etc/centos-release"),
                 QStringLiteral("etc/redhat-release"), QStringLiteral("etc/system-release") }) {
            if (parseRedHatRelease(props.value(path).value(QStringLiteral("content")), &os))
                break;
        }
    }
    if (!os.isKnown()
        && !parseMarinerRelease(props.value(QStringLiteral("etc/azurelinux-release")).value(QStringLiteral("content")),
            QStringLiteral("azurelinux"), &os))
        parseMarinerRelease(props.value(QStringLiteral("etc/mariner-release")).value(QStringLiteral("content")),
            QStringLiteral("mariner"), &os);
    // Amazon Linux 2023 writes its full release in system-release ("2023.3.20240219") but
    // VERSION_ID=2023 in os-release; keep the os-release form.
    if (os.id == u"amzn" && os.versionId.startsWith(u"20"))
        os.versionId = os.versionId.section(u'.', 0, 0);
    // Debian without VERSION_ID (testing/sid) or detected from debian_version alone: the file holds
    // "12.5" for a point release or "trixie/sid" for testing.
    if (os.id == u"debian" && os.versionId.isEmpty() && !debian.isEmpty()) {
        if (debian.front().isDigit())
            os.versionId = debian.section(u'.', 0, 0);
        else if (os.versionCodename.isEmpty())
            os.versionCodename = debian.section(u'/', 0, 0);
    }
    // Distroless (GoogleContainerTools/distroless common/variables.bzl): ID=debian,
    // PRETTY_NAME="Distroless"; packages are listed one file per package in dpkg status.d.
    if (os.prettyName.startsWith(u"Distroless", Qt::CaseInsensitive))
        os.distroless = true;
    if (hasStatusD && !hasStatus && (!os.isKnown() || os.id == u"debian")) {
        os.distroless = true;
        if (!os.isKnown())
            os.id = QStringLiteral("debian");
    }
    return os;
}

} // namespace bulkhead
