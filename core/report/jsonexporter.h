#pragma once
// Bulkhead's own JSON document (docs/formats.md): everything in the ScanResult, stable key order,
// sorted arrays. schemaVersion changes only when a field changes meaning or disappears.

#include "report/exporter.h"

namespace bulkhead {

class JsonExporter final : public Exporter
{
public:
    QString id() const override;
    QString description() const override;
    QString fileExtension() const override;
    QString mimeType() const override;
    Result<QByteArray> render(const ScanResult &result, const ExportOptions &options) const override;
};

} // namespace bulkhead
