#pragma once
// A bounds-checked read-only view of an ELF file's section and program headers (System V ABI,
// "Object Files"), enough for catalogers that read a named section or data at a virtual address.
// Contract: open() returns an Error naming the first structural problem; every accessor checks
// offsets against the file and returns an empty array instead of reading outside it.

#include "common/result.h"

#include <QByteArray>
#include <QVector>

namespace bulkhead {

class ElfFile {
public:
    struct Section {
        QByteArray name;
        quint32 type = 0;
        quint64 addr = 0;
        quint64 offset = 0;
        quint64 size = 0;
    };
    struct Segment {
        quint32 type = 0;
        quint32 flags = 0;
        quint64 offset = 0;
        quint64 vaddr = 0;
        quint64 fileSize = 0;
        quint64 memSize = 0;
    };
    static constexpr quint32 SectionNoBits = 8; // SHT_NOBITS
    static constexpr quint32 SegmentLoad = 1;   // PT_LOAD
    static constexpr quint32 FlagWrite = 2;     // PF_W
    static constexpr quint32 FlagRead = 4;      // PF_R

    static bool hasMagic(const QByteArray &bytes) { return bytes.startsWith("\x7f" "ELF"); }
    static Result<ElfFile> open(const QByteArray &bytes);

    bool is64() const { return m_is64; }
    bool bigEndian() const { return m_bigEndian; }
    const QVector<Section> &sections() const { return m_sections; }
    const QVector<Segment> &segments() const { return m_segments; }
    // The first section with this name, or nullptr.
    const Section *section(const char *name) const;
    // The bytes of a section; empty for SHT_NOBITS or when it lies outside the file.
    QByteArray sectionData(const Section &section) const;
    // Up to `size` bytes mapped at virtual address `addr` by a PT_LOAD segment (fewer when the
    // segment ends first); the part of a segment beyond its file image (.bss) reads as zeros, as
    // the loader maps it. Empty when no segment maps `addr`.
    QByteArray readAt(quint64 addr, quint64 size) const;
    // An unsigned integer of `width` bytes (1, 2, 4, 8) in the file's byte order.
    quint64 word(const char *p, int width) const;

private:
    QByteArray bytesAt(quint64 offset, quint64 size) const;

    QByteArray m_bytes;
    bool m_is64 = false;
    bool m_bigEndian = false;
    QVector<Section> m_sections;
    QVector<Segment> m_segments;
};

} // namespace bulkhead
