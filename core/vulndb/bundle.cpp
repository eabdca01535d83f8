#include "vulndb/bundle.h"

#include "common/sha256.h"
#include "vulndb/dbconnection.h"
#include "vulndb/dbfile.h"
#include "vulndb/schema.h"
#include "vulndb/vulndb.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace bulkhead {

namespace {

const QString kFormat = QStringLiteral("bulkhead-vulndb-bundle");
const char *const kManifestName = "manifest.json";
const char *const kDbName = "vulndb.sqlite";
constexpr qint64 kMaxManifest = 1 << 20;
constexpr qint64 kMaxDatabase = 16LL << 30;

QString archiveError(archive *a)
{
    const char *msg = archive_error_string(a);
    return msg ? QString::fromLocal8Bit(msg) : QStringLiteral("unknown archive error");
}

} // namespace

Result<BundleInfo> exportBundle(const QString &dbPath, const QString &bundlePath, ProgressSink *progress)
{
    auto vdb = VulnDb::open(dbPath);
    if (!vdb)
        return tl::unexpected(vdb.error());
    auto sources = vdb->sources();
    if (!sources)
        return tl::unexpected(sources.error());
    const QString snapshotPath = bundlePath + QStringLiteral(".sqlite-tmp");
    auto snap = dbfile::snapshot(dbPath, snapshotPath);
    if (!snap)
        return tl::unexpected(snap.error());
    struct Cleanup {
        QString path;
        ~Cleanup() { dbfile::removeWithCompanions(path); }
    } cleanup{snapshotPath};

    QFile db(snapshotPath);
    if (!db.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the database snapshot: %1.").arg(db.errorString()), IoError);
    Sha256 hash;
    char buf[1 << 16];
    for (qint64 n; (n = db.read(buf, sizeof buf)) > 0;)
        hash.addData(buf, n);
    BundleInfo info;
    info.schemaVersion = vdb->schemaVersion();
    info.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    info.sha256 = hash.digest();
    info.databaseBytes = db.size();
    QJsonArray srcs;
    for (const SourceInfo &s : *sources)
        srcs.append(QJsonObject{{QStringLiteral("name"), s.name},
                                {QStringLiteral("url"), s.url},
                                {QStringLiteral("importedAt"), s.importedAt.toString(Qt::ISODate)},
                                {QStringLiteral("records"), s.recordCount}});
    info.manifest = QJsonObject{{QStringLiteral("format"), kFormat},
                                {QStringLiteral("formatVersion"), 1},
                                {QStringLiteral("schemaVersion"), info.schemaVersion},
                                {QStringLiteral("createdAt"), info.createdAt},
                                {QStringLiteral("database"), QString::fromLatin1(kDbName)},
                                {QStringLiteral("sha256"), info.sha256},
                                {QStringLiteral("size"), info.databaseBytes},
                                {QStringLiteral("sources"), srcs}};
    const QByteArray manifest = QJsonDocument(info.manifest).toJson();

    QSaveFile out(bundlePath);
    if (!out.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, out.errorString()), IoError);
    std::unique_ptr<archive, decltype(&archive_write_free)> a(archive_write_new(), &archive_write_free);
    archive_write_set_format_pax_restricted(a.get());
    if (archive_write_add_filter_zstd(a.get()) != ARCHIVE_OK)
        return fail(QStringLiteral("zstd compression is unavailable: %1.").arg(archiveError(a.get())), GenericError);
    archive_write_set_bytes_in_last_block(a.get(), 1);
    auto writeCb = [](archive *, void *ctx, const void *data, size_t len) -> la_ssize_t {
        auto *f = static_cast<QSaveFile *>(ctx);
        return f->write(static_cast<const char *>(data), qint64(len));
    };
    if (archive_write_open(a.get(), &out, nullptr, writeCb, nullptr) != ARCHIVE_OK)
        return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, archiveError(a.get())), IoError);
    auto addEntry = [&a](const char *name, qint64 size) {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), &archive_entry_free);
        archive_entry_set_pathname(e.get(), name);
        archive_entry_set_size(e.get(), size);
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_mtime(e.get(), QDateTime::currentSecsSinceEpoch(), 0);
        return archive_write_header(a.get(), e.get()) == ARCHIVE_OK;
    };
    if (!addEntry(kManifestName, manifest.size())
        || archive_write_data(a.get(), manifest.constData(), size_t(manifest.size())) != manifest.size())
        return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, archiveError(a.get())), IoError);
    if (!addEntry(kDbName, db.size()))
        return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, archiveError(a.get())), IoError);
    db.seek(0);
    qint64 done = 0;
    for (qint64 n; (n = db.read(buf, sizeof buf)) > 0;) {
        if (archive_write_data(a.get(), buf, size_t(n)) != n)
            return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, archiveError(a.get())), IoError);
        done += n;
        if (progress)
            progress->report(ProgressInfo{QStringLiteral("Writing bundle"), bundlePath, done, db.size(), 0, 0});
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, archiveError(a.get())), IoError);
    if (!out.commit())
        return fail(QStringLiteral("Cannot write %1: %2.").arg(bundlePath, out.errorString()), IoError);
    return info;
}

Result<BundleInfo> importBundle(const QString &bundlePath, const QString &dbPath, ProgressSink *progress)
{
    std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), &archive_read_free);
    archive_read_support_filter_zstd(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(bundlePath).constData(), 1 << 16) != ARCHIVE_OK)
        return fail(QStringLiteral("%1 is not a readable bundle: %2.").arg(bundlePath, archiveError(a.get())), InvalidInput);
    QDir().mkpath(QFileInfo(dbPath).absolutePath());
    const QString sidePath = dbPath + QStringLiteral(".bundle-new");
    dbfile::removeWithCompanions(sidePath);
    struct Cleanup {
        QString path;
        bool keep = false;
        ~Cleanup()
        {
            if (!keep) {
                DbConnection::close(path);
                dbfile::removeWithCompanions(path);
            }
        }
    } cleanup{sidePath};

    BundleInfo info;
    bool haveManifest = false, haveDb = false;
    QString digest;
    archive_entry *entry = nullptr;
    char buf[1 << 16];
    for (;;) {
        const int r = archive_read_next_header(a.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r != ARCHIVE_OK)
            return fail(QStringLiteral("The bundle %1 is corrupt: %2.").arg(bundlePath, archiveError(a.get())), InvalidInput);
        const QByteArray name = archive_entry_pathname(entry);
        if (name == kManifestName) {
            QByteArray data;
            for (la_ssize_t n; (n = archive_read_data(a.get(), buf, sizeof buf)) > 0;) {
                data.append(buf, int(n));
                if (data.size() > kMaxManifest)
                    return fail(QStringLiteral("The bundle manifest is too large."), LimitExceeded);
            }
            info.manifest = QJsonDocument::fromJson(data).object();
            if (info.manifest.value(QStringLiteral("format")).toString() != kFormat)
                return fail(QStringLiteral("%1 is not a Bulkhead database bundle (bad manifest).").arg(bundlePath), InvalidInput);
            info.schemaVersion = info.manifest.value(QStringLiteral("schemaVersion")).toInt();
            info.createdAt = info.manifest.value(QStringLiteral("createdAt")).toString();
            info.sha256 = info.manifest.value(QStringLiteral("sha256")).toString();
            if (info.schemaVersion > schema::currentVersion())
                return fail(QStringLiteral("The bundle has schema version %1, newer than this build supports (%2).")
                                .arg(info.schemaVersion).arg(schema::currentVersion()), InvalidInput);
            haveManifest = true;
        } else if (name == kDbName) {
            if (!haveManifest)
                return fail(QStringLiteral("The bundle %1 has no manifest before its database.").arg(bundlePath), InvalidInput);
            QFile out(sidePath);
            if (!out.open(QIODevice::WriteOnly))
                return fail(QStringLiteral("Cannot write %1: %2.").arg(sidePath, out.errorString()), IoError);
            Sha256 hash;
            la_ssize_t n;
            while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0) {
                hash.addData(buf, n);
                if (out.write(buf, n) != n)
                    return fail(QStringLiteral("Cannot write %1: %2.").arg(sidePath, out.errorString()), IoError);
                info.databaseBytes += n;
                if (info.databaseBytes > kMaxDatabase)
                    return fail(QStringLiteral("The bundled database is larger than %1 bytes.").arg(kMaxDatabase), LimitExceeded);
                if (progress)
                    progress->report(ProgressInfo{QStringLiteral("Reading bundle"), bundlePath, info.databaseBytes,
                                                  info.manifest.value(QStringLiteral("size")).toInteger(-1), 0, 0});
            }
            if (n < 0)
                return fail(QStringLiteral("The bundle %1 is corrupt: %2.").arg(bundlePath, archiveError(a.get())), InvalidInput);
            out.close();
            digest = hash.digest();
            haveDb = true;
        }
    }
    if (!haveManifest || !haveDb)
        return fail(QStringLiteral("%1 is not a complete Bulkhead database bundle.").arg(bundlePath), InvalidInput);
    if (digest != info.sha256)
        return fail(QStringLiteral("The bundled database does not match its manifest digest (corrupt bundle)."), InvalidInput);
    {
        auto db = DbConnection::open(sidePath, false);
        if (!db)
            return tl::unexpected(db.error());
        auto migrated = schema::migrate(*db);
        if (!migrated)
            return tl::unexpected(migrated.error());
    }
    auto installed = dbfile::install(sidePath, dbPath);
    if (!installed)
        return tl::unexpected(installed.error());
    cleanup.keep = true;
    return info;
}

} // namespace bulkhead
