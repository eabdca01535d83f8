// Java archive cataloger on real jars from Debian 12 (slf4j, Maven's shaded slf4j provider,
// atinject, aopalliance, jsr305) and on containers packed from them with zip (a Spring Boot style
// fat jar; an EAR holding a WAR holding a jar holding a jar), see SOURCES.md. Hostile archives
// (zip bombs, too many entries, too deep nesting, truncation) are built here with libarchive.
#include "catalog/lang/javaarchivecataloger.h"
#include "langtestutil.h"

#include <archive.h>
#include <archive_entry.h>

#include <utility>

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {

using Entries = QVector<std::pair<QString, QByteArray>>;

la_ssize_t appendTo(struct archive *, void *client, const void *buffer, size_t length)
{
    static_cast<QByteArray *>(client)->append(static_cast<const char *>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

// A zip archive (deflate) holding `entries`, written with libarchive.
QByteArray makeZip(const Entries &entries)
{
    QByteArray out;
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_open(a, &out, nullptr, appendTo, nullptr);
    for (const auto &e : entries) {
        struct archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.first.toUtf8().constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, e.second.size());
        archive_write_header(a, entry);
        archive_write_data(a, e.second.constData(), size_t(e.second.size()));
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

QByteArray jar(const QString &name)
{
    return readData(u"java/"_s + name);
}

Result<FileFacts> run(const QString &imagePath, const QByteArray &content, JavaArchiveLimits limits = {})
{
    return JavaArchiveCataloger(limits).parse(regularFile(imagePath, content.size()), content);
}

bool anyWarningContains(const FileFacts &facts, const QString &text)
{
    for (const ScanWarning &w : facts.warnings) {
        if (w.message.contains(text) && w.stage == u"catalog:java-archive")
            return true;
    }
    return false;
}

const QString Slf4jApi = u"org.slf4j:slf4j-api|1.7.32|pkg:maven/org.slf4j/slf4j-api@1.7.32||"_s;

} // namespace

class TstJavaArchiveCataloger : public QObject {
    Q_OBJECT
private slots:
    void wants_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("wanted");
        for (const char *ext : {"jar", "war", "ear", "par", "jpi", "hpi", "JAR"})
            QTest::newRow(ext) << u"opt/app/x."_s + QString::fromLatin1(ext) << true;
        QTest::newRow("zip") << u"opt/app/x.zip"_s << false;
        QTest::newRow("class") << u"opt/app/X.class"_s << false;
        QTest::newRow("jar.sha1") << u"root/.m2/x.jar.sha1"_s << false;
    }
    void wants()
    {
        QFETCH(QString, path);
        QFETCH(bool, wanted);
        const JavaArchiveCataloger c;
        QCOMPARE(c.wants(regularFile(path)), wanted);
        FileMeta link = regularFile(path);
        link.mode = S_IFLNK | 0777; // Debian's versioned jar names are symlinks
        QVERIFY(!c.wants(link));
        QVERIFY(c.maxFileSize() >= 256LL * 1024 * 1024);
    }

    void splitFileName_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("artifact");
        QTest::addColumn<QString>("version");
        QTest::newRow("plain") << u"commons-lang3-3.12.0.jar"_s << u"commons-lang3"_s << u"3.12.0"_s;
        QTest::newRow("digit in name") << u"slf4j-api-1.7.32.jar"_s << u"slf4j-api"_s << u"1.7.32"_s;
        QTest::newRow("snapshot") << u"demo-app-0.0.1-SNAPSHOT.jar"_s << u"demo-app"_s << u"0.0.1-SNAPSHOT"_s;
        QTest::newRow("debian tilde") << u"jsr305-0.1~+svn49.jar"_s << u"jsr305"_s << u"0.1~+svn49"_s;
        QTest::newRow("no version") << u"shop.war"_s << u"shop"_s << QString();
        QTest::newRow("leading digit") << u"3d-utils.jar"_s << u"3d-utils"_s << QString();
    }
    void splitFileName()
    {
        QFETCH(QString, file);
        QFETCH(QString, artifact);
        QFETCH(QString, version);
        QString a, v;
        JavaArchiveCataloger::splitFileName(file, &a, &v);
        QCOMPARE(a, artifact);
        QCOMPARE(v, version);
    }

    void realArchives_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected"); // name|version|purl|licences|foundIn, sorted
        QTest::addColumn<QStringList>("sources");  // identitySource per expected line
        const QString at = u"opt/app/"_s;
        // pom.properties: org/slf4j/slf4j-api/1.7.32 (libslf4j-java 1.7.32-1).
        QTest::newRow("pom.properties") << u"slf4j-api-1.7.32.jar"_s
                                        << QStringList{Slf4jApi + at + u"slf4j-api-1.7.32.jar"_s}
                                        << QStringList{u"pom.properties"_s};
        // Maven's shaded provider embeds slf4j-simple: two pom.properties, both reported.
        QTest::newRow("shaded") << u"maven3-slf4j-provider-3.8.7.jar"_s
                                << QStringList{
                                       u"org.apache.maven:maven-slf4j-provider|3.8.7|pkg:maven/org.apache.maven/maven-slf4j-provider@3.8.7||opt/app/maven3-slf4j-provider-3.8.7.jar"_s,
                                       u"org.slf4j:slf4j-simple|1.7.32|pkg:maven/org.slf4j/slf4j-simple@1.7.32||opt/app/maven3-slf4j-provider-3.8.7.jar"_s}
                                << QStringList{u"pom.properties"_s, u"pom.properties"_s};
        // No pom.properties; the OSGi manifest names it (Bundle-SymbolicName javax.inject 1.0.0).
        QTest::newRow("manifest") << u"atinject-jsr330-api-1.0.jar"_s
                                  << QStringList{u"javax.inject|1.0.0|pkg:maven/javax.inject@1.0.0||opt/app/atinject-jsr330-api-1.0.jar"_s}
                                  << QStringList{u"manifest"_s};
        // Manifest identity with an OSGi Bundle-License.
        QTest::newRow("manifest licence") << u"guice-jndi-4.2.3.jar"_s
                                          << QStringList{u"com.google.inject.jndi|4.2.3|pkg:maven/com.google.inject.jndi@4.2.3|http://www.apache.org/licenses/LICENSE-2.0.txt|opt/app/guice-jndi-4.2.3.jar"_s}
                                          << QStringList{u"manifest"_s};
        // Neither: the file name.
        QTest::newRow("file name") << u"aopalliance-1.0.jar"_s
                                   << QStringList{u"aopalliance|1.0|pkg:maven/aopalliance@1.0||opt/app/aopalliance-1.0.jar"_s}
                                   << QStringList{u"filename"_s};
        QTest::newRow("file name debian version") << u"jsr305-0.1~+svn49.jar"_s
                                                  << QStringList{u"jsr305|0.1~+svn49|pkg:maven/jsr305@0.1~%2Bsvn49||opt/app/jsr305-0.1~+svn49.jar"_s}
                                                  << QStringList{u"filename"_s};
        const QString boot = at + u"demo-app-0.0.1-SNAPSHOT.jar"_s;
        QTest::newRow("spring boot fat jar")
            << u"demo-app-0.0.1-SNAPSHOT.jar"_s
            << QStringList{
                   u"com.example:demo-app|0.0.1-SNAPSHOT|pkg:maven/com.example/demo-app@0.0.1-SNAPSHOT||"_s + boot,
                   u"org.apache.commons:commons-lang3|3.12.0|pkg:maven/org.apache.commons/commons-lang3@3.12.0||"_s + boot + u"!/BOOT-INF/lib/commons-lang3-3.12.0.jar"_s,
                   u"org.apache.maven:maven-slf4j-provider|3.8.7|pkg:maven/org.apache.maven/maven-slf4j-provider@3.8.7||"_s + boot + u"!/BOOT-INF/lib/maven-slf4j-provider-3.8.7.jar"_s,
                   Slf4jApi + boot + u"!/BOOT-INF/lib/slf4j-api-1.7.32.jar"_s,
                   u"org.slf4j:slf4j-simple|1.7.32|pkg:maven/org.slf4j/slf4j-simple@1.7.32||"_s + boot + u"!/BOOT-INF/lib/maven-slf4j-provider-3.8.7.jar"_s}
            << QStringList{u"manifest"_s, u"pom.properties"_s, u"pom.properties"_s, u"pom.properties"_s, u"pom.properties"_s};
        const QString ear = at + u"shop-ear-1.0.ear"_s;
        QTest::newRow("ear > war > jar > jar")
            << u"shop-ear-1.0.ear"_s
            << QStringList{
                   u"com.example.shop:shop-core|2.0.0|pkg:maven/com.example.shop/shop-core@2.0.0||"_s + ear + u"!/shop.war!/WEB-INF/lib/shop-core-2.0.0.jar"_s,
                   u"javax.inject|1.0.0|pkg:maven/javax.inject@1.0.0||"_s + ear + u"!/shop.war!/WEB-INF/lib/shop-core-2.0.0.jar!/lib/atinject-jsr330-api-1.0.jar"_s,
                   Slf4jApi + ear + u"!/shop.war!/WEB-INF/lib/slf4j-api-1.7.32.jar"_s,
                   u"shop-ear|1.0|pkg:maven/shop-ear@1.0||"_s + ear}
            << QStringList{u"manifest"_s, u"manifest"_s, u"pom.properties"_s, u"filename"_s};
    }
    void realArchives()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, sources);
        const auto facts = run(u"opt/app/"_s + file, jar(file));
        QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
        QVERIFY(facts->warnings.isEmpty());
        QCOMPARE(lines(facts->packages), expected);
        QVector<Package> sorted = facts->packages;
        std::sort(sorted.begin(), sorted.end(), [](const Package &a, const Package &b) { return line(a) < line(b); });
        for (qsizetype i = 0; i < sorted.size(); ++i) {
            const Package &p = sorted[i];
            QCOMPARE(p.metadata.value(u"identitySource"_s), sources[i]);
            QCOMPARE(p.ecosystem, Ecosystem::Maven);
            QCOMPARE(p.cataloger, u"java-archive"_s);
            QCOMPARE(p.name, p.metadata.contains(u"groupId"_s)
                                 ? p.metadata.value(u"groupId"_s) + u':' + p.metadata.value(u"artifactId"_s)
                                 : p.metadata.value(u"artifactId"_s));
        }
    }

    void outerPackageComesFirst()
    {
        const auto facts = run(u"app.jar"_s, jar(u"demo-app-0.0.1-SNAPSHOT.jar"_s));
        QVERIFY(facts);
        QCOMPARE(facts->packages.first().name, u"com.example:demo-app"_s);
    }

    void depthLimit()
    {
        JavaArchiveLimits limits;
        limits.maxDepth = 2;
        const auto facts = run(u"shop-ear-1.0.ear"_s, jar(u"shop-ear-1.0.ear"_s), limits);
        QVERIFY(facts);
        QCOMPARE(facts->packages.size(), 3); // javax.inject sits at depth 3
        QVERIFY(anyWarningContains(*facts, u"shop-core-2.0.0.jar!/lib/atinject-jsr330-api-1.0.jar is nested more than 2"_s));
    }

    void deepNestingWithDefaults()
    {
        // Ten levels of jar-in-jar: the default limit stops at 4 with one warning, no recursion blow-up.
        QByteArray inner = jar(u"slf4j-api-1.7.32.jar"_s);
        for (int i = 0; i < 10; ++i)
            inner = makeZip({{u"lib/level%1.jar"_s.arg(i), inner}});
        const auto facts = run(u"deep.jar"_s, inner);
        QVERIFY(facts);
        QVERIFY(facts->packages.isEmpty());
        QCOMPARE(facts->warnings.size(), 1);
        QVERIFY(facts->warnings.first().message.contains(u"nested more than 4 archives deep"_s));
    }

    void nestedZipBomb()
    {
        // 10 MiB of zeros deflate to about 10 KiB; a 1 MiB per-archive limit refuses it while the
        // real jar next to it is still read.
        const QByteArray bomb = makeZip({{u"META-INF/MANIFEST.MF"_s, "Manifest-Version: 1.0\n\n"},
                                         {u"BOOT-INF/lib/zeros-1.0.jar"_s, QByteArray(10 * 1024 * 1024, '\0')},
                                         {u"BOOT-INF/lib/slf4j-api-1.7.32.jar"_s, jar(u"slf4j-api-1.7.32.jar"_s)}});
        QVERIFY(bomb.size() < 200 * 1024);
        JavaArchiveLimits limits;
        limits.maxNestedArchiveSize = 1024 * 1024;
        const auto facts = run(u"bomb-1.0.jar"_s, bomb, limits);
        QVERIFY(facts);
        QVERIFY(anyWarningContains(*facts, u"BOOT-INF/lib/zeros-1.0.jar inside bomb-1.0.jar is larger than 1.0 MiB"_s));
        QCOMPARE(lines(facts->packages),
                 (QStringList{u"bomb|1.0|pkg:maven/bomb@1.0||bomb-1.0.jar"_s,
                              Slf4jApi + u"bomb-1.0.jar!/BOOT-INF/lib/slf4j-api-1.7.32.jar"_s}));

        // Under the per-archive limit the zeros are read, are not a zip, and give a warning.
        const auto lenient = run(u"bomb-1.0.jar"_s, bomb);
        QVERIFY(lenient);
        QVERIFY(anyWarningContains(*lenient, u"bomb-1.0.jar!/BOOT-INF/lib/zeros-1.0.jar is not a readable zip archive"_s));
        QCOMPARE(lenient->packages.size(), 2);
    }

    void totalBudget()
    {
        // Each nested jar is small, but together they pass the total budget: partial result.
        Entries entries;
        for (int i = 0; i < 8; ++i)
            entries.append({u"WEB-INF/lib/slf4j-api-copy%1.jar"_s.arg(i), jar(u"slf4j-api-1.7.32.jar"_s)});
        JavaArchiveLimits limits;
        // Room for three copies of the 42138-byte jar and their manifests and pom.properties.
        limits.maxTotalUncompressed = 3 * (42138 + 2000);
        const auto facts = run(u"many.war"_s, makeZip(entries), limits);
        QVERIFY(facts);
        QVERIFY(anyWarningContains(*facts, u"more than 0.1 MiB in total"_s));
        QCOMPARE(facts->packages.size(), 3);
    }

    void manifestBomb()
    {
        JavaArchiveLimits limits;
        limits.maxMetadataFileSize = 64 * 1024;
        const QByteArray zip = makeZip({{u"META-INF/MANIFEST.MF"_s, QByteArray(8 * 1024 * 1024, 'A')}});
        const auto facts = run(u"lib/huge-manifest-2.1.jar"_s, zip, limits);
        QVERIFY(facts);
        QVERIFY(anyWarningContains(*facts, u"META-INF/MANIFEST.MF inside lib/huge-manifest-2.1.jar is larger than"_s));
        QCOMPARE(lines(facts->packages),
                 QStringList{u"huge-manifest|2.1|pkg:maven/huge-manifest@2.1||lib/huge-manifest-2.1.jar"_s});
    }

    void entryLimit()
    {
        Entries entries;
        entries.append({u"META-INF/maven/org.slf4j/slf4j-api/pom.properties"_s,
                        "groupId=org.slf4j\nartifactId=slf4j-api\nversion=1.7.32\n"});
        for (int i = 0; i < 50; ++i)
            entries.append({u"org/x/C%1.class"_s.arg(i), QByteArray(16, 'x')});
        JavaArchiveLimits limits;
        limits.maxEntries = 10;
        const auto facts = run(u"wide.jar"_s, makeZip(entries), limits);
        QVERIFY(facts);
        QVERIFY(anyWarningContains(*facts, u"more than 10 entries"_s));
        QCOMPARE(lines(facts->packages), QStringList{Slf4jApi + u"wide.jar"_s});
    }

    void truncatedJar()
    {
        // The first 20000 bytes of the real slf4j-api jar: no central directory, data cut
        // mid-entry. Its manifest and pom.properties come before the cut, so it is still known.
        const auto facts = run(u"opt/slf4j-api-truncated.jar"_s, jar(u"slf4j-api-truncated.jar"_s));
        QVERIFY(facts);
        QCOMPARE(facts->warnings.size(), 1);
        QCOMPARE(facts->warnings.first().path, u"opt/slf4j-api-truncated.jar"_s);
        QVERIFY(facts->warnings.first().message.contains(u"opt/slf4j-api-truncated.jar is damaged after"_s));
        QCOMPARE(lines(facts->packages), QStringList{Slf4jApi + u"opt/slf4j-api-truncated.jar"_s});

        // A truncated jar nested in a good one is a warning on the outer file's result.
        const QByteArray outer = makeZip({{u"lib/slf4j-api-truncated.jar"_s, jar(u"slf4j-api-truncated.jar"_s)},
                                          {u"lib/aopalliance-1.0.jar"_s, jar(u"aopalliance-1.0.jar"_s)}});
        const auto nested = run(u"outer.war"_s, outer);
        QVERIFY(nested);
        QVERIFY(anyWarningContains(*nested, u"outer.war!/lib/slf4j-api-truncated.jar is damaged after"_s));
        QCOMPARE(lines(nested->packages),
                 (QStringList{u"aopalliance|1.0|pkg:maven/aopalliance@1.0||outer.war!/lib/aopalliance-1.0.jar"_s,
                              Slf4jApi + u"outer.war!/lib/slf4j-api-truncated.jar"_s}));
    }

    void notAnArchive_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("this is not a jar\n");
        QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
        QTest::newRow("zip magic then junk") << QByteArray("PK\x03\x04garbagegarbagegarbagegarbage", 32);
    }
    void notAnArchive()
    {
        QFETCH(QByteArray, content);
        const auto facts = run(u"opt/broken.jar"_s, content);
        QVERIFY(!facts);
        QCOMPARE(facts.error().code, int(InvalidInput));
        QVERIFY(facts.error().message.contains(u"opt/broken.jar is not a readable zip archive"_s));
    }
};

QTEST_GUILESS_MAIN(TstJavaArchiveCataloger)
#include "tst_javaarchivecataloger.moc"
