#pragma once
// Maven packages inside Java archives (.jar, .war, .ear, .par, .jpi, .hpi), read in memory with
// libarchive, including archives nested in archives (Spring Boot BOOT-INF/lib, WEB-INF/lib, EAR
// modules) down to a depth limit. Identity, per archive: every
// META-INF/maven/<group>/<artifact>/pom.properties (a shaded jar has several), else the main
// section of META-INF/MANIFEST.MF, else the file name ("name-1.2.3.jar").
//
// Package::name is "groupId:artifactId" (just the artifact when no group is known), foundIn is
// the outer path followed by "!/entry" for each nesting level, metadata["identitySource"] says
// which of the three gave the identity. Limits on depth, sizes and entries make a zip bomb a
// warning with a partial result, never an unbounded allocation.

#include "catalog/cataloger.h"

namespace bulkhead {

struct JavaArchiveLimits {
    int maxDepth = 4;                                   // nesting levels opened below the file
    qint64 maxNestedArchiveSize = 128LL * 1024 * 1024;  // one nested archive, uncompressed
    qint64 maxTotalUncompressed = 512LL * 1024 * 1024;  // all bytes decompressed for one file
    qint64 maxEntries = 200'000;                        // entries visited, all levels of one file
    qint64 maxMetadataFileSize = 1024 * 1024;           // one MANIFEST.MF or pom.properties
};

class JavaArchiveCataloger final : public Cataloger {
public:
    explicit JavaArchiveCataloger(JavaArchiveLimits limits = {});

    QString id() const override;
    int version() const override;
    bool wants(const FileMeta &file) const override;
    qint64 maxFileSize() const override;
    // A file that is not a zip archive at all is an Error; damage or limits met inside it are
    // warnings next to whatever was found before.
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

    // Splits an archive file name "commons-lang3-3.12.0.jar" into artifact and version at the
    // first '-' followed by a digit; the version is empty when there is none.
    static void splitFileName(const QString &fileName, QString *artifact, QString *version);

private:
    JavaArchiveLimits m_limits;
};

} // namespace bulkhead
