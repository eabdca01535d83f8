// DpkgCataloger over real dpkg databases from peers' test data and a Debian 12 system
// (tests/data/catalog/SOURCES.md).
#include "catalog/dpkgcataloger.h"
#include "catalogfixtures.h"

#include <QFile>
#include <QTest>

using namespace bulkhead;

namespace {

QByteArray fixture(const QString &relative) { return test::catalogFixture(relative); }

using test::txtarMember;

Result<FileFacts> parseAs(const QString &imagePath, const QByteArray &content)
{
    DpkgCataloger c;
    const FileMeta meta { imagePath, content.size(), 0100644 };
    if (!c.wants(meta))
        return fail(QStringLiteral("not wanted"));
    return c.parse(meta, content);
}

const Package *find(const FileFacts &facts, const QString &name)
{
    for (const Package &p : facts.packages) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestDpkgCataloger : public QObject {
    Q_OBJECT
private slots:
    void status_data();
    void status();
    void statusFieldStates();
    void wants_data();
    void wants();
    void vcpkgIsNotDebian();
    void binaryStatusFails();
    void truncatedInputIsSafe();
    void fileLists_data();
    void fileLists();
    void copyright_data();
    void copyright();
};

void TestDpkgCataloger::status_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("imagePath");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("withSource");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("sourceName");
    QTest::addColumn<QString>("sourceVersion");

    const QString status = QStringLiteral("var/lib/dpkg/status");
    const QString statusD = QStringLiteral("var/lib/dpkg/status.d/");
    // claircore texlive: 357 installed packages, 288 of them with a Source: field.
    QTest::newRow("texlive libc6") << "dpkg/texlive.status" << status << 357 << 288 << 0 << "libc6"
                                   << "2.27-3ubuntu1"
                                   << "amd64"
                                   << "glibc"
                                   << "";
    QTest::newRow("texlive source with version")
        << "dpkg/texlive.status" << status << 357 << 288 << 0 << "fdisk"
        << "2.31.1-0.4ubuntu3.6"
        << "amd64"
        << "util-linux"
        << "";
    QTest::newRow("postgresql source (version)")
        << "dpkg/postgresql.status" << status << 3 << 3 << 0 << "postgresql-client"
        << "11+200+deb10u5"
        << "all"
        << "postgresql-common"
        << "200+deb10u5";
    QTest::newRow("debian 12 bash binNMU") << "debian12/status" << status << 2 << 2 << 0 << "bash"
                                           << "5.2.15-2+b8"
                                           << "amd64"
                                           << ""
                                           << "5.2.15-2";
    QTest::newRow("debian 12 zlib epoch") << "debian12/status" << status << 2 << 2 << 0 << "zlib1g"
                                          << "1:1.2.13.dfsg-1"
                                          << "amd64"
                                          << "zlib"
                                          << "";
    QTest::newRow("trivy valid: config-files excluded")
        << "dpkg/valid.txtar" << status << 90 << -1 << 0 << "adduser"
        << "3.116ubuntu1"
        << "all"
        << ""
        << "";
    QTest::newRow("trivy third-party epoch")
        << "dpkg/third-party.txtar" << status << 2 << 0 << 0 << "docker-ce"
        << "5:20.10.7~3-0~debian-buster"
        << "amd64"
        << ""
        << "";
    // No version, and a version with '#': both skipped with a warning.
    QTest::newRow("trivy corrupted") << "dpkg/corrupsed.txtar" << status << 4 << 3 << 2 << "libgcc1"
                                     << "1:5.1.1-12ubuntu1"
                                     << "amd64"
                                     << "gcc-5"
                                     << "5.1.1-12ubuntu1";
    QTest::newRow("transitional") << "dpkg/transitional" << status << 1 << 1 << 0 << "iceweasel"
                                  << "78.13.0esr-1~deb10u1"
                                  << "all"
                                  << "firefox-esr"
                                  << "";
    QTest::newRow("distroless status.d") << "dpkg/distroless-status.d/libsqlite3-0"
                                         << statusD + u"libsqlite3-0" << 1 << 1 << 0 << "libsqlite3-0"
                                         << "3.34.1-3"
                                         << "arm64"
                                         << "sqlite3"
                                         << "";
    QTest::newRow("status.d single") << "dpkg/syft-status.d/single" << statusD + u"apt" << 1 << 1 << 0
                                     << "apt"
                                     << "1.8.2"
                                     << "amd64"
                                     << "apt-dev"
                                     << "";
    QTest::newRow("status.d multiple (2 broken stanzas)")
        << "dpkg/syft-status.d/multiple" << statusD + u"multiple" << 2 << 1 << 2 << "tzdata"
        << "2020a-0+deb10u1"
        << "all"
        << "tzdata-dev"
        << "";
    QTest::newRow("status.d deinstall") << "dpkg/syft-status.d/deinstall" << statusD + u"linux" << 1 << 1 << 0
                                        << "linux-image-6.14.0-1012-aws"
                                        << "6.14.0-1012.12~24.04.1"
                                        << "amd64"
                                        << "linux-signed-aws-6.14"
                                        << "";
    QTest::newRow("status.d no Status = installed")
        << "dpkg/syft-status.d/doc-examples" << statusD + u"doc" << 5 << 1 << 1 << "mutt"
        << "1.3.17-1"
        << ""
        << ""
        << "";
    QTest::newRow("status.d stanzas without version")
        << "dpkg/syft-status.d/libpam-runtime" << statusD + u"libpam" << 1 << 1 << 1 << "libpam-runtime"
        << "1.5.2-6+deb12u1"
        << "all"
        << "pam"
        << "";
    QTest::newRow("status.d relationships") << "dpkg/syft-status.d/coreutils-relationships"
                                            << statusD + u"coreutils" << 9 << 8 << 0 << "libselinux1"
                                            << "3.4-1+b6"
                                            << "arm64"
                                            << "libselinux"
                                            << "3.4-1";
    QTest::newRow("status.d corrupt")
        << "dpkg/syft-status.d/corrupt" << statusD + u"corrupt" << 0 << 0 << 1 << ""
        << ""
        << ""
        << ""
        << "";
    QTest::newRow("status.d empty") << "dpkg/syft-status.d/empty" << statusD + u"empty" << 0 << 0 << 1 << ""
                                    << ""
                                    << ""
                                    << ""
                                    << "";
}

void TestDpkgCataloger::status()
{
    QFETCH(QString, fixture);
    QFETCH(QString, imagePath);
    QFETCH(int, count);
    QFETCH(int, withSource);
    QFETCH(int, warnings);
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, arch);
    QFETCH(QString, sourceName);
    QFETCH(QString, sourceVersion);

    QByteArray content = ::fixture(fixture);
    if (fixture.endsWith(u".txtar"))
        content = txtarMember(content, "var/lib/dpkg/status");
    QVERIFY(!content.isEmpty());
    const auto facts = parseAs(imagePath, content);
    QVERIFY2(facts, qPrintable(facts ? QString() : facts.error().message));
    QCOMPARE(facts->packages.size(), count);
    QCOMPARE(facts->warnings.size(), warnings);
    for (const ScanWarning &w : facts->warnings) {
        QCOMPARE(w.stage, QStringLiteral("catalog:dpkg"));
        QCOMPARE(w.path, imagePath);
        QVERIFY(!w.message.isEmpty());
    }
    if (withSource >= 0) {
        int n = 0;
        for (const Package &p : facts->packages)
            n += p.sourceName.isEmpty() && p.sourceVersion.isEmpty() ? 0 : 1;
        QCOMPARE(n, withSource);
    }
    for (const Package &p : facts->packages) {
        QCOMPARE(p.ecosystem, Ecosystem::Deb);
        QCOMPARE(p.foundIn, imagePath);
        QCOMPARE(p.cataloger, QStringLiteral("dpkg"));
        QVERIFY(!p.version.isEmpty());
        QVERIFY(p.purl.isEmpty()); // filled at assembly, once the distro is known
        QVERIFY(!p.layer.isValid());
    }
    if (name.isEmpty())
        return;
    const Package *p = find(*facts, name);
    QVERIFY2(p, qPrintable(name));
    QCOMPARE(p->version, version);
    QCOMPARE(p->arch, arch);
    QCOMPARE(p->sourceName, sourceName);
    QCOMPARE(p->sourceVersion, sourceVersion);
    QCOMPARE(p->effectiveSourceName(), sourceName.isEmpty() ? name : sourceName);
}

void TestDpkgCataloger::statusFieldStates()
{
    // osv-scalibr statusfield: Status "want flag state"; only state "installed" counts, and a
    // stanza without Status is taken as installed.
    const auto facts
        = parseAs(QStringLiteral("var/lib/dpkg/status"), fixture(QStringLiteral("dpkg/statusfield")));
    QVERIFY(facts);
    QStringList names;
    for (const Package &p : facts->packages)
        names << p.name;
    QCOMPARE(names,
        (QStringList { QStringLiteral("wantinstall_installed"), QStringLiteral("wantdeinstall_installed"),
            QStringLiteral("wantpurge_installed"), QStringLiteral("wantnostatus") }));
    QVERIFY(!find(*facts, QStringLiteral("wantdeinstall_configfiles")));
    QVERIFY(!find(*facts, QStringLiteral("wantinstall_halfinstalled")));
    QCOMPARE(find(*facts, QStringLiteral("wantinstall_installed"))->metadata.value(QStringLiteral("status")),
        QStringLiteral("install ok installed"));

    // And the real case: trivy's valid status lists git as "deinstall ok config-files".
    const auto valid = parseAs(QStringLiteral("var/lib/dpkg/status"),
        txtarMember(fixture(QStringLiteral("dpkg/valid.txtar")), "var/lib/dpkg/status"));
    QVERIFY(valid);
    QVERIFY(!find(*valid, QStringLiteral("git")));
}

void TestDpkgCataloger::wants_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("wanted");
    QTest::newRow("status") << "var/lib/dpkg/status" << true;
    QTest::newRow("status-old") << "var/lib/dpkg/status-old" << false;
    QTest::newRow("status.d entry") << "var/lib/dpkg/status.d/libc6" << true;
    QTest::newRow("status.d md5sums") << "var/lib/dpkg/status.d/libc6.md5sums" << false;
    QTest::newRow("status.d nested") << "var/lib/dpkg/status.d/a/b" << false;
    QTest::newRow("info list") << "var/lib/dpkg/info/bash.list" << true;
    QTest::newRow("info list multiarch") << "var/lib/dpkg/info/zlib1g:amd64.list" << true;
    QTest::newRow("info md5sums") << "var/lib/dpkg/info/bash.md5sums" << false;
    QTest::newRow("copyright") << "usr/share/doc/bash/copyright" << true;
    QTest::newRow("copyright nested") << "usr/share/doc/bash/examples/copyright" << false;
    QTest::newRow("vcpkg status") << "opt/vcpkg/installed/vcpkg/status" << false;
    QTest::newRow("elsewhere") << "home/user/var/lib/dpkg/status" << false;
}

void TestDpkgCataloger::wants()
{
    QFETCH(QString, path);
    QFETCH(bool, wanted);
    QCOMPARE(DpkgCataloger().wants({ path, 100, 0100644 }), wanted);
}

void TestDpkgCataloger::vcpkgIsNotDebian()
{
    // claircore vcpkg.status: vcpkg's dpkg-like format. Even at the dpkg path it yields no
    // Debian packages, and says why.
    const auto facts
        = parseAs(QStringLiteral("var/lib/dpkg/status"), fixture(QStringLiteral("dpkg/vcpkg.status")));
    QVERIFY(facts);
    QCOMPARE(facts->packages.size(), 0);
    QCOMPARE(facts->warnings.size(), 1);
    QVERIFY(facts->warnings.first().message.contains(u"vcpkg"));
}

void TestDpkgCataloger::binaryStatusFails()
{
    const auto facts = parseAs(QStringLiteral("var/lib/dpkg/status"), QByteArray("Package: a\0\x01\x02", 13));
    QVERIFY(!facts);
    QCOMPARE(facts.error().code, int(InvalidInput));
    const auto empty = parseAs(QStringLiteral("var/lib/dpkg/status"), QByteArray());
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
}

void TestDpkgCataloger::truncatedInputIsSafe()
{
    // A status file cut anywhere (a layer truncated mid-write) parses without crashing; every
    // package kept has a name and a version, and never more packages than the whole file.
    const QByteArray whole = fixture(QStringLiteral("dpkg/texlive.status"));
    for (int cut = 0; cut < whole.size(); cut += 4999) {
        const auto facts = parseAs(QStringLiteral("var/lib/dpkg/status"), whole.left(cut));
        QVERIFY(facts);
        QVERIFY(facts->packages.size() <= 357);
        for (const Package &p : facts->packages)
            QVERIFY(!p.name.isEmpty() && !p.version.isEmpty());
    }
}

void TestDpkgCataloger::fileLists_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("imagePath");
    QTest::addColumn<QString>("package");
    QTest::addColumn<int>("paths");
    QTest::addColumn<QString>("onePath");
    QTest::newRow("bash") << "debian12/bash.list"
                          << "var/lib/dpkg/info/bash.list"
                          << "bash" << 166 << "bin/bash";
    QTest::newRow("zlib1g:amd64") << "debian12/zlib1g_amd64.list"
                                  << "var/lib/dpkg/info/zlib1g:amd64.list"
                                  << "zlib1g:amd64" << 11 << "usr/share/doc/zlib1g/copyright";
}

void TestDpkgCataloger::fileLists()
{
    QFETCH(QString, fixture);
    QFETCH(QString, imagePath);
    QFETCH(QString, package);
    QFETCH(int, paths);
    QFETCH(QString, onePath);
    const auto facts = parseAs(imagePath, ::fixture(fixture));
    QVERIFY(facts);
    QCOMPARE(facts->properties.value(QStringLiteral("package")), package);
    QCOMPARE(facts->ownedPaths.size(), paths);
    QVERIFY(facts->ownedPaths.contains(onePath));
    QVERIFY(!facts->ownedPaths.contains(QStringLiteral(".")));
    for (const QString &p : facts->ownedPaths)
        QVERIFY(!p.startsWith(u'/'));
    QVERIFY(facts->packages.isEmpty());
}

void TestDpkgCataloger::copyright_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("imagePath");
    QTest::addColumn<QStringList>("licenses");
    QTest::newRow("bash DEP-5") << "debian12/bash.copyright"
                                << "usr/share/doc/bash/copyright"
                                << QStringList { QStringLiteral("GPL-3+"),
                                       QStringLiteral("GPL-3+ with Bison exception"),
                                       QStringLiteral("GPL-2+"), QStringLiteral("GFDL-NIV-1.3"),
                                       QStringLiteral("Latex2e"),
                                       QStringLiteral("BSD-4-clause-UC and MIT-like"),
                                       QStringLiteral("BSD-4-clause-UC"), QStringLiteral("MIT-like"),
                                       QStringLiteral("permissive") };
    QTest::newRow("zlib1g DEP-5 (http Format URL)")
        << "debian12/zlib1g.copyright"
        << "usr/share/doc/zlib1g/copyright" << QStringList { QStringLiteral("Zlib") };
    // A free-form copyright file (Format line absent) is not guessed at.
    QTest::newRow("free-form") << "debian12/status"
                               << "usr/share/doc/bash/copyright" << QStringList();
}

void TestDpkgCataloger::copyright()
{
    QFETCH(QString, fixture);
    QFETCH(QString, imagePath);
    QFETCH(QStringList, licenses);
    const auto facts = parseAs(imagePath, ::fixture(fixture));
    QVERIFY(facts);
    QCOMPARE(facts->properties.value(QStringLiteral("licenses")).split(u'\n', Qt::SkipEmptyParts), licenses);
    if (!licenses.isEmpty())
        QCOMPARE(facts->properties.value(QStringLiteral("package")), imagePath.section(u'/', 3, 3));
}

QTEST_GUILESS_MAIN(TestDpkgCataloger)
#include "tst_dpkgcataloger.moc"
