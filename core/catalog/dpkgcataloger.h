#pragma once
// Debian packages: var/lib/dpkg/status, the distroless one-file-per-package var/lib/dpkg/status.d/,
// the file lists var/lib/dpkg/info/*.list (owned paths) and machine-readable (DEP-5)
// usr/share/doc/*/copyright files (licence short names).
// Contract: packages come without PURL and layer; the inventory assembly fills both.

#include "catalog/cataloger.h"

namespace bulkhead {

class DpkgCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("dpkg"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

    // Which of the wanted files a path is.
    enum class Kind { None, Status, StatusD, FileList, Copyright };
    static Kind kindOf(const QString &path);
};

} // namespace bulkhead
