#pragma once
// The human-readable table for a terminal: a header block, then findings (or, for an SBOM-only
// run, packages) in computed column widths, optionally coloured and fitted to a terminal width.

#include "report/exporter.h"

namespace bulkhead {

class TableExporter final : public Exporter
{
public:
    QString id() const override;
    QString description() const override;
    QString fileExtension() const override;
    QString mimeType() const override;
    Result<QByteArray> render(const ScanResult &result, const ExportOptions &options) const override;
};

} // namespace bulkhead
