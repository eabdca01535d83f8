// The desktop app with a REAL registry (tests/support/registryenv.py: docker-registry with TLS and
// htpasswd, plus a token-auth one) and the REAL keychain (the gnome-keyring tests/run-all.sh starts
// under dbus-run-session; the test skips without one): a registry is added in Settings > Registries
// like a user would (login checked, password to the keychain, entry to registries.json shared
// with the CLI), its images appear on the Images screen, a repository of a registry that refuses
// its catalog is browsed, one image is scanned from the list, and Results shows its packages,
// findings. Removing the registry takes its rows and keychain entry away.

#include "../image/imagefixtures.h"
#include "../registry/registrytestenv.h"
#include "testutil.h"

#include "credentials/credentialstore.h"
#include "image/registry/registryconfig.h"
#include "imagecatalog.h"
#include "imagesview.h"
#include "mainwindow.h"
#include "packagesmodel.h"
#include "resultsview.h"
#include "settingsview.h"
#include "store/historyservice.h"
#include "vulndb/importer.h"
#include "vulndb/vulndbwriter.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

int rowNamed(QAbstractItemModel *model, const QString &name)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, ImageCatalogModel::Name).data().toString() == name)
            return r;
    return -1;
}

QStringList namesFrom(QAbstractItemModel *model, const QString &prefix)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString name = model->index(r, ImageCatalogModel::Name).data().toString();
        if (name.startsWith(prefix))
            out << name;
    }
    out.sort();
    return out;
}

} // namespace

class TestRegistryFlow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    RegistryTestEnv m_env;
    BuiltImages m_images;
    QString m_appImage;      // the real app image's repository:tag in the basic registry, if built
    std::unique_ptr<HistoryService> m_history;

    QString configPath() const { return m_tmp.filePath(QStringLiteral("registries.json")); }

    // With BULKHEAD_SHOT_DIR set, saves the window there as NAME.png (to look at it; not checked).
    static void shoot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("BULKHEAD_SHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(300);
        w->grab().save(dir + u'/' + name + QStringLiteral(".png"));
    }

    void fillRegistryForm(SettingsView *s, const QString &host, const QString &user, const QString &password,
                          const QString &ca)
    {
        s->registryHostEdit()->setText(host);
        s->registryUserEdit()->setText(user);
        s->registrySecretEdit()->clear();
        QTest::keyClicks(s->registrySecretEdit(), password);
        s->registryCaEdit()->setText(ca);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("bulkhead-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_registryflow"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("BULKHEAD_REGISTRIES_CONFIG", configPath().toLocal8Bit());
        qputenv("BULKHEAD_FEEDS_CONFIG", m_tmp.filePath(QStringLiteral("feeds.ini")).toLocal8Bit());
        // No Docker login to fall back on, and no local engine: only what Settings adds.
        qputenv("DOCKER_CONFIG", m_tmp.filePath(QStringLiteral("no-docker")).toLocal8Bit());
        qputenv("BULKHEAD_DOCKER_SOCKET", m_tmp.filePath(QStringLiteral("no-docker.sock")).toLocal8Bit());
        qputenv("BULKHEAD_PODMAN_SOCKET", m_tmp.filePath(QStringLiteral("no-podman.sock")).toLocal8Bit());

        auto probe = CredentialStore().fromKeychain(QStringLiteral("probe.invalid"));
        if (!probe)
            QSKIP(qPrintable(QStringLiteral("no usable keychain here (run under tests/run-all.sh): ") + probe.error().message));

        const QString why = m_env.startWithImages(m_tmp.filePath(QStringLiteral("env")), &m_images);
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        const QString oci = QStringLiteral("oci:") + m_images.ociDir + QStringLiteral(":app");
        const QStringList format = {QStringLiteral("--format"), QStringLiteral("oci")};
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("tiny:1"), format), QString());
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("tiny:2"), format), QString());
        QCOMPARE(m_env.push(oci, m_env.token(), QStringLiteral("public/tiny:1"), format), QString());
        // The real app image (Debian packages, npm lodash 4.17.15) when tests/images built it.
        const QString images = testImagesDir();
        if (!images.isEmpty()) {
            QCOMPARE(m_env.push(QStringLiteral("oci:") + images + QStringLiteral("/oci:app"), m_env.basic(),
                                QStringLiteral("fixture/app:1.0")),
                     QString());
            m_appImage = QStringLiteral("fixture/app:1.0");
        }

        // A vulnerability DB with the GHSA npm sample (lodash, minimist advisories).
        const QString db = m_tmp.filePath(QStringLiteral("vulndb.sqlite"));
        {
            auto writer = VulnDbWriter::open(db);
            QVERIFY(writer);
            Importer importer(**writer);
            auto imported = importer.importPath(dataPath(QStringLiteral("vulndb/osv/GHSA-npm-sample")), QStringLiteral("ghsa-npm"));
            QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        }
        QSettings().setValue(QStringLiteral("vulndb/path"), db);
        QSettings().setValue(QStringLiteral("cache/sizeMiB"), 0);
        m_history = std::make_unique<HistoryService>(m_tmp.filePath(QStringLiteral("history.sqlite")));
    }

    void cleanupTestCase()
    {
        if (!m_env.basic().isEmpty())
            CredentialStore().remove(m_env.basic());
        m_history.reset();
        m_env.stop();
    }

    void addBrowseScanRemove()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.setHistoryService(m_history.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ImageCatalogModel *catalog = w.imagesView()->catalogModel();
        QAbstractItemModelTester tester(catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SettingsView *settings = w.settingsView();
        w.showPage(MainWindow::SettingsPage);
        QSignalSpy changed(settings, &SettingsView::registryChangeFinished);
        const QString host = m_env.basic();

        // A wrong password: checked against the registry, refused, nothing stored.
        fillRegistryForm(settings, host, m_env.user(), QStringLiteral("wrong-password"), m_env.ca());
        QTest::mouseClick(settings->addRegistryButton(), Qt::LeftButton);
        QVERIFY(settings->isRegistryBusy());
        // The GUI thread stays free while the login is checked: the window repaints.
        QVERIFY(!w.grab().isNull());
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 120000);
        QVERIFY(!changed.at(0).at(0).toBool());
        QVERIFY2(settings->registryStatusLabel()->text().startsWith(QStringLiteral("Login to ") + host + QStringLiteral(" failed")),
                 qPrintable(settings->registryStatusLabel()->text()));
        QVERIFY(!QFile::exists(configPath()));
        QVERIFY(!CredentialStore().fromKeychain(host).value().has_value());

        // The right one: the login in the keychain, the registry with its CA in registries.json.
        fillRegistryForm(settings, host, m_env.user(), m_env.password(), m_env.ca());
        QTest::keyClick(settings->registrySecretEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 120000);
        QVERIFY2(changed.at(1).at(0).toBool(), qPrintable(changed.at(1).at(1).toString()));
        QVERIFY(settings->registrySecretEdit()->text().isEmpty());
        auto stored = CredentialStore().fromKeychain(host);
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->username, m_env.user());
        QCOMPARE((*stored)->secret, m_env.password());
        auto config = RegistryConfig::load(configPath());
        QVERIFY(config);
        QCOMPARE(config->hosts(), QStringList{host});
        QCOMPARE(config->hostSettings(host).caFile, m_env.ca());
        QTRY_COMPARE(settings->registriesTable()->rowCount(), 1);
        QCOMPARE(settings->registriesTable()->item(0, 0)->text(), host);
        QCOMPARE(settings->registriesTable()->item(0, 1)->text(), m_env.user());
        // The CLI sees the same registry: `bulkhead tags` lists with the stored login and CA.
        if (QFileInfo::exists(bulkheadBinary())) {
            const RunResult tags = runBulkhead({QStringLiteral("tags"), host + QStringLiteral("/tiny")});
            QVERIFY2(tags.exitCode == 0, tags.err.constData());
            QStringList listed = QString::fromUtf8(tags.out).split(u'\n', Qt::SkipEmptyParts);
            listed.sort();
            QCOMPARE(listed, (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        }

        // The token registry, anonymous (it lets anyone pull public/*), with its CA.
        fillRegistryForm(settings, QStringLiteral("https://") + m_env.token() + u'/', QString(), QString(), m_env.ca());
        QTest::mouseClick(settings->addRegistryButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 120000);
        QVERIFY2(changed.at(2).at(0).toBool(), qPrintable(changed.at(2).at(1).toString()));
        QVERIFY2(changed.at(2).at(1).toString().contains(QStringLiteral("without a login")), qPrintable(changed.at(2).at(1).toString()));
        QTRY_COMPARE(settings->registriesTable()->rowCount(), 2);
        QStringList both = {host, m_env.token()};
        both.sort();
        QCOMPARE(RegistryConfig::load(configPath())->hosts(), both);
        shoot(&w, QStringLiteral("settings-registry"));

        // The Images screen lists their images (it reloaded its providers by itself).
        w.showPage(MainWindow::ImagesPage);
        QStringList expected = {host + QStringLiteral("/tiny:1"), host + QStringLiteral("/tiny:2")};
        if (!m_appImage.isEmpty())
            expected.prepend(host + u'/' + m_appImage);
        QTRY_COMPARE_WITH_TIMEOUT(namesFrom(catalog, host + u'/'), expected, 120000);
        QTRY_VERIFY(!catalog->isLoading());
        QCOMPARE(catalog->errorText(), QString());

        // A registry that refuses its catalog: a one-line note, and a typed repository is listed.
        QVERIFY2(w.imagesView()->catalogMessages()->text().contains(m_env.token() + QStringLiteral(": does not list its repositories")),
                 qPrintable(w.imagesView()->catalogMessages()->text()));
        QCOMPARE(namesFrom(catalog, m_env.token()), QStringList());
        auto *browse = w.imagesView()->findChild<QLineEdit *>(QStringLiteral("browseRepository"));
        QVERIFY(browse);
        QTest::keyClicks(browse, m_env.token() + QStringLiteral("/public/tiny"));
        QTest::keyClick(browse, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(namesFrom(catalog, m_env.token()), QStringList{m_env.token() + QStringLiteral("/public/tiny:1")},
                                  120000);
        QTRY_VERIFY(!catalog->isLoading());
        QVERIFY2(w.imagesView()->catalogMessages()->text().contains(QStringLiteral("does not list its repositories")),
                 qPrintable(w.imagesView()->catalogMessages()->text()));
        QVERIFY(!w.imagesView()->catalogMessages()->isHidden());
        shoot(&w, QStringLiteral("images-registry"));
        // Remembered for the next start.
        QCOMPARE(RegistryImagesProvider::rememberedRepositories(m_env.token()), QStringList{QStringLiteral("public/tiny")});

        // Scan one from the list: the real app image when built, else the busybox one.
        const QString pick = host + u'/' + (m_appImage.isEmpty() ? QStringLiteral("tiny:1") : m_appImage);
        QTableView *table = w.imagesView()->catalogTable();
        const int row = rowNamed(table->model(), pick);
        QVERIFY(row >= 0);
        table->selectRow(row);
        QSignalSpy saved(&w, &MainWindow::scanSaved);
        QTest::mouseClick(w.imagesView()->findChild<QPushButton *>(QStringLiteral("scanSelected")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 600000);
        QCOMPARE(saved.at(0).at(1).toString().isEmpty(), false);
        w.openScan(saved.at(0).at(0).toLongLong());
        QTRY_VERIFY(w.resultsView()->hasScan());
        const ScanResult &scan = w.resultsView()->scanResult();
        QVERIFY(scan.vulnerabilitiesScanned);
        QAbstractItemModel *packages = w.resultsView()->packagesTable()->model();
        QCOMPARE(packages->rowCount(), int(scan.packages.size()));
        if (!m_appImage.isEmpty()) {
            QVERIFY(packages->rowCount() > 80);
            QVERIFY(!packages->match(packages->index(0, PackagesModel::Name), Qt::DisplayRole, QStringLiteral("lodash"), 1,
                                     Qt::MatchExactly).isEmpty());
            // lodash 4.17.15 is affected by GHSA-p6mc-m468-83gw in the sample.
            QAbstractItemModel *findings = w.resultsView()->findingsTable()->model();
            QVERIFY(findings->rowCount() > 0);
            bool lodash = false;
            for (const Finding &f : scan.findings)
                lodash = lodash || f.id == u"GHSA-p6mc-m468-83gw" || f.aliases.contains(QStringLiteral("GHSA-p6mc-m468-83gw"));
            QVERIFY(lodash);
        }
        QCOMPARE(!w.resultsView()->warningsLabel()->isHidden(), !scan.warnings.isEmpty());
        w.showPage(MainWindow::ResultsPage);
        w.resultsView()->showTab(ResultsView::PackagesTab);
        shoot(&w, QStringLiteral("results-registry-packages"));
        w.resultsView()->showTab(ResultsView::FindingsTab);
        shoot(&w, QStringLiteral("results-registry-findings"));

        // Remove: the registry, its rows and its keychain entry go.
        w.showPage(MainWindow::SettingsPage);
        QTRY_COMPARE(settings->registriesTable()->rowCount(), 2);
        settings->registriesTable()->selectRow(settings->registriesTable()->findItems(host, Qt::MatchExactly).first()->row());
        QTest::mouseClick(settings->removeRegistryButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 4, 60000);
        QVERIFY2(changed.at(3).at(0).toBool(), qPrintable(changed.at(3).at(1).toString()));
        QVERIFY(!CredentialStore().fromKeychain(host).value().has_value());
        QCOMPARE(RegistryConfig::load(configPath())->hosts(), QStringList{m_env.token()});
        QTRY_COMPARE(settings->registriesTable()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(namesFrom(catalog, host + u'/'), QStringList(), 60000);

        // The password never reached a settings file.
        for (const QString &file : {QSettings().fileName(), configPath()}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains(m_env.password().toUtf8()), qPrintable(file));
        }
    }
};

QTEST_MAIN(TestRegistryFlow)
#include "tst_registryflow.moc"
