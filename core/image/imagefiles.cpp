#include "image/imagefiles.h"

#include "image/bytestreams.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <archive.h>
#include <archive_entry.h>
#include <map>

namespace bulkhead {

QString cleanImagePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(QChar(0)))
        return {};
    QStringList out;
    for (const QString &part : path.split(u'/')) {
        if (part.isEmpty() || part == u".")
            continue;
        if (part == u"..") {
            if (out.isEmpty())
                return {};
            out.removeLast();
            continue;
        }
        out.append(part);
    }
    return out.join(u'/');
}

namespace {

Result<QByteArray> readAll(ByteStream &stream, qint64 expected, const QString &what)
{
    QByteArray data;
    data.reserve(int(qMax<qint64>(expected, 0)));
    char buf[65536];
    for (;;) {
        const qint64 n = stream.read(buf, sizeof buf);
        if (n < 0)
            return fail(QStringLiteral("Cannot read %1: %2").arg(what, stream.errorString()), IoError);
        if (n == 0)
            break;
        if (data.size() + n > kMaxMetadataSize)
            return fail(QStringLiteral("%1 is larger than the %2 MiB allowed.")
                            .arg(what).arg(kMaxMetadataSize >> 20), LimitExceeded);
        data.append(buf, int(n));
    }
    return data;
}

Result<void> checkSize(qint64 size, qint64 maxSize, const QString &what)
{
    if (size > maxSize)
        return fail(QStringLiteral("%1 is %2 bytes, more than the %3 allowed.")
                        .arg(what).arg(size).arg(maxSize), LimitExceeded);
    return {};
}

// ---------------------------------------------------------------------------------------------
class DirectoryFiles final : public ImageFiles {
public:
    explicit DirectoryFiles(const QString &root) : m_root(root) {}

    QString location() const override { return m_root; }

    Result<QString> canonicalPath(const QString &path) const override
    {
        const QString clean = cleanImagePath(path);
        if (clean.isEmpty())
            return fail(QStringLiteral("The path '%1' escapes the image directory %2.").arg(path, m_root),
                        InvalidInput);
        const QFileInfo fi(m_root + u'/' + clean);
        if (!fi.exists())
            return fail(QStringLiteral("%1 has no file %2.").arg(m_root, clean), NotFound);
        // A symlink inside the layout must not lead out of it.
        const QString real = fi.canonicalFilePath();
        if (!real.startsWith(m_root + u'/'))
            return fail(QStringLiteral("%1 in %2 points outside the image directory.").arg(clean, m_root),
                        InvalidInput);
        if (!QFileInfo(real).isFile())
            return fail(QStringLiteral("%1 in %2 is not a regular file.").arg(clean, m_root), InvalidInput);
        return real.mid(m_root.size() + 1);
    }

    qint64 fileSize(const QString &canonical) const override
    {
        return QFileInfo(m_root + u'/' + canonical).size();
    }

    Result<QByteArray> readFile(const QString &path, qint64 maxSize) override
    {
        auto canonical = canonicalPath(path);
        if (!canonical)
            return tl::unexpected(canonical.error());
        const QString what = m_root + u'/' + *canonical;
        const qint64 size = fileSize(*canonical);
        if (auto ok = checkSize(size, maxSize, what); !ok)
            return tl::unexpected(ok.error());
        FileRangeStream stream(what, 0, size);
        return readAll(stream, size, what);
    }

    Result<void> streamFiles(const QStringList &paths, const Visitor &visit,
                             const ProgressSink &progress) override
    {
        for (const QString &path : paths) {
            if (progress.isCancelled())
                return fail(QStringLiteral("Cancelled."), Cancelled);
            FileRangeStream stream(m_root + u'/' + path, 0, fileSize(path));
            if (auto ok = visit(path, stream); !ok)
                return ok;
        }
        return {};
    }

private:
    QString m_root;
};

// ---------------------------------------------------------------------------------------------
struct ArchiveDeleter {
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

Result<ArchivePtr> openArchive(const QString &path)
{
    ArchivePtr a(archive_read_new());
    // Compression is recognised by its magic bytes, whatever the file is called.
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_xz(a.get());
    archive_read_support_filter_zstd(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK)
        return fail(QStringLiteral("%1 is not a readable tar archive: %2.")
                        .arg(path, QString::fromUtf8(archive_error_string(a.get()))), InvalidInput);
    return a;
}

QString entryName(archive_entry *e)
{
    const char *utf8 = archive_entry_pathname_utf8(e);
    return utf8 ? QString::fromUtf8(utf8) : QFile::decodeName(archive_entry_pathname(e));
}

class TarFiles final : public ImageFiles {
public:
    explicit TarFiles(const QString &path) : m_path(path) {}

    Result<void> index(const ProgressSink &progress)
    {
        auto opened = openArchive(m_path);
        if (!opened)
            return tl::unexpected(opened.error());
        archive *a = opened->get();
        archive_entry *e = nullptr;
        constexpr int kMaxEntries = 1000000;
        constexpr qint64 kMaxCached = 64 * 1024 * 1024;
        qint64 cached = 0;
        for (int ordinal = 0;; ++ordinal) {
            const int r = archive_read_next_header(a, &e);
            if (r == ARCHIVE_EOF)
                break;
            if (r < ARCHIVE_WARN)
                return fail(QStringLiteral("%1 is not a readable tar archive: %2.")
                                .arg(m_path, QString::fromUtf8(archive_error_string(a))), InvalidInput);
            if (ordinal == 0)
                m_compressed = archive_filter_code(a, 0) != ARCHIVE_FILTER_NONE;
            if (ordinal >= kMaxEntries)
                return fail(QStringLiteral("%1 has more than %2 members; it is not an image archive.")
                                .arg(m_path).arg(kMaxEntries), LimitExceeded);
            if (progress.isCancelled())
                return fail(QStringLiteral("Cancelled."), Cancelled);
            // Members with unclean names (absolute, "..") cannot be addressed and are ignored.
            const QString name = cleanImagePath(entryName(e));
            if (name.isEmpty())
                continue;
            Member m;
            m.ordinal = ordinal;
            m.size = archive_entry_size(e);
            if (const char *hard = archive_entry_hardlink(e)) {
                m.kind = Member::Hardlink;
                m.link = QString::fromUtf8(hard);
            } else if (archive_entry_filetype(e) == AE_IFLNK) {
                m.kind = Member::Symlink;
                m.link = QString::fromUtf8(archive_entry_symlink(e));
            } else if (archive_entry_filetype(e) == AE_IFREG) {
                m.kind = Member::File;
            }
            // libarchive has consumed the header(s): this is where the member's data starts.
            m.offset = archive_filter_bytes(a, 0);
            // A later member of the same name replaces an earlier one (tar semantics).
            m_cache.remove(name);
            if (m.kind == Member::File && m_compressed && wantsCache(name, m.size)
                && cached + m.size <= kMaxCached) {
                ArchiveEntryStream stream(a, m.size);
                auto data = readAll(stream, m.size, m_path + u':' + name);
                if (!data)
                    return tl::unexpected(data.error());
                cached += data->size();
                m_cache.insert(name, *data);
            }
            m_members.insert(name, m);
        }
        return {};
    }

    QString location() const override { return m_path; }

    Result<QString> canonicalPath(const QString &path) const override
    {
        QString name = cleanImagePath(path);
        if (name.isEmpty())
            return fail(QStringLiteral("The path '%1' escapes the archive %2.").arg(path, m_path),
                        InvalidInput);
        // A few hops are plenty (skopeo: <id>/layer.tar -> ../<diffid>.tar); more is a loop.
        for (int hop = 0; hop < 16; ++hop) {
            const auto it = m_members.constFind(name);
            if (it == m_members.constEnd())
                return fail(QStringLiteral("%1 has no member %2.").arg(m_path, name), NotFound);
            switch (it->kind) {
            case Member::File:
                return name;
            case Member::Other:
                return fail(QStringLiteral("Member %1 of %2 is not a regular file.").arg(name, m_path),
                            InvalidInput);
            case Member::Symlink:
            case Member::Hardlink: {
                // Symlink targets are relative to the link's directory, hard link targets to the root.
                QString target = it->link;
                if (it->kind == Member::Symlink && !target.startsWith(u'/')) {
                    const int slash = name.lastIndexOf(u'/');
                    target = (slash >= 0 ? name.left(slash + 1) : QString()) + target;
                }
                const QString next = cleanImagePath(target);
                if (next.isEmpty())
                    return fail(QStringLiteral("Member %1 of %2 is a link pointing outside the archive (%3).")
                                    .arg(name, m_path, it->link), InvalidInput);
                name = next;
                break;
            }
            }
        }
        return fail(QStringLiteral("Member %1 of %2 is part of a link loop.").arg(path, m_path), InvalidInput);
    }

    qint64 fileSize(const QString &canonical) const override
    {
        return m_members.value(canonical).size;
    }

    Result<QByteArray> readFile(const QString &path, qint64 maxSize) override
    {
        auto canonical = canonicalPath(path);
        if (!canonical)
            return tl::unexpected(canonical.error());
        const QString what = m_path + u':' + *canonical;
        if (auto ok = checkSize(fileSize(*canonical), maxSize, what); !ok)
            return tl::unexpected(ok.error());
        const auto hit = m_cache.constFind(*canonical);
        if (hit != m_cache.constEnd())
            return *hit;
        QByteArray out;
        auto ok = streamFiles({*canonical}, [&](const QString &, ByteStream &s) -> Result<void> {
            auto data = readAll(s, fileSize(*canonical), what);
            if (!data)
                return tl::unexpected(data.error());
            out = *data;
            return {};
        }, ProgressSink());
        if (!ok)
            return tl::unexpected(ok.error());
        return out;
    }

    Result<void> streamFiles(const QStringList &paths, const Visitor &visit,
                             const ProgressSink &progress) override
    {
        // Archive order: in place for plain tars, one sequential pass for compressed ones.
        std::map<int, QString> pending;
        for (const QString &path : paths) {
            const auto it = m_members.constFind(path);
            if (it == m_members.constEnd() || it->kind != Member::File)
                return fail(QStringLiteral("%1 has no member %2.").arg(m_path, path), NotFound);
            const auto hit = m_cache.constFind(path);
            if (hit != m_cache.constEnd()) {
                MemoryStream stream(*hit);
                if (auto ok = visit(path, stream); !ok)
                    return ok;
                continue;
            }
            pending.emplace(it->ordinal, path);
        }
        if (pending.empty())
            return {};
        if (!m_compressed) {
            for (const auto &[ordinal, path] : pending) {
                if (progress.isCancelled())
                    return fail(QStringLiteral("Cancelled."), Cancelled);
                const Member &m = m_members[path];
                FileRangeStream stream(m_path, m.offset, m.size);
                if (auto ok = visit(path, stream); !ok)
                    return ok;
            }
            return {};
        }
        auto opened = openArchive(m_path);
        if (!opened)
            return tl::unexpected(opened.error());
        archive *a = opened->get();
        archive_entry *e = nullptr;
        for (int ordinal = 0; !pending.empty(); ++ordinal) {
            const int r = archive_read_next_header(a, &e);
            if (r == ARCHIVE_EOF)
                return fail(QStringLiteral("%1 changed while it was being read.").arg(m_path), IoError);
            if (r < ARCHIVE_WARN)
                return fail(QStringLiteral("Cannot read %1: %2.")
                                .arg(m_path, QString::fromUtf8(archive_error_string(a))), IoError);
            if (progress.isCancelled())
                return fail(QStringLiteral("Cancelled."), Cancelled);
            const auto it = pending.find(ordinal);
            if (it == pending.end())
                continue;
            ArchiveEntryStream stream(a, archive_entry_size(e));
            if (auto ok = visit(it->second, stream); !ok)
                return ok;
            pending.erase(it);
        }
        return {};
    }

private:
    struct Member {
        enum Kind { File, Symlink, Hardlink, Other };
        Kind kind = Other;
        int ordinal = -1;
        qint64 offset = -1;
        qint64 size = 0;
        QString link;
    };

    // Metadata members of docker-save and OCI archives: *.json, repositories, oci-layout, and
    // small blobs (OCI manifests and configs have no extension).
    static bool wantsCache(const QString &name, qint64 size)
    {
        if (size > kMaxMetadataSize)
            return false;
        if (name.endsWith(u".json") || name == u"repositories" || name == u"oci-layout")
            return true;
        return name.startsWith(u"blobs/") && size <= 256 * 1024;
    }

    QString m_path;
    bool m_compressed = false;
    QHash<QString, Member> m_members;
    QHash<QString, QByteArray> m_cache;
};

} // namespace

Result<std::unique_ptr<ImageFiles>> openDirectoryFiles(const QString &directory)
{
    const QFileInfo fi(directory);
    if (!fi.isDir())
        return fail(QStringLiteral("%1 is not a directory.").arg(directory), NotFound);
    return std::unique_ptr<ImageFiles>(new DirectoryFiles(fi.canonicalFilePath()));
}

Result<std::unique_ptr<ImageFiles>> openTarFiles(const QString &path, const ProgressSink &progress)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return fail(QStringLiteral("%1 does not exist.").arg(path), NotFound);
    if (!fi.isFile())
        return fail(QStringLiteral("%1 is not a regular file.").arg(path), InvalidInput);
    auto files = std::make_unique<TarFiles>(fi.absoluteFilePath());
    if (auto ok = files->index(progress); !ok)
        return tl::unexpected(ok.error());
    return std::unique_ptr<ImageFiles>(std::move(files));
}

} // namespace bulkhead
