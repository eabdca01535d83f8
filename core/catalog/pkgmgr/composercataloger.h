#pragma once
// PHP packages installed by Composer: vendor/composer/installed.json (Composer 1: an array of
// packages; Composer 2: {"packages": [...], "dev-package-names": [...]}).
// Contract: one package per entry with a name and version; broken JSON is an Error, entries
// without name or version are skipped with a warning.

#include "catalog/cataloger.h"

namespace bulkhead {

class ComposerCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("composer"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

} // namespace bulkhead
