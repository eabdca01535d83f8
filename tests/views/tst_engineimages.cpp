// EngineImagesProvider and ImageCatalogModel against REAL engines: the private dockerd and Podman
// API service of the ctest fixture "engines" (tests/support/engines.sh, sockets under
// $BULKHEAD_ENGINES_BASE). The busybox test image (and the real app image when built) is loaded
// with the engines' own CLIs, whose `images` listing is the truth the rows are checked against.

#include "../engine/enginecli.h"
#include "../image/imagefixtures.h"
#include "testutil.h"

#include "image/imagesources.h"
#include "imagecatalog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

class TestEngineImages : public QObject {
    Q_OBJECT

private:
    QString m_base;
    QTemporaryDir m_work;
    BuiltImages m_busybox;
    QHash<QString, QString> m_skip;   // engine -> why its rows skip

    QString socketFor(const QString &engine) const { return m_base + u'/' + engine + QStringLiteral(".sock"); }

    QByteArray engineCli(const QString &engine, const QStringList &args, QString *error) const
    {
        return runEngineCli(engine, socketFor(engine), args, error);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        m_base = qEnvironmentVariable("BULKHEAD_ENGINES_BASE");
        if (m_base.isEmpty())
            QSKIP("BULKHEAD_ENGINES_BASE is not set: run through ctest, whose fixture starts the engines");
        qunsetenv("DOCKER_HOST");
        qputenv("BULKHEAD_DOCKER_SOCKET", socketFor(QStringLiteral("docker")).toLocal8Bit());
        qputenv("BULKHEAD_PODMAN_SOCKET", socketFor(QStringLiteral("podman")).toLocal8Bit());
        m_busybox = buildTestImages(m_work.filePath(QStringLiteral("busybox")));
        const QString app = testImagesDir().isEmpty() ? QString() : testImagesDir() + QStringLiteral("/app-docker.tar");
        for (const QString &engine : {QStringLiteral("docker"), QStringLiteral("podman")}) {
            const QByteArray note = readFileBytes(m_base + QStringLiteral("/unavailable-") + engine + QStringLiteral(".txt"));
            if (!note.isEmpty()) {
                m_skip.insert(engine, QString::fromUtf8(note).trimmed());
                continue;
            }
            if (!QFile::exists(socketFor(engine))) {
                m_skip.insert(engine, engine + QStringLiteral(" did not start (see ") + m_base + u')');
                continue;
            }
            QString error;
            if (m_busybox.error.isEmpty())
                QVERIFY2(!engineCli(engine, {QStringLiteral("load"), QStringLiteral("-i"), m_busybox.dockerArchive}, &error).isNull(),
                         qPrintable(error));
            if (!app.isEmpty() && QFile::exists(app))
                QVERIFY2(!engineCli(engine, {QStringLiteral("load"), QStringLiteral("-i"), app}, &error).isNull(), qPrintable(error));
        }
    }

    // The rows are the engine's own `images` list, one per tag, scanned as ENGINE:NAME.
    void rowsAreTheEnginesImages_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("docker") << QStringLiteral("docker");
        QTest::newRow("podman") << QStringLiteral("podman");
    }
    void rowsAreTheEnginesImages()
    {
        QFETCH(QString, engine);
        if (m_skip.contains(engine))
            QSKIP(qPrintable(m_skip.value(engine)));
        if (!m_busybox.error.isEmpty())
            QSKIP(qPrintable(m_busybox.error));
        QString error;
        const QByteArray listed = engineCli(engine, {QStringLiteral("images"), QStringLiteral("--no-trunc"), QStringLiteral("--format"),
                                                     QStringLiteral("{{.Repository}}:{{.Tag}}\t{{.ID}}")}, &error);
        QVERIFY2(!listed.isNull(), qPrintable(error));
        // One row per tag; an untagged image (left by other engine tests) is listed by its ID.
        QStringList expected;
        for (const QByteArray &line : listed.split('\n')) {
            const QList<QByteArray> cols = line.trimmed().split('\t');
            if (cols.size() != 2)
                continue;
            expected << QString::fromUtf8(cols.at(0) == "<none>:<none>" ? cols.at(1) : cols.at(0));
        }
        expected.sort();
        QVERIFY2(expected.contains(QStringLiteral("app:1")) || expected.contains(QStringLiteral("docker.io/library/app:1")),
                 listed.constData());

        std::vector<std::unique_ptr<ImageCatalogProvider>> providers;
        providers.push_back(std::make_unique<EngineImagesProvider>(engine == u"docker" ? EngineKind::Docker : EngineKind::Podman));
        ImageCatalogModel model(std::move(providers));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &ImageCatalogModel::refreshed);
        model.refresh();
        QVERIFY(refreshed.wait(60000));
        QCOMPARE(model.errorText(), QString());
        QStringList shown;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString name = model.index(r, ImageCatalogModel::Name).data().toString();
            shown << name;
            QCOMPARE(model.index(r, 0).data(ImageCatalogModel::SpecRole).toString(), engine + u':' + name);
            if (name.startsWith(u"sha256:"))
                continue;   // untagged: size and date are checked on the tagged rows
            QCOMPARE(model.index(r, ImageCatalogModel::Location).data().toString(), socketFor(engine));
            QVERIFY(model.index(r, ImageCatalogModel::Size).data(ImageCatalogModel::SortRole).toLongLong() > 1000000);
            QVERIFY(model.index(r, ImageCatalogModel::Changed).data(ImageCatalogModel::SortRole).toDateTime().isValid());
        }
        shown.sort();
        QCOMPARE(shown, expected);

        // The busybox row's spec opens the engine's image.
        const QString busybox = shown.contains(QStringLiteral("app:1")) ? QStringLiteral("app:1") : QStringLiteral("docker.io/library/app:1");
        auto opened = openImageSource(engine + u':' + busybox);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(opened->kind, engine);
        auto info = opened->source->open(OpenOptions(), ProgressSink());
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->layers.size(), 2);
    }

    // An engine whose socket does not exist is not an error: nothing to list.
    void missingSocketListsNothing()
    {
        qputenv("BULKHEAD_DOCKER_SOCKET", m_work.filePath(QStringLiteral("no-such.sock")).toLocal8Bit());
        std::vector<std::unique_ptr<ImageCatalogProvider>> providers;
        providers.push_back(std::make_unique<EngineImagesProvider>(EngineKind::Docker));
        ImageCatalogModel model(std::move(providers));
        QSignalSpy refreshed(&model, &ImageCatalogModel::refreshed);
        model.refresh();
        QVERIFY(refreshed.wait(30000));
        qputenv("BULKHEAD_DOCKER_SOCKET", socketFor(QStringLiteral("docker")).toLocal8Bit());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.errorText(), QString());
    }
};

QTEST_GUILESS_MAIN(TestEngineImages)
#include "tst_engineimages.moc"
