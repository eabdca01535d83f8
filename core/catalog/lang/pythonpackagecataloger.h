#pragma once
// Installed Python distributions from their core metadata
// (https://packaging.python.org/en/latest/specifications/core-metadata/): "<dir>.dist-info/METADATA"
// (wheels, pip), "<dir>.egg-info/PKG-INFO" (setuptools) and single-file "<name>.egg-info"
// (distutils). The format is RFC 822 email headers with continuation lines.
//
// Package::name is the PEP 503 normalised name (lower case, runs of "-", "_", "." -> "-"); the
// name as written is kept in metadata["originalName"]. metadata["sitePackages"] is the directory
// holding the distribution and metadata["metadataPath"] the .dist-info/.egg-info path itself, so
// the assembly can report a distribution owned by an OS package (e.g. Debian python3-*) once.

#include "catalog/cataloger.h"

namespace bulkhead {

class PythonPackageCataloger final : public Cataloger {
public:
    QString id() const override;
    int version() const override;
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override;
    // Metadata without Name or Version is an Error (a warning on the scan).
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

    // PEP 503: lower case, every run of '-', '_' and '.' becomes one '-'.
    static QString normalizedName(const QString &name);
};

} // namespace bulkhead
