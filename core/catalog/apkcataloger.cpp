#include "catalog/apkcataloger.h"

namespace bulkhead {

namespace {

const QString kStage = QStringLiteral("catalog:apk");

struct Entry {
    Package pkg;
    QStringList files;
    int line = 0;
};

} // namespace

bool ApkCataloger::wants(const FileMeta &file) const { return file.path == u"lib/apk/db/installed"; }

Result<FileFacts> ApkCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    if (content.contains('\0'))
        return fail(QStringLiteral("%1 is not a text file.").arg(file.path), InvalidInput);
    FileFacts facts;
    Entry cur;
    bool open = false;
    QString dir;
    int lineNo = 0;
    int unknownLines = 0;

    const auto flush = [&] {
        if (!open)
            return;
        open = false;
        Package &p = cur.pkg;
        if (p.name.isEmpty() || p.version.isEmpty()) {
            facts.warnings.append({ kStage, file.path,
                QStringLiteral("The entry at line %1 of %2 has no package name or version; skipped.")
                    .arg(cur.line)
                    .arg(file.path) });
        } else {
            p.ecosystem = Ecosystem::Apk;
            p.foundIn = file.path;
            p.cataloger = QStringLiteral("apk");
            if (p.sourceName == p.name)
                p.sourceName.clear();
            facts.packages.append(p);
            if (!cur.files.isEmpty()) {
                facts.ownedPaths += cur.files;
                facts.properties.insert(ownsKey(p.name), cur.files.join(u'\n'));
            }
        }
        cur = Entry();
        dir.clear();
    };

    for (const QByteArray &raw : content.split('\n')) {
        ++lineNo;
        QString line = QString::fromUtf8(raw);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.isEmpty()) {
            flush();
            continue;
        }
        if (line.size() < 2 || line.at(1) != u':') {
            ++unknownLines;
            continue;
        }
        if (!open) {
            open = true;
            cur.line = lineNo;
        }
        const QChar key = line.at(0);
        const QString value = line.mid(2);
        Package &p = cur.pkg;
        switch (key.unicode()) {
        case 'P':
            p.name = value.trimmed();
            break;
        case 'V':
            p.version = value.trimmed();
            break;
        case 'A':
            p.arch = value.trimmed();
            break;
        case 'o':
            p.sourceName = value.trimmed();
            break;
        case 'L':
            if (!value.trimmed().isEmpty())
                p.licenses = QStringList { value.trimmed() };
            break;
        case 'T':
            p.metadata.insert(QStringLiteral("summary"), value.trimmed());
            break;
        case 'm':
            p.metadata.insert(QStringLiteral("maintainer"), value.trimmed());
            break;
        case 'U':
            p.metadata.insert(QStringLiteral("homepage"), value.trimmed());
            break;
        case 'I':
            p.metadata.insert(QStringLiteral("installedSize"), value.trimmed());
            break;
        case 'c':
            p.metadata.insert(QStringLiteral("commit"), value.trimmed());
            break;
        case 'F':
            dir = value.trimmed();
            while (dir.startsWith(u'/'))
                dir.remove(0, 1);
            break;
        case 'R': {
            // A file name is one path component; anything else (a '/', "..") is not from apk.
            const QString name = value.trimmed();
            if (!name.isEmpty() && !name.contains(u'/') && name != u".."
                && !dir.split(u'/').contains(QStringLiteral("..")))
                cur.files << (dir.isEmpty() ? name : dir + u'/' + name);
            break;
        }
        default:
            break;
        }
    }
    flush();
    if (unknownLines > 0)
        facts.warnings.append({ kStage, file.path,
            QStringLiteral("%1 has %2 lines that are not \"X:value\" fields; they were ignored.")
                .arg(file.path)
                .arg(unknownLines) });
    return facts;
}

} // namespace bulkhead
