#include "catalog/binary/rustbinarycataloger.h"

#include "catalog/binary/elffile.h"
#include "catalog/catalogerutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <isa-l/igzip_lib.h>

namespace bulkhead {

namespace {

const QString kId = QStringLiteral("rust-binary");
// cargo-auditable refuses to read more than this much JSON (its default size limit is 8 MiB).
constexpr qsizetype kMaxJson = 8 * 1024 * 1024;

// zlib stream (RFC 1950) → bytes, at most kMaxJson; empty with `error` set on failure.
QByteArray inflateZlib(const QByteArray &in, QString &error)
{
    inflate_state state;
    isal_inflate_init(&state);
    state.crc_flag = ISAL_ZLIB;
    state.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(in.constData()));
    state.avail_in = static_cast<uint32_t>(in.size());
    QByteArray out;
    char buf[64 * 1024];
    while (true) {
        state.next_out = reinterpret_cast<uint8_t *>(buf);
        state.avail_out = sizeof buf;
        const int rc = isal_inflate(&state);
        if (rc != ISAL_DECOMP_OK) {
            error = QStringLiteral("the zlib stream is corrupt");
            return {};
        }
        out.append(buf, static_cast<qsizetype>(sizeof buf - state.avail_out));
        if (out.size() > kMaxJson) {
            error = QStringLiteral("the dependency list is larger than 8 MiB");
            return {};
        }
        if (state.block_state == ISAL_BLOCK_FINISH)
            return out;
        if (state.avail_in == 0 && state.avail_out != 0) {
            error = QStringLiteral("the zlib stream is truncated");
            return {};
        }
    }
}

// "source": a string ("crates.io", "git", "local", "registry") or {"Other": "..."}.
QString sourceOf(const QJsonValue &v)
{
    if (v.isObject())
        return v.toObject().value(QLatin1String("Other")).toString();
    return v.toString();
}

} // namespace

bool RustBinaryCataloger::wants(const FileMeta &file) const
{
    return (file.mode & 0170000) == 0100000 && (file.mode & 0111) != 0 && file.size >= 1024
        && file.size <= maxFileSize();
}

Result<FileFacts> RustBinaryCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    FileFacts facts;
    if (!ElfFile::hasMagic(content))
        return facts;
    const auto elf = ElfFile::open(content);
    if (!elf)
        return facts;
    const ElfFile::Section *section = elf->section(".dep-v0");
    if (!section)
        return facts;
    const QByteArray compressed = elf->sectionData(*section);
    if (compressed.isEmpty())
        return fail(QStringLiteral("%1 has a cargo-auditable section with no data inside the file.").arg(file.path),
            InvalidInput);
    QString why;
    const QByteArray json = inflateZlib(compressed, why);
    if (json.isEmpty())
        return fail(QStringLiteral("%1 has an unreadable cargo-auditable section: %2.").arg(file.path, why),
            InvalidInput);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (!doc.isObject() || !doc.object().value(QLatin1String("packages")).isArray())
        return fail(QStringLiteral("%1 has a cargo-auditable section that is not a dependency list (%2).")
                        .arg(file.path, err.error == QJsonParseError::NoError ? QStringLiteral("no packages array")
                                                                             : err.errorString()),
            InvalidInput);

    const QJsonArray packages = doc.object().value(QLatin1String("packages")).toArray();
    int skipped = 0;
    for (const QJsonValue &v : packages) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QLatin1String("name")).toString();
        const QString version = o.value(QLatin1String("version")).toString();
        if (name.isEmpty() || version.isEmpty()) {
            ++skipped;
            continue;
        }
        Package p = foundPackage(Ecosystem::Cargo, kId, file.path, name, version, QStringLiteral("cargo"));
        const QString source = sourceOf(o.value(QLatin1String("source")));
        if (!source.isEmpty())
            p.metadata.insert(QStringLiteral("source"), source);
        // "kind" is omitted for runtime dependencies (schema: DependencyKind).
        p.metadata.insert(QStringLiteral("kind"),
            o.value(QLatin1String("kind")).toString(QStringLiteral("runtime")));
        if (o.value(QLatin1String("root")).toBool())
            p.metadata.insert(QStringLiteral("root"), QStringLiteral("true"));
        // A crate from a local path is the project's own code, whatever its name.
        if (source == u"local")
            p.metadata.insert(kMetaNotMatchable, QStringLiteral("local crate"));
        facts.packages.append(p);
    }
    if (skipped > 0)
        facts.warnings.append(
            skippedEntriesWarning(kId, file.path, skipped, QStringLiteral("crates without a name or version")));
    return facts;
}

} // namespace bulkhead
