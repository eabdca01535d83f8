#include "vulndb/importer.h"

#include "vulndb/osvrecord.h"
#include "vulndb/vulndbwriter.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace bulkhead {

namespace {

constexpr qint64 kMaxJsonFile = 256LL << 20;   // KEV is ~1.3 MB; anything this big is hostile
constexpr qint64 kMaxEpssBytes = 512LL << 20;  // EPSS is ~12 MB uncompressed

struct ArchiveDeleter {
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

QString archiveError(archive *a)
{
    const char *msg = archive_error_string(a);
    return msg ? QString::fromLocal8Bit(msg) : QStringLiteral("unknown archive error");
}

QByteArray readHead(const QString &path, int n)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(n);
}

// Reads a whole file, transparently gunzipping it (libarchive "raw" format + gzip filter).
Result<QByteArray> readMaybeGzip(const QString &path, qint64 limit)
{
    const QByteArray head = readHead(path, 2);
    if (head.size() < 2 || uchar(head[0]) != 0x1f || uchar(head[1]) != 0x8b) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("Cannot read %1: %2.").arg(path, f.errorString()), IoError);
        if (f.size() > limit)
            return fail(QStringLiteral("%1 is too large (%2 bytes).").arg(path).arg(f.size()), LimitExceeded);
        return f.readAll();
    }
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_raw(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK)
        return fail(QStringLiteral("Cannot read %1: %2.").arg(path, archiveError(a.get())), InvalidInput);
    archive_entry *entry = nullptr;
    if (archive_read_next_header(a.get(), &entry) != ARCHIVE_OK)
        return fail(QStringLiteral("%1 is not a readable gzip file: %2.").arg(path, archiveError(a.get())), InvalidInput);
    QByteArray out;
    char buf[1 << 16];
    for (;;) {
        const la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
        if (n < 0)
            return fail(QStringLiteral("%1 is a corrupt gzip file: %2.").arg(path, archiveError(a.get())), InvalidInput);
        if (n == 0)
            break;
        out.append(buf, int(n));
        if (out.size() > limit)
            return fail(QStringLiteral("%1 decompresses to more than %2 bytes; refusing it.").arg(path).arg(limit),
                        LimitExceeded);
    }
    return out;
}

} // namespace

QString feedKindName(FeedKind kind)
{
    switch (kind) {
    case FeedKind::OsvRecord: return QStringLiteral("OSV JSON");
    case FeedKind::OsvDirectory: return QStringLiteral("OSV directory");
    case FeedKind::OsvZip: return QStringLiteral("OSV zip archive");
    case FeedKind::Kev: return QStringLiteral("CISA KEV catalog");
    case FeedKind::Epss: return QStringLiteral("FIRST EPSS CSV");
    case FeedKind::Bundle: return QStringLiteral("Bulkhead DB bundle");
    case FeedKind::Unknown: break;
    }
    return QStringLiteral("unknown");
}

FeedKind detectFeedKind(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return FeedKind::OsvDirectory;
    QByteArray head = readHead(path, 4096);
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return FeedKind::OsvZip;
    if (head.startsWith("\x28\xb5\x2f\xfd"))
        return FeedKind::Bundle;   // zstd: only our bundles are zstd-compressed
    if (head.size() >= 2 && uchar(head[0]) == 0x1f && uchar(head[1]) == 0x8b) {
        // gzip: peek at the decompressed start (EPSS is the only gzip feed).
        auto data = readMaybeGzip(path, 1 << 20);
        head = data ? data->left(4096) : QByteArray();
        if (head.isEmpty())
            return FeedKind::Epss; // let the EPSS reader produce the precise error
    }
    const QByteArray trimmed = head.trimmed();
    if (trimmed.startsWith('#') || trimmed.toLower().startsWith("cve,epss"))
        return FeedKind::Epss;
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        if (head.contains("\"catalogVersion\"") || head.contains("\"cveID\""))
            return FeedKind::Kev;
        return FeedKind::OsvRecord;
    }
    return FeedKind::Unknown;
}

Importer::Importer(VulnDbWriter &writer, ProgressSink *progress) : m_writer(writer), m_progress(progress) {}

Result<void> Importer::maybeCommitBatch(int &pending)
{
    if (++pending < kBatchSize)
        return {};
    pending = 0;
    auto ok = m_writer.commit();
    if (!ok)
        return ok;
    return m_writer.begin();
}

Result<void> Importer::finishSource(const QString &source, const QString &url, const QString &countTable)
{
    auto info = m_writer.source(source);
    if (!info)
        return tl::unexpected(info.error());
    SourceInfo s = *info;
    if (!url.isEmpty())
        s.url = url;
    s.importedAt = s.checkedAt = QDateTime::currentDateTimeUtc();
    return m_writer.saveSource(s, countTable);
}

Result<ImportStats> Importer::finish(Result<void> ok, const QString &path, const QString &countTable,
                                     const ImportStats &stats)
{
    if (ok)
        ok = finishSource(stats.source, QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(), countTable);
    if (ok)
        ok = m_writer.commit();
    if (!ok) {
        m_writer.rollback();
        return tl::unexpected(ok.error());
    }
    return stats;
}

Result<void> Importer::addOsvJson(const QByteArray &json, const QString &origin, const QString &source,
                                  ImportStats &stats)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        ++stats.broken;
        stats.warnings << QStringLiteral("%1: not valid JSON (%2 at offset %3); skipped.")
                              .arg(origin, err.errorString()).arg(err.offset);
        return {};
    }
    // A file may hold one record, an array of records, or an osv.dev API answer {"vulns": [...]}.
    QJsonArray records;
    if (doc.isArray())
        records = doc.array();
    else if (doc.object().contains(QStringLiteral("vulns")) && !doc.object().contains(QStringLiteral("id")))
        records = doc.object().value(QStringLiteral("vulns")).toArray();
    else
        records.append(doc.object());
    for (const auto &rv : records) {
        QStringList notes;
        auto record = osv::parseRecord(rv.toObject(), &notes);
        for (const QString &n : notes)
            stats.warnings << origin + QStringLiteral(": ") + n;
        if (!record) {
            ++stats.broken;
            stats.warnings << QStringLiteral("%1: %2; skipped.").arg(origin, record.error().message);
            continue;
        }
        ++stats.records;
        auto outcome = m_writer.upsert(*record, source);
        if (!outcome)
            return tl::unexpected(outcome.error());
        switch (*outcome) {
        case VulnDbWriter::Outcome::Inserted: ++stats.inserted; break;
        case VulnDbWriter::Outcome::Updated: ++stats.updated; break;
        case VulnDbWriter::Outcome::Skipped: ++stats.skipped; break;
        }
    }
    return {};
}

Result<ImportStats> Importer::importPath(const QString &path, const QString &sourceIn)
{
    if (!QFileInfo::exists(path))
        return fail(QStringLiteral("%1 does not exist.").arg(path), NotFound);
    const FeedKind kind = detectFeedKind(path);
    // "file:Go/all.zip": OSV names every archive all.zip, so the folder tells them apart.
    const QFileInfo fi(path);
    const QString fileSource = QStringLiteral("file:") + fi.absoluteDir().dirName() + u'/' + fi.fileName();
    switch (kind) {
    case FeedKind::OsvRecord:
        return importOsvFile(path, sourceIn.isEmpty() ? fileSource : sourceIn);
    case FeedKind::OsvDirectory:
        return importOsvDirectory(path, sourceIn.isEmpty() ? fileSource : sourceIn);
    case FeedKind::OsvZip:
        return importOsvZip(path, sourceIn.isEmpty() ? fileSource : sourceIn);
    case FeedKind::Kev:
        return importKev(path, sourceIn.isEmpty() ? QStringLiteral("kev") : sourceIn);
    case FeedKind::Epss:
        return importEpss(path, sourceIn.isEmpty() ? QStringLiteral("epss") : sourceIn);
    case FeedKind::Bundle:
        return fail(QStringLiteral("%1 is a database bundle; it replaces the whole database.").arg(path), InvalidInput);
    case FeedKind::Unknown:
        break;
    }
    return fail(QStringLiteral("%1 is neither OSV JSON, an OSV zip, a KEV catalog, an EPSS CSV nor a bundle.").arg(path),
                InvalidInput);
}

Result<ImportStats> Importer::importOsvFile(const QString &path, const QString &source)
{
    ImportStats stats;
    stats.kind = FeedKind::OsvRecord;
    stats.source = source;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2.").arg(path, f.errorString()), IoError);
    if (f.size() > kMaxJsonFile)
        return fail(QStringLiteral("%1 is too large for an OSV file (%2 bytes).").arg(path).arg(f.size()), LimitExceeded);
    auto ok = m_writer.begin();
    if (ok)
        ok = addOsvJson(f.readAll(), QFileInfo(path).fileName(), source, stats);
    return finish(ok, path, {}, stats);
}

Result<ImportStats> Importer::importOsvDirectory(const QString &path, const QString &source)
{
    ImportStats stats;
    stats.kind = FeedKind::OsvDirectory;
    stats.source = source;
    QStringList files;
    QDirIterator it(path, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    auto ok = m_writer.begin();
    int pending = 0;
    const QDir base(path);
    for (int i = 0; ok && i < files.size(); ++i) {
        if (m_progress && m_progress->isCancelled()) {
            m_writer.rollback();
            return fail(QStringLiteral("Import cancelled."), Cancelled);
        }
        QFile f(files[i]);
        const QString origin = base.relativeFilePath(files[i]);
        if (!f.open(QIODevice::ReadOnly) || f.size() > kMaxRecordBytes) {
            ++stats.broken;
            stats.warnings << QStringLiteral("%1: unreadable or too large; skipped.").arg(origin);
            continue;
        }
        ok = addOsvJson(f.readAll(), origin, source, stats);
        if (ok)
            ok = maybeCommitBatch(pending);
        if (m_progress)
            m_progress->report(ProgressInfo{QStringLiteral("Importing OSV records"), origin, 0, -1, i + 1, int(files.size())});
    }
    return finish(ok, path, {}, stats);
}

Result<ImportStats> Importer::importOsvZip(const QString &path, const QString &source)
{
    ImportStats stats;
    stats.kind = FeedKind::OsvZip;
    stats.source = source;
    const qint64 total = QFileInfo(path).size();
    ArchivePtr a(archive_read_new());
    archive_read_support_format_zip(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK)
        return fail(QStringLiteral("Cannot open the archive %1: %2.").arg(path, archiveError(a.get())), InvalidInput);
    auto ok = m_writer.begin();
    int pending = 0;
    archive_entry *entry = nullptr;
    QByteArray data;
    const QString zipName = QFileInfo(path).fileName();
    while (ok) {
        const int r = archive_read_next_header(a.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            m_writer.rollback();
            return fail(QStringLiteral("The archive %1 is corrupt: %2.").arg(path, archiveError(a.get())), InvalidInput);
        }
        if (m_progress && m_progress->isCancelled()) {
            m_writer.rollback();
            return fail(QStringLiteral("Import cancelled."), Cancelled);
        }
        const QString name = QString::fromUtf8(archive_entry_pathname_utf8(entry) ? archive_entry_pathname_utf8(entry)
                                                                                 : archive_entry_pathname(entry));
        if (archive_entry_filetype(entry) != AE_IFREG || !name.endsWith(QStringLiteral(".json")))
            continue;
        if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > kMaxRecordBytes) {
            ++stats.broken;
            stats.warnings << QStringLiteral("%1: %2 is larger than %3 bytes; skipped.").arg(QFileInfo(path).fileName(), name).arg(kMaxRecordBytes);
            continue;
        }
        // Read straight into one buffer that keeps its capacity across entries (no per-chunk
        // copies, no reallocation per record): the allocator was a visible part of the profile.
        qsizetype used = 0;
        bool entryOk = true;
        for (;;) {
            if (data.size() - used < (1 << 16))
                data.resize(used + (1 << 16) + data.size() / 2);
            const la_ssize_t n = archive_read_data(a.get(), data.data() + used, size_t(data.size() - used));
            if (n < 0) {
                m_writer.rollback();
                return fail(QStringLiteral("The archive %1 is corrupt at %2: %3.").arg(path, name, archiveError(a.get())),
                            InvalidInput);
            }
            if (n == 0)
                break;
            used += n;
            if (used > kMaxRecordBytes) {
                entryOk = false;
                break;
            }
        }
        if (!entryOk) {
            ++stats.broken;
            stats.warnings << QStringLiteral("%1: %2 is larger than %3 bytes; skipped.").arg(QFileInfo(path).fileName(), name).arg(kMaxRecordBytes);
            continue;
        }
        ok = addOsvJson(QByteArray::fromRawData(data.constData(), used), zipName + u':' + name, source, stats);
        if (ok)
            ok = maybeCommitBatch(pending);
        if (m_progress && stats.records % 500 == 0)
            m_progress->report(ProgressInfo{QStringLiteral("Importing OSV records"), QFileInfo(path).fileName(),
                                            archive_filter_bytes(a.get(), -1), total, stats.records, 0});
    }
    return finish(ok, path, {}, stats);
}

Result<ImportStats> Importer::importKev(const QString &path, const QString &source)
{
    ImportStats stats;
    stats.kind = FeedKind::Kev;
    stats.source = source;
    auto data = readMaybeGzip(path, kMaxJsonFile);
    if (!data)
        return tl::unexpected(data.error());
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(*data, &err);
    if (err.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1 is not valid JSON (%2 at offset %3).").arg(path, err.errorString()).arg(err.offset),
                    InvalidInput);
    const QJsonValue vulns = doc.object().value(QStringLiteral("vulnerabilities"));
    if (!vulns.isArray())
        return fail(QStringLiteral("%1 is not a KEV catalog (no \"vulnerabilities\" array).").arg(path), InvalidInput);
    static const QRegularExpression cveRe(QStringLiteral("^CVE-\\d{4}-\\d{4,}$"));
    auto ok = m_writer.begin();
    if (ok)
        ok = m_writer.clearKev();
    const QJsonArray arr = vulns.toArray();
    for (int i = 0; ok && i < arr.size(); ++i) {
        const QJsonObject o = arr.at(i).toObject();
        KevEntry e;
        e.cve = o.value(QStringLiteral("cveID")).toString().trimmed();
        if (!cveRe.match(e.cve).hasMatch()) {
            ++stats.broken;
            stats.warnings << QStringLiteral("%1: entry %2 has no valid cveID; skipped.").arg(QFileInfo(path).fileName()).arg(i);
            continue;
        }
        e.dateAdded = o.value(QStringLiteral("dateAdded")).toString();
        e.dueDate = o.value(QStringLiteral("dueDate")).toString();
        e.ransomware = o.value(QStringLiteral("knownRansomwareCampaignUse")).toString().compare(u"Known", Qt::CaseInsensitive) == 0;
        e.vendor = o.value(QStringLiteral("vendorProject")).toString();
        e.product = o.value(QStringLiteral("product")).toString();
        e.name = o.value(QStringLiteral("vulnerabilityName")).toString();
        e.description = o.value(QStringLiteral("shortDescription")).toString();
        e.requiredAction = o.value(QStringLiteral("requiredAction")).toString();
        ok = m_writer.addKev(e);
        ++stats.records;
        ++stats.inserted;
    }
    if (ok && stats.records == 0)
        ok = tl::unexpected(Error{QStringLiteral("%1 holds no KEV entries.").arg(path), InvalidInput});
    return finish(ok, path, QStringLiteral("kev"), stats);
}

Result<ImportStats> Importer::importEpss(const QString &path, const QString &source)
{
    ImportStats stats;
    stats.kind = FeedKind::Epss;
    stats.source = source;
    auto data = readMaybeGzip(path, kMaxEpssBytes);
    if (!data)
        return tl::unexpected(data.error());
    const QString file = QFileInfo(path).fileName();
    auto bad = [&file](int line, const QString &why) {
        return fail(QStringLiteral("%1 is not a valid EPSS file: line %2 %3.").arg(file).arg(line).arg(why), InvalidInput);
    };
    QString modelVersion, scoreDate;
    int lineNo = 0;
    qsizetype pos = 0;
    const QByteArray &bytes = *data;
    auto nextLine = [&bytes, &pos](QByteArray *out) {
        if (pos >= bytes.size())
            return false;
        qsizetype end = bytes.indexOf('\n', pos);
        if (end < 0)
            end = bytes.size();
        *out = bytes.mid(pos, end - pos);
        if (out->endsWith('\r'))
            out->chop(1);
        pos = end + 1;
        return true;
    };
    QByteArray line;
    if (!nextLine(&line))
        return bad(1, QStringLiteral("is missing (the file is empty)"));
    ++lineNo;
    // Optional first line "#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000".
    if (line.startsWith('#')) {
        for (const QByteArray &part : line.mid(1).split(',')) {
            const int colon = part.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray key = part.left(colon).trimmed();
            const QString value = QString::fromUtf8(part.mid(colon + 1).trimmed());
            if (key == "model_version")
                modelVersion = value;
            else if (key == "score_date")
                scoreDate = value;
        }
        if (modelVersion.isEmpty() || scoreDate.isEmpty())
            return bad(1, QStringLiteral("is a comment without model_version and score_date"));
        if (!nextLine(&line))
            return bad(2, QStringLiteral("(the column header) is missing"));
        ++lineNo;
    }
    if (line.trimmed().toLower() != "cve,epss,percentile")
        return bad(lineNo, QStringLiteral("should be the header 'cve,epss,percentile'"));
    static const QRegularExpression cveRe(QStringLiteral("^CVE-\\d{4}-\\d{4,}$"));
    auto ok = m_writer.begin();
    if (ok)
        ok = m_writer.clearEpss();
    while (ok && nextLine(&line)) {
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> cols = line.split(',');
        EpssEntry e;
        bool okScore = false, okPct = false;
        if (cols.size() == 3) {
            e.cve = QString::fromLatin1(cols[0].trimmed());
            e.score = cols[1].trimmed().toDouble(&okScore);   // accepts "5e-05" too
            e.percentile = cols[2].trimmed().toDouble(&okPct);
        }
        if (cols.size() != 3 || !cveRe.match(e.cve).hasMatch() || !okScore || !okPct || e.score < 0 || e.score > 1
            || e.percentile < 0 || e.percentile > 1) {
            m_writer.rollback();
            return bad(lineNo, QStringLiteral("is not 'CVE-id,score,percentile' with scores between 0 and 1"));
        }
        e.modelVersion = modelVersion;
        e.scoreDate = scoreDate;
        ok = m_writer.addEpss(e);
        ++stats.records;
        ++stats.inserted;
    }
    if (ok && stats.records == 0) {
        m_writer.rollback();
        return bad(lineNo, QStringLiteral("ends the file: there are no score rows"));
    }
    return finish(ok, path, QStringLiteral("epss"), stats);
}

} // namespace bulkhead
