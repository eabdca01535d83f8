// ImageReference: the Docker reference grammar and the Docker CLI's normalisation.
#include "image/imagereference.h"

#include <QtTest>

using namespace bulkhead;

class TestImageReference : public QObject {
    Q_OBJECT
private slots:
    void parsesAndNormalises_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::addColumn<QString>("full");
        QTest::addColumn<QString>("familiar");
        const QString d = QStringLiteral("sha256:") + QString(64, u'a');
        QTest::newRow("official") << "nginx" << "docker.io" << "library/nginx" << "latest" << ""
                                  << "docker.io/library/nginx:latest" << "nginx";
        QTest::newRow("official tag") << "alpine:3.10" << "docker.io" << "library/alpine" << "3.10" << ""
                                      << "docker.io/library/alpine:3.10" << "alpine";
        QTest::newRow("user repo") << "user/repo" << "docker.io" << "user/repo" << "latest" << ""
                                   << "docker.io/user/repo:latest" << "user/repo";
        QTest::newRow("docker.io short") << "docker.io/nginx" << "docker.io" << "library/nginx" << "latest" << ""
                                         << "docker.io/library/nginx:latest" << "nginx";
        QTest::newRow("index.docker.io") << "index.docker.io/library/nginx:1" << "docker.io" << "library/nginx"
                                         << "1" << "" << "docker.io/library/nginx:1" << "nginx";
        QTest::newRow("localhost port") << "localhost:5000/x" << "localhost:5000" << "x" << "latest" << ""
                                        << "localhost:5000/x:latest" << "localhost:5000/x";
        QTest::newRow("localhost") << "localhost/x/y:dev" << "localhost" << "x/y" << "dev" << ""
                                   << "localhost/x/y:dev" << "localhost/x/y";
        QTest::newRow("registry deep path") << "ghcr.io/org/team/app:v1.2.3" << "ghcr.io" << "org/team/app"
                                            << "v1.2.3" << "" << "ghcr.io/org/team/app:v1.2.3"
                                            << "ghcr.io/org/team/app";
        QTest::newRow("digest only") << QStringLiteral("nginx@") + d << "docker.io" << "library/nginx" << ""
                                     << d << QStringLiteral("docker.io/library/nginx@") + d << "nginx";
        QTest::newRow("tag and digest") << QStringLiteral("quay.io:443/a/b:1.0@") + d << "quay.io:443" << "a/b"
                                        << "1.0" << d << QStringLiteral("quay.io:443/a/b:1.0@") + d
                                        << "quay.io:443/a/b";
        QTest::newRow("ipv6 registry") << "[::1]:5000/app" << "[::1]:5000" << "app" << "latest" << ""
                                       << "[::1]:5000/app:latest" << "[::1]:5000/app";
        QTest::newRow("separators") << "my_org/my__app-x.y:T_1" << "docker.io" << "my_org/my__app-x.y" << "T_1"
                                    << "" << "docker.io/my_org/my__app-x.y:T_1" << "my_org/my__app-x.y";
        QTest::newRow("uppercase registry") << "Registry/app" << "Registry" << "app" << "latest" << ""
                                            << "Registry/app:latest" << "Registry/app";
        QTest::newRow("library nested stays") << "library/a/b" << "docker.io" << "library/a/b" << "latest" << ""
                                              << "docker.io/library/a/b:latest" << "library/a/b";
    }
    void parsesAndNormalises()
    {
        QFETCH(QString, input);
        QFETCH(QString, registry);
        QFETCH(QString, repository);
        QFETCH(QString, tag);
        QFETCH(QString, digest);
        QFETCH(QString, full);
        QFETCH(QString, familiar);
        const auto ref = ImageReference::parse(input);
        QVERIFY2(ref.has_value(), qPrintable(ref ? QString() : ref.error().message));
        QCOMPARE(ref->registry(), registry);
        QCOMPARE(ref->repository(), repository);
        QCOMPARE(ref->tag(), tag);
        QCOMPARE(ref->digest(), digest);
        QCOMPARE(ref->toString(), full);
        QCOMPARE(ref->familiarName(), familiar);
        // The normalised form parses back to itself.
        const auto again = ImageReference::parse(ref->toString());
        QVERIFY(again.has_value());
        QCOMPARE(again->toString(), full);
    }

    void rejectsBadReferences_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "" << "is empty";
        QTest::newRow("blank") << "   " << "is empty";
        QTest::newRow("uppercase repo") << "Nginx" << "must be lower-case";
        QTest::newRow("empty tag") << "nginx:" << "Invalid tag ''";
        QTest::newRow("bad tag") << "nginx:-x" << "Invalid tag '-x'";
        QTest::newRow("long tag") << QStringLiteral("nginx:") + QString(129, u'a') << "Invalid tag";
        QTest::newRow("short digest") << "nginx@sha256:abc" << "Invalid digest 'sha256:abc'";
        QTest::newRow("no name") << ":tag" << "has no repository name";
        QTest::newRow("leading dash") << "-bad" << "Invalid repository name component '-bad'";
        QTest::newRow("double slash") << "a//b" << "Invalid repository name component ''";
        QTest::newRow("trailing slash") << "ghcr.io/" << "has no repository name";
        QTest::newRow("bad host") << "bad_host.io/app" << "Invalid registry 'bad_host.io'";
        QTest::newRow("image id") << QString(64, u'f') << "is an image ID";
        QTest::newRow("two colons") << "a:b:c" << "Invalid repository name component 'a:b'";
        QTest::newRow("too long") << QString(300, u'a') << "longer than 255";
    }
    void rejectsBadReferences()
    {
        QFETCH(QString, input);
        QFETCH(QString, message);
        const auto ref = ImageReference::parse(input);
        QVERIFY2(!ref.has_value(), qPrintable(ref ? ref->toString() : QString()));
        QVERIFY2(ref.error().message.contains(message), qPrintable(ref.error().message));
        QVERIFY(ref.error().message.endsWith(u'.'));
    }

    void familiarStringKeepsTagAndDigest()
    {
        const auto ref = ImageReference::parse(QStringLiteral("docker.io/library/redis:7"));
        QVERIFY(ref.has_value());
        QCOMPARE(ref->familiarString(), QStringLiteral("redis:7"));
        QCOMPARE(ref->name(), QStringLiteral("docker.io/library/redis"));
    }
};

QTEST_GUILESS_MAIN(TestImageReference)
#include "tst_imagereference.moc"
