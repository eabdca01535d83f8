#pragma once
// A package found in an image, with the layer that introduced it. Plain value type.

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bulkhead {

// Ecosystem identifiers used across Bulkhead (catalogers, comparators, the vulnerability DB).
namespace Ecosystem {
inline const QString Deb = QStringLiteral("deb");
inline const QString Apk = QStringLiteral("apk");
inline const QString Rpm = QStringLiteral("rpm");
inline const QString Npm = QStringLiteral("npm");
inline const QString PyPI = QStringLiteral("pypi");
inline const QString Maven = QStringLiteral("maven");
inline const QString Go = QStringLiteral("go");
inline const QString Cargo = QStringLiteral("cargo");
inline const QString Gem = QStringLiteral("gem");
inline const QString Composer = QStringLiteral("composer");
inline const QString NuGet = QStringLiteral("nuget");
} // namespace Ecosystem

// Package::metadata key set (to a short reason) on packages whose version names no release, e.g.
// a Go main module built from a checkout ("(devel)"): matchers skip them.
inline const QString kMetaNotMatchable = QStringLiteral("notMatchable");

// The layer a package (or file) came from.
struct LayerRef {
    int index = -1;        // index into ImageInfo::layers, -1 when unknown (e.g. SBOM input)
    QString digest;
    QString diffId;
    QString createdBy;     // history created_by of that layer
    bool isValid() const { return index >= 0; }
};

struct Package {
    QString ecosystem;     // one of Ecosystem::*
    QString name;
    QString version;       // full version as the ecosystem writes it (dpkg: [epoch:]upstream[-revision])
    QString arch;
    QString sourceName;    // dpkg Source:, apk origin, rpm source RPM name; empty when same as name
    QString sourceVersion; // empty when same as version
    QStringList licenses;
    QString purl;          // purl-spec package URL
    QStringList extraPurls;// further identities used for matching only (e.g. a language id of an OS package)
    QString foundIn;       // path of the file it was read from, without leading '/'
    QString cataloger;     // id of the cataloger that found it
    LayerRef layer;        // the layer that introduced it in its current version
    QMap<QString, QString> metadata; // extra fields worth showing (maintainer, vendor, private, ...)

    QString effectiveSourceName() const { return sourceName.isEmpty() ? name : sourceName; }
    QString effectiveSourceVersion() const { return sourceVersion.isEmpty() ? version : sourceVersion; }
    // Identity used to follow a package across layers: ecosystem, name, arch and the file it is in.
    QString key() const { return ecosystem + u'/' + name + u'/' + arch + u'@' + foundIn; }
};

// The operating system of the image (from etc/os-release and friends).
struct OsInfo {
    QString id;            // os-release ID: "debian", "alpine", "ubuntu", "rhel", ...
    QString versionId;     // "12", "3.10.4", "22.04"
    QString versionCodename;
    QString prettyName;
    QStringList idLike;
    bool distroless = false;
    bool isKnown() const { return !id.isEmpty(); }
    // OSV ecosystem with release, e.g. "Debian:12", "Alpine:v3.10", "Ubuntu:22.04"; empty if none.
    QString osvEcosystem() const;
    // purl-spec "distro" qualifier, e.g. "debian-12", "alpine-3.10.4".
    QString purlDistro() const;
};

} // namespace bulkhead
