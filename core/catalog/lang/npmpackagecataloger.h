#pragma once
// npm packages from package.json files: every installed package
// (".../node_modules/<name>/package.json", ".../node_modules/@scope/<name>/package.json", global
// installs under usr/lib/node_modules and usr/local/lib/node_modules included) and the project
// package.json of an application (any package.json outside node_modules).
//
// A project package.json is only a candidate: parse() sees one file, so it cannot tell whether a
// node_modules tree or a lockfile sits next to it. Candidates carry metadata["rootProject"]="true"
// (and metadata["private"]="true" when "private": true, which must never be matched against
// advisories); the inventory assembly drops candidates without such a sibling with
// dropUnanchoredNpmRootProjects() (catalog/lang/npminventoryrules.h).

#include "catalog/cataloger.h"

namespace bulkhead {

class NpmPackageCataloger final : public Cataloger {
public:
    QString id() const override;
    int version() const override;
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override;
    // package.json without "name" or "version" yields no package and no warning; malformed
    // JSON yields an Error.
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

} // namespace bulkhead
