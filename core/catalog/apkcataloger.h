#pragma once
// Alpine packages from lib/apk/db/installed (apk-tools "installed database" format: one
// "X:value" line per field, packages separated by blank lines; F: directory, R: file in it).
// Contract: packages come without PURL and layer; facts.ownedPaths holds every listed file and
// facts.properties["owns:<package>"] the newline-separated paths of each package.

#include "catalog/cataloger.h"

namespace bulkhead {

class ApkCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("apk"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

    static QString ownsKey(const QString &packageName) { return QStringLiteral("owns:") + packageName; }
};

} // namespace bulkhead
