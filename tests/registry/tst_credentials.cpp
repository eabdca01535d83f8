// Credentials: Docker client configuration (auths, identity tokens, credential helpers run through
// their real stdin/stdout protocol), key normalisation, and the system keychain (gnome-keyring
// under dbus-run-session, as tests/run-all.sh sets up; skipped when no keychain answers).

#include "testutil.h"

#include "credentials/credentialstore.h"
#include "credentials/dockerconfig.h"
#include "credentials/keychain.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

using namespace bulkhead;

class TestCredentials : public QObject {
    Q_OBJECT

private:
    QString writeConfig(const QJsonObject &o)
    {
        const QString path = m_tmp.filePath(QStringLiteral("config-%1.json").arg(++m_n));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(o).toJson());
        return path;
    }
    QTemporaryDir m_tmp;
    int m_n = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // A real credential helper, speaking the docker-credential-helpers protocol: the server URL on
        // stdin, JSON on stdout, "credentials not found" and exit 1 when it has none.
        const QString bin = m_tmp.filePath(QStringLiteral("bin"));
        QDir().mkpath(bin);
        QFile helper(bin + QStringLiteral("/docker-credential-bhtest"));
        QVERIFY(helper.open(QIODevice::WriteOnly));
        helper.write("#!/bin/sh\n"
                     "[ \"$1\" = get ] || exit 2\n"
                     "read -r url\n"
                     "case \"$url\" in\n"
                     "  helped.example:5000) printf '{\"ServerURL\":\"%s\",\"Username\":\"hu\",\"Secret\":\"hs\"}' \"$url\" ;;\n"
                     "  https://index.docker.io/v1/) printf '{\"ServerURL\":\"%s\",\"Username\":\"<token>\",\"Secret\":\"refresh\"}' \"$url\" ;;\n"
                     "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n"
                     "esac\n");
        helper.close();
        helper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("PATH", (bin + u':' + qEnvironmentVariable("PATH")).toLocal8Bit());
    }

    void credentialKeys_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("key");
        QTest::newRow("hub v1 url") << "https://index.docker.io/v1/" << "docker.io";
        QTest::newRow("hub endpoint") << "registry-1.docker.io" << "docker.io";
        QTest::newRow("hub") << "docker.io" << "docker.io";
        QTest::newRow("host port") << "127.0.0.1:5000" << "127.0.0.1:5000";
        QTest::newRow("with scheme") << "https://Registry.Example.com/v2/" << "registry.example.com";
    }
    void credentialKeys()
    {
        QFETCH(QString, input);
        QFETCH(QString, key);
        QCOMPARE(credentialKey(input), key);
    }

    void dockerAuths()
    {
        const QString path = writeConfig(QJsonObject{{QStringLiteral("auths"), QJsonObject{
            {QStringLiteral("https://index.docker.io/v1/"), QJsonObject{{QStringLiteral("auth"), QString::fromLatin1(QByteArray("hubuser:hub:pass").toBase64())}}},
            {QStringLiteral("127.0.0.1:5000"), QJsonObject{{QStringLiteral("auth"), QString::fromLatin1(QByteArray("u:p").toBase64())},
                                                           {QStringLiteral("identitytoken"), QStringLiteral("tok")}}},
            {QStringLiteral("empty.example"), QJsonObject{}}}}});
        auto hub = DockerConfig::lookup(QStringLiteral("docker.io"), path);
        QVERIFY(hub && *hub);
        QCOMPARE((*hub)->username, QStringLiteral("hubuser"));
        QCOMPARE((*hub)->secret, QStringLiteral("hub:pass"));   // only the first ':' separates
        QVERIFY(!(*hub)->isIdentityToken);
        auto local = DockerConfig::lookup(QStringLiteral("127.0.0.1:5000"), path);
        QVERIFY(local && *local);
        QVERIFY((*local)->isIdentityToken);
        QCOMPARE((*local)->secret, QStringLiteral("tok"));
        auto none = DockerConfig::lookup(QStringLiteral("empty.example"), path);
        QVERIFY(none && !*none);
        auto missingFile = DockerConfig::lookup(QStringLiteral("x"), m_tmp.filePath(QStringLiteral("absent.json")));
        QVERIFY(missingFile && !*missingFile);
        QFile bad(m_tmp.filePath(QStringLiteral("bad.json")));
        bad.open(QIODevice::WriteOnly);
        bad.write("{\"auths\": ");
        bad.close();
        auto badResult = DockerConfig::lookup(QStringLiteral("x"), bad.fileName());
        QVERIFY(!badResult);
        QVERIFY(badResult.error().message.contains(QStringLiteral("not valid JSON")));
    }

    void credentialHelpers()
    {
        const QString path = writeConfig(QJsonObject{
            {QStringLiteral("credsStore"), QStringLiteral("bhtest")},
            {QStringLiteral("credHelpers"), QJsonObject{{QStringLiteral("missing.example"), QStringLiteral("nonexistent-helper")}}},
            {QStringLiteral("auths"), QJsonObject{{QStringLiteral("fallback.example"),
                                                   QJsonObject{{QStringLiteral("auth"), QString::fromLatin1(QByteArray("f:g").toBase64())}}}}}});
        auto helped = DockerConfig::lookup(QStringLiteral("helped.example:5000"), path);
        QVERIFY2(helped, helped ? "" : qPrintable(helped.error().message));
        QVERIFY(*helped);
        QCOMPARE((*helped)->username, QStringLiteral("hu"));
        QCOMPARE((*helped)->secret, QStringLiteral("hs"));
        QCOMPARE((*helped)->origin, QStringLiteral("docker-credential-bhtest"));
        auto hub = DockerConfig::lookup(QStringLiteral("index.docker.io"), path);
        QVERIFY(hub && *hub);
        QVERIFY((*hub)->isIdentityToken);
        // The store has nothing for it: the plain "auths" entry is used.
        auto fallback = DockerConfig::lookup(QStringLiteral("fallback.example"), path);
        QVERIFY(fallback && *fallback);
        QCOMPARE((*fallback)->username, QStringLiteral("f"));
        auto missing = DockerConfig::lookup(QStringLiteral("missing.example"), path);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("docker-credential-nonexistent-helper")));
    }

    void keychainRoundTrip()
    {
        CredentialStore store;
        store.setKeychainService(QStringLiteral("bulkhead-test-%1").arg(QRandomGenerator::global()->generate()));
        store.setDockerConfigPath(m_tmp.filePath(QStringLiteral("none.json")));
        const QString registry = QStringLiteral("roundtrip.example:5000");
        auto before = store.fromKeychain(registry);
        if (!before) {
            QCOMPARE(before.error().code, int(IoError));
            QVERIFY(before.error().message.contains(QStringLiteral("keychain is unavailable")));
            QSKIP("no Secret Service here; run under tests/run-all.sh (dbus-run-session + gnome-keyring)");
        }
        QVERIFY(!*before);
        RegistryCredentials c;
        c.username = QStringLiteral("alice");
        c.secret = QStringLiteral("s3cret-%1").arg(QRandomGenerator::global()->generate());
        QVERIFY(store.store(QStringLiteral("https://roundtrip.example:5000/"), c));
        auto found = store.lookup(registry);
        QVERIFY(found);
        QCOMPARE(found->username, c.username);
        QCOMPARE(found->secret, c.secret);
        QCOMPARE(found->origin, QStringLiteral("keychain"));
        auto removed = store.remove(registry);
        QVERIFY(removed && *removed);
        auto again = store.remove(registry);
        QVERIFY(again && !*again);
        QVERIFY(!store.lookup(registry));
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
