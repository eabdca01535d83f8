#include "image/engine/enginesource.h"

#include "image/bytestreams.h"
#include "image/dockerarchivesource.h"
#include "image/imagefiles.h"
#include "image/imagemetadata.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>

namespace bulkhead {

namespace {

// /images/{id}/history lists newest first, times in seconds and no empty_layer flag. Entries
// that report a size made a layer; when that does not account for every layer, zero-size
// entries that are not metadata-only instructions are counted as layers too. Without a 1:1
// match attachConfig() attributes nothing, which is honest.
QJsonArray historyFromEngine(const QJsonArray &newestFirst, int layerCount)
{
    struct Entry {
        QJsonObject o;
        qint64 size;
        bool metadataOnly;
    };
    QVector<Entry> entries;
    for (int i = newestFirst.size() - 1; i >= 0; --i) {
        const QJsonObject h = newestFirst.at(i).toObject();
        const QString by = h.value(u"CreatedBy").toString();
        Entry e;
        e.size = qint64(h.value(u"Size").toDouble());
        e.metadataOnly = by.contains(u"#(nop)");
        QJsonObject o;
        const qint64 created = qint64(h.value(u"Created").toDouble());
        if (created > 0)
            o.insert(QStringLiteral("created"),
                     QDateTime::fromSecsSinceEpoch(created, Qt::UTC).toString(Qt::ISODate));
        o.insert(QStringLiteral("created_by"), by);
        if (!h.value(u"Comment").toString().isEmpty())
            o.insert(QStringLiteral("comment"), h.value(u"Comment").toString());
        e.o = o;
        entries.append(e);
    }
    int sized = 0;
    int plausible = 0;
    for (const Entry &e : entries) {
        sized += e.size > 0 ? 1 : 0;
        plausible += (e.size > 0 || !e.metadataOnly) ? 1 : 0;
    }
    QJsonArray out;
    for (Entry &e : entries) {
        bool empty = false;
        if (sized == layerCount)
            empty = e.size <= 0;
        else if (plausible == layerCount)
            empty = e.size <= 0 && e.metadataOnly;
        if (empty)
            e.o.insert(QStringLiteral("empty_layer"), true);
        out.append(e.o);
    }
    return out;
}

// Counts what comes from the socket, for progress.
class CountingStream final : public ByteStream {
public:
    CountingStream(ByteStream &inner, ProgressInfo &info, const ProgressSink &progress)
        : m_inner(inner), m_info(info), m_progress(progress)
    {
    }
    qint64 read(char *data, qint64 maxSize) override
    {
        const qint64 n = m_inner.read(data, maxSize);
        if (n > 0) {
            m_info.bytesDone += n;
            if (m_info.bytesTotal >= 0 && m_info.bytesDone > m_info.bytesTotal)
                m_info.bytesTotal = -1;   // the engine's size is of the content, the tar is a bit larger
            m_progress.report(m_info);
        }
        return n;
    }
    QString errorString() const override { return m_inner.errorString(); }

private:
    ByteStream &m_inner;
    ProgressInfo &m_info;
    const ProgressSink &m_progress;
};

// Serves the first bytes of a stream from memory after looking at them.
class PeekedStream final : public ByteStream {
public:
    explicit PeekedStream(ByteStream &inner) : m_inner(inner) {}
    Result<QByteArray> peek(int size)
    {
        while (m_head.size() < size) {
            char buf[512];
            const qint64 n = m_inner.read(buf, qMin<qint64>(sizeof buf, size - m_head.size()));
            if (n < 0)
                return fail(m_inner.errorString(), IoError);
            if (n == 0)
                break;
            m_head.append(buf, int(n));
        }
        return m_head;
    }
    qint64 read(char *data, qint64 maxSize) override
    {
        if (m_pos < m_head.size()) {
            const qint64 n = qMin<qint64>(maxSize, m_head.size() - m_pos);
            std::memcpy(data, m_head.constData() + m_pos, size_t(n));
            m_pos += n;
            return n;
        }
        return m_inner.read(data, maxSize);
    }
    QString errorString() const override { return m_inner.errorString(); }
    qint64 sizeHint() const override { return m_inner.sizeHint(); }

private:
    ByteStream &m_inner;
    QByteArray m_head;
    qint64 m_pos = 0;
};

// Whether the first bytes are those of a layer blob: a tar header ("ustar" at 257, or the zero
// block of an empty tar), gzip or zstd. Manifests and configs (JSON) are not.
bool looksLikeLayer(const QByteArray &head)
{
    if (head.startsWith("\x1f\x8b") || head.startsWith("\x28\xb5\x2f\xfd"))
        return true;
    if (head.size() >= 262 && head.mid(257, 5) == "ustar")
        return true;
    return head.size() == 512 && head.count('\0') == 512;
}

// libarchive pulls the export through this.
struct ExportReader {
    ByteStream *stream = nullptr;
    QByteArray buffer = QByteArray(64 * 1024, Qt::Uninitialized);
    QString error;

    static la_ssize_t read(archive *a, void *self, const void **out)
    {
        auto *r = static_cast<ExportReader *>(self);
        const qint64 n = r->stream->read(r->buffer.data(), r->buffer.size());
        if (n < 0) {
            r->error = r->stream->errorString();
            archive_set_error(a, EIO, "%s", r->error.toUtf8().constData());
            return -1;
        }
        *out = r->buffer.constData();
        return la_ssize_t(n);
    }
};

struct ArchiveDeleter {
    void operator()(archive *a) const { archive_read_free(a); }
};

} // namespace

EngineSource::EngineSource(EngineKind kind, const QString &name, const QString &reference)
    : m_kind(kind), m_name(name),
      m_reference(reference.isEmpty() ? engineKindName(kind) + u':' + name : reference)
{
}

QString EngineSource::describe() const
{
    if (!m_client)
        return QStringLiteral("the image '%1'").arg(m_name);
    return QStringLiteral("the image '%1' of %2").arg(m_name, m_client->http().peerName());
}

Result<ImageInfo> EngineSource::open(const OpenOptions &options, const ProgressSink &progress)
{
    m_opened = false;
    auto client = EngineClient::connect(m_kind, progress);
    if (!client)
        return tl::unexpected(client.error());
    m_client = std::move(*client);
    progress.report({QStringLiteral("Reading image metadata"), m_name});

    auto inspect = m_client->getJson(engineImagePath(m_name) + QStringLiteral("/json"));
    if (!inspect) {
        if (inspect.error().code == NotFound)
            return fail(QStringLiteral("The %1 engine at unix://%2 has no image '%3'.")
                            .arg(m_client->http().engineName(), m_client->http().socketPath(), m_name),
                        NotFound);
        return tl::unexpected(inspect.error());
    }
    const QJsonObject image = inspect->object();
    m_imageId = image.value(u"Id").toString();
    if (m_imageId.isEmpty())
        return fail(QStringLiteral("The engine described %1 without an Id.").arg(describe()), InvalidInput);
    if (!m_imageId.contains(u':'))
        m_imageId.prepend(QStringLiteral("sha256:"));
    m_imageSize = qint64(image.value(u"Size").toDouble(-1));

    auto history = m_client->getJson(engineImagePath(m_imageId) + QStringLiteral("/history"));
    if (!history)
        return tl::unexpected(history.error());
    const QJsonArray diffIds = image.value(u"RootFS").toObject().value(u"Layers").toArray();

    // The inspect answer carries the config's fields under Docker's names; rebuilt as an image
    // config (config.md) it goes through the one config parser every source uses.
    QJsonObject config;
    config.insert(QStringLiteral("created"), image.value(u"Created"));
    config.insert(QStringLiteral("author"), image.value(u"Author"));
    config.insert(QStringLiteral("os"), image.value(u"Os"));
    config.insert(QStringLiteral("architecture"), image.value(u"Architecture"));
    if (!image.value(u"Variant").toString().isEmpty())
        config.insert(QStringLiteral("variant"), image.value(u"Variant"));
    config.insert(QStringLiteral("config"), image.value(u"Config").toObject());
    QJsonObject rootfs;
    rootfs.insert(QStringLiteral("type"), QStringLiteral("layers"));
    rootfs.insert(QStringLiteral("diff_ids"), diffIds);
    config.insert(QStringLiteral("rootfs"), rootfs);
    config.insert(QStringLiteral("history"), historyFromEngine(history->array(), diffIds.size()));
    auto parsed = parseImageConfig(QJsonDocument(config).toJson(QJsonDocument::Compact),
                                   QStringLiteral("The description of ") + describe());
    if (!parsed)
        return tl::unexpected(parsed.error());

    if (!options.platform.isEmpty() && !options.platform.matches(parsed->platform))
        return fail(QStringLiteral("%1 is for %2, not %3; an engine holds one platform of an image.")
                        .arg(describe(), parsed->platform.toString(), options.platform.toString()),
                    NotFound);

    ImageInfo info;
    info.reference = m_reference;
    info.sourceKind = engineKindName(m_client->kind());
    for (const QJsonValue &t : image.value(u"RepoTags").toArray())
        if (t.toString() != u"<none>:<none>")
            info.repoTags.append(t.toString());
    const QString repoDigest = image.value(u"RepoDigests").toArray().at(0).toString();
    if (repoDigest.contains(u'@'))
        info.manifestDigest = repoDigest.section(u'@', 1);
    info.configDigest = m_imageId;
    info.config = *parsed;
    for (const QJsonValue &d : diffIds) {
        LayerInfo layer;
        // The export holds the layers uncompressed (docker save, containers/image docker-archive):
        // the stored digest is the diff_id, which the layer engine verifies.
        layer.digest = d.toString();
        info.layers.append(layer);
    }
    if (auto ok = attachConfig(info.layers, info.config, describe()); !ok)
        return tl::unexpected(ok.error());
    m_info = info;
    m_opened = true;
    return info;
}

Result<void> EngineSource::streamLayers(const QSet<int> &wanted, LayerSink &sink, const ProgressSink &progress)
{
    if (!m_opened || !m_client)
        return fail(QStringLiteral("The image %1 was not opened before streaming its layers.").arg(m_reference),
                    GenericError);
    // What is still to deliver, by diff_id (a blob serves every layer with its diff_id).
    QHash<QString, QVector<int>> pending;
    QHash<QString, QVector<int>> layersByDiffId;
    for (int i = 0; i < m_info.layers.size(); ++i)
        layersByDiffId[m_info.layers[i].diffId].append(i);
    for (int index : wanted) {
        if (index < 0 || index >= m_info.layers.size())
            return fail(QStringLiteral("The image %1 has no layer %2.").arg(m_reference).arg(index), InvalidInput);
        pending[m_info.layers[index].diffId] = layersByDiffId[m_info.layers[index].diffId];
    }
    if (pending.isEmpty())
        return {};

    auto http = m_client->openStream(engineImagePath(m_imageId) + QStringLiteral("/get"), progress);
    if (!http)
        return tl::unexpected(http.error());
    ProgressInfo info;
    info.stage = QStringLiteral("Reading the image from the %1 engine").arg(m_client->http().engineName());
    info.detail = m_name;
    info.bytesTotal = m_imageSize;
    info.stepTotal = pending.size();
    CountingStream counted(**http, info, progress);
    ExportReader reader;
    reader.stream = &counted;
    std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
    archive_read_support_format_tar(a.get());
    const QString what = QStringLiteral("The export of ") + describe();
    if (archive_read_open(a.get(), &reader, nullptr, &ExportReader::read, nullptr) != ARCHIVE_OK)
        return fail(QStringLiteral("%1 is not a tar stream: %2.")
                        .arg(what, reader.error.isEmpty() ? QString::fromUtf8(archive_error_string(a.get()))
                                                          : reader.error),
                    reader.error.isEmpty() ? InvalidInput : NetworkError);

    QHash<QString, QString> diffIdByPath;   // from manifest.json, for members after it
    auto deliverKnown = [&](const QString &diffId, ByteStream &blob) -> Result<void> {
        const QVector<int> indices = pending.take(diffId);
        ++info.stepDone;
        return sink.consumeLayer(indices, blob);
    };

    archive_entry *e = nullptr;
    while (!pending.isEmpty()) {
        if (progress.isCancelled())
            return fail(QStringLiteral("Cancelled."), Cancelled);
        const int r = archive_read_next_header(a.get(), &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            if (!reader.error.isEmpty())
                return fail(reader.error, NetworkError);
            return fail(QStringLiteral("%1 is not a readable tar stream: %2.")
                            .arg(what, QString::fromUtf8(archive_error_string(a.get()))),
                        InvalidInput);
        }
        if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e))
            continue;   // directories, and links to blobs that are (or will be) read themselves
        const char *utf8 = archive_entry_pathname_utf8(e);
        const QString path = cleanImagePath(utf8 ? QString::fromUtf8(utf8)
                                                 : QFile::decodeName(archive_entry_pathname(e)));
        const qint64 size = archive_entry_size(e);
        ArchiveEntryStream member(a.get(), size);

        if (path == u"manifest.json") {
            QByteArray bytes;
            char buf[65536];
            for (qint64 n; (n = member.read(buf, sizeof buf)) != 0;) {
                if (n < 0)
                    return fail(reader.error.isEmpty() ? member.errorString() : reader.error, NetworkError);
                if (bytes.size() + n > kMaxMetadataSize)
                    return fail(QStringLiteral("%1 has a manifest.json over %2 MiB.").arg(what).arg(kMaxMetadataSize >> 20),
                                LimitExceeded);
                bytes.append(buf, int(n));
            }
            auto doc = parseJsonObject(QByteArray("{\"m\":") + bytes + '}', what + QStringLiteral(" (manifest.json)"));
            if (!doc)
                return tl::unexpected(doc.error());
            for (const QJsonValue &entry : doc->value(u"m").toArray()) {
                const QJsonArray layers = entry.toObject().value(u"Layers").toArray();
                if (layers.size() != m_info.layers.size())
                    continue;
                for (int i = 0; i < layers.size(); ++i)
                    diffIdByPath.insert(cleanImagePath(layers[i].toString()), m_info.layers[i].diffId);
            }
            continue;
        }
        const QString named = digestFromName(path);
        if (path.endsWith(u".json") || named == m_imageId)
            continue;   // the config, legacy per-layer json
        // A member named after a diff_id holds that diff (docker-archive stores layers uncompressed).
        if (!named.isEmpty() && layersByDiffId.contains(named)) {
            if (pending.contains(named))
                if (auto ok = deliverKnown(named, member); !ok)
                    return ok;
            continue;
        }
        // Mapped by manifest.json and named after no other digest: a classic <v1id>/layer.tar.
        const auto mapped = diffIdByPath.constFind(path);
        if (named.isEmpty() && mapped != diffIdByPath.constEnd()) {
            if (pending.contains(*mapped))
                if (auto ok = deliverKnown(*mapped, member); !ok)
                    return ok;
            continue;
        }
        // Anything else may be a layer we cannot name yet (or a compressed one): let its content say.
        PeekedStream peeked(member);
        auto head = peeked.peek(512);
        if (!head)
            return fail(reader.error.isEmpty() ? head.error().message : reader.error, NetworkError);
        if (!looksLikeLayer(*head))
            continue;
        auto served = sink.consumeUnidentifiedLayer(peeked);
        if (!served)
            return tl::unexpected(served.error());
        for (int index : *served) {
            if (pending.remove(m_info.layers[index].diffId) > 0)
                ++info.stepDone;
        }
    }
    // Once every wanted layer is in, the rest of the export is not read: destroying the stream
    // ends the transfer.
    if (!pending.isEmpty()) {
        QStringList missing;
        for (auto it = pending.cbegin(); it != pending.cend(); ++it)
            missing.append(QStringLiteral("%1 (%2)").arg(it.value().first() + 1).arg(it.key()));
        return fail(QStringLiteral("%1 ended without layer %2.").arg(what, missing.join(QStringLiteral(", "))),
                    InvalidInput);
    }
    return {};
}

bool engineHasImage(EngineKind kind, const QString &name)
{
    auto client = EngineClient::connect(kind);
    if (!client)
        return false;
    return bool(client->getJson(engineImagePath(name) + QStringLiteral("/json")));
}

} // namespace bulkhead
