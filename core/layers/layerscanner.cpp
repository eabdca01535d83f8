#include "layers/layerscanner.h"

#include "common/sha256.h"
#include "layers/blobdecoder.h"
#include "layers/layerpath.h"

#include <QHash>

#include <archive.h>
#include <archive_entry.h>
#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <sys/stat.h>

#include <condition_variable>
#include <cstring>
#include <memory>
#include <optional>
#include <system_error>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace bulkhead {

namespace {

using namespace layerio;

// Where the tar reader gets its decoded bytes from.
class ChunkSource {
public:
    virtual ~ChunkSource() = default;
    // The next chunk (valid until the next call); 0 at the end, -1 when the decoding side
    // failed or stopped (its error is reported by the owner).
    virtual qint64 next(const char **data) = 0;
    // The reading side gives up: the producer is to stop as soon as it can.
    virtual void stop() {}
};

// Decodes on demand, on the calling thread.
class DirectSource final : public ChunkSource {
public:
    explicit DirectSource(LimitedDecoder &decoder) : m_decoder(decoder), m_buffer(kChunkSize, 0) {}
    qint64 next(const char **data) override
    {
        if (m_error)
            return -1;
        auto n = m_decoder.decode(m_buffer.data(), kChunkSize);
        if (!n) {
            m_error = n.error();
            return -1;
        }
        *data = m_buffer.data();
        return *n;
    }
    const std::optional<Error> &error() const { return m_error; }

private:
    std::optional<Error> m_error;
    LimitedDecoder &m_decoder;
    std::vector<char> m_buffer;
};

// A bounded queue of fixed buffers between the decoding thread (producer) and the tar thread
// (consumer); memory stays at kQueueDepth chunks whatever the layer size.
class ChunkQueue final : public ChunkSource {
public:
    ChunkQueue() : m_buffers(kQueueDepth, std::vector<char>(kChunkSize)), m_sizes(kQueueDepth, 0)
    {
        for (int i = 0; i < kQueueDepth; ++i)
            m_free.push_back(i);
    }

    // Producer side. Returns -1 when the consumer stopped.
    int acquire()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [this] { return !m_free.empty() || m_stopped; });
        if (m_stopped)
            return -1;
        const int i = m_free.front();
        m_free.pop_front();
        return i;
    }
    char *buffer(int i) { return m_buffers[size_t(i)].data(); }
    void publish(int i, qint64 size)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sizes[size_t(i)] = size;
        m_full.push_back(i);
        m_cv.notify_all();
    }
    void finish(bool ok)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_finished = true;
        m_ok = ok;
        m_cv.notify_all();
    }

    // Consumer side.
    qint64 next(const char **data) override
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_current >= 0) {
            m_free.push_back(m_current);
            m_current = -1;
            m_cv.notify_all();
        }
        m_cv.wait(lock, [this] { return !m_full.empty() || m_finished; });
        if (m_full.empty())
            return m_ok ? 0 : -1;
        m_current = m_full.front();
        m_full.pop_front();
        *data = m_buffers[size_t(m_current)].data();
        return m_sizes[size_t(m_current)];
    }
    void stop() override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopped = true;
        m_cv.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<std::vector<char>> m_buffers;
    std::vector<qint64> m_sizes;
    std::deque<int> m_free;
    std::deque<int> m_full;
    int m_current = -1;
    bool m_finished = false;
    bool m_ok = true;
    bool m_stopped = false;
};

// Reads the uncompressed tar with libarchive, hashes it (diff_id), records the entries and
// whiteouts and runs the catalogers.
class TarWalker {
public:
    // hashDiff false: the caller knows the diff_id already (an uncompressed blob is its own tar).
    TarWalker(ChunkSource &source, const CatalogerList &catalogers, const LayerLimits &limits,
              const LayerExpectation &expected, const ProgressSink &progress, LayerResult &result,
              bool hashDiff)
        : m_source(source), m_catalogers(catalogers), m_limits(limits), m_expected(expected),
          m_progress(progress), m_result(result), m_hashDiff(hashDiff) {}

    Result<void> run()
    {
        auto r = walk();
        if (!r) {
            m_source.stop();
            return r;
        }
        // The tar end marker may be followed by padding: the diff_id covers every byte.
        const char *data = nullptr;
        qint64 n = 0;
        while ((n = m_source.next(&data)) > 0)
            if (m_hashDiff)
                m_diffHash.addData(data, n);
        if (n < 0)
            return fail(QString(), GenericError);  // the decoding side failed; it says why
        return {};
    }

    QString diffId() { return m_diffHash.digest(); }

private:
    static la_ssize_t readCallback(archive *, void *self, const void **buffer)
    {
        auto *w = static_cast<TarWalker *>(self);
        const char *data = nullptr;
        const qint64 n = w->m_source.next(&data);
        if (n < 0) {
            w->m_sourceFailed = true;
            return -1;
        }
        if (w->m_hashDiff)
            w->m_diffHash.addData(data, n);
        *buffer = data;
        return la_ssize_t(n);
    }

    Result<void> walk()
    {
        std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), &archive_read_free);
        // Only tar: decompression happened before, so no filters may sneak in a second layer.
        archive_read_support_format_tar(a.get());
        if (archive_read_open(a.get(), this, nullptr, &TarWalker::readCallback, nullptr) != ARCHIVE_OK)
            return tarError(a.get());
        archive_entry *entry = nullptr;
        qint64 count = 0;
        for (;;) {
            const int r = archive_read_next_header(a.get(), &entry);
            if (r == ARCHIVE_EOF)
                break;
            if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY)
                return tarError(a.get());
            if (r == ARCHIVE_WARN)
                warn(QString(), QStringLiteral("Tar reader warning: ")
                                    + QString::fromUtf8(archive_error_string(a.get())));
            if (++count > m_limits.maxEntries)
                return fail(layerName(m_expected)
                                + QStringLiteral(" has more than %1 entries.").arg(m_limits.maxEntries),
                            LimitExceeded);
            if ((count & 0xff) == 0 && m_progress.isCancelled())
                return cancelled();
            auto handled = handleEntry(a.get(), entry);
            if (!handled)
                return handled;
        }
        return {};
    }

    tl::unexpected<Error> tarError(archive *a)
    {
        if (m_sourceFailed)
            return fail(QString(), GenericError);  // the decoding side failed; it says why
        const char *msg = archive_error_string(a);
        return fail(layerName(m_expected) + QStringLiteral(" is not a valid tar archive: ")
                        + (msg ? QString::fromUtf8(msg) : QStringLiteral("unreadable")) + u'.',
                    InvalidInput);
    }

    void warn(const QString &path, const QString &message, const QString &stage = kStage)
    {
        m_result.warnings.append(ScanWarning{stage, path, message});
    }

    Result<void> handleEntry(archive *a, archive_entry *entry)
    {
        const char *rawName = archive_entry_pathname(entry);
        const QString raw = rawName ? QString::fromUtf8(rawName) : QString();
        const NormalisedPath np = normaliseLayerPath(raw);
        if (np.escapes) {
            warn(raw, QStringLiteral("Skipped a layer entry whose path climbs out of the image root."));
            return {};
        }
        if (np.absolute)
            // Runtimes extract "/x" to <root>/x; keep it there, but it is unusual enough to say.
            warn(raw, QStringLiteral("Layer entry has an absolute path; taken relative to the image root."));
        if (np.path.isEmpty())
            return {};  // the root directory itself

        // OCI image spec, layer.md "Whiteouts": ".wh.<name>" deletes <name> from lower layers,
        // ".wh..wh..opq" makes its directory opaque; other ".wh..wh." names are reserved.
        const int slash = np.path.lastIndexOf(u'/');
        const QString base = np.path.mid(slash + 1);
        if (base.startsWith(u".wh.")) {
            const QString dir = slash < 0 ? QString() : np.path.left(slash);
            const QString name = base.mid(4);
            if (base == u".wh..wh..opq")
                m_result.opaqueDirs.append(dir);
            else if (base.startsWith(u".wh..wh."))
                warn(raw, QStringLiteral("Ignored a reserved whiteout name."));
            else if (name.isEmpty() || name == u"." || name == u"..")
                // ".wh." or ".wh.." would delete the directory itself or its parent.
                warn(raw, QStringLiteral("Ignored a malformed whiteout."));
            else
                m_result.whiteouts.append(joinPath(dir, name));
            return {};
        }

        LayerEntry e;
        e.path = np.path;
        e.mode = quint32(archive_entry_mode(entry));
        e.size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
        if (e.size > m_limits.maxFileSize)
            return fail(layerName(m_expected)
                            + QStringLiteral(" holds a file larger than the limit of %1 MiB (%2).")
                                  .arg(m_limits.maxFileSize >> 20)
                                  .arg(np.path),
                        LimitExceeded);

        if (const char *hardlink = archive_entry_hardlink(entry)) {
            const NormalisedPath target = normaliseLayerPath(QString::fromUtf8(hardlink));
            if (target.escapes || target.path.isEmpty()) {
                warn(raw, QStringLiteral("Skipped a hard link whose target is outside the image root."));
                return {};
            }
            e.type = 'h';
            e.linkTarget = target.path;
            m_result.entries.append(e);
            catalogueHardLink(e);
            return {};
        }

        switch (archive_entry_filetype(entry)) {
        case AE_IFREG:
            e.type = 'f';
            break;
        case AE_IFDIR:
            e.type = 'd';
            e.size = 0;
            break;
        case AE_IFLNK:
            e.type = 'l';
            e.linkTarget = QString::fromUtf8(archive_entry_symlink(entry));
            break;
        default:
            e.type = 'o';  // fifo, device, socket: recorded, never read
            e.size = 0;
            break;
        }
        m_result.entries.append(e);
        if (e.type == 'f')
            return catalogueFile(a, e);
        return {};
    }

    QVector<const Cataloger *> wanting(const FileMeta &meta) const
    {
        QVector<const Cataloger *> out;
        for (const auto &c : m_catalogers)
            if (c->wants(meta))
                out.append(c.get());
        return out;
    }

    Result<void> catalogueFile(archive *a, const LayerEntry &e)
    {
        const FileMeta meta{e.path, e.size, e.mode};
        const QVector<const Cataloger *> wanted = wanting(meta);
        if (wanted.isEmpty())
            return {};
        qint64 readLimit = 0;
        for (const Cataloger *c : wanted)
            readLimit = std::max(readLimit, c->maxFileSize());
        if (e.size > readLimit) {
            for (const Cataloger *c : wanted)
                warn(e.path, QStringLiteral("File not read: larger than the %1 MiB this cataloger reads.")
                                 .arg(c->maxFileSize() >> 20),
                     QStringLiteral("catalog:") + c->id());
            return {};
        }
        QByteArray content(e.size, Qt::Uninitialized);
        qint64 done = 0;
        while (done < e.size) {
            const la_ssize_t n = archive_read_data(a, content.data() + done, size_t(e.size - done));
            if (n < 0)
                return tarError(a);
            if (n == 0)
                break;
            done += n;
        }
        content.truncate(done);
        if (done < e.size)
            warn(e.path, QStringLiteral("File content is shorter than its tar header says."));
        const qsizetype firstFile = m_result.files.size();
        parseWith(wanted, meta, content);
        // Keep the bytes for a later hard link while they fit the budget; otherwise keep what the
        // catalogers found (the file itself stays one transient buffer, freed here).
        Kept kept;
        kept.mode = e.mode;
        kept.size = content.size();
        if (m_keptBytes + content.size() <= m_limits.keptContentBudget) {
            m_keptBytes += content.size();
            kept.content = content;
            kept.hasContent = true;
        } else {
            for (qsizetype i = firstFile; i < m_result.files.size(); ++i)
                kept.files.append(m_result.files.at(i));
            for (const Cataloger *c : wanted)
                kept.parsedBy.append(c->id());
        }
        m_kept.insert(e.path, kept);
        return {};
    }

    // `file` as found at `target`, moved to `link`: the paths it names start with the target's.
    static CataloguedFile movedTo(CataloguedFile file, const QString &target, const QString &link)
    {
        auto moved = [&](QString path) {
            return path == target || path.startsWith(target + QStringLiteral("!/")) ? link + path.mid(target.size())
                                                                                    : path;
        };
        file.path = link;
        for (Package &p : file.facts.packages)
            p.foundIn = moved(p.foundIn);
        for (ScanWarning &w : file.facts.warnings)
            w.path = moved(w.path);
        return file;
    }

    void catalogueHardLink(const LayerEntry &e)
    {
        const auto kept = m_kept.constFind(e.linkTarget);
        const quint32 mode = kept != m_kept.constEnd() ? kept->mode : (e.mode & 07777) | S_IFREG;
        const qint64 size = kept != m_kept.constEnd() ? kept->size : e.size;
        const FileMeta meta{e.path, size, mode};
        const QVector<const Cataloger *> wanted = wanting(meta);
        if (wanted.isEmpty())
            return;
        if (kept == m_kept.constEnd()) {
            // The target's bytes went by unread (nobody wanted its own path) and the stream
            // cannot go back.
            for (const Cataloger *c : wanted)
                warn(e.path, QStringLiteral("Hard link to %1 not read: its content was not kept.").arg(e.linkTarget),
                     QStringLiteral("catalog:") + c->id());
            return;
        }
        if (kept->hasContent) {
            parseWith(wanted, meta, kept->content);
            return;
        }
        for (const Cataloger *c : wanted) {
            if (!kept->parsedBy.contains(c->id())) {
                warn(e.path, QStringLiteral("Hard link to %1 not read: its content was not kept.").arg(e.linkTarget),
                     QStringLiteral("catalog:") + c->id());
                continue;
            }
            for (const CataloguedFile &f : kept->files)
                if (f.catalogerId == c->id())
                    m_result.files.append(movedTo(f, e.linkTarget, e.path));
        }
    }

    void parseWith(const QVector<const Cataloger *> &wanted, const FileMeta &meta, const QByteArray &content)
    {
        for (const Cataloger *c : wanted) {
            if (meta.size > c->maxFileSize()) {
                warn(meta.path, QStringLiteral("File not read: larger than the %1 MiB this cataloger reads.")
                                    .arg(c->maxFileSize() >> 20),
                     QStringLiteral("catalog:") + c->id());
                continue;
            }
            auto facts = c->parse(meta, content);
            if (!facts) {
                warn(meta.path, facts.error().message, QStringLiteral("catalog:") + c->id());
                continue;
            }
            m_result.files.append(CataloguedFile{c->id(), meta.path, *facts});
        }
    }

    struct Kept {
        QByteArray content;            // when hasContent
        bool hasContent = false;
        quint32 mode = 0;
        qint64 size = 0;
        QStringList parsedBy;          // otherwise: the catalogers that read the file ...
        QVector<CataloguedFile> files; // ... and what they found in it
    };

    ChunkSource &m_source;
    const CatalogerList &m_catalogers;
    const LayerLimits &m_limits;
    const LayerExpectation &m_expected;
    const ProgressSink &m_progress;
    LayerResult &m_result;
    bool m_hashDiff;
    Sha256 m_diffHash;
    QHash<QString, Kept> m_kept;  // wanted files of this layer, for hard links to them
    qint64 m_keptBytes = 0;       // content bytes in m_kept (LayerLimits::keptContentBudget)
    bool m_sourceFailed = false;
};

enum class Compression { None, Gzip, Zstd };

} // namespace

LayerScanner::LayerScanner(CatalogerList catalogers, LayerLimits limits)
    : m_catalogers(std::move(catalogers)), m_limits(limits) {}

Result<LayerResult> LayerScanner::scan(ByteStream &blob, const LayerExpectation &expected,
                                       const ProgressSink &progress) const
{
    BlobReader in(blob, progress, expected);

    // Sniff the compression from the magic bytes (the media type is often wrong in practice).
    auto first = in.fillAtLeast(4);
    if (!first)
        return tl::unexpected(first.error());
    const QByteArray head(in.data(), int(std::min<qint64>(in.available(), 4)));
    Compression kind = Compression::None;
    if (head.startsWith("\x1f\x8b"))
        kind = Compression::Gzip;
    else if (head.startsWith("\x28\xb5\x2f\xfd"))
        kind = Compression::Zstd;

    std::unique_ptr<Decoder> decoder;
    switch (kind) {
    case Compression::Gzip:
        decoder = std::make_unique<GzipDecoder>(in, expected);
        break;
    case Compression::Zstd:
        decoder = std::make_unique<ZstdDecoder>(in, expected);
        break;
    case Compression::None:
        decoder = std::make_unique<PlainDecoder>(in);
        break;
    }
    LimitedDecoder limited(*decoder, in, m_limits, expected, progress);

    // An uncompressed blob is the tar itself: its digest is the diff_id, no need to hash twice.
    const bool hashDiff = kind != Compression::None;
    LayerResult result;
    std::optional<Error> decodeError;
    Result<void> walked;
    QString diffId;

    auto runDirect = [&] {
        DirectSource direct(limited);
        TarWalker walker(direct, m_catalogers, m_limits, expected, progress, result, hashDiff);
        walked = walker.run();
        diffId = walker.diffId();
        decodeError = direct.error();
    };

    if (!m_pipelined) {
        runDirect();
    } else {
        ChunkQueue queue;
        TarWalker walker(queue, m_catalogers, m_limits, expected, progress, result, hashDiff);
        std::thread tarThread;
        try {
            tarThread = std::thread([&] {
                walked = walker.run();
                diffId = walker.diffId();
            });
        } catch (const std::system_error &) {
            // No thread to be had (resource limits): nothing was read yet, do it all here.
        }
        if (!tarThread.joinable()) {
            runDirect();
        } else {
            for (;;) {
                const int i = queue.acquire();
                if (i < 0)
                    break;  // the tar side gave up; its error is the one to report
                auto n = limited.decode(queue.buffer(i), kChunkSize);
                if (!n) {
                    decodeError = n.error();
                    queue.finish(false);
                    break;
                }
                if (*n == 0) {
                    queue.finish(true);
                    break;
                }
                queue.publish(i, *n);
            }
            tarThread.join();
        }
    }

    if (decodeError)
        return tl::unexpected(*decodeError);
    if (!walked)
        return tl::unexpected(walked.error());

    result.blobDigest = in.digest();
    result.diffId = hashDiff ? diffId : result.blobDigest;
    result.compressedSize = in.total();
    result.uncompressedSize = limited.total();

    if (!expected.digest.isEmpty()) {
        if (!expected.digest.startsWith(u"sha256:"))
            result.warnings.append(ScanWarning{kStage, expected.digest,
                QStringLiteral("Blob digest not verified: only sha256 digests are checked.")});
        else if (expected.digest != result.blobDigest)
            return fail(layerName(expected) + QStringLiteral(" does not match its digest (got %1).")
                                                  .arg(result.blobDigest),
                        InvalidInput);
    }
    if (!expected.diffId.isEmpty() && expected.diffId != result.diffId)
        return fail(layerName(expected) + QStringLiteral(" does not match its diff_id %1 (got %2).")
                                              .arg(expected.diffId, result.diffId),
                    InvalidInput);
    return result;
}

} // namespace bulkhead
