#include "layers/layercache.h"

#include "common/sha256.h"

#include <QDataStream>
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

// File layout: magic, format version, payload length, sha256 of the payload, payload.
constexpr char kMagic[4] = {'B', 'H', 'L', 'C'};
constexpr quint32 kFormatVersion = 2;
constexpr int kHeaderSize = 4 + 4 + 8 + 32;
const QString kSuffix = QStringLiteral(".layer");

// Plain functions rather than QDataStream operators, so they cannot clash with operators that
// other modules may define for the same shared types.
void writeWarnings(QDataStream &s, const ScanWarnings &ws)
{
    s << quint32(ws.size());
    for (const ScanWarning &w : ws)
        s << w.stage << w.path << w.message;
}

void readWarnings(QDataStream &s, ScanWarnings &ws)
{
    quint32 n = 0;
    s >> n;
    ws.resize(n);
    for (ScanWarning &w : ws)
        s >> w.stage >> w.path >> w.message;
}

void writePackage(QDataStream &s, const Package &p)
{
    s << p.ecosystem << p.name << p.version << p.arch << p.sourceName << p.sourceVersion << p.licenses
      << p.purl << p.extraPurls << p.foundIn << p.cataloger << qint32(p.layer.index) << p.layer.digest
      << p.layer.diffId << p.layer.createdBy << p.metadata;
}

void readPackage(QDataStream &s, Package &p)
{
    qint32 index = -1;
    s >> p.ecosystem >> p.name >> p.version >> p.arch >> p.sourceName >> p.sourceVersion >> p.licenses
      >> p.purl >> p.extraPurls >> p.foundIn >> p.cataloger >> index >> p.layer.digest
      >> p.layer.diffId >> p.layer.createdBy >> p.metadata;
    p.layer.index = index;
}

void writeResult(QDataStream &s, const LayerResult &r)
{
    s << r.diffId << r.blobDigest << r.compressedSize << r.uncompressedSize;
    s << quint32(r.entries.size());
    for (const LayerEntry &e : r.entries)
        s << e.path << qint8(e.type) << e.size << e.mode << e.linkTarget;
    s << r.whiteouts << r.opaqueDirs;
    s << quint32(r.files.size());
    for (const CataloguedFile &f : r.files) {
        s << f.catalogerId << f.path << quint32(f.facts.packages.size());
        for (const Package &p : f.facts.packages)
            writePackage(s, p);
        s << f.facts.properties << f.facts.ownedPaths;
        writeWarnings(s, f.facts.warnings);
    }
    writeWarnings(s, r.warnings);
}

void readResult(QDataStream &s, LayerResult &r)
{
    s >> r.diffId >> r.blobDigest >> r.compressedSize >> r.uncompressedSize;
    quint32 n = 0;
    s >> n;
    r.entries.resize(n);
    for (LayerEntry &e : r.entries) {
        qint8 type = 0;
        s >> e.path >> type >> e.size >> e.mode >> e.linkTarget;
        e.type = char(type);
    }
    s >> r.whiteouts >> r.opaqueDirs;
    s >> n;
    r.files.resize(n);
    for (CataloguedFile &f : r.files) {
        quint32 np = 0;
        s >> f.catalogerId >> f.path >> np;
        f.facts.packages.resize(np);
        for (Package &p : f.facts.packages)
            readPackage(s, p);
        s >> f.facts.properties >> f.facts.ownedPaths;
        readWarnings(s, f.facts.warnings);
    }
    readWarnings(s, r.warnings);
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
    const QByteArray data = file.readAll();
    file.close();

    auto reject = [&]() -> std::optional<LayerResult> {
        // Never trust a damaged entry; remove it so it is rewritten on the next scan.
        QFile::remove(path);
        return std::nullopt;
    };
    if (data.size() < kHeaderSize || memcmp(data.constData(), kMagic, 4) != 0)
        return reject();
    const auto *raw = reinterpret_cast<const uchar *>(data.constData());
    if (qFromBigEndian<quint32>(raw + 4) != kFormatVersion)
        return reject();
    const quint64 length = qFromBigEndian<quint64>(raw + 8);
    if (length != quint64(data.size() - kHeaderSize))
        return reject();
    const QByteArray payload = QByteArray::fromRawData(data.constData() + kHeaderSize, data.size() - kHeaderSize);
    Sha256 hash;
    hash.addData(payload);
    if (hash.result() != QByteArray::fromRawData(data.constData() + 16, 32))
        return reject();

    QDataStream in(payload);
    in.setVersion(QDataStream::Qt_6_4);
    in.setByteOrder(QDataStream::LittleEndian);
    QString key;
    in >> key;
    if (key != keyText(diffId, fingerprint))
        return std::nullopt;  // a different key hashing to this name: not ours to remove
    LayerResult result;
    readResult(in, result);
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return reject();
    touch(path);
    return result;
}

Result<void> LayerCache::store(const QString &fingerprint, const LayerResult &result) const
{
    if (!QDir().mkpath(m_dir))
        return fail(QStringLiteral("Cannot create the layer cache directory %1.").arg(m_dir), IoError);

    QByteArray payload;
    {
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        // Strings then load without a byte swap per character on the usual little-endian hosts.
        out.setByteOrder(QDataStream::LittleEndian);
        out << keyText(result.diffId, fingerprint);
        writeResult(out, result);
    }
    QByteArray header(kHeaderSize, '\0');
    memcpy(header.data(), kMagic, 4);
    qToBigEndian<quint32>(kFormatVersion, header.data() + 4);
    qToBigEndian<quint64>(quint64(payload.size()), header.data() + 8);
    Sha256 hash;
    hash.addData(payload);
    const QByteArray sum = hash.result();
    memcpy(header.data() + 16, sum.constData(), 32);

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
