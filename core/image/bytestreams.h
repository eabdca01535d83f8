#pragma once
// Concrete ByteStreams the image sources hand to a LayerSink: bytes in memory, and a byte range
// of a file (a blob in an OCI directory, or a member of an uncompressed tar read in place).

#include "image/imagesource.h"

#include <QByteArray>
#include <QFile>

struct archive;

namespace bulkhead {

class MemoryStream final : public ByteStream {
public:
    explicit MemoryStream(QByteArray data) : m_data(std::move(data)) {}
    qint64 read(char *data, qint64 maxSize) override;
    qint64 sizeHint() const override { return m_data.size(); }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

// Reads `length` bytes of `path` from `offset`. A file shorter than that (truncated after it was
// indexed) is an error, not a silent short blob.
class FileRangeStream final : public ByteStream {
public:
    FileRangeStream(const QString &path, qint64 offset, qint64 length);
    qint64 read(char *data, qint64 maxSize) override;
    QString errorString() const override { return m_error; }
    qint64 sizeHint() const override { return m_length; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
    qint64 m_done = 0;
    bool m_opened = false;
    QString m_error;
};

// The data of the current entry of a libarchive reader (archive_read_data), e.g. a member of a
// compressed tar or of a tar arriving as a stream.
class ArchiveEntryStream final : public ByteStream {
public:
    ArchiveEntryStream(archive *a, qint64 size) : m_archive(a), m_size(size) {}
    qint64 read(char *data, qint64 maxSize) override;
    QString errorString() const override { return m_error; }
    qint64 sizeHint() const override { return m_size; }

private:
    archive *m_archive;
    qint64 m_size;
    QString m_error;
};

} // namespace bulkhead
