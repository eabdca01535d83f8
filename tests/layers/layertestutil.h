#pragma once
// Helpers for the layer engine tests: real tar archives written with libarchive, compressed with
// isa-l (gzip) and libzstd, served through a ByteStream; a small "name version" cataloger that is
// a genuine client of the Cataloger interface.

#include "catalog/cataloger.h"
#include "image/imagesource.h"
#include "layers/layerresult.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <functional>

namespace bulkhead::test {

struct TarItem {
    QString path;            // written as is (may be hostile)
    char type = 'f';         // 'f' file, 'd' dir, 'l' symlink, 'h' hard link, 'p' fifo, 'c' char device
    QByteArray content;
    QString link;            // symlink or hard-link target
    quint32 perm = 0644;
};

inline TarItem file(const QString &path, const QByteArray &content) { return TarItem{path, 'f', content, {}, 0644}; }
inline TarItem dir(const QString &path) { return TarItem{path, 'd', {}, {}, 0755}; }
inline TarItem symlink(const QString &path, const QString &target) { return TarItem{path, 'l', {}, target, 0777}; }
inline TarItem hardlink(const QString &path, const QString &target) { return TarItem{path, 'h', {}, target, 0644}; }

QByteArray makeTar(const QVector<TarItem> &items);
QByteArray gzip(const QByteArray &data);    // one gzip member (isa-l)
QByteArray zstd(const QByteArray &data);
// A tar holding one file of `zeroBytes` zeros, gzipped while it is written (never in memory).
QByteArray gzippedZeroTar(qint64 zeroBytes);
QString sha256Of(const QByteArray &data);

// Serves a byte array, in reads of at most `chunk` bytes; `onRead` sees the running total.
class MemoryStream final : public ByteStream {
public:
    explicit MemoryStream(QByteArray data, qint64 chunk = 1 << 20) : m_data(std::move(data)), m_chunk(chunk) {}
    qint64 read(char *data, qint64 maxSize) override;
    QString errorString() const override { return m_error; }
    qint64 sizeHint() const override { return m_data.size(); }
    std::function<void(qint64)> onRead;
    qint64 failAfter = -1;   // report a read error once this many bytes were served

private:
    QByteArray m_data;
    qint64 m_chunk;
    qint64 m_pos = 0;
    QString m_error;
};

// Parses "name version" lines of files named "pkgs.txt"; a line without a version is an error.
class PkgsCataloger final : public Cataloger {
public:
    explicit PkgsCataloger(qint64 maxSize = 1 << 20) : m_maxSize(maxSize) {}
    QString id() const override { return QStringLiteral("pkgs"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &f) const override { return f.path == u"pkgs.txt" || f.path.endsWith(u"/pkgs.txt"); }
    qint64 maxFileSize() const override { return m_maxSize; }
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

private:
    qint64 m_maxSize;
};

// Every field of a result as text, for comparisons with readable failures.
QString describe(const LayerResult &r, bool withBlob = true);
// The layer tars of a `docker save` archive in manifest order, with the config's diff_ids; a tar
// without manifest.json is returned as a single layer.
struct SavedLayer {
    QByteArray tar;
    QString diffId;
};
QVector<SavedLayer> dockerSaveLayers(const QString &archivePath);
// Peak resident set size of this process in KiB (VmHWM), and resetting it.
qint64 peakRssKiB();
void resetPeakRss();

} // namespace bulkhead::test
