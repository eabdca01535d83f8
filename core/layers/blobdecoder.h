#pragma once
// Internal to core/layers (used by layerscanner.cpp): reading a layer blob exactly once
// (BlobReader: blob digest, progress, cancellation) and decoding it (plain, gzip with isa-l,
// zstd) under the size and decompression-ratio limits (LimitedDecoder).

#include "common/progress.h"
#include "common/result.h"
#include "common/sha256.h"
#include "layers/layerscanner.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <cstring>
#include <memory>

namespace bulkhead::layerio {

constexpr qint64 kReadSize = 1 << 20;        // bytes asked from the blob stream at once
constexpr qint64 kChunkSize = 1 << 20;       // decoded bytes handed to the tar reader at once
constexpr int kQueueDepth = 4;               // decoded chunks in flight between the threads
constexpr qint64 kProgressStep = 4LL << 20;  // report progress (and so check cancel) this often

inline const QString kStage = QStringLiteral("layers");

inline QString layerName(const LayerExpectation &e)
{
    if (!e.digest.isEmpty())
        return QStringLiteral("Layer ") + e.digest;
    if (!e.diffId.isEmpty())
        return QStringLiteral("Layer ") + e.diffId;
    return QStringLiteral("The layer");
}

inline tl::unexpected<Error> cancelled()
{
    return fail(QStringLiteral("The layer scan was cancelled."), Cancelled);
}

// Reads the stored blob exactly once: hashes it (blob digest), counts it, reports progress and
// honours cancellation between reads.
class BlobReader {
public:
    BlobReader(ByteStream &stream, const ProgressSink &progress, const LayerExpectation &expected)
        : m_stream(stream), m_progress(progress), m_expected(expected)
    {
        m_buffer.resize(kReadSize);
    }

    // Makes input available; false at the end of the blob.
    Result<bool> fill()
    {
        if (m_pos < m_len)
            return true;
        if (m_eof)
            return false;
        if (m_progress.isCancelled())
            return cancelled();
        const qint64 n = m_stream.read(m_buffer.data(), kReadSize);
        if (n < 0)
            return readError();
        m_pos = 0;
        m_len = n;
        if (n == 0) {
            m_eof = true;
            report();
            return false;
        }
        m_hash.addData(m_buffer.constData(), n);
        m_total += n;
        if (m_total - m_lastReport >= kProgressStep)
            report();
        return true;
    }

    // Makes at least n bytes available unless the blob is shorter (for sniffing magic bytes
    // whatever the stream's read sizes).
    Result<void> fillAtLeast(qint64 n)
    {
        while (available() < n && !m_eof) {
            if (m_pos > 0) {
                memmove(m_buffer.data(), m_buffer.constData() + m_pos, size_t(available()));
                m_len -= m_pos;
                m_pos = 0;
            }
            if (m_progress.isCancelled())
                return cancelled();
            const qint64 got = m_stream.read(m_buffer.data() + m_len, kReadSize - m_len);
            if (got < 0)
                return readError();
            if (got == 0) {
                m_eof = true;
                break;
            }
            m_hash.addData(m_buffer.constData() + m_len, got);
            m_total += got;
            m_len += got;
        }
        return {};
    }

    const char *data() const { return m_buffer.constData() + m_pos; }
    qint64 available() const { return m_len - m_pos; }
    void consume(qint64 n) { m_pos += n; }
    qint64 total() const { return m_total; }
    bool atEnd() const { return m_eof && m_pos >= m_len; }
    QString digest() { return m_hash.digest(); }

private:
    tl::unexpected<Error> readError() const
    {
        const QString why = m_stream.errorString();
        return fail(layerName(m_expected) + QStringLiteral(" could not be read: ")
                        + (why.isEmpty() ? QStringLiteral("read error") : why) + u'.',
                    IoError);
    }

    void report()
    {
        m_lastReport = m_total;
        ProgressInfo info;
        info.stage = QStringLiteral("Reading layers");
        info.detail = m_expected.digest;
        info.bytesDone = m_total;
        info.bytesTotal = m_stream.sizeHint();
        m_progress.report(info);
    }

    ByteStream &m_stream;
    const ProgressSink &m_progress;
    const LayerExpectation &m_expected;
    QByteArray m_buffer;
    qint64 m_pos = 0;
    qint64 m_len = 0;
    bool m_eof = false;
    qint64 m_total = 0;
    qint64 m_lastReport = 0;
    Sha256 m_hash;
};

// Turns the stored blob into the uncompressed tar stream.
class Decoder {
public:
    virtual ~Decoder() = default;
    // Fills up to maxSize bytes; 0 at the end of the stream.
    virtual Result<qint64> decode(char *out, qint64 maxSize) = 0;
};

class PlainDecoder final : public Decoder {
public:
    explicit PlainDecoder(BlobReader &in) : m_in(in) {}
    Result<qint64> decode(char *out, qint64 maxSize) override
    {
        qint64 done = 0;
        while (done < maxSize) {
            auto more = m_in.fill();
            if (!more)
                return tl::unexpected(more.error());
            if (!*more)
                break;
            const qint64 n = std::min(maxSize - done, m_in.available());
            memcpy(out + done, m_in.data(), size_t(n));
            m_in.consume(n);
            done += n;
        }
        return done;
    }

private:
    BlobReader &m_in;
};

// gzip (RFC 1952) with isa-l; several members in a row are one stream (RFC 1952 section 2.2),
// anything else after the last member is an error rather than silently ignored.
class GzipDecoder final : public Decoder {
public:
    GzipDecoder(BlobReader &in, const LayerExpectation &expected) : m_in(in), m_expected(expected)
    {
        isal_inflate_init(&m_state);
        m_state.crc_flag = ISAL_GZIP;
    }

    Result<qint64> decode(char *out, qint64 maxSize) override
    {
        m_state.next_out = reinterpret_cast<uint8_t *>(out);
        m_state.avail_out = uint32_t(maxSize);
        while (m_state.avail_out > 0 && !m_done) {
            if (m_state.avail_in == 0) {
                // Everything handed to isa-l so far is used up; the first time round the
                // reader still holds the sniffed bytes, which are input too.
                if (m_fed)
                    m_in.consume(m_in.available());
                m_fed = true;
                auto more = m_in.fill();
                if (!more)
                    return tl::unexpected(more.error());
                m_state.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(m_in.data()));
                m_state.avail_in = uint32_t(m_in.available());
            }
            if (m_memberDone) {
                if (m_state.avail_in == 0) {
                    m_done = true;  // clean end after the last member
                    break;
                }
                if (m_state.next_in[0] != 0x1f)
                    return corrupt(QStringLiteral("unexpected data after the end of the gzip stream"));
                // Another member follows: start over on it, keeping the input position.
                uint8_t *nextIn = m_state.next_in;
                const uint32_t availIn = m_state.avail_in;
                uint8_t *nextOut = m_state.next_out;
                const uint32_t availOut = m_state.avail_out;
                isal_inflate_reset(&m_state);
                m_state.crc_flag = ISAL_GZIP;
                m_state.next_in = nextIn;
                m_state.avail_in = availIn;
                m_state.next_out = nextOut;
                m_state.avail_out = availOut;
                m_memberDone = false;
            }
            const bool inputEnded = m_state.avail_in == 0;
            const uint32_t outBefore = m_state.avail_out;
            const int ret = isal_inflate(&m_state);
            if (ret < 0)
                return corrupt(isalMessage(ret));
            if (m_state.block_state == ISAL_BLOCK_FINISH) {
                m_memberDone = true;
                continue;
            }
            if (inputEnded && m_state.avail_out == outBefore)
                return corrupt(QStringLiteral("the gzip data is truncated"));
        }
        return maxSize - qint64(m_state.avail_out);
    }

private:
    static QString isalMessage(int ret)
    {
        switch (ret) {
        case ISAL_INCORRECT_CHECKSUM:
            return QStringLiteral("the gzip checksum does not match");
        case ISAL_INVALID_WRAPPER:
        case ISAL_UNSUPPORTED_METHOD:
            return QStringLiteral("the gzip header is invalid");
        default:
            return QStringLiteral("the gzip data is corrupt (isa-l error %1)").arg(ret);
        }
    }

    tl::unexpected<Error> corrupt(const QString &why) const
    {
        return fail(layerName(m_expected) + QStringLiteral(" is corrupt: ") + why + u'.', InvalidInput);
    }

    BlobReader &m_in;
    const LayerExpectation &m_expected;
    inflate_state m_state;
    bool m_fed = false;
    bool m_memberDone = false;
    bool m_done = false;
};

// zstd (RFC 8878) with the streaming API; consecutive frames are one stream.
class ZstdDecoder final : public Decoder {
public:
    ZstdDecoder(BlobReader &in, const LayerExpectation &expected)
        : m_in(in), m_expected(expected), m_stream(ZSTD_createDStream())
    {
        ZSTD_initDStream(m_stream);
    }
    ~ZstdDecoder() override { ZSTD_freeDStream(m_stream); }

    Result<qint64> decode(char *out, qint64 maxSize) override
    {
        ZSTD_outBuffer ob{out, size_t(maxSize), 0};
        while (ob.pos < ob.size) {
            auto more = m_in.fill();
            if (!more)
                return tl::unexpected(more.error());
            // At the end of the input with a frame complete (0 from the last call) the stream
            // ended cleanly; otherwise let zstd flush what it holds.
            if (!*more && m_pending == 0)
                break;
            ZSTD_inBuffer ib{m_in.data(), size_t(m_in.available()), 0};
            const size_t outBefore = ob.pos;
            const size_t ret = ZSTD_decompressStream(m_stream, &ob, &ib);
            m_in.consume(qint64(ib.pos));
            if (ZSTD_isError(ret))
                return corrupt(QStringLiteral("the zstd data is corrupt (")
                               + QString::fromLatin1(ZSTD_getErrorName(ret)) + u')');
            m_pending = ret;
            if (!*more && ob.pos == outBefore && m_pending != 0)
                return corrupt(QStringLiteral("the zstd data is truncated"));
        }
        return qint64(ob.pos);
    }

private:
    tl::unexpected<Error> corrupt(const QString &why) const
    {
        return fail(layerName(m_expected) + QStringLiteral(" is corrupt: ") + why + u'.', InvalidInput);
    }

    BlobReader &m_in;
    const LayerExpectation &m_expected;
    ZSTD_DStream *m_stream;
    size_t m_pending = 0;
};

// Decodes the blob and enforces the size and ratio limits on the decoded stream.
class LimitedDecoder {
public:
    LimitedDecoder(Decoder &decoder, BlobReader &in, const LayerLimits &limits,
                   const LayerExpectation &expected, const ProgressSink &progress)
        : m_decoder(decoder), m_in(in), m_limits(limits), m_expected(expected), m_progress(progress) {}

    Result<qint64> decode(char *out, qint64 maxSize)
    {
        auto n = m_decoder.decode(out, maxSize);
        if (!n)
            return n;
        m_total += *n;
        // Well-compressed data yields many MiB per blob read: check here too.
        if (m_total - m_lastCancelCheck >= kProgressStep) {
            m_lastCancelCheck = m_total;
            if (m_progress.isCancelled())
                return cancelled();
        }
        if (m_total > m_limits.maxLayerSize)
            return fail(layerName(m_expected)
                            + QStringLiteral(" is larger than the limit of %1 MiB uncompressed.")
                                  .arg(m_limits.maxLayerSize >> 20),
                        LimitExceeded);
        // A decompression bomb shows as an extreme ratio; small layers may compress well, so
        // only look past the floor.
        if (m_total > m_limits.maxRatioFloor && m_in.total() > 0
            && double(m_total) / double(m_in.total()) > m_limits.maxRatio)
            return fail(layerName(m_expected)
                            + QStringLiteral(" expands more than %1 times when decompressed "
                                             "(a decompression bomb?).")
                                  .arg(m_limits.maxRatio),
                        LimitExceeded);
        return n;
    }

    qint64 total() const { return m_total; }

private:
    Decoder &m_decoder;
    BlobReader &m_in;
    const LayerLimits &m_limits;
    const LayerExpectation &m_expected;
    const ProgressSink &m_progress;
    qint64 m_total = 0;
    qint64 m_lastCancelCheck = 0;
};

} // namespace bulkhead::layerio
