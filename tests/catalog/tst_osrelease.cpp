// OS detection over real release files (Debian 12, Alpine 3.10/3.11 images) and the variants
// peers meet in the wild (distroless, Alpine edge, Ubuntu, Debian testing, CentOS).
#include "catalog/osreleasecataloger.h"
#include "catalogfixtures.h"

#include <QFile>
#include <QTest>

using namespace bulkhead;

using Files = QList<QPair<QString, QByteArray>>;
Q_DECLARE_METATYPE(Files)

namespace {

QByteArray fixture(const QString &relative) { return test::catalogFixture(relative); }

// The os-release files below are reproduced as the distributions ship them:
// Ubuntu 22.04.3 (ubuntu:22.04 image), Alpine edge as in trivy/clair detector tests
// (VERSION_ID=3.14.0_alpha20210212), distroless from GoogleContainerTools/distroless
// common/variables.bzl OS_RELEASE with VERSION=12, CODENAME=bookworm.
const QByteArray kUbuntu2204
    = "PRETTY_NAME=\"Ubuntu 22.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
      "VERSION=\"22.04.3 LTS (Jammy Jellyfish)\"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n"
      "HOME_URL=\"https://www.ubuntu.com/\"\nUBUNTU_CODENAME=jammy\n";
const QByteArray kAlpineEdge
    = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.14.0_alpha20210212\nPRETTY_NAME=\"Alpine Linux edge\"\n"
      "HOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://bugs.alpinelinux.org/\"";
const QByteArray kDistroless
    = "PRETTY_NAME=\"Distroless\"\nNAME=\"Debian GNU/Linux\"\nID=\"debian\"\nVERSION_ID=\"12\"\n"
      "VERSION=\"Debian GNU/Linux 12 "
      "(bookworm)\"\nHOME_URL=\"https://github.com/GoogleContainerTools/distroless\"\n";
const QByteArray kDebianTesting = "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nNAME=\"Debian "
                                  "GNU/Linux\"\nVERSION_CODENAME=trixie\nID=debian\n";

QVector<SquashedFile> catalogue(const Files &files)
{
    OsReleaseCataloger cataloger;
    QVector<SquashedFile> out;
    for (const auto &f : files) {
        SquashedFile sf;
        sf.path = f.first;
        sf.layerIndex = 0;
        const FileMeta meta { f.first, f.second.size(), 0100644 };
        if (cataloger.wants(meta)) {
            sf.catalogerId = cataloger.id();
            const auto facts = cataloger.parse(meta, f.second);
            if (facts)
                sf.facts = *facts;
        } else {
            sf.catalogerId = QStringLiteral("dpkg"); // status / status.d markers
        }
        out.append(sf);
    }
    return out;
}

} // namespace

class TestOsRelease : public QObject {
    Q_OBJECT
private slots:
    void detect_data();
    void detect();
    void quoting_data();
    void quoting();
    void wants();
    void binaryIsRejected();
};

void TestOsRelease::detect_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("versionId");
    QTest::addColumn<QString>("codename");
    QTest::addColumn<bool>("distroless");
    QTest::addColumn<QString>("osv");
    QTest::addColumn<QString>("purlDistro");

    const QByteArray debianOs = fixture(QStringLiteral("debian12/os-release"));
    const QByteArray debianVersion = fixture(QStringLiteral("debian12/debian_version"));
    const QString etcOs = QStringLiteral("etc/os-release");
    QTest::newRow("debian 12 os-release + debian_version 12.11")
        << Files { { etcOs, debianOs }, { QStringLiteral("etc/debian_version"), debianVersion } } << "debian"
        << "12"
        << "bookworm" << false << "Debian:12"
        << "debian-12";
    QTest::newRow("debian 12 usr/lib/os-release only")
        << Files { { QStringLiteral("usr/lib/os-release"), debianOs } } << "debian"
        << "12"
        << "bookworm" << false << "Debian:12"
        << "debian-12";
    QTest::newRow("debian_version only (point release)")
        << Files { { QStringLiteral("etc/debian_version"), debianVersion } } << "debian"
        << "12"
        << "" << false << "Debian:12"
        << "debian-12";
    QTest::newRow("debian testing") << Files { { etcOs, kDebianTesting },
        { QStringLiteral("etc/debian_version"), QByteArray("trixie/sid\n") } }
                                    << "debian"
                                    << ""
                                    << "trixie" << false << "Debian"
                                    << "debian-trixie";
    QTest::newRow("alpine 3.10 image")
        << Files { { etcOs, fixture(QStringLiteral("apk/alpine-310.os-release")) } } << "alpine"
        << "3.10.4"
        << "" << false << "Alpine:v3.10"
        << "alpine-3.10.4";
    QTest::newRow("alpine 3.11 image")
        << Files { { etcOs, fixture(QStringLiteral("apk/alpine-311.os-release")) } } << "alpine"
        << "3.11.5"
        << "" << false << "Alpine:v3.11"
        << "alpine-3.11.5";
    QTest::newRow("alpine-release only")
        << Files { { QStringLiteral("etc/alpine-release"), QByteArray("3.10.4\n") } } << "alpine"
        << "3.10.4"
        << "" << false << "Alpine:v3.10"
        << "alpine-3.10.4";
    QTest::newRow("alpine edge") << Files { { etcOs, kAlpineEdge },
        { QStringLiteral("etc/alpine-release"), QByteArray("3.14.0_alpha20210212\n") } }
                                 << "alpine"
                                 << "3.14.0_alpha20210212"
                                 << "" << false << "Alpine:v3.14"
                                 << "alpine-3.14.0_alpha20210212";
    QTest::newRow("ubuntu 22.04") << Files { { etcOs, kUbuntu2204 },
        { QStringLiteral("var/lib/dpkg/status"), QByteArray() } }
                                  << "ubuntu"
                                  << "22.04"
                                  << "jammy" << false << "Ubuntu:22.04:LTS"
                                  << "ubuntu-22.04";
    QTest::newRow("distroless os-release") << Files { { etcOs, kDistroless },
        { QStringLiteral("var/lib/dpkg/status.d/libsqlite3-0"), QByteArray() } }
                                           << "debian"
                                           << "12"
                                           << "" << true << "Debian:12"
                                           << "debian-12";
    QTest::newRow("status.d without status and without os-release")
        << Files { { QStringLiteral("var/lib/dpkg/status.d/libsqlite3-0"), QByteArray() } } << "debian"
        << ""
        << "" << true << "Debian"
        << "debian";
    QTest::newRow("plain debian keeps status file: not distroless")
        << Files { { etcOs, debianOs }, { QStringLiteral("var/lib/dpkg/status"), QByteArray() },
               { QStringLiteral("var/lib/dpkg/status.d/x"), QByteArray() } }
        << "debian"
        << "12"
        << "bookworm" << false << "Debian:12"
        << "debian-12";
    QTest::newRow("centos-release") << Files { { QStringLiteral("etc/centos-release"),
        QByteArray("CentOS Linux release 7.9.2009 (Core)\n") } }
                                    << "centos"
                                    << "7.9.2009"
                                    << "" << false << ""
                                    << "centos-7.9.2009";
    QTest::newRow("nothing") << Files {} << ""
                             << ""
                             << "" << false << ""
                             << "";
}

void TestOsRelease::detect()
{
    QFETCH(Files, files);
    QFETCH(QString, id);
    QFETCH(QString, versionId);
    QFETCH(QString, codename);
    QFETCH(bool, distroless);
    QFETCH(QString, osv);
    QFETCH(QString, purlDistro);
    const OsInfo os = detectOs(catalogue(files));
    QCOMPARE(os.id, id);
    QCOMPARE(os.versionId, versionId);
    QCOMPARE(os.versionCodename, codename);
    QCOMPARE(os.distroless, distroless);
    QCOMPARE(os.osvEcosystem(), osv);
    QCOMPARE(os.purlDistro(), purlDistro);
}

void TestOsRelease::quoting_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("double quotes") << QByteArray("NAME=\"Debian GNU/Linux\"") << "NAME"
                                   << "Debian GNU/Linux";
    QTest::newRow("single quotes keep backslash") << QByteArray("A='x\\\"y'") << "A"
                                                  << "x\\\"y";
    QTest::newRow("escapes") << QByteArray(R"(B="say \"hi\" \$HOME \\ \`x\`")") << "B"
                             << R"(say "hi" $HOME \ `x`)";
    QTest::newRow("bare") << QByteArray("ID=alpine") << "ID"
                          << "alpine";
    QTest::newRow("CRLF and spaces") << QByteArray("  ID=debian \r") << "ID"
                                     << "debian";
    QTest::newRow("comment ignored") << QByteArray("#ID=evil\nID=ok") << "ID"
                                     << "ok";
    QTest::newRow("bad key ignored") << QByteArray("1D=x\nID=ok") << "ID"
                                     << "ok";
}

void TestOsRelease::quoting()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const auto props = parseOsRelease(line);
    QCOMPARE(props.value(key), value);
    QVERIFY(!props.contains(QStringLiteral("1D")));
}

void TestOsRelease::wants()
{
    OsReleaseCataloger c;
    QVERIFY(c.wants({ QStringLiteral("etc/os-release"), 10, 0 }));
    QVERIFY(c.wants({ QStringLiteral("usr/lib/os-release"), 10, 0 }));
    QVERIFY(c.wants({ QStringLiteral("etc/redhat-release"), 10, 0 }));
    QVERIFY(!c.wants({ QStringLiteral("opt/etc/os-release"), 10, 0 }));
    QVERIFY(!c.wants({ QStringLiteral("etc/os-release.bak"), 10, 0 }));
}

void TestOsRelease::binaryIsRejected()
{
    OsReleaseCataloger c;
    const auto r = c.parse({ QStringLiteral("etc/os-release"), 4, 0 }, QByteArray("ID\0=x", 5));
    QVERIFY(!r);
    QVERIFY(!r.error().message.isEmpty());
    const auto empty = c.parse({ QStringLiteral("etc/os-release"), 0, 0 }, QByteArray());
    QVERIFY(empty);
    QCOMPARE(empty->warnings.size(), 1);
}

QTEST_GUILESS_MAIN(TestOsRelease)
#include "tst_osrelease.moc"
