// GoBinaryCataloger over real Go executables: one built by tests/data/catalog-bin/go/build.sh from
// Debian's Go toolchain and packaged module sources (Go 1.19, inline build information, module
// dependencies and a replacement), the same toolchain's linux/s390x output (big-endian), and
// Debian's ebnflint (Go 1.15, pointer-based build information) for amd64 and i386. The expected
// modules are what `go version -m` printed for the same files (*.version-m.txt, SOURCES.md).
#include "binfixtures.h"
#include "catalog/binary/gobinarycataloger.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace bulkhead;

namespace {

Result<FileFacts> parse(const QByteArray &content, const QString &path = QStringLiteral("usr/bin/app"))
{
    return GoBinaryCataloger().parse({ path, content.size(), 0100755 }, content);
}

// "name<TAB>version" of every module `go version -m` printed (a "=>" line replaces the module
// before it), then "stdlib<TAB>v<toolchain version>".
QStringList expectedFromVersionM(const QByteArray &text)
{
    QStringList out;
    QString toolchain;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (toolchain.isEmpty()) {
            toolchain = line.section(QStringLiteral(": "), 1).trimmed();
            continue;
        }
        const QStringList f = line.split(u'\t');
        if (f.size() < 4)
            continue;
        if (f.at(1) == u"mod" || f.at(1) == u"dep")
            out << f.at(2) + u'\t' + f.at(3);
        else if (f.at(1) == u"=>")
            out.last() = f.at(2) + u'\t' + f.at(3);
    }
    out << QStringLiteral("stdlib\tv") + toolchain.mid(2);
    return out;
}

QStringList actualList(const FileFacts &facts)
{
    QStringList out;
    for (const Package &p : facts.packages)
        out << p.name + u'\t' + p.version;
    return out;
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

class TestGoBinaryCataloger : public QObject {
    Q_OBJECT
private slots:
    void matchesGoVersionM_data();
    void matchesGoVersionM();
    void liveGoVersionM();
    void moduleDetails();
    void oldLayoutDetails();
    void goTagToSemver_data();
    void goTagToSemver();
    void notGo_data();
    void notGo();
    void hostile_data();
    void hostile();
    void mutationsNeverCrash();
    void wants();
};

void TestGoBinaryCataloger::matchesGoVersionM_data()
{
    QTest::addColumn<QString>("binary");
    QTest::addColumn<bool>("stripSections");
    QTest::addColumn<int>("count");
    QTest::newRow("go1.19 modules") << "go/modbin" << false << 4;
    QTest::newRow("go1.19 modules, no section headers") << "go/modbin" << true << 4;
    QTest::newRow("go1.19 s390x (big-endian)") << "go/hello-s390x" << false << 2;
    QTest::newRow("go1.19 s390x, no section headers") << "go/hello-s390x" << true << 2;
    QTest::newRow("go1.15 amd64 (Debian ebnflint)") << "go/debian/ebnflint-amd64" << false << 1;
    QTest::newRow("go1.15 amd64, no section headers") << "go/debian/ebnflint-amd64" << true << 1;
    QTest::newRow("go1.15 i386 (Debian ebnflint)") << "go/debian/ebnflint-i386" << false << 1;
}

void TestGoBinaryCataloger::matchesGoVersionM()
{
    QFETCH(QString, binary);
    QFETCH(bool, stripSections);
    QFETCH(int, count);
    QByteArray bytes = test::binFixture(binary);
    QVERIFY(!bytes.isEmpty());
    if (stripSections)
        bytes = test::withoutSectionHeaders(bytes);
    const auto facts = parse(bytes);
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
    QVERIFY(facts->warnings.isEmpty());
    const QStringList expected = expectedFromVersionM(test::binFixture(binary + QStringLiteral(".version-m.txt")));
    QCOMPARE(expected.size(), count);
    QCOMPARE(actualList(*facts), expected);
    for (const Package &p : facts->packages) {
        QCOMPARE(p.ecosystem, Ecosystem::Go);
        QCOMPARE(p.cataloger, QStringLiteral("go-binary"));
        QCOMPARE(p.foundIn, QStringLiteral("usr/bin/app"));
        QVERIFY(p.purl.startsWith(QStringLiteral("pkg:golang/")));
    }
}

void TestGoBinaryCataloger::liveGoVersionM()
{
    // The recorded truth files are what this Go toolchain prints today.
    const QString go = QStandardPaths::findExecutable(QStringLiteral("go"));
    if (go.isEmpty())
        QSKIP("go is not installed (apt-get install golang-go); the recorded output was checked instead");
    for (const QString &binary : { QStringLiteral("go/modbin"), QStringLiteral("go/debian/ebnflint-amd64") }) {
        QProcess p;
        p.start(go, { QStringLiteral("version"), QStringLiteral("-m"), test::dataPath(QStringLiteral("catalog-bin/") + binary) });
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray live = p.readAllStandardOutput();
        const auto facts = parse(test::binFixture(binary));
        QVERIFY(facts);
        QCOMPARE(actualList(*facts), expectedFromVersionM(live));
    }
}

void TestGoBinaryCataloger::moduleDetails()
{
    const auto facts = parse(test::binFixture(QStringLiteral("go/modbin")));
    QVERIFY(facts);

    const Package *main = find(*facts, QStringLiteral("example.org/bulkhead/modbin"));
    QVERIFY(main);
    QCOMPARE(main->version, QStringLiteral("(devel)"));
    QCOMPARE(main->metadata.value(QStringLiteral("mainModule")), QStringLiteral("true"));
    QVERIFY(!main->metadata.value(kMetaNotMatchable).isEmpty());
    QCOMPARE(main->metadata.value(QStringLiteral("build:-ldflags")), QStringLiteral("-s -w"));
    QCOMPARE(main->metadata.value(QStringLiteral("build:vcs")), QStringLiteral("git"));
    QCOMPARE(main->metadata.value(QStringLiteral("build:CGO_ENABLED")), QStringLiteral("0"));
    // The revision printed by `go version -m` (build\tvcs.revision=<sha>).
    const QByteArray truth = test::binFixture(QStringLiteral("go/modbin.version-m.txt"));
    const int at = truth.indexOf("vcs.revision=");
    QVERIFY(at > 0);
    QCOMPARE(main->metadata.value(QStringLiteral("build:vcs.revision")),
        QString::fromLatin1(truth.mid(at + 13, 40)));

    const Package *uuid = find(*facts, QStringLiteral("github.com/google/uuid"));
    QVERIFY(uuid);
    QCOMPARE(uuid->version, QStringLiteral("v1.3.0"));
    QCOMPARE(uuid->purl, QStringLiteral("pkg:golang/github.com/google/uuid@v1.3.0"));
    QVERIFY(uuid->metadata.value(QStringLiteral("h1Digest")).startsWith(QStringLiteral("h1:")));
    QVERIFY(!uuid->metadata.contains(kMetaNotMatchable));
    QVERIFY(!uuid->metadata.contains(QStringLiteral("mainModule")));

    // golang.org/x/text v0.7.0 => a local directory: the replacement is what was compiled in.
    const Package *text = find(*facts, QStringLiteral("/usr/share/gocode/src/golang.org/x/text"));
    QVERIFY(text);
    QCOMPARE(text->version, QStringLiteral("(devel)"));
    QCOMPARE(text->metadata.value(QStringLiteral("replaces")), QStringLiteral("golang.org/x/text@v0.7.0"));
    QVERIFY(text->metadata.contains(kMetaNotMatchable));

    const Package *stdlib = find(*facts, QStringLiteral("stdlib"));
    QVERIFY(stdlib);
    QCOMPARE(stdlib->version, QStringLiteral("v1.19.8"));
    QCOMPARE(stdlib->purl, QStringLiteral("pkg:golang/stdlib@v1.19.8"));
    QCOMPARE(stdlib->metadata.value(QStringLiteral("goVersion")), QStringLiteral("go1.19.8"));
    QCOMPARE(stdlib->metadata.value(QStringLiteral("mainPackage")), QStringLiteral("example.org/bulkhead/modbin"));
}

void TestGoBinaryCataloger::oldLayoutDetails()
{
    // GOPATH-mode build (Debian's dh-golang of bullseye): a toolchain version but no module
    // information, so only the standard library is known.
    const auto facts = parse(test::binFixture(QStringLiteral("go/debian/ebnflint-i386")));
    QVERIFY(facts);
    QCOMPARE(facts->packages.size(), 1);
    QCOMPARE(facts->packages.first().purl, QStringLiteral("pkg:golang/stdlib@v1.15.9"));
    QVERIFY(!facts->packages.first().metadata.contains(kMetaNotMatchable));
}

void TestGoBinaryCataloger::goTagToSemver_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("semver");
    QTest::newRow("patch") << "go1.21.5" << "v1.21.5";
    QTest::newRow("minor only") << "go1.21" << "v1.21.0";
    QTest::newRow("go1") << "go1" << "v1.0.0";
    QTest::newRow("rc") << "go1.21rc2" << "v1.21.0-rc.2";
    QTest::newRow("beta") << "go1.9beta1" << "v1.9.0-beta.1";
    QTest::newRow("devel") << "devel go1.22-abcdef" << "";
    QTest::newRow("garbage") << "go1.x" << "";
}

void TestGoBinaryCataloger::goTagToSemver()
{
    QFETCH(QString, tag);
    QFETCH(QString, semver);
    QCOMPARE(GoBinaryCataloger::goTagToSemver(tag), semver);
}

void TestGoBinaryCataloger::notGo_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("shell script") << QByteArray("#!/bin/sh\necho hello\n").repeated(100);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("Rust binary (cargo-auditable)") << test::binFixture(QStringLiteral("rust/auditable-bin"));
}

void TestGoBinaryCataloger::notGo()
{
    QFETCH(QByteArray, content);
    const auto facts = parse(content);
    QVERIFY(facts);
    QVERIFY(facts->isEmpty());
    QVERIFY(facts->warnings.isEmpty());
}

void TestGoBinaryCataloger::hostile_data()
{
    QTest::addColumn<QByteArray>("content");
    const QByteArray modbin = test::binFixture(QStringLiteral("go/modbin"));
    const QByteArray old = test::binFixture(QStringLiteral("go/debian/ebnflint-amd64"));
    QVERIFY(!modbin.isEmpty() && !old.isEmpty());
    QTest::newRow("ELF magic only") << QByteArray("\x7f" "ELF");
    QTest::newRow("truncated header") << modbin.left(40);
    // Go writes the section headers first; cut after them, the sections' data is gone.
    QTest::newRow("truncated after the headers") << modbin.left(4096);
    QTest::newRow("bad class") << QByteArray(modbin).replace(4, 1, "\x07");

    // .go.buildinfo with its offset pointing past the end of the file.
    const auto range = test::sectionRange(modbin, ".go.buildinfo");
    QVERIFY(range.first > 0);
    {
        QByteArray bad = modbin;
        const auto shoff = qFromLittleEndian<quint64>(bad.constData() + 40);
        const quint16 entsize = qFromLittleEndian<quint16>(bad.constData() + 58);
        const quint16 count = qFromLittleEndian<quint16>(bad.constData() + 60);
        for (int i = 0; i < count; ++i) {
            char *h = bad.data() + shoff + i * entsize;
            if (qFromLittleEndian<quint64>(h + 24) == quint64(range.first))
                qToLittleEndian<quint64>(0x7fffffffffff0000ULL, h + 24);
        }
        QTest::newRow("section offset outside the file") << bad;
    }
    // Inline layout: the version string's varint length claims more than the section holds.
    {
        QByteArray bad = modbin;
        bad[range.first + 32] = char(0xff);
        bad[range.first + 33] = char(0xff);
        bad[range.first + 34] = char(0x7f);
        QTest::newRow("inline string length too long") << bad;
    }
    // Pointer layout: the string header pointers lead nowhere.
    {
        const auto oldRange = test::sectionRange(old, ".go.buildinfo");
        QVERIFY(oldRange.first > 0);
        QByteArray bad = old;
        qToLittleEndian<quint64>(0xdead0000beef0000ULL, bad.data() + oldRange.first + 16);
        QTest::newRow("string pointer outside every segment") << bad;
        QByteArray flipped = old;
        flipped[oldRange.first + 15] = 1; // claims big-endian in a little-endian file
        QTest::newRow("byte order flag disagrees with the ELF header") << flipped;
    }
}

void TestGoBinaryCataloger::hostile()
{
    QFETCH(QByteArray, content);
    const auto facts = parse(content, QStringLiteral("usr/bin/bad"));
    QVERIFY(!facts);
    QVERIFY(facts.error().message.contains(QStringLiteral("usr/bin/bad")));
}

void TestGoBinaryCataloger::mutationsNeverCrash()
{
    // Random byte changes in the headers and in the build information must give facts or an
    // error, never a crash or a hang (run under ASan/UBSan in the sanitizer build).
    const QByteArray base = test::binFixture(QStringLiteral("go/debian/ebnflint-i386"));
    const QByteArray modbin = test::binFixture(QStringLiteral("go/modbin"));
    const auto range = test::sectionRange(modbin, ".go.buildinfo");
    QRandomGenerator rng(4);
    for (int round = 0; round < 400; ++round) {
        const bool useOld = round % 2 == 0;
        QByteArray bytes = useOld ? base : modbin;
        for (int n = 0; n < 4; ++n) {
            const qint64 at = (!useOld && n % 2) ? range.first + rng.bounded(qint64(256)) : rng.bounded(qint64(256));
            bytes[at] = char(rng.bounded(256));
        }
        const auto facts = parse(bytes);
        if (facts) {
            for (const Package &p : facts->packages)
                QVERIFY(!p.name.isEmpty());
        }
    }
}

void TestGoBinaryCataloger::wants()
{
    GoBinaryCataloger c;
    QVERIFY(c.wants({ QStringLiteral("usr/bin/app"), 2 * 1024 * 1024, 0100755 }));
    QVERIFY(c.wants({ QStringLiteral("usr/lib/libgo.so"), 2 * 1024 * 1024, 0100700 }));
    QVERIFY(!c.wants({ QStringLiteral("usr/bin/app"), 2 * 1024 * 1024, 0100644 })); // not executable
    QVERIFY(!c.wants({ QStringLiteral("usr/bin/app"), 100, 0100755 }));              // too small
    QVERIFY(!c.wants({ QStringLiteral("usr/bin"), 4096, 0040755 }));                 // a directory
    QVERIFY(!c.wants({ QStringLiteral("usr/bin/huge"), c.maxFileSize() + 1, 0100755 }));
}

QTEST_GUILESS_MAIN(TestGoBinaryCataloger)
#include "tst_gobinarycataloger.moc"
