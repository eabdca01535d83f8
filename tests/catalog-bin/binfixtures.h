#pragma once
// Shared by the catalog-bin tests: reading tests/data/catalog-bin files and mutating ELF images.

#include "testutil.h"

#include <QByteArray>
#include <QFile>
#include <QtEndian>

namespace bulkhead::test {

inline QByteArray binFixture(const QString &relative)
{
    QFile f(dataPath(QStringLiteral("catalog-bin/") + relative));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// An ELF image without its section header table (e_shoff, e_shnum and
// e_shstrndx zeroed), as `sstrip`-style tools leave it: only program headers remain.
inline QByteArray withoutSectionHeaders(QByteArray elf)
{
    const bool is64 = elf.at(4) == 2;
    const int shoff = is64 ? 40 : 32;
    const int shnum = is64 ? 60 : 48;
    for (int i = 0; i < (is64 ? 8 : 4); ++i)
        elf[shoff + i] = 0;
    elf[shnum] = elf[shnum + 1] = 0;     // e_shnum
    elf[shnum + 2] = elf[shnum + 3] = 0; // e_shstrndx
    return elf;
}

// The file offset and size of a named section, read with the test's own minimal parser of a
// 64-bit little-endian ELF file (independent of the code under test); {-1, 0} when absent.
inline QPair<qint64, qint64> sectionRange(const QByteArray &elf, const QByteArray &name)
{
    const char *d = elf.constData();
    const auto u16 = [&](qint64 o) { return qFromLittleEndian<quint16>(d + o); };
    const auto u32 = [&](qint64 o) { return qFromLittleEndian<quint32>(d + o); };
    const auto u64 = [&](qint64 o) { return qint64(qFromLittleEndian<quint64>(d + o)); };
    const qint64 shoff = u64(40);
    const int entsize = u16(58), count = u16(60), strndx = u16(62);
    const qint64 strtab = u64(shoff + qint64(strndx) * entsize + 24);
    for (int i = 0; i < count; ++i) {
        const qint64 h = shoff + qint64(i) * entsize;
        if (QByteArray(d + strtab + u32(h)) == name)
            return { u64(h + 24), u64(h + 32) };
    }
    return { -1, 0 };
}

} // namespace bulkhead::test
