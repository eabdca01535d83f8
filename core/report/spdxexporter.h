#pragma once
// SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): a CONTAINER package for the image, one
// package per component, DESCRIBES/CONTAINS relationships. SPDX 2.3 has no vulnerability section.

#include "report/exporter.h"

namespace bulkhead {

class SpdxExporter final : public Exporter
{
public:
    QString id() const override;
    QString description() const override;
    QString fileExtension() const override;
    QString mimeType() const override;
    Result<QByteArray> render(const ScanResult &result, const ExportOptions &options) const override;
};

} // namespace bulkhead
