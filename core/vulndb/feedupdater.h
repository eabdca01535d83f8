#pragma once
// Downloads the configured vulnerability feeds and rebuilds the database atomically.
// Contract: update() works on a side copy of the database and renames it over the installed one
// only when every requested feed was fetched (or answered 304) and imported; on any failure, a
// kill or a cancel, the installed database stays exactly as it was.

#include "common/progress.h"
#include "common/result.h"
#include "vulndb/importer.h"

#include <QString>
#include <QUrl>
#include <QVector>

namespace bulkhead {

struct FeedConfig {
    QString name;   // "osv-PyPI", "kev", "epss", ...; the sources-table name
    QUrl url;
};

// Built-in feeds: OSV per-ecosystem all.zip (Debian, Alpine, Ubuntu, npm, PyPI, Go, Maven,
// crates.io, RubyGems, NuGet, Packagist), CISA KEV JSON, FIRST EPSS CSV (gzip).
QVector<FeedConfig> defaultFeeds();
// INI file with the feed URLs: $BULKHEAD_FEEDS_CONFIG, else <GenericConfigLocation>/bulkhead/feeds.ini.
QString feedConfigPath();
// defaultFeeds() with the [feeds] section of the config applied: key = feed name, value = URL
// (an existing name overrides its URL, a new name adds a feed, an empty value disables a feed).
QVector<FeedConfig> configuredFeeds(const QString &configPath = feedConfigPath());

struct FeedOutcome {
    QString name;
    QUrl url;
    bool notModified = false;   // the server answered 304
    qint64 bytes = 0;           // downloaded
    ImportStats stats;
};

struct UpdateOptions {
    int timeoutMs = 120000;     // per transfer, without progress
    int attempts = 3;           // tries per feed on 5xx and network errors
    int retryDelayMs = 1000;    // doubled after each failed attempt
};

class FeedUpdater {
public:
    FeedUpdater(const QString &dbPath, ProgressSink *progress = nullptr);
    Result<QVector<FeedOutcome>> update(const QVector<FeedConfig> &feeds, const UpdateOptions &options = {});

private:
    struct Download {
        bool notModified = false;
        qint64 bytes = 0;
        QString etag;
        QString lastModified;
    };
    Result<Download> fetch(const FeedConfig &feed, const QString &etag, const QString &lastModified,
                           const QString &targetPath, const UpdateOptions &options);

    QString m_dbPath;
    ProgressSink *m_progress;
};

} // namespace bulkhead
