#include "catalog/binary/elffile.h"

#include <limits>

namespace bulkhead {

namespace {

// Header limits far above anything a linker writes; they bound the work on hostile headers.
constexpr quint64 kMaxSections = 65536;
constexpr quint64 kMaxSegments = 4096;

} // namespace

quint64 ElfFile::word(const char *p, int width) const
{
    quint64 v = 0;
    for (int i = 0; i < width; ++i) {
        const quint64 b = static_cast<unsigned char>(p[m_bigEndian ? i : width - 1 - i]);
        v = (v << 8) | b;
    }
    return v;
}

QByteArray ElfFile::bytesAt(quint64 offset, quint64 size) const
{
    const quint64 total = static_cast<quint64>(m_bytes.size());
    if (offset > total || size > total - offset)
        return {};
    return m_bytes.mid(static_cast<qsizetype>(offset), static_cast<qsizetype>(size));
}

Result<ElfFile> ElfFile::open(const QByteArray &bytes)
{
    // ELF header (e_ident, then the fields whose width depends on ELFCLASS).
    if (!hasMagic(bytes))
        return fail(QStringLiteral("not an ELF file"), InvalidInput);
    if (bytes.size() < 52)
        return fail(QStringLiteral("the ELF header is truncated"), InvalidInput);
    ElfFile elf;
    elf.m_bytes = bytes;
    const char cls = bytes.at(4);
    const char data = bytes.at(5);
    if ((cls != 1 && cls != 2) || (data != 1 && data != 2))
        return fail(QStringLiteral("the ELF class or byte order is not valid"), InvalidInput);
    elf.m_is64 = cls == 2;
    elf.m_bigEndian = data == 2;
    const int w = elf.m_is64 ? 8 : 4;
    const int headerSize = elf.m_is64 ? 64 : 52;
    if (bytes.size() < headerSize)
        return fail(QStringLiteral("the ELF header is truncated"), InvalidInput);
    const char *h = bytes.constData();
    const quint64 phoff = elf.word(h + 24 + w, w);
    const quint64 shoff = elf.word(h + 24 + 2 * w, w);
    const int rest = 24 + 3 * w + 4; // e_flags, then e_ehsize
    const quint64 phentsize = elf.word(h + rest + 2, 2);
    const quint64 phnum = elf.word(h + rest + 4, 2);
    const quint64 shentsize = elf.word(h + rest + 6, 2);
    const quint64 shnum = elf.word(h + rest + 8, 2);
    const quint64 shstrndx = elf.word(h + rest + 10, 2);

    if (phnum > 0) {
        const quint64 minEntry = elf.m_is64 ? 56 : 32;
        if (phentsize < minEntry || phnum > kMaxSegments)
            return fail(QStringLiteral("the ELF program header table is not valid"), InvalidInput);
        const QByteArray table = elf.bytesAt(phoff, phentsize * phnum);
        if (table.isEmpty())
            return fail(QStringLiteral("the ELF program header table lies outside the file"), InvalidInput);
        for (quint64 i = 0; i < phnum; ++i) {
            const char *p = table.constData() + i * phentsize;
            Segment s;
            s.type = static_cast<quint32>(elf.word(p, 4));
            if (elf.m_is64) {
                s.flags = static_cast<quint32>(elf.word(p + 4, 4));
                s.offset = elf.word(p + 8, 8);
                s.vaddr = elf.word(p + 16, 8);
                s.fileSize = elf.word(p + 32, 8);
                s.memSize = elf.word(p + 40, 8);
            } else {
                s.offset = elf.word(p + 4, 4);
                s.vaddr = elf.word(p + 8, 4);
                s.fileSize = elf.word(p + 16, 4);
                s.memSize = elf.word(p + 20, 4);
                s.flags = static_cast<quint32>(elf.word(p + 24, 4));
            }
            elf.m_segments.append(s);
        }
    }

    if (shnum > 0) {
        const quint64 minEntry = elf.m_is64 ? 64 : 40;
        if (shentsize < minEntry || shnum > kMaxSections)
            return fail(QStringLiteral("the ELF section header table is not valid"), InvalidInput);
        const QByteArray table = elf.bytesAt(shoff, shentsize * shnum);
        if (table.isEmpty())
            return fail(QStringLiteral("the ELF section header table lies outside the file"), InvalidInput);
        QVector<quint32> nameOffsets;
        for (quint64 i = 0; i < shnum; ++i) {
            const char *p = table.constData() + i * shentsize;
            Section s;
            nameOffsets.append(static_cast<quint32>(elf.word(p, 4)));
            s.type = static_cast<quint32>(elf.word(p + 4, 4));
            s.addr = elf.word(p + 8 + w, w);
            s.offset = elf.word(p + 8 + 2 * w, w);
            s.size = elf.word(p + 8 + 3 * w, w);
            elf.m_sections.append(s);
        }
        // Section names live in the string table section e_shstrndx (SHN_UNDEF: no names).
        if (shstrndx != 0 && shstrndx < shnum) {
            const Section &strtab = elf.m_sections.at(static_cast<int>(shstrndx));
            const QByteArray names = elf.sectionData(strtab);
            if (names.isEmpty() && strtab.size > 0)
                return fail(QStringLiteral("the ELF section name table lies outside the file"), InvalidInput);
            for (int i = 0; i < elf.m_sections.size(); ++i) {
                const quint32 off = nameOffsets.at(i);
                if (off >= static_cast<quint32>(names.size()))
                    continue;
                const int end = names.indexOf('\0', off);
                elf.m_sections[i].name = names.mid(off, end < 0 ? -1 : end - off);
            }
        }
    }
    return elf;
}

const ElfFile::Section *ElfFile::section(const char *name) const
{
    for (const Section &s : m_sections) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

QByteArray ElfFile::sectionData(const Section &section) const
{
    if (section.type == SectionNoBits)
        return {};
    return bytesAt(section.offset, section.size);
}

QByteArray ElfFile::readAt(quint64 addr, quint64 size) const
{
    for (const Segment &s : m_segments) {
        const quint64 span = qMax(s.fileSize, s.memSize);
        if (s.type != SegmentLoad || addr < s.vaddr || addr - s.vaddr >= span)
            continue;
        const quint64 skip = addr - s.vaddr;
        const quint64 n = qMin(size, span - skip);
        if (skip >= s.fileSize) // wholly in the zero-filled part
            return QByteArray(static_cast<qsizetype>(n), '\0');
        if (s.offset > std::numeric_limits<quint64>::max() - skip)
            return {};
        QByteArray out = bytesAt(s.offset + skip, qMin(n, s.fileSize - skip));
        if (out.isEmpty())
            return {};
        out.append(QByteArray(static_cast<qsizetype>(n - quint64(out.size())), '\0'));
        return out;
    }
    return {};
}

} // namespace bulkhead
