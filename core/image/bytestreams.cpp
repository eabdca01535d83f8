#include "image/bytestreams.h"

#include <archive.h>
#include <cstring>

namespace bulkhead {

qint64 MemoryStream::read(char *data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, qint64(m_data.size()) - m_pos);
    if (n <= 0)
        return 0;
    std::memcpy(data, m_data.constData() + m_pos, size_t(n));
    m_pos += n;
    return n;
}

FileRangeStream::FileRangeStream(const QString &path, qint64 offset, qint64 length)
    : m_file(path), m_offset(offset), m_length(length)
{
}

qint64 FileRangeStream::read(char *data, qint64 maxSize)
{
    if (!m_error.isEmpty())
        return -1;
    if (!m_opened) {
        m_opened = true;
        if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !m_file.seek(m_offset)) {
            m_error = QStringLiteral("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString());
            return -1;
        }
    }
    const qint64 want = qMin(maxSize, m_length - m_done);
    if (want <= 0)
        return 0;
    const qint64 n = m_file.read(data, want);
    if (n <= 0) {
        m_error = n < 0 ? QStringLiteral("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString())
                        : QStringLiteral("%1 is truncated: it ends %2 bytes before the expected end.")
                              .arg(m_file.fileName()).arg(m_length - m_done);
        return -1;
    }
    m_done += n;
    return n;
}

qint64 ArchiveEntryStream::read(char *data, qint64 maxSize)
{
    const la_ssize_t n = archive_read_data(m_archive, data, size_t(maxSize));
    if (n < 0)
        m_error = QString::fromUtf8(archive_error_string(m_archive));
    return qint64(n);
}

} // namespace bulkhead
