// OS detection, OSV ecosystems and rpm PURLs for the RPM distributions, from their os-release
// files (as the images ship them) and the *-release fallbacks; plus an inventory built from the
// real CBL-Mariner rpmdb: PURLs with distro and epoch, and paths owned by RPMs.
#include "catalog/inventory.h"
#include "catalog/osreleasecataloger.h"
#include "catalog/rpm/rpmcataloger.h"
#include "testutil.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace bulkhead;

using Files = QList<QPair<QString, QByteArray>>;
Q_DECLARE_METATYPE(Files)

namespace {

QVector<SquashedFile> catalogue(const Files &files)
{
    const CatalogerList all = allCatalogers();
    QVector<SquashedFile> out;
    for (const auto &f : files) {
        const FileMeta meta { f.first, f.second.size(), 0100644 };
        for (const auto &c : all) {
            if (!c->wants(meta))
                continue;
            SquashedFile sf;
            sf.path = f.first;
            sf.layerIndex = 0;
            sf.catalogerId = c->id();
            const auto facts = c->parse(meta, f.second);
            if (facts)
                sf.facts = *facts;
            out.append(sf);
        }
    }
    return out;
}

Files osRelease(const QByteArray &content) { return { { QStringLiteral("etc/os-release"), content } }; }

} // namespace

class TestRpmOs : public QObject {
    Q_OBJECT
private slots:
    void detect_data();
    void detect();
    void marinerInventory();
};

void TestRpmOs::detect_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("versionId");
    QTest::addColumn<QString>("osv");
    QTest::addColumn<QString>("purlDistro");
    QTest::addColumn<QString>("purlNamespace");

    QTest::newRow("ubi9")
        << osRelease("NAME=\"Red Hat Enterprise Linux\"\nVERSION=\"9.3 (Plow)\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\n"
                     "VERSION_ID=\"9.3\"\nPLATFORM_ID=\"platform:el9\"\n"
                     "PRETTY_NAME=\"Red Hat Enterprise Linux 9.3 (Plow)\"\nCPE_NAME=\"cpe:/o:redhat:enterprise_linux:9::baseos\"\n")
        << "rhel" << "9.3" << "Red Hat:enterprise_linux:9" << "rhel-9.3" << "redhat";
    QTest::newRow("centos 7")
        << osRelease("NAME=\"CentOS Linux\"\nVERSION=\"7 (Core)\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"7\"\n"
                     "PRETTY_NAME=\"CentOS Linux 7 (Core)\"\nCPE_NAME=\"cpe:/o:centos:centos:7\"\n")
        << "centos" << "7" << "" << "centos-7" << "centos";
    QTest::newRow("centos stream 9")
        << osRelease("NAME=\"CentOS Stream\"\nVERSION=\"9\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"9\"\n"
                     "PLATFORM_ID=\"platform:el9\"\nPRETTY_NAME=\"CentOS Stream 9\"\n")
        << "centos" << "9" << "" << "centos-9" << "centos";
    QTest::newRow("rocky 9.3")
        << osRelease("NAME=\"Rocky Linux\"\nVERSION=\"9.3 (Blue Onyx)\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"
                     "VERSION_ID=\"9.3\"\nPRETTY_NAME=\"Rocky Linux 9.3 (Blue Onyx)\"\n")
        << "rocky" << "9.3" << "Rocky Linux:9" << "rocky-9.3" << "rocky";
    QTest::newRow("alma 8.9")
        << osRelease("NAME=\"AlmaLinux\"\nVERSION=\"8.9 (Midnight Oncilla)\"\nID=\"almalinux\"\nID_LIKE=\"rhel centos fedora\"\n"
                     "VERSION_ID=\"8.9\"\nPRETTY_NAME=\"AlmaLinux 8.9 (Midnight Oncilla)\"\n")
        << "almalinux" << "8.9" << "AlmaLinux:8" << "almalinux-8.9" << "almalinux";
    QTest::newRow("fedora 39")
        << osRelease("NAME=\"Fedora Linux\"\nVERSION=\"39 (Container Image)\"\nID=fedora\nVERSION_ID=39\n"
                     "VERSION_CODENAME=\"\"\nPRETTY_NAME=\"Fedora Linux 39 (Container Image)\"\n")
        << "fedora" << "39" << "" << "fedora-39" << "fedora";
    QTest::newRow("leap 15.5")
        << osRelease("NAME=\"openSUSE Leap\"\nVERSION=\"15.5\"\nID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\n"
                     "VERSION_ID=\"15.5\"\nPRETTY_NAME=\"openSUSE Leap 15.5\"\nCPE_NAME=\"cpe:/o:opensuse:leap:15.5\"\n")
        << "opensuse-leap" << "15.5" << "openSUSE:Leap 15.5" << "opensuse-leap-15.5" << "opensuse";
    QTest::newRow("tumbleweed")
        << osRelease("NAME=\"openSUSE Tumbleweed\"\nID=\"opensuse-tumbleweed\"\nID_LIKE=\"opensuse suse\"\n"
                     "VERSION_ID=\"20240101\"\nPRETTY_NAME=\"openSUSE Tumbleweed\"\n")
        << "opensuse-tumbleweed" << "20240101" << "openSUSE:Tumbleweed" << "opensuse-tumbleweed-20240101"
        << "opensuse";
    QTest::newRow("sles 15 sp3 (bci)")
        << osRelease("NAME=\"SLES\"\nVERSION=\"15-SP3\"\nVERSION_ID=\"15.3\"\n"
                     "PRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP3\"\nID=\"sles\"\nID_LIKE=\"suse\"\n")
        << "sles" << "15.3" << "SUSE:Linux Enterprise Server 15 SP3" << "sles-15.3" << "sles";
    QTest::newRow("sles 15 without pretty name")
        << osRelease("ID=\"sles\"\nVERSION_ID=\"15.5\"\n") << "sles" << "15.5"
        << "SUSE:Linux Enterprise Server 15 SP5" << "sles-15.5" << "sles";
    QTest::newRow("amazon linux 2")
        << osRelease("NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\n"
                     "VERSION_ID=\"2\"\nPRETTY_NAME=\"Amazon Linux 2\"\n")
        << "amzn" << "2" << "" << "amzn-2" << "amzn";
    QTest::newRow("amazon linux 2023")
        << osRelease("NAME=\"Amazon Linux\"\nVERSION=\"2023\"\nID=\"amzn\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"2023\"\n"
                     "PRETTY_NAME=\"Amazon Linux 2023\"\n")
        << "amzn" << "2023" << "" << "amzn-2023" << "amzn";
    QTest::newRow("cbl-mariner 2.0")
        << osRelease("NAME=\"Common Base Linux Mariner\"\nVERSION=\"2.0.20230126\"\nID=mariner\nVERSION_ID=\"2.0\"\n"
                     "PRETTY_NAME=\"CBL-Mariner/Linux\"\n")
        << "mariner" << "2.0" << "Azure Linux:2.0" << "mariner-2.0" << "mariner";
    QTest::newRow("azure linux 3.0")
        << osRelease("NAME=\"Microsoft Azure Linux\"\nVERSION=\"3.0.20240727\"\nID=azurelinux\nVERSION_ID=\"3.0\"\n"
                     "PRETTY_NAME=\"Microsoft Azure Linux 3.0\"\n")
        << "azurelinux" << "3.0" << "Azure Linux:3.0" << "azurelinux-3.0" << "azurelinux";
    // Fallbacks when os-release is missing.
    QTest::newRow("redhat-release only")
        << Files { { QStringLiteral("etc/redhat-release"), "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n" } }
        << "rhel" << "7.9" << "Red Hat:enterprise_linux:7" << "rhel-7.9" << "redhat";
    QTest::newRow("centos stream release")
        << Files { { QStringLiteral("etc/centos-release"), "CentOS Stream release 8\n" } } << "centos" << "8" << ""
        << "centos-8" << "centos";
    QTest::newRow("rocky redhat-release")
        << Files { { QStringLiteral("etc/redhat-release"), "Rocky Linux release 9.3 (Blue Onyx)\n" } } << "rocky"
        << "9.3" << "Rocky Linux:9" << "rocky-9.3" << "rocky";
    QTest::newRow("amazon 2023 system-release")
        << Files { { QStringLiteral("etc/system-release"), "Amazon Linux release 2023.3.20240219 (Amazon Linux)\n" } }
        << "amzn" << "2023" << "" << "amzn-2023" << "amzn";
    QTest::newRow("amazon 2 system-release")
        << Files { { QStringLiteral("etc/system-release"), "Amazon Linux release 2 (Karoo)\n" } } << "amzn" << "2" << ""
        << "amzn-2" << "amzn";
    QTest::newRow("mariner-release")
        << Files { { QStringLiteral("etc/mariner-release"), "CBL-Mariner 2.0.20230126\nBUILD_NUMBER=1\n" } }
        << "mariner" << "2.0" << "Azure Linux:2.0" << "mariner-2.0" << "mariner";
    QTest::newRow("azurelinux-release")
        << Files { { QStringLiteral("etc/azurelinux-release"), "Azure Linux 3.0.20240727\n" } } << "azurelinux"
        << "3.0" << "Azure Linux:3.0" << "azurelinux-3.0" << "azurelinux";
    QTest::newRow("os-release wins over redhat-release")
        << Files { { QStringLiteral("etc/redhat-release"), "CentOS Linux release 7.9.2009 (Core)\n" },
               { QStringLiteral("usr/lib/os-release"), "ID=\"almalinux\"\nVERSION_ID=\"9.3\"\n" } }
        << "almalinux" << "9.3" << "AlmaLinux:9" << "almalinux-9.3" << "almalinux";
}

void TestRpmOs::detect()
{
    QFETCH(Files, files);
    QFETCH(QString, id);
    QFETCH(QString, versionId);
    QFETCH(QString, osv);
    QFETCH(QString, purlDistro);
    QFETCH(QString, purlNamespace);
    const OsInfo os = detectOs(catalogue(files));
    QCOMPARE(os.id, id);
    QCOMPARE(os.versionId, versionId);
    QCOMPARE(os.osvEcosystem(), osv);
    QCOMPARE(os.purlDistro(), purlDistro);
    QCOMPARE(rpmPurlNamespace(os), purlNamespace);
}

void TestRpmOs::marinerInventory()
{
    QProcess xz;
    xz.start(QStringLiteral("xz"), { QStringLiteral("-dc"), test::dataPath(QStringLiteral("catalog-rpm/cbl-mariner-2.0.rpmdb.sqlite.xz")) });
    QVERIFY(xz.waitForFinished(60000));
    const QByteArray db = xz.readAllStandardOutput();
    QVERIFY(!db.isEmpty());
    const Files files = {
        { QStringLiteral("etc/os-release"),
            "NAME=\"Common Base Linux Mariner\"\nVERSION=\"2.0.20230126\"\nID=mariner\nVERSION_ID=\"2.0\"\n"
            "PRETTY_NAME=\"CBL-Mariner/Linux\"\n" },
        { QStringLiteral("var/lib/rpm/rpmdb.sqlite"), db },
    };
    QVector<LayerInfo> layers(1);
    layers[0].index = 0;
    const Inventory inv = assembleInventory(catalogue(files), layers);
    QCOMPARE(inv.os.id, QStringLiteral("mariner"));
    QCOMPARE(inv.warnings, ScanWarnings {});
    QCOMPARE(inv.packages.size(), 129);
    const auto curl = std::find_if(inv.packages.cbegin(), inv.packages.cend(),
        [](const Package &p) { return p.name == u"curl"; });
    QVERIFY(curl != inv.packages.cend());
    QCOMPARE(curl->purl, QStringLiteral("pkg:rpm/mariner/curl@7.76.0-6.cm2?arch=x86_64&distro=mariner-2.0"));
    QCOMPARE(curl->layer.index, 0);
    QCOMPARE(inv.ownedPaths.value(QStringLiteral("usr/bin/curl")), QStringLiteral("rpm/curl"));
    QCOMPARE(inv.ownedPaths.value(QStringLiteral("usr/lib/libcurl.so.4")), QStringLiteral("rpm/curl-libs"));

    // Epochs go into the PURL's epoch qualifier, not its version (purl-spec rpm type).
    Package p;
    p.ecosystem = Ecosystem::Rpm;
    p.name = QStringLiteral("openssl-libs");
    p.version = QStringLiteral("1:3.0.7-25.el9_3");
    p.arch = QStringLiteral("x86_64");
    OsInfo rhel;
    rhel.id = QStringLiteral("rhel");
    rhel.versionId = QStringLiteral("9.3");
    QCOMPARE(osPackagePurl(p, rhel),
        QStringLiteral("pkg:rpm/redhat/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=rhel-9.3&epoch=1"));
    QCOMPARE(osPackagePurl(p, OsInfo()), QStringLiteral("pkg:rpm/openssl-libs@3.0.7-25.el9_3?arch=x86_64&epoch=1"));
}

QTEST_GUILESS_MAIN(TestRpmOs)
#include "tst_rpmos.moc"
