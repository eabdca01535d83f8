#pragma once
// ImageScanner: the one data flow of a scan — source → layers (per-layer cache) → squashed
// filesystem → catalogers' inventory → (matching) → ScanResult. Blocking; run it off the GUI
// thread (ScanService does). Thread-safe: one instance may run several scans at once.

#include "common/progress.h"
#include "common/result.h"
#include "image/imagesource.h"
#include "layers/layerscanner.h"
#include "scan/scanresult.h"

namespace bulkhead {

struct ScanOptions {
    QString image;               // image spec: "docker-archive:PATH", "oci:DIR[:TAG]", a plain path, ...
    OpenOptions open;            // platform, tag
    bool useCache = true;        // per-layer result cache
    QString cacheDir;            // empty: default (env BULKHEAD_CACHE_DIR or the user's cache dir)
    qint64 cacheMaxBytes = 2LL * 1024 * 1024 * 1024;
    LayerLimits limits;
    bool matchVulnerabilities = false;
    QString dbPath;              // vulnerability DB; empty: VulnDb::defaultPath()
    bool databaseOptional = false; // no (or an empty) DB: a warning and the inventory, not an error
};

class ImageScanner {
public:
    ImageScanner();
    explicit ImageScanner(CatalogerList catalogers);

    // Scans one image (or reads an SBOM when options.image is "sbom:PATH"), then matches the
    // packages against the vulnerability DB when options.matchVulnerabilities. Partial problems
    // become ScanResult::warnings; a bad image, a bad SBOM or a missing/empty DB is an Error.
    Result<ScanResult> scan(const ScanOptions &options, const ProgressSink &progress) const;

private:
    Result<ScanResult> scanImage(const ScanOptions &options, const ProgressSink &progress) const;

    CatalogerList m_catalogers;
};

} // namespace bulkhead
