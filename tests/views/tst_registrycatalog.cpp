// RegistryImagesProvider and ImageCatalogModel against REAL registries (tests/support/registryenv.py:
// Debian's docker-registry with TLS + htpasswd, and one with token auth through tokenserver.py),
// with images pushed by skopeo. Logins come from a Docker client configuration file (the keychain
// path is covered by tests/gui/tst_registryflow); TLS trust from registries.json's "ca".

#include "../image/imagefixtures.h"
#include "../registry/registrytestenv.h"
#include "testutil.h"

#include "image/imagesources.h"
#include "imagecatalog.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

QStringList names(const ImageCatalogModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, ImageCatalogModel::Name).data().toString();
    return out;
}

std::vector<std::unique_ptr<ImageCatalogProvider>> one(std::unique_ptr<ImageCatalogProvider> p)
{
    std::vector<std::unique_ptr<ImageCatalogProvider>> v;
    v.push_back(std::move(p));
    return v;
}

} // namespace

class TestRegistryCatalog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    RegistryTestEnv m_env;
    BuiltImages m_images;
    bool m_hasApp = false;

    // A Docker client configuration holding `password` for the basic registry.
    void useDockerLogin(const QString &password)
    {
        const QString dir = m_tmp.filePath(QStringLiteral("docker-") + QString::number(qHash(password)));
        QDir().mkpath(dir);
        QJsonObject auths{{m_env.basic(), QJsonObject{{QStringLiteral("auth"),
                                                       QString::fromLatin1((m_env.user() + u':' + password).toUtf8().toBase64())}}}};
        writeJson(dir + QStringLiteral("/config.json"), QJsonObject{{QStringLiteral("auths"), auths}});
        qputenv("DOCKER_CONFIG", dir.toLocal8Bit());
    }

    static bool waitRefreshed(ImageCatalogModel &model)
    {
        QSignalSpy refreshed(&model, &ImageCatalogModel::refreshed);
        model.refresh();
        return refreshed.wait(120000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("bulkhead-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_registrycatalog"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        const QString why = m_env.startWithImages(m_tmp.path(), &m_images);
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        const QString oci = QStringLiteral("oci:") + m_images.ociDir + QStringLiteral(":app");
        const QStringList format = {QStringLiteral("--format"), QStringLiteral("oci")};
        for (const QString &dest : {QStringLiteral("tiny:1"), QStringLiteral("tiny:2"), QStringLiteral("tiny:latest"),
                                    QStringLiteral("team/app:1.0"), QStringLiteral("team/app:1.1")})
            QCOMPARE(m_env.push(oci, m_env.basic(), dest, format), QString());
        QCOMPARE(m_env.push(oci, m_env.token(), QStringLiteral("public/tiny:1"), format), QString());
        QCOMPARE(m_env.push(oci, m_env.token(), QStringLiteral("private/tiny:1"), format), QString());
        // The real app image too, when tests/images built it.
        const QString images = testImagesDir();
        if (!images.isEmpty()) {
            QCOMPARE(m_env.push(QStringLiteral("oci:") + images + QStringLiteral("/oci:app"), m_env.basic(),
                                QStringLiteral("fixture/app:1.0")),
                     QString());
            m_hasApp = true;
        }
        // registries.json as `bulkhead login` and Settings write it: the test CA for 127.0.0.1,
        // few attempts so the unreachable case answers quickly.
        const QString config = m_tmp.filePath(QStringLiteral("registries.json"));
        writeJson(config, QJsonObject{{QStringLiteral("registries"),
                                       QJsonObject{{QStringLiteral("127.0.0.1"), QJsonObject{{QStringLiteral("ca"), m_env.ca()}}}}},
                                      {QStringLiteral("timeoutSeconds"), 20},
                                      {QStringLiteral("maxAttempts"), 2}});
        qputenv("BULKHEAD_REGISTRIES_CONFIG", config.toLocal8Bit());
        useDockerLogin(m_env.password());
    }

    void cleanupTestCase() { m_env.stop(); }

    // Every tag of every repository, across pages of one entry (Link pagination on both lists).
    void catalogListsEveryTag_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("registry's pages") << 0;
        QTest::newRow("pages of one") << 1;
    }
    void catalogListsEveryTag()
    {
        QFETCH(int, pageSize);
        auto provider = std::make_unique<RegistryImagesProvider>(m_env.basic());
        provider->setPageSize(pageSize);
        ImageCatalogModel model(one(std::move(provider)));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitRefreshed(model));
        QCOMPARE(model.errorText(), QString());
        QCOMPARE(model.noteText(), QString());
        const QString h = m_env.basic() + u'/';
        QStringList expected = {h + QStringLiteral("team/app:1.0"), h + QStringLiteral("team/app:1.1"),
                                h + QStringLiteral("tiny:1"), h + QStringLiteral("tiny:2"), h + QStringLiteral("tiny:latest")};
        if (m_hasApp)
            expected.prepend(h + QStringLiteral("fixture/app:1.0"));
        QCOMPARE(names(model), expected);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.index(r, ImageCatalogModel::Name).data(ImageCatalogModel::SpecRole).toString(),
                     QStringLiteral("registry:") + expected.at(r));
            QCOMPARE(model.index(r, ImageCatalogModel::Source).data().toString(), QStringLiteral("Registry ") + m_env.basic());
            QCOMPARE(model.index(r, ImageCatalogModel::Location).data().toString(), m_env.basic());
        }
    }

    // A row's spec is what the scan takes: it opens the registry image (manifest and config read).
    void rowSpecOpensTheImage()
    {
        ImageCatalogModel model(one(std::make_unique<RegistryImagesProvider>(m_env.basic())));
        QVERIFY(waitRefreshed(model));
        QVERIFY(model.rowCount() > 0);
        const QModelIndexList hits = model.match(model.index(0, 0), Qt::DisplayRole, QString(m_env.basic() + QStringLiteral("/team/app:1.1")),
                                                 1, Qt::MatchExactly);
        QCOMPARE(hits.size(), 1);
        const QString spec = hits.first().data(ImageCatalogModel::SpecRole).toString();
        auto opened = openImageSource(spec);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(opened->kind, QStringLiteral("registry"));
        auto info = opened->source->open(OpenOptions(), ProgressSink());
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->layers.size(), 2);
        QCOMPARE(info->layers.at(0).createdBy, QString::fromLatin1(kLayer1CreatedBy));
    }

    // The token registry gives anonymous users no catalog (like Docker Hub): a note, no error, and
    // a browsed repository is listed anyway. A repository we may not pull is named in the note.
    void refusedCatalogStillListsBrowsedRepositories()
    {
        auto *provider = new RegistryImagesProvider(m_env.token());
        ImageCatalogModel model(one(std::unique_ptr<ImageCatalogProvider>(provider)));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitRefreshed(model));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.errorText(), QString());
        QVERIFY2(model.noteText().contains(QStringLiteral("does not list its repositories")), qPrintable(model.noteText()));
        QVERIFY(!model.noteText().contains(u'\n'));

        provider->addRepository(QStringLiteral("public/tiny"));
        provider->addRepository(QStringLiteral("private/tiny"));
        QSignalSpy listed(&model, &ImageCatalogModel::providerListed);
        model.refreshProvider(0);
        QVERIFY(listed.wait(120000));
        QCOMPARE(names(model), QStringList{m_env.token() + QStringLiteral("/public/tiny:1")});
        QCOMPARE(model.index(0, 0).data(ImageCatalogModel::SpecRole).toString(),
                 QStringLiteral("registry:") + m_env.token() + QStringLiteral("/public/tiny:1"));
        QCOMPARE(model.errorText(), QString());
        QVERIFY2(model.noteText().contains(QStringLiteral("private/tiny")), qPrintable(model.noteText()));
    }

    // Wrong password, unreachable host: one line each in errorText(), no rows, other providers unharmed.
    void failuresAreOneLinePerProvider()
    {
        useDockerLogin(QStringLiteral("wrong-password"));
        std::vector<std::unique_ptr<ImageCatalogProvider>> providers;
        providers.push_back(std::make_unique<RegistryImagesProvider>(m_env.basic()));
        providers.push_back(std::make_unique<RegistryImagesProvider>(QStringLiteral("127.0.0.1:1")));
        providers.push_back(std::make_unique<RegistryImagesProvider>(m_env.token(), QStringList{QStringLiteral("public/tiny")}));
        ImageCatalogModel model(std::move(providers));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitRefreshed(model));
        useDockerLogin(m_env.password());
        const QStringList lines = model.errorText().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("Registry ") + m_env.basic() + QStringLiteral(": "))
                     && lines.at(0).contains(QStringLiteral("not accepted")),
                 qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("Registry 127.0.0.1:1: ")), qPrintable(lines.at(1)));
        QCOMPARE(names(model), QStringList{m_env.token() + QStringLiteral("/public/tiny:1")});
    }

    // Destroying the model while a listing runs cancels it instead of waiting for the network.
    void destroyedWhileListing()
    {
        QElapsedTimer t;
        t.start();
        {
            std::vector<std::unique_ptr<ImageCatalogProvider>> providers;
            for (int i = 0; i < 4; ++i)
                providers.push_back(std::make_unique<RegistryImagesProvider>(m_env.basic()));
            ImageCatalogModel model(std::move(providers));
            model.refresh();
            QVERIFY(model.isLoading());
        }
        QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestRegistryCatalog)
#include "tst_registrycatalog.moc"
