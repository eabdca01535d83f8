#pragma once
// NuGet packages of a .NET application: its <app>.deps.json (the dependency manifest the .NET
// SDK writes next to the application; "libraries" holds one "<Name>/<Version>" entry each).
// Contract: libraries of type "package" become packages (project references and runtime packs
// are not NuGet packages); broken JSON is an Error.

#include "catalog/cataloger.h"

namespace bulkhead {

class DotnetDepsCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("dotnet-deps"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

} // namespace bulkhead
