#include "catalog/rpm/rpmcataloger.h"

#include "catalog/rpm/rpmdbreader.h"
#include "catalog/rpm/rpmheader.h"

namespace bulkhead {

namespace {

const QString kStage = QStringLiteral("catalog:rpm");

enum class Backend { None, Sqlite, Bdb, Ndb };

Backend backendFor(const QString &path)
{
    for (const QString &dir : { QStringLiteral("var/lib/rpm/"), QStringLiteral("usr/lib/sysimage/rpm/") }) {
        if (!path.startsWith(dir))
            continue;
        const QStringView name = QStringView(path).mid(dir.size());
        if (name == u"rpmdb.sqlite")
            return Backend::Sqlite;
        if (name == u"Packages")
            return Backend::Bdb;
        if (name == u"Packages.db")
            return Backend::Ndb;
    }
    return Backend::None;
}

} // namespace

int RpmCataloger::backendRank(const QString &path)
{
    switch (backendFor(path)) {
    case Backend::Sqlite: return 3;
    case Backend::Ndb: return 2;
    case Backend::Bdb: return 1;
    case Backend::None: break;
    }
    return 0;
}

bool RpmCataloger::wants(const FileMeta &file) const { return backendFor(file.path) != Backend::None; }

Result<FileFacts> RpmCataloger::parse(const FileMeta &file, const QByteArray &content) const
{
    Result<RpmDbBlobs> blobs;
    switch (backendFor(file.path)) {
    case Backend::Sqlite:
        blobs = readRpmSqlite(content);
        break;
    case Backend::Bdb:
        blobs = readRpmBdb(content);
        break;
    case Backend::Ndb:
        blobs = readRpmNdb(content);
        break;
    case Backend::None:
        return fail(QStringLiteral("%1 is not an rpm database.").arg(file.path), InvalidInput);
    }
    if (!blobs)
        return fail(QStringLiteral("%1 could not be read as an rpm database: %2").arg(file.path, blobs.error().message),
            blobs.error().code);

    FileFacts facts;
    for (const QString &problem : blobs->problems)
        facts.warnings.append({ kStage, file.path, file.path + QStringLiteral(": ") + problem });

    int badHeaders = 0;
    QString firstError;
    for (const QByteArray &blob : blobs->headers) {
        const auto header = RpmHeader::parse(blob);
        const auto info = header ? rpmPackageInfo(*header) : Result<RpmPackageInfo>(tl::unexpect, header.error());
        if (!info) {
            if (badHeaders++ == 0)
                firstError = info.error().message;
            continue;
        }
        // gpg-pubkey "packages" are imported signing keys, not software.
        if (info->isGpgPubkey())
            continue;
        Package p;
        p.ecosystem = Ecosystem::Rpm;
        p.name = info->name;
        p.version = info->evr();
        p.arch = info->arch;
        const auto source = splitSourceRpm(info->sourceRpm);
        if (!source.first.isEmpty() && source.first != p.name)
            p.sourceName = source.first;
        // The source version carries no epoch in the file name; the binary's epoch applies.
        if (!source.second.isEmpty()) {
            const QString sourceVersion
                = info->epoch ? QString::number(*info->epoch) + u':' + source.second : source.second;
            if (sourceVersion != p.version)
                p.sourceVersion = sourceVersion;
        }
        if (!info->license.isEmpty())
            p.licenses = QStringList { info->license };
        if (!info->vendor.isEmpty())
            p.metadata.insert(QStringLiteral("vendor"), info->vendor);
        if (!info->summary.isEmpty())
            p.metadata.insert(QStringLiteral("summary"), info->summary);
        if (!info->sourceRpm.isEmpty())
            p.metadata.insert(QStringLiteral("sourceRpm"), info->sourceRpm);
        if (info->size >= 0)
            p.metadata.insert(QStringLiteral("installedSize"), QString::number(info->size));
        if (!info->modularityLabel.isEmpty())
            p.metadata.insert(QStringLiteral("modularityLabel"), info->modularityLabel);
        p.foundIn = file.path;
        p.cataloger = id();
        facts.packages.append(p);
        if (!info->files.isEmpty()) {
            facts.ownedPaths += info->files;
            const QString key = ownsKey(p.name);
            const QString joined = info->files.join(u'\n');
            // Multilib installs (foo.x86_64 + foo.i686) share a name: keep both file lists.
            facts.properties.insert(key, facts.properties.contains(key) ? facts.properties.value(key) + u'\n' + joined : joined);
        }
        if (info->droppedPaths > 0)
            facts.warnings.append({ kStage, file.path,
                QStringLiteral("%1: package %2 lists %3 file paths that are empty or climb out of the root; they were ignored.")
                    .arg(file.path, p.name)
                    .arg(info->droppedPaths) });
    }
    if (badHeaders > 0)
        facts.warnings.append({ kStage, file.path,
            QStringLiteral("%1: %2 package headers could not be read and were skipped (first: %3)")
                .arg(file.path)
                .arg(badHeaders)
                .arg(firstError) });
    return facts;
}

} // namespace bulkhead
