#pragma once
// The package inventory of an image: the OS, every package with the layer that introduced it and
// its PURL, and which paths OS packages own. Built once from the squashed catalogued files.
// Contract: assembleInventory() never fails; problems become warnings on the result.

#include "catalog/package.h"
#include "common/warning.h"
#include "image/imageinfo.h"
#include "layers/layerresult.h"

#include <QHash>

namespace bulkhead {

struct Inventory {
    OsInfo os;
    QVector<Package> packages; // sorted by ecosystem, name, version, arch, foundIn
    // Path (no leading '/') → owning OS package as "ecosystem/name" (dpkg .list, apk and rpm file lists).
    // Lets language catalogers drop packages that an OS package installed.
    QHash<QString, QString> ownedPaths;
    ScanWarnings warnings;
};

Inventory assembleInventory(const QVector<SquashedFile> &files, const QVector<LayerInfo> &layers);

// The PURL of an OS package once the distro is known, e.g.
// pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12. Empty for other ecosystems.
QString osPackagePurl(const Package &package, const OsInfo &os);

// The rpm PURL namespace (vendor) for an OS: "redhat" for rhel, "opensuse" for openSUSE Leap and
// Tumbleweed, the os-release ID otherwise; empty when the OS is unknown.
QString rpmPurlNamespace(const OsInfo &os);

// Language packages (PyPI, npm, Maven, ...) whose file an OS package owns are dropped; their PURL
// is added to the owning OS package's extraPurls. Part of assembleInventory().
void foldOwnedLanguagePackages(Inventory &inventory);

// Sort order of Inventory::packages.
bool packageLessThan(const Package &a, const Package &b);

} // namespace bulkhead
