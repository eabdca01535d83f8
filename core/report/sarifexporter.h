#pragma once
// SARIF 2.1.0 (OASIS, errata 01): one run, one rule per vulnerability id, one result per finding,
// located in the image. Suitable for GitHub code scanning (rule property security-severity).

#include "report/exporter.h"

namespace bulkhead {

class SarifExporter final : public Exporter
{
public:
    QString id() const override;
    QString description() const override;
    QString fileExtension() const override;
    QString mimeType() const override;
    Result<QByteArray> render(const ScanResult &result, const ExportOptions &options) const override;
};

} // namespace bulkhead
