// The CLI against real registries: login (verified, stored in the keychain), scans of registry
// images (keychain, Docker config helper, plain references), tags, logout, TLS options, the layer
// cache saving downloads, progress, and the registry scan equalling the archive scan. Ends by
// checking the test password was never written anywhere in plain text.

#include "../image/imagefixtures.h"
#include "registrytestenv.h"
#include "testutil.h"

#include "credentials/credentialstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

class TestRegistryCli : public QObject {
    Q_OBJECT

private:
    QString registriesConfig(bool withCa) const
    {
        const QString path = m_tmp.filePath(withCa ? QStringLiteral("registries.json") : QStringLiteral("registries-noca.json"));
        QJsonObject hosts;
        if (withCa) {
            hosts.insert(QStringLiteral("127.0.0.1"), QJsonObject{{QStringLiteral("ca"), m_env.ca()}});
            hosts.insert(QStringLiteral("localhost"), QJsonObject{{QStringLiteral("ca"), m_env.ca()}});
        }
        writeJson(path, QJsonObject{{QStringLiteral("registries"), hosts}, {QStringLiteral("timeoutSeconds"), 30}});
        return path;
    }
    QProcessEnvironment env(bool withCa = true, const QString &dockerConfig = {}) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("BULKHEAD_REGISTRIES_CONFIG"), registriesConfig(withCa));
        e.insert(QStringLiteral("DOCKER_CONFIG"), dockerConfig.isEmpty() ? m_tmp.filePath(QStringLiteral("no-docker")) : dockerConfig);
        return e;
    }
    // The Docker configuration of dockerCredentialHelper(): its helper hands out dockeruser's login.
    QProcessEnvironment helperEnv(bool withCa) const
    {
        QProcessEnvironment e = env(withCa, m_tmp.filePath(QStringLiteral("docker-helper")));
        e.insert(QStringLiteral("PATH"), m_tmp.filePath(QStringLiteral("docker-helper/bin:")) + e.value(QStringLiteral("PATH")));
        e.insert(QStringLiteral("BH_HELPER_USER"), m_env.dockerUser());
        e.insert(QStringLiteral("BH_HELPER_SECRET"), m_env.dockerPassword());
        return e;
    }
    RunResult bulkhead(const QStringList &args, const QProcessEnvironment &e, const QByteArray &input = {}) const
    {
        return runBulkhead(args, input, 300000, e);
    }
    RunResult sbom(const QString &image, const QStringList &extra = {}, const QProcessEnvironment &e = {}) const
    {
        QStringList args = {QStringLiteral("sbom"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-cache"),
                            QStringLiteral("--quiet")};
        args += extra;
        args.append(image);
        return bulkhead(args, e.isEmpty() ? env() : e);
    }
    bool keychainAvailable() const
    {
        auto probe = CredentialStore().fromKeychain(QStringLiteral("probe.invalid"));
        return bool(probe);
    }
    // The inventory part of `sbom --format json`: everything but where the image came from.
    static QJsonValue stripSource(const QJsonValue &v)
    {
        static const QStringList dropped = {QStringLiteral("reference"), QStringLiteral("source"), QStringLiteral("sourceKind"),
                                            QStringLiteral("repoTags"), QStringLiteral("selection"), QStringLiteral("startedAt"),
                                            QStringLiteral("finishedAt"), QStringLiteral("durationMs"), QStringLiteral("timestamp"),
                                            QStringLiteral("scannedAt"), QStringLiteral("indexDigest")};
        if (v.isObject()) {
            QJsonObject out;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                if (!dropped.contains(it.key()))
                    out.insert(it.key(), stripSource(it.value()));
            return out;
        }
        if (v.isArray()) {
            QJsonArray out;
            for (const QJsonValue &item : v.toArray())
                out.append(stripSource(item));
            return out;
        }
        return v;
    }

    QTemporaryDir m_tmp;
    RegistryTestEnv m_env;
    BuiltImages m_images;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (!QFileInfo::exists(bulkheadBinary()))
            QSKIP("the bulkhead binary is not built");
        const QString why = m_env.startWithImages(m_tmp.path(), &m_images);
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        const QString oci = QStringLiteral("oci:") + m_images.ociDir + QStringLiteral(":app");
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("tiny:oci"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("tiny:other"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("second/repo:1"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
        QCOMPARE(m_env.push(oci, m_env.token(), QStringLiteral("private/tiny:1"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
    }

    void cleanupTestCase() { m_env.stop(); }

    void loginScanTagsLogout()
    {
        const QString image = QStringLiteral("registry:") + m_env.basic() + QStringLiteral("/tiny:oci");
        auto anonymous = sbom(image);
        QCOMPARE(anonymous.exitCode, 2);
        QVERIFY2(anonymous.err.contains(QByteArray("bulkhead login " + m_env.basic().toUtf8())), anonymous.err.constData());

        auto wrong = bulkhead({QStringLiteral("login"), m_env.basic(), QStringLiteral("-u"), m_env.user(),
                               QStringLiteral("--password-stdin")}, env(), "wrong-password\n");
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains(QByteArray("login to " + m_env.basic().toUtf8() + " failed")), wrong.err.constData());

        auto login = bulkhead({QStringLiteral("login"), m_env.basic(), QStringLiteral("-u"), m_env.user(),
                               QStringLiteral("--password-stdin")}, env(), m_env.password().toUtf8() + '\n');
        if (!keychainAvailable()) {
            QCOMPARE(login.exitCode, 2);
            QVERIFY2(login.err.contains("keychain is unavailable"), login.err.constData());
            QSKIP("no Secret Service here; run under tests/run-all.sh (dbus-run-session + gnome-keyring)");
        }
        QVERIFY2(login.exitCode == 0, login.err.constData());
        QVERIFY(!login.out.contains(m_env.password().toUtf8()) && !login.err.contains(m_env.password().toUtf8()));

        auto scanned = sbom(image);
        QVERIFY2(scanned.exitCode == 0, scanned.err.constData());
        QVERIFY(QJsonDocument::fromJson(scanned.out).isObject());
        // A plain reference that is not a file goes to the registry.
        auto plain = sbom(m_env.basic() + QStringLiteral("/tiny:oci"));
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QCOMPARE(stripSource(QJsonDocument::fromJson(plain.out).object()), stripSource(QJsonDocument::fromJson(scanned.out).object()));

        auto tags = bulkhead({QStringLiteral("tags"), m_env.basic() + QStringLiteral("/tiny")}, env());
        QVERIFY2(tags.exitCode == 0, tags.err.constData());
        QStringList tagList = QString::fromUtf8(tags.out).split(u'\n', Qt::SkipEmptyParts);
        tagList.sort();
        QCOMPARE(tagList, (QStringList{QStringLiteral("oci"), QStringLiteral("other")}));
        auto catalog = bulkhead({QStringLiteral("tags"), QStringLiteral("--catalog"), QStringLiteral("--page-size"), QStringLiteral("1"),
                                 m_env.basic()}, env());
        QVERIFY2(catalog.exitCode == 0, catalog.err.constData());
        QCOMPARE(QString::fromUtf8(catalog.out), QStringLiteral("second/repo\ntiny\n"));

        // The token registry: login checks the credentials through the issuer.
        auto tokenLogin = bulkhead({QStringLiteral("login"), m_env.token(), QStringLiteral("-u"), m_env.user(),
                                    QStringLiteral("--password-stdin")}, env(), m_env.password().toUtf8());
        QVERIFY2(tokenLogin.exitCode == 0, tokenLogin.err.constData());
        auto tokenScan = sbom(QStringLiteral("registry:") + m_env.token() + QStringLiteral("/private/tiny:1"));
        QVERIFY2(tokenScan.exitCode == 0, tokenScan.err.constData());

        for (const QString &host : {m_env.basic(), m_env.token()}) {
            auto logout = bulkhead({QStringLiteral("logout"), host}, env());
            QVERIFY2(logout.exitCode == 0, logout.err.constData());
            QVERIFY(logout.out.startsWith("Removed"));
        }
        auto again = bulkhead({QStringLiteral("logout"), m_env.basic()}, env());
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.startsWith("No credentials"));
        auto afterLogout = sbom(image);
        QCOMPARE(afterLogout.exitCode, 2);
    }

    void dockerCredentialHelper()
    {
        // ~/.docker/config.json naming a credential store; the helper hands out dockeruser's login,
        // which it gets from its environment (so no file holds it).
        const QString docker = m_tmp.filePath(QStringLiteral("docker-helper"));
        QDir().mkpath(docker + QStringLiteral("/bin"));
        QFile helper(docker + QStringLiteral("/bin/docker-credential-bhtest"));
        QVERIFY(helper.open(QIODevice::WriteOnly));
        helper.write("#!/bin/sh\nread -r url\n"
                     "printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}' \"$url\" \"$BH_HELPER_USER\" \"$BH_HELPER_SECRET\"\n");
        helper.close();
        helper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        writeJson(docker + QStringLiteral("/config.json"), QJsonObject{{QStringLiteral("credsStore"), QStringLiteral("bhtest")}});
        const QProcessEnvironment e = helperEnv(true);
        auto scanned = sbom(QStringLiteral("registry:") + m_env.basic() + QStringLiteral("/tiny:oci"), {}, e);
        QVERIFY2(scanned.exitCode == 0, scanned.err.constData());
        auto tokenScan = sbom(QStringLiteral("registry:") + m_env.token() + QStringLiteral("/private/tiny:1"), {}, e);
        QVERIFY2(tokenScan.exitCode == 0, tokenScan.err.constData());
    }

    void tlsOptions()
    {
        const QProcessEnvironment e = helperEnv(false);
        const QString image = QStringLiteral("registry:") + m_env.basic() + QStringLiteral("/tiny:oci");
        auto untrusted = sbom(image, {}, e);
        QCOMPARE(untrusted.exitCode, 2);
        QVERIFY2(untrusted.err.contains("--registry-ca"), untrusted.err.constData());
        auto withCa = sbom(image, {QStringLiteral("--registry-ca"), m_env.basic() + u'=' + m_env.ca()}, e);
        QVERIFY2(withCa.exitCode == 0, withCa.err.constData());
        auto insecure = sbom(image, {QStringLiteral("--insecure-registry"), m_env.basic()}, e);
        QVERIFY2(insecure.exitCode == 0, insecure.err.constData());
        auto badFlag = sbom(image, {QStringLiteral("--registry-ca"), QStringLiteral("no-equals-sign")}, e);
        QCOMPARE(badFlag.exitCode, 2);
        QVERIFY(badFlag.err.contains("HOST=FILE"));
    }

    void proxyFromEnvironment()
    {
        // HTTPS_PROXY is honoured (here it points at a closed port), NO_PROXY exempts the host.
        QProcessEnvironment e = helperEnv(true);
        e.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://127.0.0.1:9"));
        e.remove(QStringLiteral("NO_PROXY"));
        e.remove(QStringLiteral("no_proxy"));
        const QString image = QStringLiteral("registry:") + m_env.basic() + QStringLiteral("/tiny:oci");
        auto viaDeadProxy = sbom(image, {}, e);
        QCOMPARE(viaDeadProxy.exitCode, 2);
        QVERIFY2(viaDeadProxy.err.contains("port 9"), viaDeadProxy.err.constData());
        e.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1"));
        auto exempt = sbom(image, {}, e);
        QVERIFY2(exempt.exitCode == 0, exempt.err.constData());
    }

    void cacheSavesDownloadsAndProgress()
    {
        const QProcessEnvironment e = helperEnv(true);
        const QString image = QStringLiteral("registry:") + m_env.proxy() + QStringLiteral("/tiny:oci");
        const QStringList args = {QStringLiteral("sbom"), QStringLiteral("--format"), QStringLiteral("json"),
                                  QStringLiteral("--cache-dir"), m_tmp.filePath(QStringLiteral("layer-cache")), image};
        m_env.resetProxy(m_env.proxy());
        auto first = bulkhead(args, e);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        // Progress on stderr (not a terminal: one line per stage), layers counted.
        QVERIFY2(first.err.contains("Downloading layer 1 of 2") && first.err.contains("Downloading layer 2 of 2"), first.err.constData());
        const auto blobGets = [&] {
            int n = 0;
            for (const QJsonValue &v : m_env.proxyLog(m_env.proxy()))
                n += v.toObject().value(u"path").toString().contains(QStringLiteral("/blobs/")) ? 1 : 0;
            return n;
        };
        QCOMPARE(blobGets(), 3);   // config + two layers
        m_env.resetProxy(m_env.proxy());
        auto second = bulkhead(args + QStringList{QStringLiteral("--quiet")}, e);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QCOMPARE(second.err, QByteArray());
        QCOMPARE(blobGets(), 1);   // only the config: both layers came from the cache
        QCOMPARE(stripSource(QJsonDocument::fromJson(second.out).object()), stripSource(QJsonDocument::fromJson(first.out).object()));
    }

    void registryScanEqualsArchiveScan()
    {
        const QString images = testImagesDir();
        if (images.isEmpty())
            QSKIP("the real test images are not built (tests/images/build-images.sh; CI builds them)");
        QCOMPARE(m_env.push(QStringLiteral("oci:") + images + QStringLiteral("/oci:app"), m_env.basic(), QStringLiteral("fixture/app:1.0")),
                 QString());
        const QProcessEnvironment e = helperEnv(true);
        auto fromRegistry = sbom(QStringLiteral("registry:") + m_env.basic() + QStringLiteral("/fixture/app:1.0"), {}, e);
        QVERIFY2(fromRegistry.exitCode == 0, fromRegistry.err.constData());
        auto fromArchive = sbom(images + QStringLiteral("/app-oci.tar"), {}, e);
        QVERIFY2(fromArchive.exitCode == 0, fromArchive.err.constData());
        const QJsonObject a = QJsonDocument::fromJson(fromRegistry.out).object();
        const QJsonObject b = QJsonDocument::fromJson(fromArchive.out).object();
        QVERIFY(!a.isEmpty());
        QVERIFY2(QJsonDocument(a).toJson().contains("lodash"), "the app image's npm packages are missing");
        QCOMPARE(stripSource(a), stripSource(b));
    }

    // Last: nothing Bulkhead did may have left the keychain password in plain text.
    void passwordNeverInPlainText()
    {
        if (m_env.password().isEmpty())
            QSKIP("the environment did not start");
        QStringList dirs = {QStringLiteral("/tmp")};
        const QString home = QDir::homePath();
        if (qEnvironmentVariableIsSet("BULKHEAD_TEST_SCRATCH"))
            dirs.append(home);
        else
            for (const QString &sub : {QStringLiteral("/.config"), QStringLiteral("/.local/share"), QStringLiteral("/.docker"),
                                       QStringLiteral("/.cache/bulkhead")})
                if (QFileInfo::exists(home + sub))
                    dirs.append(home + sub);
        QProcess grep;
        grep.start(QStringLiteral("grep"), QStringList{QStringLiteral("-rlsF"), QStringLiteral("-D"), QStringLiteral("skip"), QStringLiteral("--binary-files=text"),
                                                       QStringLiteral("--exclude-dir=bash_jobs.*"), QStringLiteral("--"),
                                                       m_env.password()} + dirs);
        QVERIFY(grep.waitForFinished(300000));
        const QByteArray found = grep.readAllStandardOutput();
        QVERIFY2(found.isEmpty(), found.constData());
        QVERIFY(grep.exitCode() != 0);   // 1: no match; 2: also unreadable files (other users', vanished)
    }
};

QTEST_GUILESS_MAIN(TestRegistryCli)
#include "tst_registrycli.moc"
