// The rpm cataloger on real databases: go-rpmdb's SLE 15 NDB and CBL-Mariner SQLite databases,
// Berkeley DB Packages files from go-rpmdb, syft and osv-scalibr, claircore's raw header, and
// databases rpm 4.18 itself writes here (make-rpmdb.sh), each against rpm's own answers.
// Hostile inputs (truncation, huge counts, page loops, byte flips) must give warnings, not crashes.
#include "catalog/inventory.h"
#include "catalog/rpm/rpmcataloger.h"
#include "catalog/rpm/rpmdbreader.h"
#include "catalog/rpm/rpmheader.h"
#include "testutil.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace bulkhead;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// tests/data/catalog-rpm/<name>; ".xz" files are unpacked with xz(1).
QByteArray data(const QString &name)
{
    const QString path = test::dataPath(QStringLiteral("catalog-rpm/") + name);
    if (!name.endsWith(u".xz"))
        return readFile(path);
    QProcess xz;
    xz.start(QStringLiteral("xz"), { QStringLiteral("-dc"), path });
    if (!xz.waitForFinished(60000) || xz.exitCode() != 0)
        return {};
    return xz.readAllStandardOutput();
}

QStringList contentLines(const QByteArray &text)
{
    QStringList out;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty() && !line.startsWith('#'))
            out << QString::fromUtf8(line);
    }
    return out;
}

// rpm prints "(none)" for an absent tag; the cataloger leaves the field empty.
QString noneToEmpty(const QString &s) { return s == u"(none)" ? QString() : s; }

// "name\t[epoch:]version-release\tarch\tsourcerpm\tlicense\tvendor" as make-rpmdb.sh writes.
QStringList expectedRows(const QByteArray &tsv)
{
    QStringList rows;
    for (const QString &line : contentLines(tsv)) {
        QStringList f = line.split(u'\t');
        for (QString &v : f)
            v = noneToEmpty(v);
        rows << f.join(u'\t');
    }
    rows.sort();
    return rows;
}

QString row(const Package &p)
{
    return QStringList { p.name, p.version, p.arch, p.metadata.value(QStringLiteral("sourceRpm")),
        p.licenses.value(0), p.metadata.value(QStringLiteral("vendor")) }
        .join(u'\t');
}

QStringList rows(const FileFacts &facts)
{
    QStringList out;
    for (const Package &p : facts.packages)
        out << row(p);
    out.sort();
    return out;
}

// rpm's file list ("name\tmode\t/path"), directories left out as the cataloger does.
QMap<QString, QStringList> expectedFiles(const QByteArray &tsv)
{
    QMap<QString, QStringList> out;
    for (const QString &line : contentLines(tsv)) {
        const QStringList f = line.split(u'\t');
        if (f.size() != 3 || (f[1].toUInt(nullptr, 8) & 0170000) == 0040000)
            continue;
        out[f[0]] << f[2].mid(1);
    }
    for (QStringList &l : out)
        l.sort();
    return out;
}

QMap<QString, QStringList> files(const FileFacts &facts)
{
    QMap<QString, QStringList> out;
    for (const Package &p : facts.packages) {
        QStringList l = facts.properties.value(RpmCataloger::ownsKey(p.name)).split(u'\n', Qt::SkipEmptyParts);
        if (l.isEmpty())
            continue;
        l.sort();
        out.insert(p.name, l);
    }
    return out;
}

FileFacts catalogue(const QString &path, const QByteArray &content)
{
    RpmCataloger c;
    const FileMeta meta { path, content.size(), 0100644 };
    if (!c.wants(meta))
        qFatal("cataloger does not want %s", qPrintable(path));
    const auto facts = c.parse(meta, content);
    if (!facts) {
        qWarning("%s", qPrintable(facts.error().message));
        return {};
    }
    return *facts;
}

// Parses hostile bytes; returns whether it finished (the point is not crashing or hanging).
bool survives(const QString &path, const QByteArray &content, QString *outcome = nullptr)
{
    RpmCataloger c;
    const auto facts = c.parse(FileMeta { path, content.size(), 0100644 }, content);
    if (outcome)
        *outcome = facts ? QStringLiteral("%1 packages, %2 warnings").arg(facts->packages.size()).arg(facts->warnings.size())
                         : facts.error().message;
    return true;
}

} // namespace

class TestRpmCataloger : public QObject {
    Q_OBJECT
private slots:
    void wants_data();
    void wants();
    void sourceRpm_data();
    void sourceRpm();
    void bdbFixtures_data();
    void bdbFixtures();
    void claircoreHeader();
    void sle15Ndb();
    void marinerSqlite();
    void staleDatabaseNextToCurrent();
    void builtDatabases_data();
    void builtDatabases();
    void hostileHeaders();
    void truncatedDatabases_data();
    void truncatedDatabases();
    void bdbOverflowLoop();
    void ndbBadSlots();
    void byteFlips_data();
    void byteFlips();
};

void TestRpmCataloger::wants_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("wanted");
    QTest::newRow("sqlite") << "var/lib/rpm/rpmdb.sqlite" << true;
    QTest::newRow("bdb") << "var/lib/rpm/Packages" << true;
    QTest::newRow("ndb") << "var/lib/rpm/Packages.db" << true;
    QTest::newRow("sysimage sqlite") << "usr/lib/sysimage/rpm/rpmdb.sqlite" << true;
    QTest::newRow("sysimage bdb") << "usr/lib/sysimage/rpm/Packages" << true;
    QTest::newRow("sysimage ndb") << "usr/lib/sysimage/rpm/Packages.db" << true;
    QTest::newRow("index file") << "var/lib/rpm/Name" << false;
    QTest::newRow("wal") << "var/lib/rpm/rpmdb.sqlite-wal" << false;
    QTest::newRow("elsewhere") << "opt/var/lib/rpm/Packages" << false;
    QTest::newRow("subdir") << "var/lib/rpm/x/Packages" << false;
}

void TestRpmCataloger::wants()
{
    QFETCH(QString, path);
    QFETCH(bool, wanted);
    QCOMPARE(RpmCataloger().wants(FileMeta { path, 1000, 0100644 }), wanted);
}

void TestRpmCataloger::sourceRpm_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::newRow("simple") << "glibc-2.34-2.cm2.src.rpm" << "glibc" << "2.34-2.cm2";
    QTest::newRow("dashes in name") << "util-linux-2.32.1-42.el8_8.src.rpm" << "util-linux" << "2.32.1-42.el8_8";
    QTest::newRow("nosrc") << "foo-1-2.nosrc.rpm" << "foo" << "1-2";
    QTest::newRow("not src") << "foo-1-2.x86_64.rpm" << "" << "";
    QTest::newRow("no release") << "foo-1.src.rpm" << "" << "";
    QTest::newRow("empty") << "" << "" << "";
}

void TestRpmCataloger::sourceRpm()
{
    QFETCH(QString, file);
    QFETCH(QString, name);
    QFETCH(QString, version);
    const auto split = splitSourceRpm(file);
    QCOMPARE(split.first, name);
    QCOMPARE(split.second, version);
}

void TestRpmCataloger::bdbFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("go-rpmdb libuuid (RHEL 8)") << "libuuid.Packages";
    QTest::newRow("syft dive") << "syft.Packages";
    QTest::newRow("osv-scalibr epoch") << "osv-scalibr.Packages_epoch";
}

void TestRpmCataloger::bdbFixtures()
{
    QFETCH(QString, file);
    const QByteArray db = data(file);
    QVERIFY(!db.isEmpty());
    const FileFacts facts = catalogue(QStringLiteral("var/lib/rpm/Packages"), db);
    QCOMPARE(facts.warnings, ScanWarnings {});
    QCOMPARE(rows(facts), expectedRows(data(file + QStringLiteral(".expected.tsv"))));
    QCOMPARE(files(facts), expectedFiles(data(file + QStringLiteral(".files.tsv"))));
    for (const Package &p : facts.packages) {
        QCOMPARE(p.ecosystem, Ecosystem::Rpm);
        QCOMPARE(p.foundIn, QStringLiteral("var/lib/rpm/Packages"));
    }
    if (file == u"libuuid.Packages") {
        QCOMPARE(facts.packages.size(), 1);
        QCOMPARE(facts.packages[0].sourceName, QStringLiteral("util-linux"));
        QCOMPARE(facts.packages[0].sourceVersion, QString()); // same as the binary's
        QVERIFY(facts.ownedPaths.contains(QStringLiteral("usr/lib64/libuuid.so.1")));
    }
    if (file == u"osv-scalibr.Packages_epoch") {
        QCOMPARE(facts.packages[0].version, QStringLiteral("1:0.0.1-rls"));
        QCOMPARE(facts.packages[0].sourceVersion, QString()); // "1:" + source's 0.0.1-rls
    }
}

void TestRpmCataloger::claircoreHeader()
{
    const QByteArray blob = data(QStringLiteral("claircore.package.header"));
    const auto header = RpmHeader::parse(blob);
    QVERIFY2(header, qPrintable(header ? QString() : header.error().message));
    const auto info = rpmPackageInfo(*header);
    QVERIFY(info);
    const QStringList expected = expectedRows(data(QStringLiteral("claircore.package.header.expected.tsv")));
    QCOMPARE(expected.size(), 1);
    QCOMPARE(QStringList({ info->name, info->evr(), info->arch, info->sourceRpm, info->license, info->vendor }).join(u'\t'),
        expected[0]);
    QStringList got = info->files;
    got.sort();
    QCOMPARE(got, expectedFiles(data(QStringLiteral("claircore.package.header.files.tsv"))).value(info->name));
    QCOMPARE(info->droppedPaths, 0);
    // The same blob behind the 8-byte header magic of .rpm files.
    const auto withMagic = RpmHeader::parse(QByteArray::fromHex("8eade80100000000") + blob);
    QVERIFY(withMagic);
    QCOMPARE(withMagic->string(RpmTag::Name), info->name);
}

void TestRpmCataloger::sle15Ndb()
{
    const QByteArray db = data(QStringLiteral("sle15-bci.Packages.db.xz"));
    QCOMPARE(db.size(), 1374144);
    const FileFacts facts = catalogue(QStringLiteral("usr/lib/sysimage/rpm/Packages.db"), db);
    QCOMPARE(facts.warnings, ScanWarnings {});
    // go-rpmdb's expectation: epoch name version release arch sourcerpm size license vendor
    // modularitylabel summary sigmd5 (from rpm -qa in bci-minimal:15.3).
    QStringList expected, expectedSizes, expectedSummaries;
    for (const QString &line : contentLines(data(QStringLiteral("sle15-bci.expected.tsv")))) {
        const QStringList f = line.split(u'\t');
        QCOMPARE(f.size(), 12);
        const QString evr = (f[0].isEmpty() ? QString() : f[0] + u':') + f[2] + u'-' + f[3];
        expected << QStringList { f[1], evr, f[4], f[5], f[7], f[8] }.join(u'\t');
        expectedSizes << f[1] + u'=' + f[6] + u'/' + f[9]; // installed size / modularity label
        expectedSummaries << f[1] + u'=' + f[10];
    }
    expected.sort();
    expectedSizes.sort();
    expectedSummaries.sort();
    QCOMPARE(expected.size(), 35);
    QCOMPARE(rows(facts), expected);
    QStringList sizes, summaries;
    for (const Package &p : facts.packages) {
        sizes << p.name + u'=' + p.metadata.value(QStringLiteral("installedSize")) + u'/'
            + p.metadata.value(QStringLiteral("modularityLabel"));
        summaries << p.name + u'=' + p.metadata.value(QStringLiteral("summary"));
    }
    sizes.sort();
    summaries.sort();
    QCOMPARE(sizes, expectedSizes);
    QCOMPARE(summaries, expectedSummaries);
    QVERIFY(facts.ownedPaths.contains(QStringLiteral("usr/bin/bash")));
}

void TestRpmCataloger::marinerSqlite()
{
    const QByteArray db = data(QStringLiteral("cbl-mariner-2.0.rpmdb.sqlite.xz"));
    QCOMPARE(db.size(), 3604480);
    const FileFacts facts = catalogue(QStringLiteral("var/lib/rpm/rpmdb.sqlite"), db);
    QCOMPARE(facts.warnings, ScanWarnings {});
    // epoch name version release arch sourcerpm size license vendor modularitylabel
    QStringList expected, expectedSizes;
    for (const QString &line : contentLines(data(QStringLiteral("cbl-mariner-2.0.DERIVED-packages.tsv")))) {
        const QStringList f = line.split(u'\t');
        QCOMPARE(f.size(), 10);
        if (f[1] == u"gpg-pubkey")
            continue;
        const QString evr = (f[0].isEmpty() ? QString() : f[0] + u':') + f[2] + u'-' + f[3];
        expected << QStringList { f[1], evr, f[4], f[5], f[7], f[8] }.join(u'\t');
        expectedSizes << f[1] + u'=' + f[6] + u'/' + f[9]; // installed size / modularity label
    }
    expected.sort();
    expectedSizes.sort();
    QCOMPARE(expected.size(), 129);
    QCOMPARE(rows(facts), expected);
    QStringList sizes;
    for (const Package &p : facts.packages)
        sizes << p.name + u'=' + p.metadata.value(QStringLiteral("installedSize")) + u'/'
                + p.metadata.value(QStringLiteral("modularityLabel"));
    sizes.sort();
    QCOMPARE(sizes, expectedSizes);
    const auto curl = std::find_if(facts.packages.cbegin(), facts.packages.cend(),
        [](const Package &p) { return p.name == u"curl"; });
    QVERIFY(curl != facts.packages.cend());
    QCOMPARE(curl->version, QStringLiteral("7.76.0-6.cm2"));
    QCOMPARE(curl->arch, QStringLiteral("x86_64"));
    QCOMPARE(curl->metadata.value(QStringLiteral("installedSize")), QStringLiteral("326023"));
    QCOMPARE(curl->metadata.value(QStringLiteral("vendor")), QStringLiteral("Microsoft Corporation"));
    QVERIFY(facts.properties.value(RpmCataloger::ownsKey(QStringLiteral("curl"))).split(u'\n').contains(
        QStringLiteral("usr/bin/curl")));
    // A subpackage carries its source package: curl-libs comes from curl.
    const auto libs = std::find_if(facts.packages.cbegin(), facts.packages.cend(),
        [](const Package &p) { return p.name == u"curl-libs"; });
    QVERIFY(libs != facts.packages.cend());
    QCOMPARE(libs->sourceName, QStringLiteral("curl"));
    QCOMPARE(libs->sourceVersion, QString());
}

void TestRpmCataloger::staleDatabaseNextToCurrent()
{
    // A Berkeley DB left next to the SQLite database rpm moved to: only the SQLite one is listed
    // (and only its file lists own paths), with a warning naming the stale file. Real databases:
    // Mariner's rpmdb.sqlite and go-rpmdb's RHEL 8 libuuid Packages.
    const auto squashed = [&](const QString &path, const QByteArray &content) {
        SquashedFile f;
        f.catalogerId = QStringLiteral("rpm");
        f.path = path;
        f.layerIndex = 0;
        f.facts = catalogue(path, content);
        return f;
    };
    const SquashedFile sqlite = squashed(QStringLiteral("var/lib/rpm/rpmdb.sqlite"), data(QStringLiteral("cbl-mariner-2.0.rpmdb.sqlite.xz")));
    const SquashedFile bdb = squashed(QStringLiteral("var/lib/rpm/Packages"), data(QStringLiteral("libuuid.Packages")));
    QCOMPARE(sqlite.facts.packages.size(), 129);
    QVERIFY(!bdb.facts.packages.isEmpty());
    for (const auto &order : {QVector<SquashedFile>{sqlite, bdb}, QVector<SquashedFile>{bdb, sqlite}}) {
        const Inventory inv = assembleInventory(order, {});
        QCOMPARE(inv.packages.size(), 129);
        for (const Package &p : inv.packages)
            QCOMPARE(p.foundIn, QStringLiteral("var/lib/rpm/rpmdb.sqlite"));
        int staleOnly = 0;
        for (const QString &path : bdb.facts.ownedPaths) {
            if (sqlite.facts.ownedPaths.contains(path))
                continue;
            ++staleOnly;
            QVERIFY2(!inv.ownedPaths.contains(path), qPrintable(path));
        }
        QVERIFY(staleOnly > 0);
        QCOMPARE(inv.warnings.size(), 1);
        QCOMPARE(inv.warnings.first().path, QStringLiteral("var/lib/rpm/Packages"));
        QVERIFY(inv.warnings.first().message.contains(QStringLiteral("var/lib/rpm/rpmdb.sqlite")));
    }
    // In different directories both are listed.
    SquashedFile elsewhere = bdb;
    elsewhere.path = QStringLiteral("usr/lib/sysimage/rpm/Packages");
    const Inventory both = assembleInventory({sqlite, elsewhere}, {});
    QCOMPARE(both.packages.size(), 129 + bdb.facts.packages.size());
    QVERIFY(both.warnings.isEmpty());
}

void TestRpmCataloger::builtDatabases_data()
{
    QTest::addColumn<QString>("db");
    QTest::addColumn<QString>("path");
    QTest::newRow("rpm 4.18 sqlite") << "sqlite" << "var/lib/rpm/rpmdb.sqlite";
    QTest::newRow("bdb 4 KiB pages") << "bdb" << "var/lib/rpm/Packages";
    QTest::newRow("bdb 512-byte pages") << "bdb512" << "var/lib/rpm/Packages";
}

void TestRpmCataloger::builtDatabases()
{
    QFETCH(QString, db);
    QFETCH(QString, path);
    static QTemporaryDir dir;
    static bool built = false;
    if (!built) {
        QVERIFY(dir.isValid());
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QStringLiteral("bash"), { QStringLiteral(BULKHEAD_MAKE_RPMDB), dir.path() });
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
            "make-rpmdb.sh failed (it needs rpm and db5.3-util: installer/install-deps.sh --test)");
        built = true;
    }
    const QByteArray content = readFile(dir.filePath(db + u'/' + path));
    QVERIFY(!content.isEmpty());
    const FileFacts facts = catalogue(path, content);
    QCOMPARE(facts.warnings, ScanWarnings {});
    const QStringList expected = expectedRows(readFile(dir.filePath(db + QStringLiteral(".expected.tsv"))));
    QCOMPARE(expected.size(), 7);
    QCOMPARE(rows(facts), expected);
    QCOMPARE(files(facts), expectedFiles(readFile(dir.filePath(db + QStringLiteral(".files.tsv")))));
    if (db == u"sqlite") {
        QStringList labels;
        for (const Package &p : facts.packages)
            labels << p.name + u'\t' + p.metadata.value(QStringLiteral("modularityLabel"), QStringLiteral("(none)"));
        labels.sort();
        const QStringList expectedLabels = contentLines(readFile(dir.filePath(QStringLiteral("sqlite.labels.tsv"))));
        QVERIFY(expectedLabels.contains(QStringLiteral("charlie\tcharlie:2023:9030020231120123456:abcdef12")));
        QCOMPARE(labels, expectedLabels);
    }
    for (const Package &p : facts.packages) {
        if (p.name == u"bravo-libs") {
            QCOMPARE(p.sourceName, QStringLiteral("bravo"));
            QCOMPARE(p.sourceVersion, QString()); // 2:3.4.5-6.el9 like the binary
        }
        if (p.name == u"charlie")
            QCOMPARE(p.version, QStringLiteral("0:2023.1-0.1.rc1")); // explicit Epoch: 0 is kept
    }
}

void TestRpmCataloger::hostileHeaders()
{
    const QByteArray good = data(QStringLiteral("claircore.package.header"));
    QVERIFY(RpmHeader::parse(good));
    const auto withU32 = [&](int at, quint32 value) {
        QByteArray b = good;
        qToBigEndian<quint32>(value, reinterpret_cast<uchar *>(b.data()) + at);
        return b;
    };
    const quint32 il = qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(good.constData()));
    QVERIFY(!RpmHeader::parse(QByteArray()));
    QVERIFY(!RpmHeader::parse(good.left(7)));
    QVERIFY(!RpmHeader::parse(good.left(good.size() - 1)));         // data store cut short
    QVERIFY(!RpmHeader::parse(withU32(0, 0xffffffffu)));            // index count
    QVERIFY(!RpmHeader::parse(withU32(0, 0x10000000u)));            // il*16 wraps to 0 in 32 bits
    QVERIFY(!RpmHeader::parse(withU32(4, 0xfffffff0u)));            // data length
    QVERIFY(!RpmHeader::parse(withU32(0, 0)));
    // Every entry in turn: a huge count, an offset past the data, an unknown type.
    for (quint32 i = 0; i < il; ++i) {
        const int entry = 8 + int(i) * 16;
        const quint32 tag = qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(good.constData()) + entry);
        if (tag >= 61 && tag <= 63)
            continue; // region tags are not read
        QVERIFY2(!RpmHeader::parse(withU32(entry + 12, 0x7fffffffu)), qPrintable(QString::number(tag)));
        QVERIFY2(!RpmHeader::parse(withU32(entry + 8, 0xfffffff0u)), qPrintable(QString::number(tag)));
        QVERIFY2(!RpmHeader::parse(withU32(entry + 4, 77)), qPrintable(QString::number(tag)));
    }
    // A directory index pointing outside DIRNAMES drops that one path, with a count.
    const auto h = RpmHeader::parse(good);
    QVERIFY(h);
    const int files = rpmPackageInfo(*h)->files.size();
    QVERIFY(files > 1);
    const int dataStart = 8 + int(il) * 16;
    for (quint32 i = 0; i < il; ++i) {
        const uchar *e = reinterpret_cast<const uchar *>(good.constData()) + 8 + i * 16;
        if (qFromBigEndian<quint32>(e) != RpmTag::DirIndexes)
            continue;
        const auto bad = RpmHeader::parse(withU32(dataStart + int(qFromBigEndian<quint32>(e + 8)), 0x7fffffffu));
        QVERIFY(bad);
        const auto info = rpmPackageInfo(*bad);
        QVERIFY(info);
        QCOMPARE(info->droppedPaths, 1);
        // The first entry is gone from the list (unless it was a directory, never listed).
        const bool firstIsDir = (h->integers(RpmTag::FileModes).value(0) & 0170000) == 0040000;
        QCOMPARE(info->files.size(), firstIsDir ? files : files - 1);
        QCOMPARE(info->files.mid(info->files.size() - 5), rpmPackageInfo(*h)->files.mid(files - 5));
        return;
    }
    QFAIL("no DIRINDEXES entry in the header");
}

void TestRpmCataloger::truncatedDatabases_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::newRow("ndb") << "sle15-bci.Packages.db.xz" << "var/lib/rpm/Packages.db";
    QTest::newRow("sqlite") << "cbl-mariner-2.0.rpmdb.sqlite.xz" << "var/lib/rpm/rpmdb.sqlite";
    QTest::newRow("bdb") << "libuuid.Packages" << "var/lib/rpm/Packages";
}

void TestRpmCataloger::truncatedDatabases()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    const QByteArray db = data(file);
    QVERIFY(!db.isEmpty());
    const int complete = catalogue(path, db).packages.size();
    QVERIFY(complete > 0);
    const int n = int(db.size());
    for (const int size : { 0, 1, 16, 100, 4096, n / 3, n / 2, n - 1 }) {
        RpmCataloger c;
        const QByteArray cut = db.left(size);
        const auto facts = c.parse(FileMeta { path, cut.size(), 0100644 }, cut);
        if (!facts) {
            QVERIFY(!facts.error().message.isEmpty());
            continue;
        }
        // What a cut database yields is a subset, and the loss is said.
        QVERIFY(facts->packages.size() <= complete);
        if (facts->packages.size() < complete)
            QVERIFY2(!facts->warnings.isEmpty(), qPrintable(QStringLiteral("size %1").arg(size)));
    }
}

void TestRpmCataloger::bdbOverflowLoop()
{
    QByteArray db = data(QStringLiteral("libuuid.Packages"));
    const quint32 pageSize = qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(db.constData()) + 20);
    QCOMPARE(pageSize, 4096u);
    // Point every overflow page that continues a chain back at itself.
    int looped = 0;
    for (int pg = 1; (pg + 1) * int(pageSize) <= db.size(); ++pg) {
        uchar *page = reinterpret_cast<uchar *>(db.data()) + pg * pageSize;
        if (page[25] == 7 && qFromLittleEndian<quint32>(page + 16) != 0) {
            qToLittleEndian<quint32>(quint32(pg), page + 16);
            ++looped;
        }
    }
    QVERIFY(looped > 0);
    const FileFacts facts = catalogue(QStringLiteral("var/lib/rpm/Packages"), db);
    QCOMPARE(facts.packages.size(), 0);
    QCOMPARE(facts.warnings.size(), 1);
    QVERIFY2(facts.warnings[0].message.contains(QStringLiteral("loops")), qPrintable(facts.warnings[0].message));
    // An overflow reference outside the file.
    QByteArray far = data(QStringLiteral("libuuid.Packages"));
    for (int pg = 1; (pg + 1) * int(pageSize) <= far.size(); ++pg) {
        uchar *page = reinterpret_cast<uchar *>(far.data()) + pg * pageSize;
        if (page[25] == 7)
            qToLittleEndian<quint32>(0x7fffffffu, page + 16);
    }
    const FileFacts farFacts = catalogue(QStringLiteral("var/lib/rpm/Packages"), far);
    QCOMPARE(farFacts.packages.size(), 0);
    QVERIFY(!farFacts.warnings.isEmpty());
}

void TestRpmCataloger::ndbBadSlots()
{
    QByteArray db = data(QStringLiteral("sle15-bci.Packages.db.xz"));
    QVERIFY(!db.isEmpty());
    // Slot 2 (after the 32-byte file header and slot 1): block offset far past the end; slot 3:
    // a block count that overflows; slot 4: a blob length larger than its blocks.
    qToLittleEndian<quint32>(0xfffffff0u, reinterpret_cast<uchar *>(db.data()) + 48 + 8);
    qToLittleEndian<quint32>(0xffffffffu, reinterpret_cast<uchar *>(db.data()) + 64 + 12);
    const quint32 blkOff = qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(db.constData()) + 80 + 8);
    qToLittleEndian<quint32>(0x7fffffffu, reinterpret_cast<uchar *>(db.data()) + blkOff * 16 + 12);
    const FileFacts facts = catalogue(QStringLiteral("var/lib/rpm/Packages.db"), db);
    QCOMPARE(facts.packages.size(), 32);
    QCOMPARE(facts.warnings.size(), 3);
    // A slot table claiming more pages than the file has.
    QByteArray big = data(QStringLiteral("sle15-bci.Packages.db.xz"));
    qToLittleEndian<quint32>(0x00ffffffu, reinterpret_cast<uchar *>(big.data()) + 12);
    QString outcome;
    QVERIFY(survives(QStringLiteral("var/lib/rpm/Packages.db"), big, &outcome));
}

void TestRpmCataloger::byteFlips_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::newRow("bdb") << "libuuid.Packages" << "var/lib/rpm/Packages";
    QTest::newRow("bdb epoch") << "osv-scalibr.Packages_epoch" << "var/lib/rpm/Packages";
    QTest::newRow("ndb") << "sle15-bci.Packages.db.xz" << "var/lib/rpm/Packages.db";
}

void TestRpmCataloger::byteFlips()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    const QByteArray db = data(file);
    QVERIFY(!db.isEmpty());
    QRandomGenerator rng(20261123); // fixed seed: failures reproduce
    for (int round = 0; round < 300; ++round) {
        QByteArray bad = db;
        const int flips = 1 + int(rng.bounded(8));
        for (int i = 0; i < flips; ++i) {
            // Bias towards the first pages, where the structure lives.
            const int limit = rng.bounded(2) ? qMin(bad.size(), 8192) : bad.size();
            bad[int(rng.bounded(limit))] = char(rng.bounded(256));
        }
        QVERIFY(survives(path, bad));
    }
    // Header blobs with flipped bytes: parse, and if accepted, read every field.
    const QByteArray header = data(QStringLiteral("claircore.package.header"));
    for (int round = 0; round < 2000; ++round) {
        QByteArray bad = header;
        const int flips = 1 + int(rng.bounded(4));
        for (int i = 0; i < flips; ++i)
            bad[int(rng.bounded(qMin(bad.size(), rng.bounded(2) ? 1300 : bad.size())))] = char(rng.bounded(256));
        const auto h = RpmHeader::parse(bad);
        if (h)
            (void)rpmPackageInfo(*h);
    }
}

QTEST_GUILESS_MAIN(TestRpmCataloger)
#include "tst_rpmcataloger.moc"
