#pragma once
// npm packages listed by lockfiles: package-lock.json / npm-shrinkwrap.json (lockfileVersion 1, 2
// and 3), yarn.lock (classic v1 and berry) and pnpm-lock.yaml (lockfileVersion 5.x, 6 and 9).
// Lockfiles inside node_modules (including npm's hidden node_modules/.package-lock.json) are
// ignored: the installed package.json files there say more.
//
// Every package carries metadata["fromLockfile"]="true". A lockfile only counts where nothing is
// installed: the inventory assembly drops lockfile packages whose directory has an installed
// node_modules tree with dropShadowedLockfilePackages() (catalog/lang/npminventoryrules.h).
// Only registry packages are listed (workspace, link, file, git and patch entries are skipped);
// an aliased dependency ("npm:real@1.2.3") is reported under its real name. One lockfile may list
// the same name at several versions.

#include "catalog/cataloger.h"

namespace bulkhead {

class NpmLockCataloger final : public Cataloger {
public:
    QString id() const override;
    int version() const override;
    bool wants(const FileMeta &file) const override;
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

} // namespace bulkhead
