#pragma once
// OS identification files (os-release(5), /etc/alpine-release, /etc/debian_version, lsb-release,
// *-release of the Red Hat family, CBL-Mariner / Azure Linux) and the OS detection built on their final contents.
// Contract: parse() turns one file into properties; detectOs() picks the OS from the final files.

#include "catalog/cataloger.h"
#include "layers/layerresult.h"

namespace bulkhead {

class OsReleaseCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("os-release"); }
    int version() const override { return 2; }
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override { return 64 * 1024; }
    // os-release / lsb-release: the KEY=VALUE pairs. Single-line files (alpine-release,
    // debian_version, redhat-release, ...): properties["content"] = the first line, trimmed.
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;
};

// os-release(5) syntax: KEY=VALUE lines, values optionally in single or double quotes, backslash
// escapes ($ " \ ` and newline) inside double quotes, '#' comments.
QMap<QString, QString> parseOsRelease(const QByteArray &content);

// The OS of the image from the final (squashed) files: os-release preferred (etc/ then usr/lib/),
// falling back to alpine-release, debian_version, lsb-release and the Red Hat family files.
// Google distroless images are Debian with PRETTY_NAME="Distroless"; a dpkg status.d without a
// status file marks them too.
OsInfo detectOs(const QVector<SquashedFile> &files);

} // namespace bulkhead
