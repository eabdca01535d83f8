#include "layers/layercache.h"

#include "common/sha256.h"

#include <isa-l/crc64.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtEndian>

#include <sys/stat.h>
#include <ctime>
#include <fcntl.h>
#include <algorithm>

namespace bulkhead {

namespace {

// File layout: magic, format version, payload length, CRC-64 (ECMA-182, isa-l) of the payload,
// payload. Version 3 replaced SHA-256 (a cryptographic hash guards against nobody here: whoever
// can write the cache can write a matching hash) and QDataStream (slow per string) with the plain
// little-endian encoding below; older entries fail the version check and are rewritten.
constexpr char kMagic[4] = {'B', 'H', 'L', 'C'};
constexpr quint32 kFormatVersion = 3;
constexpr int kHeaderSize = 4 + 4 + 8 + 8;
const QString kSuffix = QStringLiteral(".layer");

quint64 checksumOf(const char *data, qint64 size)
{
    return crc64_ecma_refl(0, reinterpret_cast<const unsigned char *>(data), quint64(size));
}

// Payload encoding: integers little-endian; a string is its UTF-16 length (0xffffffff = null)
// and its UTF-16 code units; a list is its length and its items.
class Writer {
public:
    QByteArray out;

    template <typename T>
    void put(T v)
    {
        char b[sizeof(T)];
        qToLittleEndian(v, b);
        out.append(b, sizeof(T));
    }
    void u32(quint32 v) { put(v); }
    void i64(qint64 v) { put(v); }
    void str(const QString &s)
    {
        if (s.isNull()) {
            u32(0xffffffffu);
            return;
        }
        u32(quint32(s.size()));
        out.append(reinterpret_cast<const char *>(s.utf16()), s.size() * 2);
    }
    void list(const QStringList &l)
    {
        u32(quint32(l.size()));
        for (const QString &s : l)
            str(s);
    }
    void map(const QMap<QString, QString> &m)
    {
        u32(quint32(m.size()));
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            str(it.key());
            str(it.value());
        }
    }
};

// Reads what Writer wrote from memory; any read past the end (or a count the remaining bytes
// cannot hold) sets ok = false and yields empty values from then on.
class Reader {
public:
    Reader(const char *p, const char *end) : m_p(p), m_end(end) {}
    bool ok = true;
    bool atEnd() const { return m_p == m_end; }

    template <typename T>
    T get()
    {
        if (!need(sizeof(T)))
            return 0;
        const T v = qFromLittleEndian<T>(m_p);
        m_p += sizeof(T);
        return v;
    }
    quint32 u32() { return get<quint32>(); }
    qint64 i64() { return get<qint64>(); }
    QString str()
    {
        const quint32 n = u32();
        if (n == 0xffffffffu || !ok)
            return QString();
        if (!need(qint64(n) * 2))
            return QString();
        QString s(qsizetype(n), Qt::Uninitialized);
        memcpy(s.data(), m_p, size_t(n) * 2);
        m_p += qint64(n) * 2;
        return s;
    }
    // A count of items that take at least `minBytes` each: bounded by what is left.
    quint32 count(int minBytes)
    {
        const quint32 n = u32();
        if (ok && qint64(n) * minBytes > m_end - m_p)
            ok = false;
        return ok ? n : 0;
    }
    QStringList list()
    {
        QStringList l;
        const quint32 n = count(4);
        l.reserve(n);
        for (quint32 i = 0; i < n && ok; ++i)
            l.append(str());
        return l;
    }
    QMap<QString, QString> map()
    {
        QMap<QString, QString> m;
        const quint32 n = count(8);
        for (quint32 i = 0; i < n && ok; ++i) {
            QString k = str();
            m.insert(k, str());
        }
        return m;
    }

private:
    bool need(qint64 n)
    {
        if (ok && n <= m_end - m_p)
            return true;
        ok = false;
        return false;
    }
    const char *m_p;
    const char *m_end;
};

void writeWarnings(Writer &w, const ScanWarnings &ws)
{
    w.u32(quint32(ws.size()));
    for (const ScanWarning &x : ws) {
        w.str(x.stage);
        w.str(x.path);
        w.str(x.message);
    }
}

void readWarnings(Reader &r, ScanWarnings &ws)
{
    ws.resize(r.count(12));
    for (ScanWarning &x : ws) {
        x.stage = r.str();
        x.path = r.str();
        x.message = r.str();
    }
}

void writePackage(Writer &w, const Package &p)
{
    for (const QString *s : {&p.ecosystem, &p.name, &p.version, &p.arch, &p.sourceName, &p.sourceVersion})
        w.str(*s);
    w.list(p.licenses);
    w.str(p.purl);
    w.list(p.extraPurls);
    w.str(p.foundIn);
    w.str(p.cataloger);
    w.u32(quint32(qint32(p.layer.index)));
    w.str(p.layer.digest);
    w.str(p.layer.diffId);
    w.str(p.layer.createdBy);
    w.map(p.metadata);
}

void readPackage(Reader &r, Package &p)
{
    for (QString *s : {&p.ecosystem, &p.name, &p.version, &p.arch, &p.sourceName, &p.sourceVersion})
        *s = r.str();
    p.licenses = r.list();
    p.purl = r.str();
    p.extraPurls = r.list();
    p.foundIn = r.str();
    p.cataloger = r.str();
    p.layer.index = qint32(r.u32());
    p.layer.digest = r.str();
    p.layer.diffId = r.str();
    p.layer.createdBy = r.str();
    p.metadata = r.map();
}

void writeResult(Writer &w, const LayerResult &r)
{
    w.str(r.diffId);
    w.str(r.blobDigest);
    w.i64(r.compressedSize);
    w.i64(r.uncompressedSize);
    w.u32(quint32(r.entries.size()));
    for (const LayerEntry &e : r.entries) {
        w.str(e.path);
        w.u32(quint32(quint8(e.type)));
        w.i64(e.size);
        w.u32(e.mode);
        w.str(e.linkTarget);
    }
    w.list(r.whiteouts);
    w.list(r.opaqueDirs);
    w.u32(quint32(r.files.size()));
    for (const CataloguedFile &f : r.files) {
        w.str(f.catalogerId);
        w.str(f.path);
        w.u32(quint32(f.facts.packages.size()));
        for (const Package &p : f.facts.packages)
            writePackage(w, p);
        w.map(f.facts.properties);
        w.list(f.facts.ownedPaths);
        writeWarnings(w, f.facts.warnings);
    }
    writeWarnings(w, r.warnings);
}

void readResult(Reader &in, LayerResult &r)
{
    r.diffId = in.str();
    r.blobDigest = in.str();
    r.compressedSize = in.i64();
    r.uncompressedSize = in.i64();
    r.entries.resize(in.count(24));
    for (LayerEntry &e : r.entries) {
        e.path = in.str();
        e.type = char(in.u32());
        e.size = in.i64();
        e.mode = in.u32();
        e.linkTarget = in.str();
    }
    r.whiteouts = in.list();
    r.opaqueDirs = in.list();
    r.files.resize(in.count(24));
    for (CataloguedFile &f : r.files) {
        f.catalogerId = in.str();
        f.path = in.str();
        f.facts.packages.resize(in.count(4));
        for (Package &p : f.facts.packages)
            readPackage(in, p);
        f.facts.properties = in.map();
        f.facts.ownedPaths = in.list();
        readWarnings(in, f.facts.warnings);
    }
    readWarnings(in, r.warnings);
}

QString keyText(const QString &diffId, const QString &fingerprint)
{
    return diffId + u'|' + fingerprint + u'|' + QString::number(LayerCache::EngineVersion);
}

// Marks a file as just used (LRU order is the modification time). An explicit, fine-grained
// timestamp rather than the kernel's coarse clock keeps the order exact.
void touch(const QString &file)
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    const timespec times[2] = {now, now};
    utimensat(AT_FDCWD, QFile::encodeName(file).constData(), times, 0);
}

} // namespace

LayerCache::LayerCache(const QString &directory, qint64 maxBytes) : m_maxBytes(maxBytes)
{
    if (!directory.isEmpty())
        m_dir = directory;
    else if (const QString env = qEnvironmentVariable("BULKHEAD_CACHE_DIR"); !env.isEmpty())
        m_dir = env + QStringLiteral("/layers");
    else
        m_dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
                + QStringLiteral("/bulkhead/layers");
}

QString LayerCache::fileFor(const QString &diffId, const QString &fingerprint) const
{
    return m_dir + u'/' + Sha256::digestOf(keyText(diffId, fingerprint).toUtf8()).mid(7) + kSuffix;
}

std::optional<LayerResult> LayerCache::load(const QString &diffId, const QString &fingerprint) const
{
    const QString path = fileFor(diffId, fingerprint);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto reject = [&]() -> std::optional<LayerResult> {
        // Never trust a damaged entry; remove it so it is rewritten on the next scan.
        file.close();
        QFile::remove(path);
        return std::nullopt;
    };
    const qint64 size = file.size();
    if (size < kHeaderSize)
        return reject();
    // Mapped, not read: the payload is decoded straight from the page cache.
    const char *data = reinterpret_cast<const char *>(file.map(0, size));
    if (!data)
        return reject();
    const auto *raw = reinterpret_cast<const uchar *>(data);
    if (memcmp(data, kMagic, 4) != 0 || qFromBigEndian<quint32>(raw + 4) != kFormatVersion)
        return reject();
    const quint64 length = qFromBigEndian<quint64>(raw + 8);
    if (length != quint64(size - kHeaderSize))
        return reject();
    if (checksumOf(data + kHeaderSize, size - kHeaderSize) != qFromBigEndian<quint64>(raw + 16))
        return reject();

    Reader in(data + kHeaderSize, data + size);
    if (in.str() != keyText(diffId, fingerprint))
        return std::nullopt;  // a different key hashing to this name: not ours to remove
    LayerResult result;
    readResult(in, result);
    if (!in.ok || !in.atEnd())
        return reject();
    file.close();
    touch(path);
    return result;
}

Result<void> LayerCache::store(const QString &fingerprint, const LayerResult &result) const
{
    if (!QDir().mkpath(m_dir))
        return fail(QStringLiteral("Cannot create the layer cache directory %1.").arg(m_dir), IoError);

    Writer w;
    w.out.reserve(1 << 16);
    w.str(keyText(result.diffId, fingerprint));
    writeResult(w, result);
    const QByteArray &payload = w.out;
    QByteArray header(kHeaderSize, '\0');
    memcpy(header.data(), kMagic, 4);
    qToBigEndian<quint32>(kFormatVersion, header.data() + 4);
    qToBigEndian<quint64>(quint64(payload.size()), header.data() + 8);
    qToBigEndian<quint64>(checksumOf(payload.constData(), payload.size()), header.data() + 16);

    // QSaveFile writes a temporary file in the same directory and renames it over the target:
    // readers see the old entry or the new one, never a mix, whoever else is writing.
    const QString path = fileFor(result.diffId, fingerprint);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(header) != header.size()
        || file.write(payload) != payload.size() || !file.commit())
        return fail(QStringLiteral("Cannot write the layer cache entry %1: %2.").arg(path, file.errorString()),
                    IoError);
    touch(path);
    evict();
    return {};
}

void LayerCache::evict() const
{
    struct Item {
        QString path;
        qint64 size;
        qint64 usedNs;
    };
    QVector<Item> items;
    qint64 total = 0;
    QDirIterator it(m_dir, {QStringLiteral("*") + kSuffix}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat st {};
        if (stat(QFile::encodeName(path).constData(), &st) != 0)
            continue;  // vanished under us (another process evicted it)
        items.append(Item{path, qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
        total += st.st_size;
    }
    if (total <= m_maxBytes)
        return;
    std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) { return a.usedNs < b.usedNs; });
    for (const Item &item : items) {
        if (total <= m_maxBytes)
            break;
        QFile::remove(item.path);  // failure (already gone) is fine
        total -= item.size;
    }
}

} // namespace bulkhead
