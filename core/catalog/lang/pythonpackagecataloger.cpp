#include "catalog/lang/pythonpackagecataloger.h"

#include "catalog/lang/langpurl.h"
#include "catalog/lang/langutil.h"

#include <QVector>
#include <utility>

namespace bulkhead {

namespace {

using Headers = QVector<std::pair<QString, QString>>;

// The header block of an email-format metadata file: "Key: value" lines, a line starting with
// whitespace continues the previous value, the first empty line ends the headers (the body
// after it is the long description).
Headers readHeaders(const QByteArray &content)
{
    Headers headers;
    QString text = QString::fromUtf8(content);
    text.remove(u'\r');
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (line.isEmpty())
            break;
        if (line.front() == u' ' || line.front() == u'\t') {
            if (!headers.isEmpty())
                headers.last().second += u'\n' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

QString first(const Headers &headers, QLatin1String key)
{
    for (const auto &h : headers) {
        if (h.first.compare(key, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

// Licence precedence: License-Expression (an SPDX expression, metadata 2.4), then a short
// License field (it often holds the whole licence text, or "UNKNOWN"), then the
// "License :: ..." trove classifiers (their last part, e.g. "MIT License").
QStringList licencesOf(const Headers &headers)
{
    const QString expression = first(headers, QLatin1String("License-Expression"));
    if (!expression.isEmpty())
        return {expression};
    const QString license = first(headers, QLatin1String("License"));
    if (!license.isEmpty() && !license.contains(u'\n') && license.size() <= 100
        && license.compare(QLatin1String("UNKNOWN"), Qt::CaseInsensitive) != 0)
        return {license};
    QStringList out;
    const QLatin1String prefix("License ::");
    for (const auto &h : headers) {
        if (h.first.compare(QLatin1String("Classifier"), Qt::CaseInsensitive) != 0
            || !h.second.startsWith(prefix))
            continue;
        const QStringList parts = h.second.split(QLatin1String("::"));
        const QString last = parts.last().trimmed();
        // "License :: OSI Approved" alone names no licence.
        if (parts.size() > 2 || (parts.size() == 2 && last != u"OSI Approved")) {
            if (!last.isEmpty() && !out.contains(last))
                out << last;
        }
    }
    return out;
}

QString homepageOf(const Headers &headers)
{
    const QString homepage = first(headers, QLatin1String("Home-page"));
    if (!homepage.isEmpty() && homepage != u"UNKNOWN")
        return homepage;
    for (const auto &h : headers) {
        // Project-URL: Homepage, https://...
        if (h.first.compare(QLatin1String("Project-URL"), Qt::CaseInsensitive) == 0
            && h.second.section(u',', 0, 0).trimmed().compare(QLatin1String("Homepage"), Qt::CaseInsensitive) == 0)
            return h.second.section(u',', 1).trimmed();
    }
    return {};
}

} // namespace

QString PythonPackageCataloger::id() const
{
    return QStringLiteral("python-package");
}

int PythonPackageCataloger::version() const
{
    return 1;
}

bool PythonPackageCataloger::wants(const FileMeta &file) const
{
    if (!lang::isRegularFile(file.mode))
        return false;
    const QString &p = file.path;
    return p.endsWith(QLatin1String(".dist-info/METADATA")) || p.endsWith(QLatin1String(".egg-info/PKG-INFO"))
        || (p.endsWith(QLatin1String(".egg-info")) && lang::fileName(p).size() > 9);
}

qint64 PythonPackageCataloger::maxFileSize() const
{
    return 8 * 1024 * 1024;
}

QString PythonPackageCataloger::normalizedName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    bool inRun = false;
    for (const QChar c : name) {
        if (c == u'-' || c == u'_' || c == u'.') {
            if (!inRun)
                out += u'-';
            inRun = true;
        } else {
            out += c.toLower();
            inRun = false;
        }
    }
    return out;
}

Result<FileFacts> PythonPackageCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    const Headers headers = readHeaders(content);
    const QString name = first(headers, QLatin1String("Name"));
    const QString version = first(headers, QLatin1String("Version"));
    if (name.isEmpty() || version.isEmpty())
        return fail(QStringLiteral("%1 has no Name or Version header; it is not Python package metadata.")
                        .arg(file.path),
                    InvalidInput);

    // The .dist-info/.egg-info entry itself: the parent of METADATA/PKG-INFO, or the file.
    const bool singleFile = file.path.endsWith(QLatin1String(".egg-info"));
    const QString metadataPath = singleFile ? file.path : lang::parentDir(file.path);

    Package p;
    p.ecosystem = Ecosystem::PyPI;
    p.name = normalizedName(name);
    p.version = version;
    p.purl = langpurl::pypi(name, version);
    p.foundIn = file.path;
    p.cataloger = id();
    p.licenses = licencesOf(headers);
    p.metadata.insert(QStringLiteral("originalName"), name);
    p.metadata.insert(QStringLiteral("metadataPath"), metadataPath);
    p.metadata.insert(QStringLiteral("sitePackages"), lang::parentDir(metadataPath));
    p.metadata.insert(QStringLiteral("metadataFormat"),
                      metadataPath.endsWith(QLatin1String(".dist-info")) ? QStringLiteral("dist-info")
                                                                         : QStringLiteral("egg-info"));
    const QString author = first(headers, QLatin1String("Author"));
    if (!author.isEmpty() && author != u"UNKNOWN")
        p.metadata.insert(QStringLiteral("author"), author);
    const QString homepage = homepageOf(headers);
    if (!homepage.isEmpty())
        p.metadata.insert(QStringLiteral("homepage"), homepage);

    FileFacts facts;
    facts.packages << p;
    return facts;
}

} // namespace bulkhead
