#include "report/spdxexporter.h"

#include "report/reportutil.h"
#include "report/spdxlicense.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace bulkhead {

using namespace report;

QString SpdxExporter::id() const { return QStringLiteral("spdx"); }
QString SpdxExporter::description() const { return QStringLiteral("SPDX 2.3 JSON SBOM"); }
QString SpdxExporter::fileExtension() const { return QStringLiteral("spdx.json"); }
QString SpdxExporter::mimeType() const { return QStringLiteral("application/spdx+json"); }

namespace {

const QString kNoAssertion = QStringLiteral("NOASSERTION");

QJsonObject purlRef(const QString &purl)
{
    // SPDX 2.3 Annex F: category PACKAGE-MANAGER, type purl.
    QJsonObject r;
    r.insert(QStringLiteral("referenceCategory"), QStringLiteral("PACKAGE-MANAGER"));
    r.insert(QStringLiteral("referenceType"), QStringLiteral("purl"));
    r.insert(QStringLiteral("referenceLocator"), purl);
    return r;
}

QJsonObject relationship(const QString &from, const QString &type, const QString &to)
{
    QJsonObject r;
    r.insert(QStringLiteral("spdxElementId"), from);
    r.insert(QStringLiteral("relationshipType"), type);
    r.insert(QStringLiteral("relatedSpdxElement"), to);
    return r;
}

QJsonObject basePackage(const QString &spdxId, const QString &name, const QString &version)
{
    QJsonObject p;
    p.insert(QStringLiteral("SPDXID"), spdxId);
    p.insert(QStringLiteral("name"), name);
    if (!version.isEmpty())
        p.insert(QStringLiteral("versionInfo"), version);
    p.insert(QStringLiteral("downloadLocation"), kNoAssertion);
    p.insert(QStringLiteral("filesAnalyzed"), false);
    p.insert(QStringLiteral("licenseConcluded"), kNoAssertion);
    p.insert(QStringLiteral("licenseDeclared"), kNoAssertion);
    p.insert(QStringLiteral("copyrightText"), kNoAssertion);
    return p;
}

QString packageComment(const Package &p)
{
    QStringList parts;
    if (p.layer.isValid())
        parts << QStringLiteral("layer %1 (%2): %3")
                     .arg(QString::number(p.layer.index), p.layer.diffId.isEmpty() ? p.layer.digest : p.layer.diffId,
                          shortInstruction(p.layer.createdBy));
    if (!p.sourceName.isEmpty() || !p.sourceVersion.isEmpty())
        parts << QStringLiteral("source package %1 %2").arg(p.effectiveSourceName(), p.effectiveSourceVersion());
    return parts.join(QStringLiteral("; "));
}

QString namespaceSegment(const QString &name)
{
    return sanitizeSpdxIdString(name).toLower();
}

} // namespace

Result<QByteArray> SpdxExporter::render(const ScanResult &result, const ExportOptions &options) const
{
    const QVector<Package> packages = sortedPackages(result.packages);
    const PackageRefs refs(packages, QStringLiteral("SPDXRef-Package-"), &sanitizeSpdxIdString);
    const QString name = imageName(result.image);
    const QString imageId = QStringLiteral("SPDXRef-Image");
    const QString osId = QStringLiteral("SPDXRef-OperatingSystem");

    QJsonObject doc;
    doc.insert(QStringLiteral("spdxVersion"), QStringLiteral("SPDX-2.3"));
    doc.insert(QStringLiteral("dataLicense"), QStringLiteral("CC0-1.0"));
    doc.insert(QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-DOCUMENT"));
    doc.insert(QStringLiteral("name"), name);
    // SPDX 2.3 section 6.5: a unique absolute URI, not necessarily resolvable.
    doc.insert(QStringLiteral("documentNamespace"),
               QString(QStringLiteral("https://spdx.org/spdxdocs/bulkhead/") + namespaceSegment(name) + u'-'
                           + documentUuid(result, options, id()).toString(QUuid::WithoutBraces)));
    QJsonObject creation;
    creation.insert(QStringLiteral("created"), isoUtc(documentTime(result, options)));
    creation.insert(QStringLiteral("creators"),
                    QJsonArray{QString(QStringLiteral("Tool: ") + toolName() + u'-' + toolVersion())});
    creation.insert(QStringLiteral("licenseListVersion"), QStringLiteral("3.28"));
    doc.insert(QStringLiteral("creationInfo"), creation);

    QJsonArray spdxPackages;
    QJsonArray relationships;
    relationships.append(relationship(QStringLiteral("SPDXRef-DOCUMENT"), QStringLiteral("DESCRIBES"), imageId));

    QJsonObject image = basePackage(imageId, name, imageDigest(result.image));
    image.insert(QStringLiteral("primaryPackagePurpose"), QStringLiteral("CONTAINER"));
    image.insert(QStringLiteral("externalRefs"), QJsonArray{purlRef(imagePurl(result.image))});
    const QString digest = imageDigest(result.image);
    if (digest.startsWith(u"sha256:")) {
        QJsonObject checksum;
        checksum.insert(QStringLiteral("algorithm"), QStringLiteral("SHA256"));
        checksum.insert(QStringLiteral("checksumValue"), digest.mid(7));
        image.insert(QStringLiteral("checksums"), QJsonArray{checksum});
    }
    spdxPackages.append(image);

    if (result.os.isKnown()) {
        QJsonObject os = basePackage(osId, result.os.id, result.os.versionId);
        os.insert(QStringLiteral("primaryPackagePurpose"), QStringLiteral("OPERATING_SYSTEM"));
        if (!result.os.prettyName.isEmpty())
            os.insert(QStringLiteral("description"), result.os.prettyName);
        spdxPackages.append(os);
        relationships.append(relationship(imageId, QStringLiteral("CONTAINS"), osId));
    }

    QMap<QString, QString> extracted; // LicenseRef id -> the text it stands for
    for (int i = 0; i < packages.size(); ++i) {
        const Package &p = packages[i];
        const QString ref = refs.refAt(i);
        QJsonObject sp = basePackage(ref, p.name, p.version);
        const QString declared = spdxExpressionFromLicenses(p.licenses, &extracted);
        if (!declared.isEmpty())
            sp.insert(QStringLiteral("licenseDeclared"), declared);
        if (!p.purl.isEmpty()) {
            QJsonArray ext{purlRef(p.purl)};
            for (const QString &extra : p.extraPurls)
                ext.append(purlRef(extra));
            sp.insert(QStringLiteral("externalRefs"), ext);
        }
        if (!p.foundIn.isEmpty())
            sp.insert(QStringLiteral("sourceInfo"), QString(QStringLiteral("acquired package info from /") + p.foundIn));
        const QString comment = packageComment(p);
        if (!comment.isEmpty())
            sp.insert(QStringLiteral("comment"), comment);
        spdxPackages.append(sp);
        relationships.append(relationship(imageId, QStringLiteral("CONTAINS"), ref));
    }
    doc.insert(QStringLiteral("packages"), spdxPackages);
    doc.insert(QStringLiteral("relationships"), relationships);

    if (!extracted.isEmpty()) {
        // SPDX 2.3 section 10: every LicenseRef used must be defined here.
        QJsonArray infos;
        for (auto it = extracted.cbegin(); it != extracted.cend(); ++it) {
            QJsonObject info;
            info.insert(QStringLiteral("licenseId"), it.key());
            info.insert(QStringLiteral("name"), it.value());
            info.insert(QStringLiteral("extractedText"),
                        QStringLiteral("The package declares its licence as \"%1\", which is not an SPDX licence "
                                       "identifier.").arg(it.value()));
            infos.append(info);
        }
        doc.insert(QStringLiteral("hasExtractedLicensingInfos"), infos);
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

} // namespace bulkhead
