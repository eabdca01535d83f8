#include "catalog/rpm/rpmdbreader.h"

#include <QtEndian>
#include <sqlite3.h>

#include <cstring>
#include <memory>

namespace bulkhead {

// ---------------------------------------------------------------------------------------------
// SQLite

Result<RpmDbBlobs> readRpmSqlite(const QByteArray &file)
{
    static const QByteArray sqliteMagic("SQLite format 3\0", 16);
    if (!file.startsWith(sqliteMagic))
        return fail(QStringLiteral("The file is not an SQLite database."), InvalidInput);

    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_PRIVATECACHE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        return fail(QStringLiteral("SQLite could not open an in-memory database."), GenericError);
    }
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);

    // sqlite3_deserialize takes ownership of an sqlite3_malloc'ed copy (FREEONCLOSE).
    auto *copy = static_cast<unsigned char *>(sqlite3_malloc64(sqlite3_uint64(file.size())));
    if (!copy)
        return fail(QStringLiteral("Out of memory reading the rpm SQLite database."), LimitExceeded);
    std::memcpy(copy, file.constData(), size_t(file.size()));
    // rpm leaves its database in WAL mode (header bytes 18/19 = 2); an in-memory database
    // cannot use WAL, so read it as a rollback-journal database (the committed pages are the
    // same; anything only in the -wal file is not in this file anyway).
    if (file.size() > 19 && (copy[18] == 2 || copy[19] == 2)) {
        copy[18] = 1;
        copy[19] = 1;
    }
    const int rc = sqlite3_deserialize(db.get(), "main", copy, file.size(), file.size(),
        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("SQLite could not load the database: %1.")
                        .arg(QString::fromUtf8(sqlite3_errmsg(db.get()))),
            InvalidInput);

    sqlite3_stmt *stmtRaw = nullptr;
    if (sqlite3_prepare_v2(db.get(), "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &stmtRaw, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(stmtRaw);
        return fail(QStringLiteral("The database has no readable Packages table: %1.")
                        .arg(QString::fromUtf8(sqlite3_errmsg(db.get()))),
            InvalidInput);
    }
    const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(stmtRaw, &sqlite3_finalize);
    RpmDbBlobs out;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        const void *data = sqlite3_column_blob(stmt.get(), 1);
        const int size = sqlite3_column_bytes(stmt.get(), 1);
        if (!data || size <= 0) {
            out.problems << QStringLiteral("Package record %1 has an empty header.").arg(sqlite3_column_int64(stmt.get(), 0));
            continue;
        }
        out.headers << QByteArray(static_cast<const char *>(data), size);
    }
    if (step != SQLITE_DONE)
        out.problems << QStringLiteral("SQLite stopped reading the Packages table: %1.")
                            .arg(QString::fromUtf8(sqlite3_errmsg(db.get())));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Berkeley DB hash (db-5.3 dbinc/db_page.h layouts: DBMETA/HMETA, PAGE, HKEYDATA, HOFFPAGE)

namespace {

constexpr quint32 kHashMagic = 0x061561;
constexpr quint8 kPageHashMeta = 8;
constexpr quint8 kPageHashUnsorted = 2;
constexpr quint8 kPageHash = 13;
constexpr quint8 kPageOverflow = 7;
constexpr quint8 kItemKeyData = 1;
constexpr quint8 kItemOffPage = 3;
constexpr int kPageHeaderSize = 26; // SIZEOF_PAGE

class BdbFile {
public:
    BdbFile(const QByteArray &data, bool bigEndian) : m_data(data), m_big(bigEndian) { }
    quint32 u32(qint64 at) const
    {
        const uchar *p = reinterpret_cast<const uchar *>(m_data.constData()) + at;
        return m_big ? qFromBigEndian<quint32>(p) : qFromLittleEndian<quint32>(p);
    }
    quint16 u16(qint64 at) const
    {
        const uchar *p = reinterpret_cast<const uchar *>(m_data.constData()) + at;
        return m_big ? qFromBigEndian<quint16>(p) : qFromLittleEndian<quint16>(p);
    }
    quint8 u8(qint64 at) const { return quint8(m_data.at(int(at))); }

private:
    const QByteArray &m_data;
    bool m_big;
};

} // namespace

Result<RpmDbBlobs> readRpmBdb(const QByteArray &file)
{
    if (file.size() < 512)
        return fail(QStringLiteral("The file is too short to be a Berkeley DB database."), InvalidInput);
    const quint32 magicLe = qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(file.constData()) + 12);
    const quint32 magicBe = qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(file.constData()) + 12);
    if (magicLe != kHashMagic && magicBe != kHashMagic)
        return fail(QStringLiteral("The file is not a Berkeley DB hash database."), InvalidInput);
    const BdbFile f(file, magicLe != kHashMagic);
    const quint32 pageSize = f.u32(20);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        return fail(QStringLiteral("The Berkeley DB page size %1 is not valid.").arg(pageSize), InvalidInput);
    if (f.u8(24) != 0)
        return fail(QStringLiteral("The Berkeley DB database is encrypted."), InvalidInput);
    if (f.u8(25) != kPageHashMeta)
        return fail(QStringLiteral("The Berkeley DB metadata page has type %1, not a hash metadata page.").arg(f.u8(25)),
            InvalidInput);
    const quint64 pagesInFile = quint64(file.size()) / pageSize;
    const quint64 lastPage = f.u32(32);
    RpmDbBlobs out;
    quint64 pageCount = lastPage + 1;
    if (pageCount > pagesInFile) {
        out.problems << QStringLiteral("The database is truncated: it claims %1 pages but holds %2.")
                            .arg(pageCount)
                            .arg(pagesInFile);
        pageCount = pagesInFile;
    }

    // Follows an overflow chain; each page is visited at most once, so a loop ends the walk.
    const auto readOverflow = [&](quint32 first, quint32 total, QString *problem) -> QByteArray {
        QByteArray value;
        if (total > quint64(pageCount) * pageSize) {
            *problem = QStringLiteral("a value claims %1 bytes, more than the whole database").arg(total);
            return {};
        }
        value.reserve(int(total));
        QVector<bool> seen(int(pageCount), false);
        quint32 pg = first;
        while (quint32(value.size()) < total) {
            if (pg == 0 || pg >= pageCount) {
                *problem = QStringLiteral("an overflow chain points at page %1, outside the database").arg(pg);
                return {};
            }
            if (seen[int(pg)]) {
                *problem = QStringLiteral("an overflow chain loops back to page %1").arg(pg);
                return {};
            }
            seen[int(pg)] = true;
            const qint64 base = qint64(pg) * pageSize;
            if (f.u8(base + 25) != kPageOverflow) {
                *problem = QStringLiteral("page %1 of an overflow chain is not an overflow page").arg(pg);
                return {};
            }
            const quint32 len = f.u16(base + 22); // OV_LEN is kept in hf_offset
            if (len > pageSize - kPageHeaderSize || len == 0) {
                *problem = QStringLiteral("overflow page %1 claims %2 bytes").arg(pg).arg(len);
                return {};
            }
            const quint32 take = qMin(len, total - quint32(value.size()));
            value.append(file.constData() + base + kPageHeaderSize, int(take));
            pg = f.u32(base + 16);
        }
        return value;
    };

    int unsupported = 0;
    for (quint64 pg = 1; pg < pageCount; ++pg) {
        const qint64 base = qint64(pg) * pageSize;
        const quint8 type = f.u8(base + 25);
        if (type != kPageHash && type != kPageHashUnsorted)
            continue;
        const quint32 entries = f.u16(base + 20);
        if (kPageHeaderSize + quint64(entries) * 2 > pageSize) {
            out.problems << QStringLiteral("Hash page %1 claims %2 entries, more than fit in a page.").arg(pg).arg(entries);
            continue;
        }
        // Items are pairs: index 2k is the key, 2k+1 the value. An item ends where the previous
        // one (in index order) starts; item 0 ends at the end of the page (LEN_HITEM).
        const auto itemBounds = [&](quint32 index, quint32 *offset, quint32 *length) {
            const quint32 start = f.u16(base + kPageHeaderSize + 2 * index);
            const quint32 end = index == 0 ? pageSize : f.u16(base + kPageHeaderSize + 2 * (index - 1));
            if (start < kPageHeaderSize + entries * 2 || start >= end || end > pageSize)
                return false;
            *offset = start;
            *length = end - start;
            return true;
        };
        for (quint32 i = 0; i + 1 < entries; i += 2) {
            quint32 keyOff = 0, keyLen = 0, valOff = 0, valLen = 0;
            if (!itemBounds(i, &keyOff, &keyLen) || !itemBounds(i + 1, &valOff, &valLen)) {
                out.problems << QStringLiteral("Hash page %1 has an entry outside the page.").arg(pg);
                break;
            }
            // rpm keys are 4-byte header numbers; number 0 holds rpm's own bookkeeping.
            if (f.u8(base + keyOff) == kItemKeyData && keyLen == 5 && f.u32(base + keyOff + 1) == 0)
                continue;
            const quint8 valType = f.u8(base + valOff);
            if (valType == kItemKeyData) {
                out.headers << file.mid(int(base + valOff + 1), int(valLen - 1));
            } else if (valType == kItemOffPage && valLen >= 12) {
                QString problem;
                const QByteArray value = readOverflow(f.u32(base + valOff + 4), f.u32(base + valOff + 8), &problem);
                if (problem.isEmpty())
                    out.headers << value;
                else
                    out.problems << QStringLiteral("A package on hash page %1 was skipped: %2.").arg(pg).arg(problem);
            } else {
                ++unsupported;
            }
        }
    }
    if (unsupported > 0)
        out.problems << QStringLiteral("%1 hash entries of an unexpected kind (duplicates) were skipped.").arg(unsupported);
    return out;
}

// ---------------------------------------------------------------------------------------------
// NDB (rpm lib/backend/ndb/rpmpkg.c): little-endian; a 32-byte file header ("RpmP") in front of
// 16-byte slots ("Slot", pkgidx, blkoff, blkcnt) filling slotnpages 4 KiB pages; each slot
// points at a blob of blkcnt 16-byte blocks: "BlbS", pkgidx, generation, length, the header,
// then a tail (checksum, length, "BlbE").

namespace {

constexpr quint32 kNdbPageSize = 4096;
constexpr quint32 kNdbBlockSize = 16;
constexpr quint32 kNdbSlotSize = 16;
constexpr quint32 kNdbHeaderSize = 32;
constexpr int kNdbBlobHeadSize = 16;

quint32 le32(const QByteArray &d, qint64 at)
{
    return qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(d.constData()) + at);
}

} // namespace

Result<RpmDbBlobs> readRpmNdb(const QByteArray &file)
{
    if (file.size() < qint64(kNdbPageSize) || !file.startsWith("RpmP"))
        return fail(QStringLiteral("The file is not an rpm NDB database."), InvalidInput);
    const quint32 version = le32(file, 4);
    if (version != 0)
        return fail(QStringLiteral("The rpm NDB database has unsupported version %1.").arg(version), InvalidInput);
    const quint32 slotPages = le32(file, 12);
    RpmDbBlobs out;
    quint64 slotEnd = quint64(slotPages) * kNdbPageSize;
    if (slotPages == 0 || slotEnd > quint64(file.size())) {
        out.problems << QStringLiteral("The slot area (%1 pages) does not fit in the file; reading what is there.")
                            .arg(slotPages);
        slotEnd = quint64(file.size()) / kNdbPageSize * kNdbPageSize;
    }
    for (quint64 at = kNdbHeaderSize; at + kNdbSlotSize <= slotEnd; at += kNdbSlotSize) {
        if (file.mid(int(at), 4) != "Slot") {
            if (file.mid(int(at), int(kNdbSlotSize)).count('\0') == int(kNdbSlotSize))
                continue; // never-used slot

            out.problems << QStringLiteral("The slot at byte %1 has no slot magic; the slot table ends there.").arg(at);
            break;
        }
        const quint32 pkgIdx = le32(file, qint64(at) + 4);
        const quint32 blkOff = le32(file, qint64(at) + 8);
        const quint32 blkCnt = le32(file, qint64(at) + 12);
        if (pkgIdx == 0)
            continue; // free slot
        const quint64 start = quint64(blkOff) * kNdbBlockSize;
        const quint64 span = quint64(blkCnt) * kNdbBlockSize;
        if (start < slotEnd || span < quint64(kNdbBlobHeadSize) || start + span > quint64(file.size())) {
            out.problems << QStringLiteral("Package slot %1 points outside the file.").arg(pkgIdx);
            continue;
        }
        if (file.mid(int(start), 4) != "BlbS" || le32(file, qint64(start) + 4) != pkgIdx) {
            out.problems << QStringLiteral("The blob of package slot %1 has a bad header.").arg(pkgIdx);
            continue;
        }
        const quint32 length = le32(file, qint64(start) + 12);
        if (quint64(length) + kNdbBlobHeadSize > span) {
            out.problems << QStringLiteral("The blob of package slot %1 claims more bytes than its blocks hold.").arg(pkgIdx);
            continue;
        }
        out.headers << file.mid(int(start) + kNdbBlobHeadSize, int(length));
    }
    return out;
}

} // namespace bulkhead
