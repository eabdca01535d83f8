#pragma once
// Go modules compiled into ELF executables: the build information the Go linker writes into
// the .go.buildinfo section (toolchain version and the module list `go version -m` prints).
// Contract: non-ELF files and ELF files without Go build information give empty facts; a Go
// binary gives its main module, each dependency module (replacements resolved) and the Go
// standard library as package "stdlib"; undecodable build information is an Error.

#include "catalog/cataloger.h"

namespace bulkhead {

class GoBinaryCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("go-binary"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override { return 256 * 1024 * 1024; }
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

    // "go1.21.5" → "v1.21.5", "go1.21" → "v1.21.0", "go1.21rc2" → "v1.21.0-rc.2" (the form of
    // golang.org/x/vuln's semver.GoTagToSemver); empty when the tag is not a release.
    static QString goTagToSemver(const QString &tag);
};

} // namespace bulkhead
