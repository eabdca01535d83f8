#include "catalog/binary/gobinarycataloger.h"

#include "catalog/binary/elffile.h"
#include "catalog/catalogerutil.h"

#include <QRegularExpression>

namespace bulkhead {

namespace {

const QString kId = QStringLiteral("go-binary");

// The build information header (Go's runtime/debug and debug/buildinfo): 14 magic bytes, the
// pointer size, a flags byte (bit 0 big-endian, bit 1 strings inline), 16-byte aligned.
const QByteArray kMagic = QByteArrayLiteral("\xff Go buildinf:");
constexpr int kHeaderSize = 32;
constexpr int kAlign = 16;
constexpr quint64 kMaxString = 16 * 1024 * 1024; // modinfo of the largest real programs is < 1 MiB

bool isExecutableFile(quint32 mode) { return (mode & 0170000) == 0100000 && (mode & 0111) != 0; }

// The header's position in `data`: the first 16-byte aligned match of the magic.
int findHeader(const QByteArray &data)
{
    for (int at = data.indexOf(kMagic); at >= 0; at = data.indexOf(kMagic, at + 1)) {
        if (at % kAlign == 0 && data.size() - at >= kHeaderSize)
            return at;
    }
    return -1;
}

// encoding/binary.Uvarint; false on overflow or truncation.
bool uvarint(const QByteArray &data, int &pos, quint64 &out)
{
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= data.size())
            return false;
        const auto b = static_cast<unsigned char>(data.at(pos++));
        out |= quint64(b & 0x7f) << shift;
        if (b < 0x80)
            return shift < 63 || b <= 1;
    }
    return false;
}

bool inlineString(const QByteArray &data, int &pos, QByteArray &out)
{
    quint64 len = 0;
    if (!uvarint(data, pos, len) || len > quint64(data.size() - pos))
        return false;
    out = data.mid(pos, static_cast<qsizetype>(len));
    pos += static_cast<int>(len);
    return true;
}

// A Go string header {data pointer, length} at `addr`, then its bytes.
bool pointedString(const ElfFile &elf, int ptrSize, quint64 addr, QByteArray &out)
{
    const QByteArray hdr = elf.readAt(addr, 2 * quint64(ptrSize));
    if (hdr.size() != 2 * ptrSize)
        return false;
    const quint64 dataAddr = elf.word(hdr.constData(), ptrSize);
    const quint64 len = elf.word(hdr.constData() + ptrSize, ptrSize);
    if (len > kMaxString)
        return false;
    out = len == 0 ? QByteArray() : elf.readAt(dataAddr, len);
    return quint64(out.size()) == len;
}

// Go's strconv.Quote is used for build setting values with spaces, quotes or controls.
QString unquote(const QString &value)
{
    if (value.size() < 2 || !value.startsWith(u'"') || !value.endsWith(u'"'))
        return value;
    QString out;
    for (int i = 1; i < value.size() - 1; ++i) {
        QChar c = value.at(i);
        if (c == u'\\' && i + 1 < value.size() - 1) {
            c = value.at(++i);
            if (c == u'n')
                c = u'\n';
            else if (c == u't')
                c = u'\t';
        }
        out += c;
    }
    return out;
}

struct Module {
    QString path;
    QString version;
    QString sum;
    QString replacedPath;
    QString replacedVersion;
    bool main = false;
};

} // namespace

bool GoBinaryCataloger::wants(const FileMeta &file) const
{
    return isExecutableFile(file.mode) && file.size >= 1024 && file.size <= maxFileSize();
}

QString GoBinaryCataloger::goTagToSemver(const QString &tag)
{
    // Release tags: go1, go1.21, go1.21.5, go1.21rc2, go1.9beta1 (go.dev/doc/toolchain#version).
    static const QRegularExpression re(
        QStringLiteral("^go(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:(rc|beta|alpha)(\\d+))?$"));
    const auto m = re.match(tag);
    if (!m.hasMatch())
        return {};
    const QString minor = m.captured(2).isEmpty() ? QStringLiteral("0") : m.captured(2);
    const QString patch = m.captured(3).isEmpty() ? QStringLiteral("0") : m.captured(3);
    QString v = u'v' + m.captured(1) + u'.' + minor + u'.' + patch;
    if (!m.captured(4).isEmpty())
        v += u'-' + m.captured(4) + u'.' + m.captured(5);
    return v;
}

Result<FileFacts> GoBinaryCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    FileFacts facts;
    if (!ElfFile::hasMagic(content))
        return facts;
    const auto elf = ElfFile::open(content);
    if (!elf)
        return fail(QStringLiteral("%1 is not a readable ELF file: %2.").arg(file.path, elf.error().message),
            InvalidInput);

    // debug/buildinfo: the .go.buildinfo section, else the first writable PT_LOAD segment
    // (section headers may have been removed).
    QByteArray data;
    if (const ElfFile::Section *s = elf->section(".go.buildinfo")) {
        data = elf->sectionData(*s);
        if (data.isEmpty())
            return fail(QStringLiteral("%1 has a Go build information section outside the file.").arg(file.path),
                InvalidInput);
    } else {
        for (const ElfFile::Segment &seg : elf->segments()) {
            if (seg.type == ElfFile::SegmentLoad
                && (seg.flags & (ElfFile::FlagRead | ElfFile::FlagWrite))
                    == (ElfFile::FlagRead | ElfFile::FlagWrite)) {
                data = elf->readAt(seg.vaddr, seg.fileSize);
                break;
            }
        }
    }
    const int at = findHeader(data);
    if (at < 0)
        return facts; // not a Go binary (or one built before Go 1.13 without build information)

    const int ptrSize = static_cast<unsigned char>(data.at(at + 14));
    const int flags = static_cast<unsigned char>(data.at(at + 15));
    QByteArray vers;
    QByteArray mod;
    bool ok = false;
    if (flags & 2) {
        // Go 1.18+: two varint-length-prefixed strings right after the header.
        int pos = at + kHeaderSize;
        ok = inlineString(data, pos, vers) && inlineString(data, pos, mod);
    } else if (ptrSize == 4 || ptrSize == 8) {
        // Before Go 1.18: pointers to the runtime.buildVersion and runtime.modinfo string headers,
        // in the byte order given by flags bit 0, which must agree with the ELF header.
        if (bool(flags & 1) == elf->bigEndian()) {
            const quint64 versAddr = elf->word(data.constData() + at + 16, ptrSize);
            const quint64 modAddr = elf->word(data.constData() + at + 16 + ptrSize, ptrSize);
            ok = pointedString(*elf, ptrSize, versAddr, vers) && pointedString(*elf, ptrSize, modAddr, mod);
        }
    }
    if (!ok || (!vers.startsWith("go") && !vers.startsWith("devel")))
        return fail(QStringLiteral("%1 has Go build information that could not be decoded.").arg(file.path),
            InvalidInput);

    // modinfo is framed by 16 sentinel bytes on each side (cmd/go/internal/modload.ModInfoProg);
    // debug/buildinfo takes the text between them when the byte before the end frame is '\n'.
    QString info;
    if (mod.size() >= 33 && mod.at(mod.size() - 17) == '\n')
        info = QString::fromUtf8(mod.mid(16, mod.size() - 32));

    const QString toolchain = QString::fromUtf8(vers);
    QVector<Module> modules;
    QMap<QString, QString> settings;
    QString mainPath;
    int badLines = 0;
    for (const QString &line : info.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList f = line.split(u'\t');
        const QString &kind = f.at(0);
        if (kind == u"path" && f.size() >= 2) {
            mainPath = f.at(1);
        } else if ((kind == u"mod" || kind == u"dep") && f.size() >= 3) {
            Module m;
            m.path = f.at(1);
            m.version = f.at(2);
            m.sum = f.value(3);
            m.main = kind == u"mod";
            modules.append(m);
        } else if (kind == u"=>" && f.size() >= 2 && !modules.isEmpty()) {
            Module &m = modules.last();
            m.replacedPath = m.path;
            m.replacedVersion = m.version;
            m.path = f.at(1);
            m.version = f.value(2);
            m.sum = f.value(3);
        } else if (kind == u"build" && f.size() >= 2) {
            const QString kv = f.mid(1).join(u'\t');
            const int eq = kv.indexOf(u'=', kv.startsWith(u'"') ? kv.indexOf(u'"', 1) : 0);
            if (eq > 0)
                settings.insert(unquote(kv.left(eq)), unquote(kv.mid(eq + 1)));
        } else {
            ++badLines;
        }
    }
    if (badLines > 0)
        facts.warnings.append(skippedEntriesWarning(
            kId, file.path, badLines, QStringLiteral("Go build information lines that were not understood")));

    const auto base = [&](const QString &name, const QString &version) {
        return foundPackage(Ecosystem::Go, kId, file.path, name, version, QStringLiteral("golang"),
            PurlNaming::LastSlashSplit);
    };

    for (const Module &m : modules) {
        Package p = base(m.path, m.version);
        if (!m.sum.isEmpty())
            p.metadata.insert(QStringLiteral("h1Digest"), m.sum);
        if (!m.replacedPath.isEmpty()) {
            p.metadata.insert(QStringLiteral("replaces"), m.replacedPath + u'@' + m.replacedVersion);
            // A replacement by a local directory has no version of its own ("(devel)" or empty).
            if (p.version.isEmpty() || p.version == u"(devel)" || m.path.startsWith(u'.') || m.path.startsWith(u'/'))
                p.metadata.insert(kMetaNotMatchable, QStringLiteral("replaced by a local directory"));
        }
        if (m.main) {
            p.metadata.insert(QStringLiteral("mainModule"), QStringLiteral("true"));
            if (mainPath != m.path && !mainPath.isEmpty())
                p.metadata.insert(QStringLiteral("mainPackage"), mainPath);
            for (auto it = settings.cbegin(); it != settings.cend(); ++it)
                p.metadata.insert(QStringLiteral("build:") + it.key(), it.value());
            if (p.version == u"(devel)")
                p.metadata.insert(kMetaNotMatchable, QStringLiteral("built from a checkout, version (devel)"));
        }
        facts.packages.append(p);
    }

    // The standard library is versioned by the toolchain ("go1.21.5", possibly followed by
    // " X:experiment" words); OSV's Go database lists it as package "stdlib".
    const QString tag = toolchain.section(u' ', 0, 0);
    const QString semver = goTagToSemver(tag);
    Package stdlib = base(QStringLiteral("stdlib"), semver);
    stdlib.metadata.insert(QStringLiteral("goVersion"), toolchain);
    if (semver.isEmpty()) { // a development toolchain ("devel go1.22-abcdef ..."): no release
        stdlib.version = toolchain;
        stdlib.metadata.insert(kMetaNotMatchable, QStringLiteral("development toolchain"));
    }
    if (!mainPath.isEmpty())
        stdlib.metadata.insert(QStringLiteral("mainPackage"), mainPath);
    facts.packages.append(stdlib);
    return facts;
}

} // namespace bulkhead
