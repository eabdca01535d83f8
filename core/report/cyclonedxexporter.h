#pragma once
// CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/): the image as metadata.component, one
// component per package, and, when vulnerabilities were scanned, one vulnerability per finding.

#include "report/exporter.h"

namespace bulkhead {

class CycloneDxExporter final : public Exporter
{
public:
    QString id() const override;
    QString description() const override;
    QString fileExtension() const override;
    QString mimeType() const override;
    Result<QByteArray> render(const ScanResult &result, const ExportOptions &options) const override;
};

} // namespace bulkhead
