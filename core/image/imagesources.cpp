#include "image/imagesources.h"

#include "image/dockerarchivesource.h"
#include "image/engine/enginesource.h"
#include "image/imagefiles.h"
#include "image/imagereference.h"
#include "image/ocilayoutsource.h"
#include "image/registry/registrysource.h"

#include <QFileInfo>
#include <functional>

namespace bulkhead {

namespace {

struct Location {
    QString spec;    // as typed, for ImageInfo::reference
    QString path;
    QString tag;
};

using Creator = std::function<std::unique_ptr<ImageSource>(const Location &, std::shared_ptr<ImageFiles>)>;

// Whether a source kind can serve a plain image reference ("nginx:1.25") typed without a prefix.
using ReferenceProbe = std::function<bool(const QString &reference)>;

// One entry per source kind. Sources that are not files (docker:, podman:, registry:) have an
// entry whose location is a reference instead of a path.
struct SourceKind {
    QString name;
    bool pathLocation;     // "PATH[:TAG]"
    Creator create;
    // For reference kinds: asked, in list order, whether a plain reference should come from this
    // kind. Local engines (docker:, podman:) go before "registry" and answer whether the engine
    // is running and has the image; the registry, last, always answers yes.
    ReferenceProbe servesPlainReference = {};
};

const QVector<SourceKind> &sourceKinds()
{
    static const QVector<SourceKind> kinds = {
        {QStringLiteral("docker-archive"), true,
         [](const Location &l, std::shared_ptr<ImageFiles> files) -> std::unique_ptr<ImageSource> {
             return std::make_unique<DockerArchiveSource>(l.path, l.tag, l.spec, std::move(files));
         }},
        {QStringLiteral("oci"), true,
         [](const Location &l, std::shared_ptr<ImageFiles> files) -> std::unique_ptr<ImageSource> {
             return std::make_unique<OciLayoutSource>(OciLayoutSource::Storage::Directory, l.path, l.tag,
                                                      l.spec, std::move(files));
         }},
        {QStringLiteral("oci-archive"), true,
         [](const Location &l, std::shared_ptr<ImageFiles> files) -> std::unique_ptr<ImageSource> {
             return std::make_unique<OciLayoutSource>(OciLayoutSource::Storage::Archive, l.path, l.tag,
                                                      l.spec, std::move(files));
         }},
        // Local engines: the location is the image name as the engine knows it. For a plain
        // reference they answer whether the engine runs and has the image (docs/cli.md).
        {QStringLiteral("docker"), false,
         [](const Location &l, std::shared_ptr<ImageFiles>) -> std::unique_ptr<ImageSource> {
             return std::make_unique<EngineSource>(EngineKind::Docker, l.path, l.spec);
         },
         [](const QString &reference) { return engineHasImage(EngineKind::Docker, reference); }},
        {QStringLiteral("podman"), false,
         [](const Location &l, std::shared_ptr<ImageFiles>) -> std::unique_ptr<ImageSource> {
             return std::make_unique<EngineSource>(EngineKind::Podman, l.path, l.spec);
         },
         [](const QString &reference) { return engineHasImage(EngineKind::Podman, reference); }},
        {QStringLiteral("registry"), false,
         [](const Location &l, std::shared_ptr<ImageFiles>) -> std::unique_ptr<ImageSource> {
             return std::make_unique<RegistrySource>(l.path, l.spec);
         },
         [](const QString &) { return true; }},
    };
    return kinds;
}

// "PATH" or "PATH:TAG". A ':' may be part of the path, so a tag is split off only when the whole
// text is not an existing path but the part before a ':' is.
Result<Location> splitPathAndTag(const QString &spec, const QString &rest)
{
    Location l;
    l.spec = spec;
    if (rest.isEmpty())
        return fail(QStringLiteral("'%1' names no path.").arg(spec), InvalidInput);
    if (QFileInfo::exists(rest)) {
        l.path = rest;
        return l;
    }
    // Right to left, so "x.tar:alpine:3.10" gives the path x.tar and the tag alpine:3.10.
    for (int colon = rest.lastIndexOf(u':'); colon > 0; colon = rest.lastIndexOf(u':', colon - 1)) {
        if (colon + 1 < rest.size() && QFileInfo::exists(rest.left(colon))) {
            l.path = rest.left(colon);
            l.tag = rest.mid(colon + 1);
            return l;
        }
    }
    return fail(QStringLiteral("%1 does not exist.").arg(rest), NotFound);
}

// Recognises a plain path by content: an OCI layout directory, or a (possibly compressed) tar
// holding manifest.json (docker save; preferred when it also holds an OCI layout) or an OCI layout.
Result<QString> detectKind(const QString &path, std::shared_ptr<ImageFiles> *files, const ProgressSink &progress)
{
    const QFileInfo fi(path);
    if (fi.isDir()) {
        if (QFileInfo::exists(path + QStringLiteral("/oci-layout")))
            return QStringLiteral("oci");
        return fail(QStringLiteral("%1 is a directory but not an OCI image layout (it has no oci-layout file).")
                        .arg(path), InvalidInput);
    }
    if (!fi.isFile())
        return fail(QStringLiteral("%1 is neither a regular file nor a directory.").arg(path), InvalidInput);
    auto tar = openTarFiles(path, progress);
    if (!tar)
        return fail(QStringLiteral("%1 is not an image archive (a tar file, possibly compressed).").arg(path),
                    InvalidInput);
    files->reset(tar->release());
    if ((*files)->exists(QStringLiteral("manifest.json")))
        return QStringLiteral("docker-archive");
    if ((*files)->exists(QStringLiteral("oci-layout")) || (*files)->exists(QStringLiteral("index.json")))
        return QStringLiteral("oci-archive");
    return fail(QStringLiteral("%1 is a tar archive but holds neither a docker save manifest.json nor an "
                               "OCI layout.").arg(path), InvalidInput);
}

// Text meant as a file rather than an image reference: a path that does not exist should be
// reported as a missing file, not looked up in a registry.
bool looksLikePath(const QString &spec)
{
    static const QStringList suffixes = {QStringLiteral(".tar"), QStringLiteral(".tgz"), QStringLiteral(".gz"),
                                         QStringLiteral(".zst"), QStringLiteral(".xz"), QStringLiteral(".oci")};
    if (spec.startsWith(u'/') || spec.startsWith(u'.') || spec.startsWith(u'~') || spec.contains(u'\\'))
        return true;
    for (const QString &suffix : suffixes)
        if (spec.endsWith(suffix, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

QStringList imageSourceKinds()
{
    QStringList names;
    for (const SourceKind &k : sourceKinds())
        names.append(k.name);
    return names;
}

Result<OpenedImageSource> openImageSource(const QString &spec, const ProgressSink &progress)
{
    const SourceKind *kind = nullptr;
    QString rest = spec;
    const int colon = spec.indexOf(u':');
    if (colon > 0) {
        const QString prefix = spec.left(colon);
        for (const SourceKind &k : sourceKinds())
            if (k.name == prefix)
                kind = &k;
        // "oci:x" is a kind; "./oci:x" or "/a/b:c" are paths.
        if (kind)
            rest = spec.mid(colon + 1);
    }

    std::shared_ptr<ImageFiles> files;
    Location location;
    if (kind && !kind->pathLocation) {
        if (rest.isEmpty())
            return fail(QStringLiteral("'%1' names no image.").arg(spec), InvalidInput);
        location.spec = spec;
        location.path = rest;
    } else if (kind) {
        auto l = splitPathAndTag(spec, rest);
        if (!l)
            return tl::unexpected(l.error());
        location = *l;
    } else {
        auto l = splitPathAndTag(spec, spec);
        // Not a file: a plain image reference goes to the first reference kind that serves it.
        if (!l && !looksLikePath(spec) && ImageReference::parse(spec)) {
            for (const SourceKind &k : sourceKinds()) {
                if (k.servesPlainReference && k.servesPlainReference(spec)) {
                    OpenedImageSource opened;
                    opened.kind = k.name;
                    opened.location = spec;
                    opened.source = k.create(Location{spec, spec, QString()}, nullptr);
                    return opened;
                }
            }
        }
        if (!l)
            return fail(QStringLiteral("%1 is not a known image source: no such file, and no kind prefix (%2).")
                            .arg(spec, imageSourceKinds().join(u": ") + u':'), NotFound);
        location = *l;
        auto detected = detectKind(location.path, &files, progress);
        if (!detected)
            return tl::unexpected(detected.error());
        for (const SourceKind &k : sourceKinds())
            if (k.name == *detected)
                kind = &k;
    }
    OpenedImageSource opened;
    opened.kind = kind->name;
    opened.location = location.path;
    opened.tag = location.tag;
    opened.source = kind->create(location, std::move(files));
    return opened;
}

} // namespace bulkhead
