#include "vulndb/feedupdater.h"

#include "vulndb/dbconnection.h"
#include "vulndb/dbfile.h"
#include "vulndb/vulndbwriter.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

namespace bulkhead {

QVector<FeedConfig> defaultFeeds()
{
    // OSV publishes one archive per ecosystem at gs://osv-vulnerabilities/<ecosystem>/all.zip
    // (https://google.github.io/osv.dev/data/#data-dumps).
    static const char *const ecosystems[] = {"Debian", "Alpine", "Ubuntu", "npm", "PyPI", "Go", "Maven",
                                             "crates.io", "RubyGems", "NuGet", "Packagist"};
    QVector<FeedConfig> feeds;
    for (const char *e : ecosystems) {
        const QString eco = QString::fromLatin1(e);
        feeds.append(FeedConfig{QStringLiteral("osv-") + eco,
                                QUrl(QStringLiteral("https://osv-vulnerabilities.storage.googleapis.com/%1/all.zip").arg(eco))});
    }
    feeds.append(FeedConfig{QStringLiteral("kev"),
                            QUrl(QStringLiteral("https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"))});
    feeds.append(FeedConfig{QStringLiteral("epss"),
                            QUrl(QStringLiteral("https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"))});
    return feeds;
}

QString feedConfigPath()
{
    const QString env = qEnvironmentVariable("BULKHEAD_FEEDS_CONFIG");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/bulkhead/feeds.ini");
}

QVector<FeedConfig> configuredFeeds(const QString &configPath)
{
    QVector<FeedConfig> feeds = defaultFeeds();
    if (!QFileInfo::exists(configPath))
        return feeds;
    QSettings ini(configPath, QSettings::IniFormat);
    ini.beginGroup(QStringLiteral("feeds"));
    for (const QString &key : ini.childKeys()) {
        const QString url = ini.value(key).toString().trimmed();
        auto it = std::find_if(feeds.begin(), feeds.end(), [&key](const FeedConfig &f) { return f.name == key; });
        if (url.isEmpty()) {
            if (it != feeds.end())
                feeds.erase(it);
        } else if (it != feeds.end()) {
            it->url = QUrl(url);
        } else {
            feeds.append(FeedConfig{key, QUrl(url)});
        }
    }
    return feeds;
}

FeedUpdater::FeedUpdater(const QString &dbPath, ProgressSink *progress) : m_dbPath(dbPath), m_progress(progress) {}

Result<FeedUpdater::Download> FeedUpdater::fetch(const FeedConfig &feed, const QString &etag,
                                                 const QString &lastModified, const QString &targetPath,
                                                 const UpdateOptions &options)
{
    QNetworkAccessManager nam;
    Error lastError{QStringLiteral("Downloading %1 failed.").arg(feed.url.toString()), NetworkError};
    int delay = options.retryDelayMs;
    for (int attempt = 1; attempt <= std::max(1, options.attempts); ++attempt) {
        if (m_progress && m_progress->isCancelled())
            return fail(QStringLiteral("Update cancelled."), Cancelled);
        QFile out(targetPath);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("Cannot write %1: %2.").arg(targetPath, out.errorString()), IoError);
        QNetworkRequest request(feed.url);
        request.setTransferTimeout(options.timeoutMs);
        request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("bulkhead/%1").arg(QStringLiteral(BULKHEAD_VERSION)));
        // Conditional GET (RFC 9110 §13.1): the server answers 304 when our copy is current.
        if (!etag.isEmpty())
            request.setRawHeader("If-None-Match", etag.toUtf8());
        if (!lastModified.isEmpty())
            request.setRawHeader("If-Modified-Since", lastModified.toUtf8());
        QNetworkReply *reply = nam.get(request);
        qint64 written = 0;
        bool writeFailed = false;
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [&]() {
            const QByteArray chunk = reply->readAll();
            if (out.write(chunk) != chunk.size())
                writeFailed = true;
            written += chunk.size();
        });
        QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 done, qint64 total) {
            if (m_progress) {
                m_progress->report(ProgressInfo{QStringLiteral("Downloading"), feed.name, done, total, 0, 0});
                if (m_progress->isCancelled())
                    reply->abort();
            }
        });
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray rest = reply->readAll();
        if (out.write(rest) != rest.size())
            writeFailed = true;
        written += rest.size();
        out.close();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError netError = reply->error();
        const QString errorText = reply->errorString();
        const qint64 expected = reply->header(QNetworkRequest::ContentLengthHeader).isValid()
                                    ? reply->header(QNetworkRequest::ContentLengthHeader).toLongLong() : -1;
        Download d;
        d.etag = QString::fromUtf8(reply->rawHeader("ETag"));
        d.lastModified = QString::fromUtf8(reply->rawHeader("Last-Modified"));
        reply->deleteLater();
        if (m_progress && m_progress->isCancelled())
            return fail(QStringLiteral("Update cancelled."), Cancelled);
        if (writeFailed)
            return fail(QStringLiteral("Cannot write %1 (disk full?).").arg(targetPath), IoError);
        if (status == 304) {
            d.notModified = true;
            return d;
        }
        if (netError == QNetworkReply::NoError && status == 200) {
            if (expected < 0 || written == expected) {
                d.bytes = written;
                return d;
            }
            lastError = Error{QStringLiteral("The download of %1 was cut short (%2 of %3 bytes).")
                                  .arg(feed.url.toString()).arg(written).arg(expected), NetworkError};
        } else if (status >= 300 && status != 304) {
            lastError = Error{QStringLiteral("%1 answered HTTP %2.").arg(feed.url.toString()).arg(status), NetworkError};
            if (status < 500)
                return tl::unexpected(lastError); // 4xx: retrying will not help
        } else if (expected >= 0 && written < expected) {
            lastError = Error{QStringLiteral("The download of %1 was cut short (%2 of %3 bytes): %4.")
                                  .arg(feed.url.toString()).arg(written).arg(expected).arg(errorText), NetworkError};
        } else {
            lastError = Error{QStringLiteral("Downloading %1 failed: %2.").arg(feed.url.toString(), errorText), NetworkError};
        }
        if (attempt < options.attempts) {
            QThread::msleep(ulong(delay));
            delay *= 2;
        }
    }
    return tl::unexpected(lastError);
}

Result<QVector<FeedOutcome>> FeedUpdater::update(const QVector<FeedConfig> &feeds, const UpdateOptions &options)
{
    if (feeds.isEmpty())
        return fail(QStringLiteral("No feeds to update."), InvalidInput);
    QDir().mkpath(QFileInfo(m_dbPath).absolutePath());
    // Two updates of one database would share the side files; the second one waits for nobody.
    QLockFile lock(m_dbPath + QStringLiteral(".update-lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return fail(QStringLiteral("Another update of %1 is running.").arg(m_dbPath), GenericError);
    const QString sidePath = m_dbPath + QStringLiteral(".update-new");
    const QString downloadPath = m_dbPath + QStringLiteral(".download");
    struct Cleanup {
        QString side, download;
        bool keep = false;
        ~Cleanup()
        {
            QFile::remove(download);
            if (!keep) {
                DbConnection::close(side);
                dbfile::removeWithCompanions(side);
            }
        }
    } cleanup{sidePath, downloadPath};

    // Start from a copy of the installed database so feeds that answer 304 keep their data.
    auto snap = dbfile::snapshot(m_dbPath, sidePath);
    if (!snap)
        return tl::unexpected(snap.error());
    QVector<FeedOutcome> outcomes;
    {
        // The side copy is private and discarded on any failure: no journal on disk, no fsync.
        auto writer = VulnDbWriter::open(sidePath, VulnDbWriter::Mode::Scratch);
        if (!writer)
            return tl::unexpected(writer.error());
        if (auto bulk = (*writer)->beginBulkLoad(); !bulk)
            return tl::unexpected(bulk.error());
        Importer importer(**writer, m_progress);
        for (const FeedConfig &feed : feeds) {
            if (!feed.url.isValid() || feed.url.scheme().isEmpty())
                return fail(QStringLiteral("The URL of feed %1 is invalid: '%2'.").arg(feed.name, feed.url.toString()), InvalidInput);
            auto previous = (*writer)->source(feed.name);
            if (!previous)
                return tl::unexpected(previous.error());
            // A changed URL must not reuse the validators of the old one.
            const bool sameUrl = previous->url == feed.url.toString();
            auto got = fetch(feed, sameUrl ? previous->etag : QString(), sameUrl ? previous->lastModified : QString(),
                             downloadPath, options);
            if (!got)
                return fail(QStringLiteral("Feed %1: %2").arg(feed.name, got.error().message), got.error().code);
            FeedOutcome outcome;
            outcome.name = feed.name;
            outcome.url = feed.url;
            outcome.notModified = got->notModified;
            outcome.bytes = got->bytes;
            SourceInfo info = *previous;
            if (!got->notModified) {
                auto stats = importer.importPath(downloadPath, feed.name);
                if (!stats)
                    return fail(QStringLiteral("Feed %1: %2").arg(feed.name, stats.error().message), stats.error().code);
                outcome.stats = *stats;
                auto after = (*writer)->source(feed.name);
                if (!after)
                    return tl::unexpected(after.error());
                info = *after;
                info.etag = got->etag;
                info.lastModified = got->lastModified;
            }
            info.url = feed.url.toString();
            info.checkedAt = QDateTime::currentDateTimeUtc();
            const QString countTable = outcome.stats.kind == FeedKind::Kev ? QStringLiteral("kev")
                                       : outcome.stats.kind == FeedKind::Epss ? QStringLiteral("epss")
                                       : (feed.name == u"kev" || feed.name == u"epss") ? feed.name : QString();
            auto saved = (*writer)->saveSource(info, countTable);
            if (!saved)
                return tl::unexpected(saved.error());
            outcomes.append(outcome);
        }
        if (auto bulk = (*writer)->endBulkLoad(); !bulk)
            return tl::unexpected(bulk.error());
    }
    auto installed = dbfile::install(sidePath, m_dbPath);
    if (!installed)
        return tl::unexpected(installed.error());
    cleanup.keep = true;
    return outcomes;
}

} // namespace bulkhead
