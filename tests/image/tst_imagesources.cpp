// openImageSource(): kind prefixes, content detection of plain paths, ':' in paths vs tags, and
// one open + one stream through whatever source it returns.
#include "image/imagesources.h"
#include "imagefixtures.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

class TestImageSources : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    BuiltImages m_built;

    // Expands the placeholders of a table row.
    QString expand(QString spec) const
    {
        spec.replace(QStringLiteral("{ocidir}"), m_built.ociDir);
        spec.replace(QStringLiteral("{ociarchive}"), m_built.ociArchive);
        spec.replace(QStringLiteral("{ociarchivegz}"), m_built.ociArchiveGz);
        spec.replace(QStringLiteral("{dockerarchive}"), m_built.dockerArchive);
        spec.replace(QStringLiteral("{dockerarchivegz}"), m_built.dockerArchiveGz);
        spec.replace(QStringLiteral("{alpine310}"), dataPath(QStringLiteral("image/alpine-310.tar.gz")));
        spec.replace(QStringLiteral("{tmp}"), m_tmp.path());
        return spec;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_built = buildTestImages(m_tmp.filePath(QStringLiteral("built")));
        if (!m_built.error.isEmpty())
            QSKIP(qPrintable(m_built.error));
        // A directory whose name has a ':' in it.
        QVERIFY(copyTree(m_built.ociDir, m_tmp.filePath(QStringLiteral("we:ird"))));
        // A docker >= 25 style save: manifest.json and an OCI layout side by side.
        const QString both = m_tmp.filePath(QStringLiteral("both"));
        QDir().mkpath(both);
        QString error;
        QVERIFY2(runTool(QStringLiteral("tar"), {QStringLiteral("-xf"), m_built.dockerArchive, QStringLiteral("-C"), both}, &error),
                 qPrintable(error));
        QVERIFY(runTool(QStringLiteral("cp"), {QStringLiteral("-a"), m_built.ociDir + QStringLiteral("/."), both}, &error));
        QVERIFY(makeTar(both, m_tmp.filePath(QStringLiteral("both.tar"))));
        // Not images.
        writeFileBytes(m_tmp.filePath(QStringLiteral("notes.txt")), "just some text\n");
        QDir().mkpath(m_tmp.filePath(QStringLiteral("emptydir")));
        QDir().mkpath(m_tmp.filePath(QStringLiteral("plain/docs")));
        writeFileBytes(m_tmp.filePath(QStringLiteral("plain/docs/README")), "hello\n");
        QVERIFY(makeTar(m_tmp.filePath(QStringLiteral("plain")), m_tmp.filePath(QStringLiteral("plain.tar.gz")), true));
    }

    void opensAndStreams_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<int>("layers");
        QTest::newRow("oci dir, plain path") << "{ocidir}" << "oci" << "{ocidir}" << "" << 2;
        QTest::newRow("oci: prefix") << "oci:{ocidir}" << "oci" << "{ocidir}" << "" << 2;
        QTest::newRow("oci: with tag") << "oci:{ocidir}:app" << "oci" << "{ocidir}" << "app" << 2;
        QTest::newRow("oci-archive, plain path") << "{ociarchive}" << "oci-archive" << "{ociarchive}" << "" << 2;
        QTest::newRow("oci-archive gz, plain path") << "{ociarchivegz}" << "oci-archive" << "{ociarchivegz}" << "" << 2;
        QTest::newRow("oci-archive: with tag") << "oci-archive:{ociarchive}:app" << "oci-archive" << "{ociarchive}" << "app" << 2;
        QTest::newRow("docker-archive, plain path") << "{dockerarchive}" << "docker-archive" << "{dockerarchive}" << "" << 2;
        QTest::newRow("docker-archive gz, plain path") << "{dockerarchivegz}" << "docker-archive" << "{dockerarchivegz}" << "" << 2;
        QTest::newRow("docker save fixture") << "{alpine310}" << "docker-archive" << "{alpine310}" << "" << 1;
        QTest::newRow("docker-archive: tag with ':'") << "docker-archive:{alpine310}:alpine:3.10" << "docker-archive"
                                                      << "{alpine310}" << "alpine:3.10" << 1;
        QTest::newRow("':' in directory name") << "oci:{tmp}/we:ird" << "oci" << "{tmp}/we:ird" << "" << 2;
        QTest::newRow("':' in directory name, tag") << "oci:{tmp}/we:ird:app" << "oci" << "{tmp}/we:ird" << "app" << 2;
        QTest::newRow("':' in plain path, tag") << "{tmp}/we:ird:app" << "oci" << "{tmp}/we:ird" << "app" << 2;
        QTest::newRow("manifest.json wins over OCI layout") << "{tmp}/both.tar" << "docker-archive" << "{tmp}/both.tar" << "" << 2;
        QTest::newRow("same file as oci-archive") << "oci-archive:{tmp}/both.tar" << "oci-archive" << "{tmp}/both.tar" << "" << 2;
    }
    void opensAndStreams()
    {
        QFETCH(QString, spec);
        QFETCH(QString, kind);
        QFETCH(QString, location);
        QFETCH(QString, tag);
        QFETCH(int, layers);
        spec = expand(spec);
        auto opened = openImageSource(spec);
        QVERIFY2(opened.has_value(), qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(opened->kind, kind);
        QCOMPARE(opened->location, expand(location));
        QCOMPARE(opened->tag, tag);

        const auto info = opened->source->open({}, ProgressSink());
        QVERIFY2(info.has_value(), qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->sourceKind, kind);
        QCOMPARE(info->reference, spec);
        QCOMPARE(info->layers.size(), layers);
        QSet<int> all;
        for (int i = 0; i < layers; ++i)
            all.insert(i);
        HashingSink sink;
        const auto streamed = opened->source->streamLayers(all, sink, ProgressSink());
        QVERIFY2(streamed.has_value(), qPrintable(streamed ? QString() : streamed.error().message));
        QCOMPARE(sink.blobs.size(), layers);
        const QString problem = checkStreamed(sink.blobs, *info, all);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void sameImageWhateverTheSource()
    {
        // skopeo keeps the config byte for byte, so every copy has the same image ID.
        QStringList ids;
        for (const QString &spec : {m_built.ociDir, m_built.ociArchiveGz, m_built.dockerArchive,
                                    m_tmp.filePath(QStringLiteral("both.tar"))}) {
            auto opened = openImageSource(spec);
            QVERIFY(opened.has_value());
            const auto info = opened->source->open({}, ProgressSink());
            QVERIFY(info.has_value());
            ids.append(info->configDigest);
        }
        ids.removeDuplicates();
        QCOMPARE(ids.size(), 1);
    }

    void dockerArchiveWithLayoutKnowsItsManifest()
    {
        // A docker >= 25 style save names the manifest digest through its OCI layout; a classic
        // one cannot.
        auto both = openImageSource(m_tmp.filePath(QStringLiteral("both.tar")));
        QVERIFY(both.has_value());
        const auto info = both->source->open({}, ProgressSink());
        QVERIFY(info.has_value());
        QCOMPARE(info->manifestDigest, firstManifestDigest(m_built.ociDir));
        QCOMPARE(info->manifestMediaType, QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        auto classic = openImageSource(m_built.dockerArchive);
        QVERIFY(classic.has_value());
        const auto classicInfo = classic->source->open({}, ProgressSink());
        QVERIFY(classicInfo.has_value());
        QVERIFY(classicInfo->manifestDigest.isEmpty());
    }

    void refusesWhatIsNoImage_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("nonexistent plain path") << "{tmp}/nothing-here"
            << "is not a known image source: no such file, and no kind prefix (docker-archive: oci: oci-archive: docker: podman: registry:).";
        QTest::newRow("nonexistent oci path") << "oci:{tmp}/nothing-here" << "{tmp}/nothing-here does not exist.";
        QTest::newRow("empty oci path") << "oci:" << "names no path.";
        QTest::newRow("empty engine image") << "docker:" << "'docker:' names no image.";
        QTest::newRow("text file") << "{tmp}/notes.txt" << "is not an image archive (a tar file, possibly compressed).";
        QTest::newRow("empty directory") << "{tmp}/emptydir" << "is a directory but not an OCI image layout (it has no oci-layout file).";
        QTest::newRow("tar without image") << "{tmp}/plain.tar.gz" << "holds neither a docker save manifest.json nor an OCI layout.";
        QTest::newRow("device") << "/dev/null" << "is neither a regular file nor a directory.";
    }
    void refusesWhatIsNoImage()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        const auto opened = openImageSource(expand(spec));
        QVERIFY(!opened.has_value());
        QVERIFY2(opened.error().message.endsWith(expand(error)), qPrintable(opened.error().message));
    }

    void tagFromSpecSelects()
    {
        auto opened = openImageSource(QStringLiteral("docker-archive:") + dataPath(QStringLiteral("image/alpine-310.tar.gz"))
                                      + QStringLiteral(":alpine:9.9"));
        QVERIFY(opened.has_value());
        const auto info = opened->source->open({}, ProgressSink());
        QVERIFY(!info.has_value());
        QVERIFY2(info.error().message.endsWith(u"has no image tagged 'alpine:9.9'; it has: alpine:3.10."),
                 qPrintable(info.error().message));
    }

    void kindsAreListed()
    {
        QCOMPARE(imageSourceKinds(), (QStringList{QStringLiteral("docker-archive"), QStringLiteral("oci"),
                                                  QStringLiteral("oci-archive"), QStringLiteral("docker"),
                                                  QStringLiteral("podman"), QStringLiteral("registry")}));
    }
};

QTEST_GUILESS_MAIN(TestImageSources)
#include "tst_imagesources.moc"
