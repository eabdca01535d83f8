#include "catalog/dpkgcataloger.h"

#include "catalog/deb822.h"

#include <QRegularExpression>

namespace bulkhead {

namespace {

const QString kStage = QStringLiteral("catalog:dpkg");

ScanWarning warning(const QString &path, const QString &message)
{
    return ScanWarning { kStage, path, message };
}

// vcpkg writes a dpkg-like status file (installed/vcpkg/status) whose stanzas carry Abi:,
// Feature: or "Type: Port"; they are not Debian packages.
bool isVcpkgStanza(const deb822::Stanza &s)
{
    return s.has(u"Abi") || s.has(u"Feature") || s.value(u"Type").compare(u"Port", Qt::CaseInsensitive) == 0;
}

// dpkg(1) Status: "want flag state"; only the state "installed" means the files are on disk.
// A stanza without Status is taken as installed (distroless status.d entries have none).
bool isInstalled(const deb822::Stanza &s)
{
    const QString status = s.value(u"Status");
    if (status.isNull())
        return true;
    const QStringList words = status.split(u' ', Qt::SkipEmptyParts);
    return words.size() == 3 && words[2] == u"installed";
}

void parseStatus(const FileMeta &file, const QByteArray &content, FileFacts *facts)
{
    const QVector<deb822::Stanza> stanzas = deb822::parse(content);
    int vcpkg = 0;
    QStringList noName; // start lines of entries without a package name
    QStringList noVersion; // packages without a version
    for (const deb822::Stanza &s : stanzas) {
        if (isVcpkgStanza(s)) {
            ++vcpkg;
            continue;
        }
        const QString name = s.value(u"Package").trimmed();
        if (name.isEmpty()) {
            noName << QString::number(s.line);
            continue;
        }
        if (!isInstalled(s))
            continue;
        const QString version = s.value(u"Version").trimmed();
        if (version.isEmpty()) {
            noVersion << name;
            continue;
        }
        // deb-version(7): [epoch:]upstream[-revision] from alphanumerics and . + ~ - : only.
        static const QRegularExpression versionRe(QStringLiteral(R"(^(\d+:)?[A-Za-z0-9][A-Za-z0-9.+~:-]*$)"));
        if (!versionRe.match(version).hasMatch()) {
            facts->warnings.append(warning(file.path,
                QStringLiteral("Package %1 in %2 has an invalid version \"%3\"; skipped.")
                    .arg(name, file.path, version)));
            continue;
        }
        Package p;
        p.ecosystem = Ecosystem::Deb;
        p.name = name;
        p.version = version;
        p.arch = s.value(u"Architecture").trimmed();
        p.foundIn = file.path;
        p.cataloger = QStringLiteral("dpkg");
        // Source: "name" or "name (version)" (deb-control(5)).
        const QString source = s.value(u"Source").trimmed();
        if (!source.isEmpty()) {
            static const QRegularExpression re(QStringLiteral(R"(^(\S+)(?:\s*\(([^)]*)\))?$)"));
            const auto m = re.match(source);
            if (m.hasMatch()) {
                if (m.captured(1) != name)
                    p.sourceName = m.captured(1);
                const QString sv = m.captured(2).trimmed();
                if (!sv.isEmpty() && sv != version)
                    p.sourceVersion = sv;
            } else {
                facts->warnings.append(warning(file.path,
                    QStringLiteral("Package %1 in %2 has an unreadable Source field \"%3\".")
                        .arg(name, file.path, source)));
            }
        }
        static const QVector<QPair<QString, QString>> kept = {
            { QStringLiteral("Maintainer"), QStringLiteral("maintainer") },
            { QStringLiteral("Installed-Size"), QStringLiteral("installedSize") },
            { QStringLiteral("Section"), QStringLiteral("section") },
            { QStringLiteral("Priority"), QStringLiteral("priority") },
            { QStringLiteral("Multi-Arch"), QStringLiteral("multiArch") },
            { QStringLiteral("Homepage"), QStringLiteral("homepage") },
            { QStringLiteral("Status"), QStringLiteral("status") },
            { QStringLiteral("Provides"), QStringLiteral("provides") },
            { QStringLiteral("Depends"), QStringLiteral("depends") },
            { QStringLiteral("Pre-Depends"), QStringLiteral("preDepends") },
        };
        for (const auto &k : kept) {
            const QString v = s.value(k.first).trimmed();
            if (!v.isEmpty())
                p.metadata.insert(k.second, v);
        }
        const QString description = s.value(u"Description");
        if (!description.isEmpty())
            p.metadata.insert(QStringLiteral("summary"), description.section(u'\n', 0, 0).trimmed());
        facts->packages.append(p);
    }
    // One warning per kind of damage, not one per entry: a broken file should not flood the scan.
    if (!noName.isEmpty())
        facts->warnings.append(warning(file.path,
            QStringLiteral("%1 has entries without a package name (at lines %2); skipped.")
                .arg(file.path, noName.join(QStringLiteral(", ")))));
    if (!noVersion.isEmpty())
        facts->warnings.append(warning(file.path,
            QStringLiteral("%1 lists packages without a version (%2); skipped.")
                .arg(file.path, noVersion.join(QStringLiteral(", ")))));
    if (vcpkg > 0 && facts->packages.isEmpty()) {
        facts->warnings.append(warning(file.path,
            QStringLiteral("%1 is a vcpkg status file, not a Debian one; its %2 entries were ignored.")
                .arg(file.path)
                .arg(vcpkg)));
    }
}

void parseFileList(const FileMeta &file, const QByteArray &content, FileFacts *facts)
{
    // info/<package>[:<arch>].list: one absolute path per line ("/." for the root).
    QString base = file.path.section(u'/', -1);
    base.chop(5);
    facts->properties.insert(QStringLiteral("package"), base);
    for (const QByteArray &raw : content.split('\n')) {
        QString line = QString::fromUtf8(raw).trimmed();
        while (line.startsWith(u'/'))
            line.remove(0, 1);
        if (line.isEmpty() || line == u".")
            continue;
        facts->ownedPaths << line;
    }
}

void parseCopyright(const FileMeta &file, const QByteArray &content, FileFacts *facts)
{
    // Only machine-readable copyright files (DEP-5, "Format: https://www.debian.org/doc/
    // packaging-manuals/copyright-format/1.0/"); free-form texts are not guessed at.
    const QVector<deb822::Stanza> stanzas = deb822::parse(content.left(1024 * 1024));
    if (stanzas.isEmpty())
        return;
    const QString format = stanzas.first().value(u"Format");
    if (!format.contains(u"copyright-format") && !format.contains(u"dep5") && !format.contains(u"DEP-5"))
        return;
    QStringList licenses;
    for (const deb822::Stanza &s : stanzas) {
        const QString license = s.value(u"License").section(u'\n', 0, 0).trimmed();
        if (!license.isEmpty() && !licenses.contains(license))
            licenses << license;
    }
    if (licenses.isEmpty())
        return;
    facts->properties.insert(QStringLiteral("package"), file.path.section(u'/', 3, 3));
    facts->properties.insert(QStringLiteral("licenses"), licenses.join(u'\n'));
}

} // namespace

DpkgCataloger::Kind DpkgCataloger::kindOf(const QString &path)
{
    if (path == u"var/lib/dpkg/status")
        return Kind::Status;
    if (path.startsWith(u"var/lib/dpkg/status.d/")) {
        const QString rest = path.mid(22);
        if (rest.isEmpty() || rest.contains(u'/') || rest.endsWith(u".md5sums"))
            return Kind::None;
        return Kind::StatusD;
    }
    if (path.startsWith(u"var/lib/dpkg/info/") && path.endsWith(u".list") && path.count(u'/') == 4)
        return Kind::FileList;
    if (path.startsWith(u"usr/share/doc/") && path.endsWith(u"/copyright") && path.count(u'/') == 4)
        return Kind::Copyright;
    return Kind::None;
}

bool DpkgCataloger::wants(const FileMeta &file) const { return kindOf(file.path) != Kind::None; }

Result<FileFacts> DpkgCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    FileFacts facts;
    switch (kindOf(file.path)) {
    case Kind::Status:
    case Kind::StatusD:
        if (content.contains('\0'))
            return fail(QStringLiteral("%1 is not a text file.").arg(file.path), InvalidInput);
        parseStatus(file, content, &facts);
        break;
    case Kind::FileList:
        parseFileList(file, content, &facts);
        break;
    case Kind::Copyright:
        parseCopyright(file, content, &facts);
        break;
    case Kind::None:
        break;
    }
    return facts;
}

} // namespace bulkhead
