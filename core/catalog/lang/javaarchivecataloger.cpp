#include "catalog/lang/javaarchivecataloger.h"

#include "catalog/lang/langpurl.h"
#include "catalog/lang/langutil.h"

#include <archive.h>
#include <archive_entry.h>

#include <QVector>
#include <memory>
#include <utility>

namespace bulkhead {

namespace {

const QLatin1String ArchiveSuffixes[] = {QLatin1String(".jar"), QLatin1String(".war"), QLatin1String(".ear"),
                                         QLatin1String(".par"), QLatin1String(".jpi"), QLatin1String(".hpi")};

bool isArchiveName(const QString &name)
{
    for (const QLatin1String suffix : ArchiveSuffixes) {
        if (name.endsWith(suffix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString sizeText(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

using Properties = QMap<QString, QString>;

// java.util.Properties as Maven writes pom.properties: "key=value" or "key: value" lines,
// '#' and '!' comment lines.
Properties readProperties(const QByteArray &content)
{
    Properties out;
    const QList<QByteArray> lines = content.split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.front() == u'#' || line.front() == u'!')
            continue;
        qsizetype cut = line.indexOf(u'=');
        const qsizetype colon = line.indexOf(u':');
        if (cut < 0 || (colon >= 0 && colon < cut))
            cut = colon;
        if (cut <= 0)
            continue;
        out.insert(line.left(cut).trimmed(), line.mid(cut + 1).trimmed());
    }
    return out;
}

// The main section of a JAR manifest (JAR File Specification, "Manifest specification"):
// "Name: value" lines up to the first empty line; a line starting with one space continues the
// previous value.
Properties readManifest(const QByteArray &content)
{
    Properties out;
    QString text = QString::fromUtf8(content);
    text.remove(u'\r');
    const QStringList lines = text.split(u'\n');
    QString lastKey;
    for (const QString &line : lines) {
        if (line.isEmpty())
            break;
        if (line.front() == u' ') {
            if (!lastKey.isEmpty())
                out[lastKey] += line.mid(1);
            continue;
        }
        const qsizetype colon = line.indexOf(QLatin1String(": "));
        if (colon <= 0) {
            lastKey.clear();
            continue;
        }
        lastKey = line.left(colon);
        out.insert(lastKey, line.mid(colon + 2).trimmed());
    }
    return out;
}

struct ArchiveCloser {
    void operator()(struct archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveCloser>;

// Walks one outer file and everything nested in it, sharing the limits' budget.
class Walker {
public:
    Walker(const JavaArchiveLimits &limits, const QString &catalogerId, FileFacts &facts)
        : m_limits(limits), m_id(catalogerId), m_facts(facts)
    {
    }

    // Reads the archive `data` found at `location`; false (with `openError`) when it is not a
    // readable zip archive at all.
    bool walk(const QByteArray &data, const QString &location, int depth, QString *openError);

private:
    enum class Read { Ok, TooLarge, OverBudget, Failed };

    Read readEntry(struct archive *a, struct archive_entry *entry, qint64 limit, QByteArray *out);
    void warn(const QString &location, const QString &message)
    {
        m_facts.warnings.append(ScanWarning{QStringLiteral("catalog:") + m_id, location, message});
    }
    // Handles a non-Ok read of `entryPath` inside `location`; returns true when walking must stop.
    bool reportRead(Read status, struct archive *a, const QString &location, const QString &entryPath, qint64 limit);
    void identify(const QString &location, const Properties &manifest,
                  const QVector<std::pair<QString, QByteArray>> &poms, qsizetype insertAt);
    Package makePackage(const QString &group, const QString &artifact, const QString &version,
                        const QString &location, const QString &source) const;

    const JavaArchiveLimits &m_limits;
    QString m_id;
    FileFacts &m_facts;
    qint64 m_uncompressed = 0;
    qint64 m_entries = 0;
    bool m_stopped = false; // a budget shared by all levels ran out
};

Walker::Read Walker::readEntry(struct archive *a, struct archive_entry *entry, qint64 limit, QByteArray *out)
{
    out->clear();
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > limit)
        return Read::TooLarge;
    char buffer[64 * 1024];
    for (;;) {
        const la_ssize_t n = archive_read_data(a, buffer, sizeof buffer);
        if (n == 0)
            return Read::Ok;
        if (n < 0)
            return Read::Failed;
        if (out->size() + n > limit)
            return Read::TooLarge;
        if (m_uncompressed + n > m_limits.maxTotalUncompressed)
            return Read::OverBudget;
        m_uncompressed += n;
        out->append(buffer, n);
    }
}

bool Walker::reportRead(Read status, struct archive *a, const QString &location, const QString &entryPath,
                        qint64 limit)
{
    switch (status) {
    case Read::Ok:
        return false;
    case Read::TooLarge:
        warn(location, QStringLiteral("%1 inside %2 is larger than %3 uncompressed; it was not read.")
                           .arg(entryPath, location, sizeText(limit)));
        return false;
    case Read::OverBudget:
        warn(location, QStringLiteral("Reading %1 would decompress more than %2 in total; the rest of the "
                                      "archive was not read.")
                           .arg(location, sizeText(m_limits.maxTotalUncompressed)));
        m_stopped = true;
        return true;
    case Read::Failed:
        warn(location, QStringLiteral("%1 inside %2 could not be read: %3.")
                           .arg(entryPath, location, QString::fromUtf8(archive_error_string(a))));
        return true; // the reader may be in a fatal state: leave this archive
    }
    return true;
}

bool Walker::walk(const QByteArray &data, const QString &location, int depth, QString *openError)
{
    const qsizetype insertAt = m_facts.packages.size();
    ArchivePtr a(archive_read_new());
    archive_read_support_format_zip(a.get());
    if (archive_read_open_memory(a.get(), data.constData(), size_t(data.size())) != ARCHIVE_OK) {
        *openError = QString::fromUtf8(archive_error_string(a.get()));
        return false;
    }

    Properties manifest;
    QVector<std::pair<QString, QByteArray>> poms;
    qint64 entriesHere = 0;
    while (!m_stopped) {
        struct archive_entry *entry = nullptr;
        const int r = archive_read_next_header(a.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            const QString why = QString::fromUtf8(archive_error_string(a.get()));
            if (entriesHere == 0) {
                *openError = why;
                return false;
            }
            warn(location, QStringLiteral("%1 is damaged after %2 entries (%3); the rest was not read.")
                               .arg(location)
                               .arg(entriesHere)
                               .arg(why));
            break;
        }
        ++entriesHere;
        if (++m_entries > m_limits.maxEntries) {
            warn(location, QStringLiteral("%1 holds more than %2 entries (nested archives included); the rest "
                                          "was not read.")
                               .arg(location)
                               .arg(m_limits.maxEntries));
            m_stopped = true;
            break;
        }
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const char *raw = archive_entry_pathname_utf8(entry);
        const QString path = QString::fromUtf8(raw ? raw : archive_entry_pathname(entry));

        const bool isManifest = path.compare(QLatin1String("META-INF/MANIFEST.MF"), Qt::CaseInsensitive) == 0;
        const bool isPom = path.startsWith(QLatin1String("META-INF/maven/"))
            && path.endsWith(QLatin1String("/pom.properties"));
        if (isManifest || isPom) {
            QByteArray bytes;
            const Read status = readEntry(a.get(), entry, m_limits.maxMetadataFileSize, &bytes);
            if (status != Read::Ok) {
                if (reportRead(status, a.get(), location, path, m_limits.maxMetadataFileSize))
                    break;
                continue;
            }
            if (isManifest)
                manifest = readManifest(bytes);
            else
                poms.append({path, bytes});
        } else if (isArchiveName(path)) {
            const QString inner = location + QStringLiteral("!/") + path;
            if (depth + 1 > m_limits.maxDepth) {
                warn(inner, QStringLiteral("%1 is nested more than %2 archives deep; it was not opened.")
                                .arg(inner)
                                .arg(m_limits.maxDepth));
                continue;
            }
            QByteArray bytes;
            const Read status = readEntry(a.get(), entry, m_limits.maxNestedArchiveSize, &bytes);
            if (status != Read::Ok) {
                if (reportRead(status, a.get(), location, path, m_limits.maxNestedArchiveSize))
                    break;
                continue;
            }
            QString error;
            if (!walk(bytes, inner, depth + 1, &error))
                warn(inner, QStringLiteral("%1 is not a readable zip archive: %2.").arg(inner, error));
        }
    }
    identify(location, manifest, poms, insertAt);
    return true;
}

Package Walker::makePackage(const QString &group, const QString &artifact, const QString &version,
                            const QString &location, const QString &source) const
{
    Package p;
    p.ecosystem = Ecosystem::Maven;
    p.name = group.isEmpty() ? artifact : group + u':' + artifact;
    p.version = version;
    p.purl = langpurl::maven(group, artifact, version);
    p.foundIn = location;
    p.cataloger = m_id;
    if (!group.isEmpty())
        p.metadata.insert(QStringLiteral("groupId"), group);
    p.metadata.insert(QStringLiteral("artifactId"), artifact);
    p.metadata.insert(QStringLiteral("identitySource"), source);
    return p;
}

void Walker::identify(const QString &location, const Properties &manifest,
                      const QVector<std::pair<QString, QByteArray>> &poms, qsizetype insertAt)
{
    QVector<Package> found;
    for (const auto &pom : poms) {
        const Properties props = readProperties(pom.second);
        const QString artifact = props.value(QStringLiteral("artifactId"));
        const QString version = props.value(QStringLiteral("version"));
        if (artifact.isEmpty() || version.isEmpty())
            continue;
        Package p = makePackage(props.value(QStringLiteral("groupId")), artifact, version, location,
                                QStringLiteral("pom.properties"));
        p.metadata.insert(QStringLiteral("pomProperties"), pom.first);
        found << p;
    }

    if (found.isEmpty()) {
        QString fileArtifact, fileVersion;
        JavaArchiveCataloger::splitFileName(lang::fileName(location), &fileArtifact, &fileVersion);
        const QString title = manifest.value(QStringLiteral("Implementation-Title"));
        const bool titleIsId = !title.isEmpty() && !title.contains(u' ');
        const QString symbolicName = manifest.value(QStringLiteral("Bundle-SymbolicName")).section(u';', 0, 0).trimmed();
        QString artifact = titleIsId ? title : !symbolicName.isEmpty() ? symbolicName : fileArtifact;
        if (artifact.isEmpty())
            artifact = title;
        QString version = manifest.value(QStringLiteral("Implementation-Version"));
        if (version.isEmpty())
            version = manifest.value(QStringLiteral("Bundle-Version"));
        const bool fromManifest = titleIsId || !symbolicName.isEmpty() || !version.isEmpty();
        if (version.isEmpty())
            version = fileVersion;
        if (!artifact.isEmpty() && !version.isEmpty()) {
            const QString group = fromManifest ? manifest.value(QStringLiteral("Implementation-Vendor-Id")) : QString();
            found << makePackage(group, artifact, version, location,
                                 fromManifest ? QStringLiteral("manifest") : QStringLiteral("filename"));
        }
    }

    // Bundle-License describes the archive itself, so only an archive with one identity gets it.
    const QString licence = manifest.value(QStringLiteral("Bundle-License")).trimmed();
    if (found.size() == 1 && !licence.isEmpty())
        found.first().licenses << licence;
    for (qsizetype i = 0; i < found.size(); ++i)
        m_facts.packages.insert(insertAt + i, found[i]);
}

} // namespace

JavaArchiveCataloger::JavaArchiveCataloger(JavaArchiveLimits limits) : m_limits(limits) {}

QString JavaArchiveCataloger::id() const
{
    return QStringLiteral("java-archive");
}

int JavaArchiveCataloger::version() const
{
    return 1;
}

bool JavaArchiveCataloger::wants(const FileMeta &file) const
{
    return isArchiveName(file.path) && lang::isRegularFile(file.mode);
}

qint64 JavaArchiveCataloger::maxFileSize() const
{
    // Spring Boot fat jars and EARs of 100 MB and more are common.
    return 256LL * 1024 * 1024;
}

void JavaArchiveCataloger::splitFileName(const QString &fileName, QString *artifact, QString *version)
{
    QString stem = fileName;
    if (isArchiveName(stem))
        stem.chop(4);
    for (qsizetype i = 1; i + 1 < stem.size(); ++i) {
        if (stem[i] == u'-' && stem[i + 1].isDigit()) {
            *artifact = stem.left(i);
            *version = stem.mid(i + 1);
            return;
        }
    }
    *artifact = stem;
    version->clear();
}

Result<FileFacts> JavaArchiveCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    FileFacts facts;
    Walker walker(m_limits, id(), facts);
    QString error;
    if (!walker.walk(content, file.path, 0, &error))
        return fail(QStringLiteral("%1 is not a readable zip archive: %2.").arg(file.path, error), InvalidInput);
    return facts;
}

} // namespace bulkhead
