#include "layertestutil.h"

#include "common/sha256.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <archive.h>
#include <archive_entry.h>
#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <memory>
#include <vector>

namespace bulkhead::test {

namespace {

// Streaming gzip writer on isa-l's deflate.
class GzipWriter {
public:
    GzipWriter() : m_buffer(1 << 16), m_levelBuffer(ISAL_DEF_LVL3_DEFAULT)
    {
        isal_deflate_init(&m_stream);
        m_stream.gzip_flag = IGZIP_GZIP;
        // Level 3 finds the long matches a decompression bomb is made of.
        m_stream.level = 3;
        m_stream.level_buf = m_levelBuffer.data();
        m_stream.level_buf_size = uint32_t(m_levelBuffer.size());
        m_stream.flush = NO_FLUSH;
    }
    void feed(const char *data, qint64 size, bool last)
    {
        m_stream.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(data));
        m_stream.avail_in = uint32_t(size);
        m_stream.end_of_stream = last ? 1 : 0;
        do {
            m_stream.next_out = m_buffer.data();
            m_stream.avail_out = uint32_t(m_buffer.size());
            isal_deflate(&m_stream);
            out.append(reinterpret_cast<const char *>(m_buffer.data()), int(m_buffer.size() - m_stream.avail_out));
        } while (m_stream.avail_in > 0 || (last && m_stream.internal_state.state != ZSTATE_END));
    }
    QByteArray out;

private:
    isal_zstream m_stream;
    std::vector<uint8_t> m_buffer;
    std::vector<uint8_t> m_levelBuffer;
};

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;

la_ssize_t appendTo(archive *, void *target, const void *data, size_t size)
{
    static_cast<QByteArray *>(target)->append(static_cast<const char *>(data), qsizetype(size));
    return la_ssize_t(size);
}

la_ssize_t feedGzip(archive *, void *target, const void *data, size_t size)
{
    static_cast<GzipWriter *>(target)->feed(static_cast<const char *>(data), qint64(size), false);
    return la_ssize_t(size);
}

void writeItem(archive *a, const TarItem &item)
{
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), &archive_entry_free);
    const QByteArray path = item.path.toUtf8();
    archive_entry_set_pathname(e.get(), path.constData());
    archive_entry_set_perm(e.get(), item.perm);
    archive_entry_set_mtime(e.get(), 1700000000, 0);
    const QByteArray link = item.link.toUtf8();
    switch (item.type) {
    case 'd':
        archive_entry_set_filetype(e.get(), AE_IFDIR);
        break;
    case 'l':
        archive_entry_set_filetype(e.get(), AE_IFLNK);
        archive_entry_set_symlink(e.get(), link.constData());
        break;
    case 'h':
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_hardlink(e.get(), link.constData());
        break;
    case 'p':
        archive_entry_set_filetype(e.get(), AE_IFIFO);
        break;
    case 'c':
        archive_entry_set_filetype(e.get(), AE_IFCHR);
        archive_entry_set_rdev(e.get(), 0x0103);
        break;
    default:
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_size(e.get(), item.content.size());
        break;
    }
    archive_write_header(a, e.get());
    if (item.type == 'f' && !item.content.isEmpty())
        archive_write_data(a, item.content.constData(), size_t(item.content.size()));
}

} // namespace

QByteArray makeTar(const QVector<TarItem> &items)
{
    QByteArray out;
    ArchivePtr a(archive_write_new(), &archive_write_free);
    archive_write_set_format_pax_restricted(a.get());
    archive_write_open(a.get(), &out, nullptr, &appendTo, nullptr);
    for (const TarItem &item : items)
        writeItem(a.get(), item);
    archive_write_close(a.get());
    return out;
}

QByteArray gzip(const QByteArray &data)
{
    GzipWriter w;
    w.feed(data.constData(), data.size(), true);
    return w.out;
}

QByteArray zstd(const QByteArray &data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
    const size_t n = ZSTD_compress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), 3);
    out.truncate(qsizetype(n));
    return out;
}

QByteArray gzippedZeroTar(qint64 zeroBytes)
{
    GzipWriter w;
    ArchivePtr a(archive_write_new(), &archive_write_free);
    archive_write_set_format_pax_restricted(a.get());
    archive_write_open(a.get(), &w, nullptr, &feedGzip, nullptr);
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), &archive_entry_free);
    archive_entry_set_pathname(e.get(), "zeros.bin");
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), zeroBytes);
    archive_write_header(a.get(), e.get());
    const std::vector<char> zeros(1 << 20, 0);
    for (qint64 done = 0; done < zeroBytes;) {
        const qint64 n = std::min<qint64>(qint64(zeros.size()), zeroBytes - done);
        archive_write_data(a.get(), zeros.data(), size_t(n));
        done += n;
    }
    archive_write_close(a.get());
    w.feed(nullptr, 0, true);
    return w.out;
}

QString sha256Of(const QByteArray &data)
{
    return Sha256::digestOf(data);
}

qint64 MemoryStream::read(char *data, qint64 maxSize)
{
    if (failAfter >= 0 && m_pos >= failAfter) {
        m_error = QStringLiteral("simulated network failure");
        return -1;
    }
    const qint64 n = std::min({maxSize, m_chunk, qint64(m_data.size()) - m_pos});
    memcpy(data, m_data.constData() + m_pos, size_t(n));
    m_pos += n;
    if (onRead)
        onRead(m_pos);
    return n;
}

Result<FileFacts> PkgsCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    FileFacts facts;
    const QList<QByteArray> lines = content.split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray t = line.trimmed();
        if (t.isEmpty())
            continue;
        const QList<QByteArray> parts = t.split(' ');
        if (parts.size() != 2)
            return fail(QStringLiteral("Malformed line in %1.").arg(file.path), InvalidInput);
        Package p;
        p.ecosystem = QStringLiteral("test");
        p.name = QString::fromUtf8(parts[0]);
        p.version = QString::fromUtf8(parts[1]);
        p.arch = QStringLiteral("all");
        p.foundIn = file.path;
        p.cataloger = id();
        facts.packages.append(p);
    }
    return facts;
}

QString describe(const LayerResult &r, bool withBlob)
{
    QStringList out;
    out << QStringLiteral("diffId ") + r.diffId << QStringLiteral("size %1").arg(r.uncompressedSize);
    if (withBlob)
        out << QStringLiteral("blob ") + r.blobDigest << QStringLiteral("stored %1").arg(r.compressedSize);
    for (const LayerEntry &e : r.entries)
        out << QStringLiteral("entry %1 %2 %3 %4 -> %5").arg(e.path).arg(QChar::fromLatin1(e.type)).arg(e.size)
                   .arg(e.mode, 0, 8).arg(e.linkTarget);
    for (const QString &w : r.whiteouts)
        out << QStringLiteral("whiteout ") + w;
    for (const QString &d : r.opaqueDirs)
        out << QStringLiteral("opaque ") + d;
    for (const CataloguedFile &f : r.files) {
        out << QStringLiteral("file %1 %2").arg(f.catalogerId, f.path);
        for (const Package &p : f.facts.packages) {
            out << QStringLiteral("  pkg %1 %2 %3 %4 %5 %6 %7 %8").arg(p.ecosystem, p.name, p.version, p.arch, p.foundIn,
                                                                    p.sourceName, p.sourceVersion, p.cataloger)
                << QStringLiteral("    %1 | %2 | %3").arg(p.purl, p.licenses.join(u','), p.extraPurls.join(u','))
                << QStringLiteral("    layer %1 %2 %3 %4").arg(p.layer.index).arg(p.layer.digest, p.layer.diffId, p.layer.createdBy);
            for (auto m = p.metadata.cbegin(); m != p.metadata.cend(); ++m)
                out << QStringLiteral("    meta %1=%2").arg(m.key(), m.value());
        }
        for (auto it = f.facts.properties.cbegin(); it != f.facts.properties.cend(); ++it)
            out << QStringLiteral("  prop %1=%2").arg(it.key(), it.value());
        for (const QString &o : f.facts.ownedPaths)
            out << QStringLiteral("  owns ") + o;
        for (const ScanWarning &w : f.facts.warnings)
            out << QStringLiteral("  warn %1 %2 %3").arg(w.stage, w.path, w.message);
    }
    for (const ScanWarning &w : r.warnings)
        out << QStringLiteral("warning %1 %2 %3").arg(w.stage, w.path, w.message);
    return out.join(u'\n');
}

QVector<SavedLayer> dockerSaveLayers(const QString &archivePath)
{
    QFile f(archivePath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray whole = f.readAll();
    QHash<QString, QByteArray> members;
    std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), &archive_read_free);
    archive_read_support_format_tar(a.get());
    if (archive_read_open_memory(a.get(), whole.constData(), size_t(whole.size())) == ARCHIVE_OK) {
        archive_entry *e = nullptr;
        while (archive_read_next_header(a.get(), &e) == ARCHIVE_OK) {
            QByteArray data(archive_entry_size(e), Qt::Uninitialized);
            if (!data.isEmpty())
                archive_read_data(a.get(), data.data(), size_t(data.size()));
            members.insert(QString::fromUtf8(archive_entry_pathname(e)), data);
        }
    }
    if (!members.contains(QStringLiteral("manifest.json")))
        return {SavedLayer{whole, sha256Of(whole)}};
    const QJsonObject manifest = QJsonDocument::fromJson(members.value(QStringLiteral("manifest.json"))).array().at(0).toObject();
    const QJsonObject config = QJsonDocument::fromJson(members.value(manifest.value(QStringLiteral("Config")).toString())).object();
    const QJsonArray diffIds = config.value(QStringLiteral("rootfs")).toObject().value(QStringLiteral("diff_ids")).toArray();
    const QJsonArray layers = manifest.value(QStringLiteral("Layers")).toArray();
    QVector<SavedLayer> out;
    for (int i = 0; i < layers.size(); ++i)
        out.append(SavedLayer{members.value(layers.at(i).toString()), diffIds.at(i).toString()});
    return out;
}

qint64 peakRssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression re(QStringLiteral("VmHWM:\\s+(\\d+)"));
    const auto m = re.match(QString::fromLatin1(f.readAll()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

} // namespace bulkhead::test
