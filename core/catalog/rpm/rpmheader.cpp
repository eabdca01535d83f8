#include "catalog/rpm/rpmheader.h"

#include <QtEndian>

namespace bulkhead {

namespace {

// rpm's own sanity limits (lib/header_internal.h: HEADER_TAGS_MAX, HEADER_DATA_MAX).
constexpr quint32 kMaxTags = 0xffff;
constexpr quint32 kMaxData = 0x0fffffff;
// Region tags (HEADERIMAGE/SIGNATURES/IMMUTABLE) describe the header itself; nothing to read.
constexpr quint32 kFirstRegionTag = 61;
constexpr quint32 kLastRegionTag = 63;
constexpr quint16 kModeTypeMask = 0170000;
constexpr quint16 kModeDir = 0040000;

quint32 be32(const char *p) { return qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(p)); }

// Bytes covered by a NUL-terminated string starting at offset, or 0 when it runs off the end.
quint32 stringLength(const QByteArray &data, quint32 offset)
{
    const int nul = data.indexOf('\0', int(offset));
    return nul < 0 ? 0 : quint32(nul) - offset + 1;
}

} // namespace

Result<RpmHeader> RpmHeader::parse(const QByteArray &input)
{
    static const QByteArray magic = QByteArray::fromHex("8eade801");
    const QByteArray blob = input.startsWith(magic) ? input.mid(8) : input;
    if (blob.size() < 8)
        return fail(QStringLiteral("The RPM header is truncated (%1 bytes).").arg(blob.size()), InvalidInput);
    const quint32 il = be32(blob.constData());
    const quint32 dl = be32(blob.constData() + 4);
    if (il == 0 || il > kMaxTags || dl > kMaxData)
        return fail(QStringLiteral("The RPM header claims %1 entries and %2 data bytes, which is not a valid header.")
                        .arg(il)
                        .arg(dl),
            InvalidInput);
    const quint64 need = 8 + quint64(il) * 16 + dl;
    if (need > quint64(blob.size()))
        return fail(QStringLiteral("The RPM header is truncated: it needs %1 bytes but has %2.").arg(need).arg(blob.size()),
            InvalidInput);

    RpmHeader h;
    h.m_data = blob.mid(int(8 + quint64(il) * 16), int(dl));
    h.m_entries.reserve(int(il));
    for (quint32 i = 0; i < il; ++i) {
        const char *e = blob.constData() + 8 + quint64(i) * 16;
        const quint32 tag = be32(e);
        Entry entry;
        entry.type = be32(e + 4);
        entry.offset = be32(e + 8);
        entry.count = be32(e + 12);
        if (tag >= kFirstRegionTag && tag <= kLastRegionTag)
            continue;
        if (entry.offset > dl)
            return fail(QStringLiteral("RPM header entry %1 (tag %2) points outside the header data.").arg(i).arg(tag),
                InvalidInput);
        const quint64 room = dl - entry.offset;
        quint64 length = 0;
        switch (entry.type) {
        case Null:
            break;
        case Char:
        case Int8:
        case Bin:
            length = entry.count;
            break;
        case Int16:
            length = quint64(entry.count) * 2;
            break;
        case Int32:
            length = quint64(entry.count) * 4;
            break;
        case Int64:
            length = quint64(entry.count) * 8;
            break;
        case String:
        case StringArray:
        case I18nString: {
            if (entry.type == String && entry.count != 1)
                return fail(QStringLiteral("RPM header entry %1 (tag %2) is a string with count %3.")
                                .arg(i)
                                .arg(tag)
                                .arg(entry.count),
                    InvalidInput);
            // Every string takes at least one byte, so the loop is bounded by the data size.
            if (entry.count > room)
                return fail(QStringLiteral("RPM header entry %1 (tag %2) claims more strings than fit in the header.")
                                .arg(i)
                                .arg(tag),
                    InvalidInput);
            for (quint32 s = 0; s < entry.count; ++s) {
                const quint32 len = stringLength(h.m_data, entry.offset + quint32(length));
                if (len == 0)
                    return fail(QStringLiteral("RPM header entry %1 (tag %2) has an unterminated string.").arg(i).arg(tag),
                        InvalidInput);
                length += len;
            }
            break;
        }
        default:
            return fail(QStringLiteral("RPM header entry %1 (tag %2) has unknown type %3.").arg(i).arg(tag).arg(entry.type),
                InvalidInput);
        }
        if (length > room)
            return fail(QStringLiteral("RPM header entry %1 (tag %2) runs past the end of the header data.").arg(i).arg(tag),
                InvalidInput);
        entry.length = quint32(length);
        if (!h.m_entries.contains(tag))
            h.m_entries.insert(tag, entry);
    }
    return h;
}

QString RpmHeader::string(quint32 tag) const
{
    const auto it = m_entries.constFind(tag);
    if (it == m_entries.cend() || (it->type != String && it->type != StringArray && it->type != I18nString)
        || it->count == 0)
        return {};
    return QString::fromUtf8(m_data.constData() + it->offset);
}

QStringList RpmHeader::stringArray(quint32 tag) const
{
    const auto it = m_entries.constFind(tag);
    if (it == m_entries.cend() || (it->type != String && it->type != StringArray && it->type != I18nString))
        return {};
    QStringList out;
    out.reserve(int(it->count));
    const char *p = m_data.constData() + it->offset;
    for (quint32 i = 0; i < it->count; ++i) {
        const QByteArray s(p); // validated NUL-terminated inside m_data by parse()
        out << QString::fromUtf8(s);
        p += s.size() + 1;
    }
    return out;
}

QVector<qint64> RpmHeader::integers(quint32 tag) const
{
    const auto it = m_entries.constFind(tag);
    if (it == m_entries.cend())
        return {};
    const uchar *p = reinterpret_cast<const uchar *>(m_data.constData()) + it->offset;
    QVector<qint64> out;
    switch (it->type) {
    case Char:
    case Int8:
        for (quint32 i = 0; i < it->count; ++i)
            out << qint64(p[i]);
        break;
    case Int16:
        for (quint32 i = 0; i < it->count; ++i)
            out << qint64(qFromBigEndian<quint16>(p + 2 * i));
        break;
    case Int32:
        for (quint32 i = 0; i < it->count; ++i)
            out << qint64(qFromBigEndian<quint32>(p + 4 * i));
        break;
    case Int64:
        for (quint32 i = 0; i < it->count; ++i)
            out << qint64(qFromBigEndian<quint64>(p + 8 * i));
        break;
    default:
        break;
    }
    return out;
}

std::optional<qint64> RpmHeader::integer(quint32 tag) const
{
    const QVector<qint64> v = integers(tag);
    if (v.isEmpty())
        return std::nullopt;
    return v.first();
}

QByteArray RpmHeader::binary(quint32 tag) const
{
    const auto it = m_entries.constFind(tag);
    if (it == m_entries.cend() || it->type != Bin)
        return {};
    return m_data.mid(int(it->offset), int(it->length));
}

QString RpmPackageInfo::evr() const
{
    const QString vr = release.isEmpty() ? version : version + u'-' + release;
    return epoch ? QString::number(*epoch) + u':' + vr : vr;
}

namespace {

// An absolute path from the header as a relative, normalised path; empty when it is hostile.
QString cleanPath(const QString &path)
{
    QStringList parts;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..")
            return {};
        parts << part;
    }
    return parts.join(u'/');
}

} // namespace

Result<RpmPackageInfo> rpmPackageInfo(const RpmHeader &h)
{
    RpmPackageInfo info;
    info.name = h.string(RpmTag::Name);
    info.version = h.string(RpmTag::Version);
    info.release = h.string(RpmTag::Release);
    if (info.name.isEmpty() || info.version.isEmpty())
        return fail(QStringLiteral("The RPM header has no package name or version."), InvalidInput);
    info.epoch = h.integer(RpmTag::Epoch);
    info.arch = h.string(RpmTag::Arch);
    info.sourceRpm = h.string(RpmTag::SourceRpm);
    info.license = h.string(RpmTag::License);
    info.vendor = h.string(RpmTag::Vendor);
    info.summary = h.string(RpmTag::Summary);
    info.modularityLabel = h.string(RpmTag::ModularityLabel);
    if (const auto size = h.integer(RpmTag::Size))
        info.size = *size;

    QStringList paths;
    const QStringList baseNames = h.stringArray(RpmTag::BaseNames);
    if (!baseNames.isEmpty()) {
        const QStringList dirNames = h.stringArray(RpmTag::DirNames);
        const QVector<qint64> dirIndexes = h.integers(RpmTag::DirIndexes);
        for (int i = 0; i < baseNames.size(); ++i) {
            const qint64 d = i < dirIndexes.size() ? dirIndexes[i] : -1;
            if (d < 0 || d >= dirNames.size()) {
                paths << QString(); // keeps indexes aligned with FILEMODES
                continue;
            }
            paths << dirNames[int(d)] + baseNames[i];
        }
    } else {
        paths = h.stringArray(RpmTag::OldFileNames);
    }
    const QVector<qint64> modes = h.integers(RpmTag::FileModes);
    const bool haveModes = modes.size() == paths.size();
    for (int i = 0; i < paths.size(); ++i) {
        if (paths[i].isEmpty()) {
            ++info.droppedPaths;
            continue;
        }
        if (haveModes && (quint16(modes[i]) & kModeTypeMask) == kModeDir)
            continue;
        const QString clean = cleanPath(paths[i]);
        if (clean.isEmpty()) {
            ++info.droppedPaths;
            continue;
        }
        info.files << clean;
    }
    return info;
}

QPair<QString, QString> splitSourceRpm(const QString &sourceRpm)
{
    // N-V-R.src.rpm (also .nosrc.rpm): release and version are the last two '-' fields.
    QString nvr = sourceRpm;
    if (nvr.endsWith(u".src.rpm"))
        nvr.chop(8);
    else if (nvr.endsWith(u".nosrc.rpm"))
        nvr.chop(10);
    else
        return {};
    const int r = nvr.lastIndexOf(u'-');
    if (r <= 0)
        return {};
    const int v = nvr.lastIndexOf(u'-', r - 1);
    if (v <= 0)
        return {};
    return { nvr.left(v), nvr.mid(v + 1) };
}

} // namespace bulkhead
