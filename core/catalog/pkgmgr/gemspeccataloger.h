#pragma once
// Installed Ruby gems: the Ruby specification files RubyGems writes on install
// (<gem home>/specifications/<name>-<version>.gemspec, default gems under specifications/default/).
// Contract: reads the literal `name`, `version` and `license(s)` assignments of the
// Gem::Specification.new block without evaluating Ruby; a file without both is an Error.

#include "catalog/cataloger.h"

namespace bulkhead {

class GemspecCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("gemspec"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override { return 4 * 1024 * 1024; }
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

} // namespace bulkhead
