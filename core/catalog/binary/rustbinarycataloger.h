#pragma once
// Rust crates compiled into ELF executables by cargo-auditable: the zlib-compressed JSON
// dependency list in the .dep-v0 section (schema: rustsec.org/schemas/cargo-auditable.json).
// Contract: files without that section give empty facts (ELF structure problems are reported by
// the Go cataloger, which reads every executable too); a corrupt section is an Error.

#include "catalog/cataloger.h"

namespace bulkhead {

class RustBinaryCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("rust-binary"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override { return 256 * 1024 * 1024; }
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

} // namespace bulkhead
