#include "catalog/lang/npmlockcataloger.h"

#include "catalog/lang/langutil.h"
#include "catalog/lang/npmutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace bulkhead {

namespace {

const QString PackageLock = QStringLiteral("package-lock.json");
const QString Shrinkwrap = QStringLiteral("npm-shrinkwrap.json");
const QString YarnLock = QStringLiteral("yarn.lock");
const QString PnpmLock = QStringLiteral("pnpm-lock.yaml");

// Collects the packages of one lockfile, once per name@version, in file order.
class Collector {
public:
    Collector(const FileMeta &file, const QString &catalogerId) : m_file(file), m_id(catalogerId) {}

    void add(QString name, QString version, bool dev = false)
    {
        // An alias written as the version: "npm:real-name@1.2.3".
        if (version.startsWith(QLatin1String("npm:"))) {
            QString realName, realVersion;
            if (!npm::splitNameAt(version.mid(4), &realName, &realVersion))
                return;
            name = realName;
            version = realVersion;
        }
        name = name.trimmed();
        version = version.trimmed();
        if (name.isEmpty() || !npm::isRegistryVersion(version))
            return;
        const QString key = name + u'@' + version;
        if (m_seen.contains(key))
            return;
        m_seen.insert(key);
        Package p = npm::makePackage(name, version, m_file.path, m_id);
        p.metadata.insert(QStringLiteral("fromLockfile"), QStringLiteral("true"));
        if (dev)
            p.metadata.insert(QStringLiteral("dev"), QStringLiteral("true"));
        m_facts.packages << p;
    }

    FileFacts take() { return std::move(m_facts); }

private:
    const FileMeta &m_file;
    QString m_id;
    QSet<QString> m_seen;
    FileFacts m_facts;
};

// ---- package-lock.json (https://docs.npmjs.com/cli/configuring-npm/package-lock-json) ----

// lockfileVersion 1: "dependencies" maps names to {version, dev, dependencies: {...}} recursively.
void collectV1(const QJsonObject &dependencies, Collector &out)
{
    for (auto it = dependencies.begin(); it != dependencies.end(); ++it) {
        const QJsonObject dep = it.value().toObject();
        out.add(it.key(), dep.value(QLatin1String("version")).toString(),
                dep.value(QLatin1String("dev")).toBool());
        collectV1(dep.value(QLatin1String("dependencies")).toObject(), out);
    }
}

Result<FileFacts> parsePackageLock(const FileMeta &file, const QByteArray &content, Collector &out)
{
    const auto parsed = npm::readJson(file.path, content);
    if (!parsed)
        return tl::unexpected(parsed.error());
    const QJsonDocument &doc = *parsed;
    const QJsonObject root = doc.object();
    // lockfileVersion 2 carries both sections; "packages" is the complete one.
    const QJsonValue packages = root.value(QLatin1String("packages"));
    if (packages.isObject()) {
        const QJsonObject map = packages.toObject();
        const QString nodeModules = QStringLiteral("node_modules/");
        for (auto it = map.begin(); it != map.end(); ++it) {
            // Keys are install paths: "" is the project itself, "packages/x" a workspace folder,
            // ".../node_modules/<name>" an installed package.
            const qsizetype at = it.key().lastIndexOf(nodeModules);
            if (at < 0)
                continue;
            const QJsonObject entry = it.value().toObject();
            if (entry.value(QLatin1String("link")).toBool())
                continue;
            // "name" is present when it differs from the folder (an alias).
            QString name = entry.value(QLatin1String("name")).toString();
            if (name.isEmpty())
                name = it.key().mid(at + nodeModules.size());
            out.add(name, entry.value(QLatin1String("version")).toString(),
                    entry.value(QLatin1String("dev")).toBool());
        }
    } else {
        collectV1(root.value(QLatin1String("dependencies")).toObject(), out);
    }
    return out.take();
}

// ---- line-based reading shared by yarn.lock and pnpm-lock.yaml ----

int indentOf(const QString &line)
{
    int n = 0;
    while (n < line.size() && line[n] == u' ')
        ++n;
    return n;
}

QString unquote(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && (text.front() == u'"' || text.front() == u'\'') && text.back() == text.front())
        return text.mid(1, text.size() - 2);
    return text;
}

// "key: value", "key value" (yarn v1) or "key:" -> key and value without quotes.
void splitField(const QString &trimmed, QString *key, QString *value)
{
    qsizetype cut = trimmed.indexOf(QLatin1String(": "));
    qsizetype skip = 2;
    if (cut < 0 && trimmed.endsWith(u':')) {
        cut = trimmed.size() - 1;
        skip = 1;
    }
    if (cut < 0) {
        cut = trimmed.indexOf(u' ');
        skip = 1;
    }
    if (cut < 0) {
        *key = trimmed;
        value->clear();
        return;
    }
    *key = unquote(trimmed.left(cut));
    *value = unquote(trimmed.mid(cut + skip));
}

struct Block {
    QString header;                 // the top-level key, without the trailing ':' and quotes
    QMap<QString, QString> fields;  // its directly nested fields
};

// Top-level blocks (keys at `blockIndent` ending in ':') with their fields one level deeper.
// Used for yarn.lock (blocks at column 0) and the pnpm "packages:" section (column 2).
QVector<Block> readBlocks(const QStringList &lines, int blockIndent)
{
    QVector<Block> blocks;
    int fieldIndent = -1;
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        const int indent = indentOf(line);
        if (indent == blockIndent) {
            // "key:" opens a block; "key: {}" (pnpm 9) is an empty one.
            QString key, value;
            splitField(trimmed, &key, &value);
            blocks.append(Block{key, {}});
            fieldIndent = -1;
        } else if (indent > blockIndent && !blocks.isEmpty()) {
            if (fieldIndent < 0)
                fieldIndent = indent;
            if (indent != fieldIndent)
                continue;
            QString key, value;
            splitField(trimmed, &key, &value);
            blocks.last().fields.insert(key, value);
        }
    }
    return blocks;
}

QStringList linesOf(const QByteArray &content)
{
    QString text = QString::fromUtf8(content);
    text.remove(u'\r');
    return text.split(u'\n');
}

// ---- yarn.lock ----

// Classic (v1): "name@range, name@range2:" then `version "1.2.3"`. Berry (v2+): YAML with a
// "__metadata:" block; each entry has "resolution: name@protocol:reference" and "version:".
Result<FileFacts> parseYarnLock(const FileMeta &file, const QByteArray &content, Collector &out)
{
    const QStringList lines = linesOf(content);
    const QVector<Block> blocks = readBlocks(lines, 0);
    bool berry = false;
    bool anyVersion = false;
    for (const Block &b : blocks) {
        berry = berry || b.header == u"__metadata";
        anyVersion = anyVersion || b.fields.contains(QStringLiteral("version"));
    }
    // Text with top-level keys but neither entry versions nor berry's metadata is something else.
    if (!blocks.isEmpty() && !berry && !anyVersion)
        return fail(QStringLiteral("%1 is not a yarn lockfile.").arg(file.path), InvalidInput);

    for (const Block &b : blocks) {
        const QString version = b.fields.value(QStringLiteral("version"));
        if (berry) {
            QString name, reference;
            if (!npm::splitNameAt(b.fields.value(QStringLiteral("resolution")), &name, &reference))
                continue;
            if (!reference.startsWith(QLatin1String("npm:")))
                continue; // workspace:, patch:, link:, portal:, file:, git and exec entries
            out.add(name, version);
        } else {
            // The first of the comma-separated specifiers names the package.
            const QString spec = unquote(b.header.section(u',', 0, 0));
            QString name, range;
            if (!npm::splitNameAt(spec, &name, &range))
                continue;
            if (range.startsWith(QLatin1String("npm:"))) { // alias: "alias@npm:real@^1.0.0"
                QString realName, realRange;
                if (npm::splitNameAt(range.mid(4), &realName, &realRange))
                    name = realName;
            }
            out.add(name, version);
        }
    }
    return out.take();
}

// ---- pnpm-lock.yaml ----

// Package keys under "packages:":
//   5.x  "/name/1.2.3", "/@scope/name/1.2.3_peer@2.0.0"
//   6.0  "/name@1.2.3", "/@scope/name@1.2.3(peer@2.0.0)"
//   9.0  "name@1.2.3", "'@scope/name@1.2.3'"
// Tarball and git entries carry explicit "name:" and "version:" fields instead.
Result<FileFacts> parsePnpmLock(const FileMeta &file, const QByteArray &content, Collector &out)
{
    const QStringList lines = linesOf(content);
    double lockVersion = 0;
    qsizetype start = -1, end = lines.size();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.isEmpty() || line.front() == u' ' || line.front() == u'#')
            continue;
        QString key, value;
        splitField(line.trimmed(), &key, &value);
        if (key == u"lockfileVersion")
            lockVersion = value.toDouble();
        if (start >= 0 && end == lines.size())
            end = i; // the first top-level key after "packages:"
        if (key == u"packages" && start < 0)
            start = i + 1;
    }
    if (lockVersion <= 0)
        return fail(QStringLiteral("%1 has no lockfileVersion; it is not a pnpm lockfile.").arg(file.path),
                    InvalidInput);
    if (start < 0)
        return out.take();

    const QVector<Block> blocks = readBlocks(lines.mid(start, end - start), 2);
    for (const Block &b : blocks) {
        const bool dev = b.fields.value(QStringLiteral("dev")) == u"true";
        if (b.fields.contains(QStringLiteral("name"))) {
            out.add(b.fields.value(QStringLiteral("name")), b.fields.value(QStringLiteral("version")), dev);
            continue;
        }
        QString key = unquote(b.header);
        if (lockVersion < 9) {
            if (!key.startsWith(u'/'))
                continue; // a tarball or git entry without name/version fields
            key.remove(0, 1);
        }
        QString name, version;
        if (lockVersion < 6) {
            const qsizetype slash = key.lastIndexOf(u'/');
            if (slash <= 0)
                continue;
            name = key.left(slash);
            version = key.mid(slash + 1).section(u'_', 0, 0); // "_peer@x" suffix
        } else {
            if (!npm::splitNameAt(key, &name, &version))
                continue;
            version = version.section(u'(', 0, 0); // "(peer@x)" suffix
        }
        out.add(name, version, dev);
    }
    return out.take();
}

} // namespace

QString NpmLockCataloger::id() const
{
    return QStringLiteral("npm-lock");
}

int NpmLockCataloger::version() const
{
    return 1;
}

bool NpmLockCataloger::wants(const FileMeta &file) const
{
    const QString name = lang::fileName(file.path);
    if (name != PackageLock && name != Shrinkwrap && name != YarnLock && name != PnpmLock)
        return false;
    return lang::isRegularFile(file.mode) && !lang::hasDirSegment(file.path, QStringLiteral("node_modules"));
}

Result<FileFacts> NpmLockCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    Collector out(file, id());
    const QString name = lang::fileName(file.path);
    if (name == YarnLock)
        return parseYarnLock(file, content, out);
    if (name == PnpmLock)
        return parsePnpmLock(file, content, out);
    return parsePackageLock(file, content, out);
}

} // namespace bulkhead
