#include "scan/imagescanner.h"

#include "catalog/inventory.h"
#include "image/imagesources.h"
#include "layers/fileindex.h"
#include "layers/layercache.h"
#include "match/matcher.h"
#include "scan/sbomsource.h"
#include "vulndb/vulndb.h"

#include <QFileInfo>

#include <QHash>
#include <optional>

namespace bulkhead {

ImageScanner::ImageScanner()
    : m_catalogers(allCatalogers())
{
}

ImageScanner::ImageScanner(CatalogerList catalogers)
    : m_catalogers(std::move(catalogers))
{
}

namespace {

// Receives blobs from the source, scans each once and records the result for every index it
// serves. Progress is reported over the stored bytes of the layers still to scan, so it only
// grows (futures ignore progress that goes backwards).
class ScanningSink final : public LayerSink {
public:
    ScanningSink(const ImageInfo &image, const LayerScanner &scanner, const LayerCache *cache,
                 const QString &fingerprint, QVector<std::optional<LayerResult>> &results,
                 qint64 totalBytes, const ProgressSink &progress)
        : m_image(image), m_scanner(scanner), m_cache(cache), m_fingerprint(fingerprint),
          m_results(results), m_totalBytes(totalBytes), m_progress(progress)
    {
    }

    Result<void> consumeLayer(const QVector<int> &indices, ByteStream &blob) override
    {
        if (indices.isEmpty())
            return {};
        const LayerInfo &layer = m_image.layers.at(indices.first());
        LayerExpectation expected;
        expected.digest = layer.digest;
        expected.diffId = layer.diffId;
        expected.mediaType = layer.mediaType;

        const qint64 base = m_doneBytes;
        const QString stage = QStringLiteral("Reading layer %1 of %2").arg(indices.first() + 1).arg(m_image.layers.size());
        ProgressSink layerProgress([this, base, stage, &layer](const ProgressInfo &info) {
            ProgressInfo overall;
            overall.stage = stage;
            overall.detail = layer.digest;
            overall.bytesDone = base + info.bytesDone;
            overall.bytesTotal = m_totalBytes;
            m_progress.report(overall);
        });
        layerProgress.setCancelCheck([this] { return m_progress.isCancelled(); });

        auto result = m_scanner.scan(blob, expected, layerProgress);
        if (!result)
            return fail(QStringLiteral("Layer %1 (%2): %3")
                            .arg(indices.first() + 1)
                            .arg(layer.digest.isEmpty() ? layer.diffId : layer.digest, result.error().message),
                        result.error().code);
        m_doneBytes += layer.size > 0 ? layer.size : result->compressedSize;
        if (m_cache) {
            if (auto stored = m_cache->store(m_fingerprint, *result); !stored)
                m_cacheWarnings.append({QStringLiteral("cache"), layer.diffId, stored.error().message});
        }
        for (int index : indices)
            m_results[index] = *result;
        return {};
    }

    // The blob names no layer: scan it unverified, then file it under the layers with its diff_id
    // (that match is the verification).
    Result<QVector<int>> consumeUnidentifiedLayer(ByteStream &blob) override
    {
        const qint64 base = m_doneBytes;
        ProgressSink layerProgress([this, base](const ProgressInfo &info) {
            ProgressInfo overall;
            overall.stage = QStringLiteral("Reading layers");
            overall.bytesDone = base + info.bytesDone;
            overall.bytesTotal = m_totalBytes;
            m_progress.report(overall);
        });
        layerProgress.setCancelCheck([this] { return m_progress.isCancelled(); });
        auto result = m_scanner.scan(blob, LayerExpectation(), layerProgress);
        if (!result)
            return fail(QStringLiteral("A layer of the image: %1").arg(result.error().message), result.error().code);
        QVector<int> indices;
        for (int i = 0; i < m_image.layers.size(); ++i)
            if (m_image.layers.at(i).diffId == result->diffId)
                indices.append(i);
        if (indices.isEmpty())
            return indices;
        m_doneBytes += result->compressedSize;
        if (m_cache) {
            if (auto stored = m_cache->store(m_fingerprint, *result); !stored)
                m_cacheWarnings.append({QStringLiteral("cache"), result->diffId, stored.error().message});
        }
        for (int index : indices)
            m_results[index] = *result;
        return indices;
    }

    ScanWarnings cacheWarnings() const { return m_cacheWarnings; }

private:
    const ImageInfo &m_image;
    const LayerScanner &m_scanner;
    const LayerCache *m_cache;
    QString m_fingerprint;
    QVector<std::optional<LayerResult>> &m_results;
    qint64 m_totalBytes;
    qint64 m_doneBytes = 0;
    const ProgressSink &m_progress;
    ScanWarnings m_cacheWarnings;
};

} // namespace

Result<ScanResult> ImageScanner::scanImage(const ScanOptions &options, const ProgressSink &progress) const
{
    ScanResult scan;
    scan.startedAt = QDateTime::currentDateTimeUtc();

    progress.report({QStringLiteral("Opening image"), options.image});
    auto opened = openImageSource(options.image, progress);
    if (!opened)
        return tl::unexpected(opened.error());
    auto image = opened->source->open(options.open, progress);
    if (!image)
        return tl::unexpected(image.error());
    scan.image = *image;
    if (scan.image.reference.isEmpty())
        scan.image.reference = options.image;
    if (progress.isCancelled())
        return fail(QStringLiteral("The scan was cancelled."), Cancelled);

    // Per-layer results: from the cache where possible, else by streaming the blob once.
    const QString fingerprint = catalogerFingerprint(m_catalogers);
    std::optional<LayerCache> cache;
    if (options.useCache)
        cache.emplace(options.cacheDir, options.cacheMaxBytes);

    const int layerCount = scan.image.layers.size();
    QVector<std::optional<LayerResult>> results(layerCount);
    QSet<int> missing;
    qint64 missingBytes = 0;
    for (int i = 0; i < layerCount; ++i) {
        const LayerInfo &layer = scan.image.layers.at(i);
        if (cache && !layer.diffId.isEmpty()) {
            if (auto hit = cache->load(layer.diffId, fingerprint)) {
                results[i] = std::move(*hit);
                continue;
            }
        }
        missing.insert(i);
        missingBytes += qMax<qint64>(0, layer.size);
    }

    ScanWarnings warnings;
    if (!missing.isEmpty()) {
        LayerScanner scanner(m_catalogers, options.limits);
        ScanningSink sink(scan.image, scanner, cache ? &*cache : nullptr, fingerprint, results,
                          missingBytes > 0 ? missingBytes : -1, progress);
        auto streamed = opened->source->streamLayers(missing, sink, progress);
        if (!streamed)
            return tl::unexpected(streamed.error());
        warnings += sink.cacheWarnings();
    }
    if (progress.isCancelled())
        return fail(QStringLiteral("The scan was cancelled."), Cancelled);

    QVector<LayerResult> ordered;
    ordered.reserve(layerCount);
    for (int i = 0; i < layerCount; ++i) {
        if (!results[i])
            return fail(QStringLiteral("The image source did not deliver layer %1 (%2).")
                            .arg(i + 1)
                            .arg(scan.image.layers.at(i).digest),
                        InvalidInput);
        for (const auto &w : results[i]->warnings) {
            ScanWarning tagged = w;
            if (tagged.path.isEmpty())
                tagged.path = scan.image.layers.at(i).diffId;
            warnings.append(tagged);
        }
        ordered.append(std::move(*results[i]));
    }

    progress.report({QStringLiteral("Cataloging packages"), QString()});
    // Only squashedFiles() is asked of this index: the entries that cannot change a catalogued
    // file (nine in ten in a typical image) need not be indexed.
    FileIndex::pruneToCatalogued(ordered);
    const FileIndex index(ordered);
    Inventory inventory = assembleInventory(index.squashedFiles(), scan.image.layers);
    scan.os = inventory.os;
    scan.packages = inventory.packages;
    warnings += inventory.warnings;
    scan.warnings = warnings;
    scan.finishedAt = QDateTime::currentDateTimeUtc();
    return scan;
}

namespace {

Error noDatabase(const QString &path, const QString &why)
{
    return Error{QStringLiteral("%1 Run 'bulkhead db update' to download the advisories, or 'bulkhead db import FILE' "
                                "to load them from a file (the database is looked for at %2).")
                     .arg(why, path),
                 NotFound};
}

// The matching step: opens the DB, records what it is, matches, keeps the match warnings.
Result<void> matchInto(ScanResult &scan, const ScanOptions &options, const ProgressSink &progress)
{
    progress.report({QStringLiteral("Matching vulnerabilities"), QString()});
    const QString path = options.dbPath.isEmpty() ? VulnDb::defaultPath() : options.dbPath;
    if (!QFileInfo::exists(path))
        return tl::unexpected(noDatabase(path, QStringLiteral("There is no vulnerability database yet.")));
    auto db = VulnDb::open(path);
    if (!db)
        return tl::unexpected(db.error());
    auto count = db->vulnerabilityCount();
    if (!count)
        return tl::unexpected(count.error());
    if (*count == 0)
        return tl::unexpected(noDatabase(path, QStringLiteral("The vulnerability database is empty.")));
    scan.db.path = path;
    scan.db.schemaVersion = db->schemaVersion();
    scan.db.advisoryCount = *count;
    if (auto sources = db->sources()) {
        for (const SourceInfo &s : *sources)
            if (s.importedAt.isValid() && (!scan.db.updatedAt.isValid() || s.importedAt > scan.db.updatedAt))
                scan.db.updatedAt = s.importedAt;
    }
    auto findings = Matcher(*db).match(scan.packages, scan.os, &scan.warnings);
    if (!findings)
        return tl::unexpected(findings.error());
    scan.findings = std::move(*findings);
    scan.vulnerabilitiesScanned = true;
    return {};
}

} // namespace

Result<ScanResult> ImageScanner::scan(const ScanOptions &options, const ProgressSink &progress) const
{
    Result<ScanResult> result;
    if (options.image.startsWith(kSbomPrefix)) {
        progress.report({QStringLiteral("Reading SBOM"), options.image});
        result = readSbom(options.image.mid(kSbomPrefix.size()));
    } else {
        result = scanImage(options, progress);
    }
    if (!result)
        return result;
    if (options.matchVulnerabilities) {
        if (progress.isCancelled())
            return fail(QStringLiteral("The scan was cancelled."), Cancelled);
        if (auto matched = matchInto(*result, options, progress); !matched) {
            // The desktop app still shows the inventory when there is no database yet, and says
            // why there are no findings; the CLI treats it as an error.
            if (!options.databaseOptional || matched.error().code != NotFound)
                return tl::unexpected(matched.error());
            result->warnings.append({QStringLiteral("match"), QString(),
                                     QStringLiteral("No vulnerabilities were matched: %1").arg(matched.error().message)});
        }
        result->finishedAt = QDateTime::currentDateTimeUtc();
    }
    return result;
}

} // namespace bulkhead
