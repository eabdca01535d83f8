#include "image/fileimagesource.h"

#include <QHash>

namespace bulkhead {

namespace {

// Enforces the expected length, reports progress and honours cancellation while the sink reads.
class CheckedStream final : public ByteStream {
public:
    CheckedStream(ByteStream &inner, qint64 expected, const QString &what, const ProgressSink &progress,
                  ProgressInfo &info)
        : m_inner(inner), m_expected(expected), m_what(what), m_progress(progress), m_info(info)
    {
    }
    qint64 read(char *data, qint64 maxSize) override
    {
        if (m_progress.isCancelled()) {
            m_error = QStringLiteral("Cancelled.");
            return -1;
        }
        const qint64 n = m_inner.read(data, maxSize);
        if (n < 0) {
            m_error = m_inner.errorString();
            return n;
        }
        m_done += n;
        if (n == 0 && m_expected >= 0 && m_done != m_expected) {
            m_error = QStringLiteral("%1 is truncated: %2 of %3 bytes.").arg(m_what).arg(m_done).arg(m_expected);
            return -1;
        }
        if (m_expected >= 0 && m_done > m_expected) {
            m_error = QStringLiteral("%1 is longer than the %2 bytes declared.").arg(m_what).arg(m_expected);
            return -1;
        }
        m_info.bytesDone += n;
        if (n > 0)
            m_progress.report(m_info);
        return n;
    }
    QString errorString() const override { return m_error; }
    qint64 sizeHint() const override { return m_expected >= 0 ? m_expected : m_inner.sizeHint(); }

private:
    ByteStream &m_inner;
    qint64 m_expected;
    qint64 m_done = 0;
    QString m_what;
    const ProgressSink &m_progress;
    ProgressInfo &m_info;
    QString m_error;
};

} // namespace

FileImageSource::FileImageSource(const QString &path, const QString &tag, const QString &reference,
                                 std::shared_ptr<ImageFiles> files)
    : m_path(path), m_tag(tag), m_reference(reference), m_files(std::move(files))
{
}

Result<void> FileImageSource::beginOpen(bool archive, const ProgressSink &progress)
{
    ProgressInfo step;
    step.stage = QStringLiteral("Reading image manifest");
    step.detail = m_path;
    progress.report(step);
    m_opened = false;
    m_layerBlobs.clear();
    if (m_files)
        return {};
    auto files = archive ? openTarFiles(m_path, progress) : openDirectoryFiles(m_path);
    if (!files)
        return tl::unexpected(files.error());
    m_files = std::move(*files);
    return {};
}

Result<FileImageSource::LayerBlob> FileImageSource::locateLayer(const QString &path, qint64 declaredSize,
                                                                const QString &what)
{
    auto canonical = m_files->canonicalPath(path);
    if (!canonical) {
        if (canonical.error().code == NotFound)
            return fail(QStringLiteral("The blob of %1 (%2) is missing from %3.").arg(what, path, m_files->location()),
                        NotFound);
        return tl::unexpected(canonical.error());
    }
    const qint64 size = m_files->fileSize(*canonical);
    if (declaredSize >= 0 && size != declaredSize)
        return fail(QStringLiteral("The blob of %1 (%2) in %3 is %4 bytes, but the manifest says %5%6.")
                        .arg(what, path, m_files->location()).arg(size).arg(declaredSize)
                        .arg(size < declaredSize ? QStringLiteral(" (truncated)") : QString()),
                    InvalidInput);
    LayerBlob blob;
    blob.path = *canonical;
    blob.expectedSize = size;
    return blob;
}

Result<void> FileImageSource::streamLayers(const QSet<int> &wanted, LayerSink &sink,
                                           const ProgressSink &progress)
{
    if (!m_files || !m_opened)
        return fail(QStringLiteral("The image %1 was not opened before streaming its layers.").arg(m_reference),
                    GenericError);
    QHash<QString, QVector<int>> byPath;
    QStringList order;
    ProgressInfo info;
    info.stage = QStringLiteral("Reading layers");
    info.bytesTotal = 0;
    QList<int> sorted = wanted.values();
    std::sort(sorted.begin(), sorted.end());
    for (int index : sorted) {
        if (index < 0 || index >= m_layerBlobs.size())
            return fail(QStringLiteral("The image %1 has no layer %2.").arg(m_reference).arg(index), InvalidInput);
        const QString &path = m_layerBlobs[index].path;
        if (!byPath.contains(path)) {
            order.append(path);
            info.bytesTotal += qMax<qint64>(0, m_layerBlobs[index].expectedSize);
        }
        byPath[path].append(index);
    }
    info.stepTotal = order.size();
    return m_files->streamFiles(order, [&](const QString &path, ByteStream &blob) -> Result<void> {
        const QVector<int> &indices = byPath[path];
        info.detail = path;
        CheckedStream checked(blob, m_layerBlobs[indices.first()].expectedSize,
                              m_files->location() + u':' + path, progress, info);
        auto ok = sink.consumeLayer(indices, checked);
        ++info.stepDone;
        if (progress.isCancelled())
            return fail(QStringLiteral("Cancelled."), Cancelled);
        return ok;
    }, progress);
}

} // namespace bulkhead
