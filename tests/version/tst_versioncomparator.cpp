// Every row of the conformance tables in tests/data/version (see SOURCES.md there) against the
// comparator of its ecosystem, plus the registry names and invalid-version errors.

#include "testutil.h"
#include "version/rpmversioncomparator.h"
#include "version/versioncomparator.h"

#include <QFile>
#include <QTest>

#include <functional>
#include <random>

using namespace bulkhead;

namespace {

struct Row {
    int line = 0;
    QString left;
    QString right;
    QString expected;
    QString options;
};

// Reads left<TAB>right<TAB>expected[<TAB>options] rows, skipping the '#' header.
QList<Row> readRows(const QString &file, QString *error)
{
    QFile f(test::dataPath(QStringLiteral("version/") + file));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open ") + f.fileName();
        return {};
    }
    QList<Row> rows;
    int line = 0;
    while (!f.atEnd()) {
        QByteArray raw = f.readLine();
        ++line;
        if (raw.endsWith('\n'))
            raw.chop(1);
        if (raw.startsWith('#'))
            continue;
        const QStringList cols = QString::fromUtf8(raw).split(QLatin1Char('\t'));
        if (cols.size() < 3) {
            *error = QStringLiteral("%1:%2: fewer than three columns").arg(file).arg(line);
            return {};
        }
        Row r;
        r.line = line;
        r.left = cols[0];
        r.right = cols[1];
        r.expected = cols[2];
        r.options = cols.value(3);
        rows.append(r);
    }
    return rows;
}

// Runs `cmp` over every row and fails with the offending lines (first 20) of the file.
void checkFile(const QString &file, const std::function<QString(const Row &)> &check)
{
    QString error;
    const QList<Row> rows = readRows(file, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!rows.isEmpty(), qPrintable(file + QStringLiteral(" has no rows")));
    QStringList failures;
    int failed = 0;
    for (const Row &r : rows) {
        const QString why = check(r);
        if (why.isEmpty())
            continue;
        if (++failed <= 20)
            failures << QStringLiteral("%1:%2: %3\t%4\texpected %5, %6")
                            .arg(file).arg(r.line).arg(r.left, r.right, r.expected, why);
    }
    if (failed > 0)
        QFAIL(qPrintable(QStringLiteral("%1 of %2 rows failed:\n").arg(failed).arg(rows.size())
                         + failures.join(QLatin1Char('\n'))));
}

QString checkCompare(const VersionComparator *cmp, const Row &r)
{
    const Result<int> got = cmp->compare(r.left, r.right);
    if (!got)
        return QString(QStringLiteral("got error: ") + got.error().message);
    if (QString::number(*got) != r.expected)
        return QStringLiteral("got %1").arg(*got);
    // Antisymmetry: the swapped pair must give the opposite sign.
    const Result<int> back = cmp->compare(r.right, r.left);
    if (!back || *back != -*got)
        return QStringLiteral("swapped pair disagrees");
    return {};
}

} // namespace

class TestVersionComparator : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data()
    {
        QTest::addColumn<QString>("ecosystem");
        QTest::addColumn<QString>("file");
        const char *const table[][2] = {
            {"deb", "debian-osv-scalibr-generated.tsv"},
            {"deb", "debian-osv-scalibr.tsv"},
            {"deb", "deb-go-deb-version.dpkg-verified.tsv"},
            {"apk", "alpine-osv-scalibr-generated.tsv"},
            {"apk", "alpine-osv-scalibr.tsv"},
            {"apk", "apk-apktools-version.data.tsv"},
            {"rpm", "rpm-evr-go-rpm-version.tsv"},
            {"rpm", "redhat-osv-scalibr.tsv"},
            {"semver", "semver-osv-scalibr.tsv"},
            {"npm", "npm-semver-node-semver-fixtures.tsv"},
            {"pypi", "pypi-osv-scalibr-generated.tsv"},
            {"pypi", "pypi-osv-scalibr.tsv"},
            {"pypi", "pypi-pep440-go-pep440-version.tsv"},
            {"maven", "maven-osv-scalibr-generated.tsv"},
            {"maven", "maven-osv-scalibr.tsv"},
            {"maven", "maven-go-mvn-version.tsv"},
            {"gem", "rubygems-osv-scalibr-generated.tsv"},
            {"gem", "rubygems-osv-scalibr.tsv"},
            {"gem", "rubygems-go-gem-version.tsv"},
            {"nuget", "nuget-osv-scalibr.tsv"},
            {"composer", "packagist-osv-scalibr-generated.tsv"},
            {"composer", "packagist-osv-scalibr.tsv"},
        };
        for (const auto &entry : table) {
            const QString eco = QString::fromLatin1(entry[0]);
            const QString file = QString::fromLatin1(entry[1]);
            QTest::newRow(qPrintable(eco + QLatin1Char('/') + file)) << eco << file;
        }
    }

    void vectors()
    {
        QFETCH(QString, ecosystem);
        QFETCH(QString, file);
        const VersionComparator *cmp = comparatorFor(ecosystem);
        QVERIFY(cmp);
        QCOMPARE(cmp->ecosystem(), ecosystem);
        checkFile(file, [cmp](const Row &r) { return checkCompare(cmp, r); });
    }

    // Raw rpmvercmp() tables compare single version strings (no epoch/release split).
    void rpmvercmp_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("go-rpm-version") << QStringLiteral("rpm-rpmvercmp-go-rpm-version.tsv");
        QTest::newRow("claircore") << QStringLiteral("rpm-rpmvercmp-claircore.tsv");
    }

    void rpmvercmp()
    {
        QFETCH(QString, file);
        checkFile(file, [](const Row &r) {
            const int got = RpmVersionComparator::rpmvercmp(r.left, r.right);
            if (QString::number(got) != r.expected)
                return QStringLiteral("got %1").arg(got);
            if (RpmVersionComparator::rpmvercmp(r.right, r.left) != -got)
                return QStringLiteral("swapped pair disagrees");
            return QString();
        });
    }

    void rpmNevra()
    {
        checkFile(QStringLiteral("rpm-nevra-claircore.tsv"), [](const Row &r) {
            const int got = RpmVersionComparator::compareNevra(r.left, r.right);
            return QString::number(got) == r.expected ? QString() : QStringLiteral("got %1").arg(got);
        });
    }

    // Go module versions: every row of the SemVer table that is also a valid module version must
    // order the same under the Go comparator (with or without the 'v' OSV leaves off).
    void goAgreesWithSemverTable()
    {
        const VersionComparator *go = comparatorFor(QStringLiteral("Go"));
        QVERIFY(go);
        int checked = 0;
        checkFile(QStringLiteral("semver-osv-scalibr.tsv"), [go, &checked](const Row &r) {
            if (!go->isValid(r.left) || !go->isValid(r.right))
                return QString();
            ++checked;
            const Result<int> got = go->compare(r.left, r.right);
            if (!got)
                return QString(QStringLiteral("got error: ") + got.error().message);
            return QString::number(*got) == r.expected ? QString() : QStringLiteral("got %1").arg(*got);
        });
        QVERIFY(checked > 50);
    }

    // Pseudo-versions and +incompatible, as described in the Go Modules Reference
    // (https://go.dev/ref/mod#pseudo-versions, #incompatible-versions).
    void goPseudoVersions_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("expected");
        QTest::newRow("base pseudo < first release")
            << QStringLiteral("v0.0.0-20191109021931-daa7c04131f5") << QStringLiteral("v0.1.0") << -1;
        QTest::newRow("pseudo after v1.2.3")
            << QStringLiteral("v1.2.4-0.20191109021931-daa7c04131f5") << QStringLiteral("v1.2.3") << 1;
        QTest::newRow("pseudo before v1.2.4")
            << QStringLiteral("v1.2.4-0.20191109021931-daa7c04131f5") << QStringLiteral("v1.2.4") << -1;
        QTest::newRow("pseudo after prerelease")
            << QStringLiteral("v1.2.4-pre.0.20191109021931-daa7c04131f5") << QStringLiteral("v1.2.4-pre") << 1;
        QTest::newRow("pseudo timestamps")
            << QStringLiteral("v0.0.0-20191109021931-daa7c04131f5")
            << QStringLiteral("v0.0.0-20200101000000-0123456789ab") << -1;
        QTest::newRow("incompatible is build metadata")
            << QStringLiteral("v2.0.0+incompatible") << QStringLiteral("v2.0.0") << 0;
        QTest::newRow("incompatible orders as v4")
            << QStringLiteral("v4.1.0+incompatible") << QStringLiteral("v4.0.2+incompatible") << 1;
        QTest::newRow("shorthand") << QStringLiteral("v1.2") << QStringLiteral("v1.2.0") << 0;
        QTest::newRow("OSV without v") << QStringLiteral("1.20.3") << QStringLiteral("v1.3.0") << 1;
    }

    void goPseudoVersions()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        const VersionComparator *go = comparatorFor(QStringLiteral("go"));
        QVERIFY(go);
        const Result<int> r = go->compare(a, b);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QCOMPARE(*r, expected);
    }

    // Rows saying "cmp(left, right) is not X".
    void mavenNegative()
    {
        const VersionComparator *cmp = comparatorFor(QStringLiteral("maven"));
        QVERIFY(cmp);
        checkFile(QStringLiteral("maven-go-mvn-version.negative.tsv"), [cmp](const Row &r) -> QString {
            const Result<int> got = cmp->compare(r.left, r.right);
            if (!got)
                return QString(QStringLiteral("got error: ") + got.error().message);
            if (QStringLiteral("!%1").arg(*got) == r.expected)
                return QStringLiteral("got %1").arg(*got);
            return QString();
        });
    }

    void registry_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        const char *const table[][2] = {
            {"deb", "deb"}, {"Debian", "deb"}, {"Debian:12", "deb"}, {"Ubuntu:22.04:LTS", "deb"},
            {"apk", "apk"}, {"Alpine", "apk"}, {"Alpine:v3.19", "apk"},
            {"rpm", "rpm"}, {"Red Hat", "rpm"}, {"Red Hat:enterprise_linux:9", "rpm"},
            {"Rocky Linux:9", "rpm"}, {"AlmaLinux:8", "rpm"}, {"SUSE:Linux Enterprise Server 15", "rpm"},
            {"openSUSE:Tumbleweed", "rpm"},
            {"npm", "npm"}, {"semver", "semver"}, {"crates.io", "semver"},
            {"pypi", "pypi"}, {"PyPI", "pypi"}, {"maven", "maven"}, {"Maven", "maven"},
            {"go", "go"}, {"Go", "go"}, {"gem", "gem"}, {"RubyGems", "gem"},
            {"nuget", "nuget"}, {"NuGet", "nuget"}, {"composer", "composer"}, {"Packagist", "composer"},
            {"CRAN", ""}, {"Pub", ""}, {"", ""}, {"debianx", ""},
        };
        for (const auto &entry : table)
            QTest::newRow(entry[0]) << QString::fromUtf8(entry[0]) << QString::fromUtf8(entry[1]);
    }

    void registry()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const VersionComparator *cmp = comparatorFor(name);
        if (expected.isEmpty()) {
            QVERIFY(!cmp);
            return;
        }
        QVERIFY(cmp);
        QCOMPARE(cmp->ecosystem(), expected);
        QVERIFY(knownVersionEcosystems().contains(expected));
    }

    // Versions that do not parse: compare() fails with a message naming the version, isValid()
    // says no, and the same comparator accepts an ordinary version.
    // Hostile input: random strings (separators, '~', '^', non-ASCII, huge numbers) never crash
    // and either fail cleanly or give an antisymmetric -1/0/1 with compare(a, a) == 0.
    void randomInputIsHandled()
    {
        const QString alphabet = QStringLiteral("0123456789.-_+~^:!abcrRvVxz#@ =\u00e9\u4e2d");
        std::mt19937 rng(440);
        auto randomVersion = [&]() {
            QString v;
            const int len = int(rng() % 16);
            for (int k = 0; k < len; ++k)
                v += alphabet[int(rng() % alphabet.size())];
            return v;
        };
        QList<QString> inputs = {QString(QLatin1Char('9')).repeated(5000),
                                 QString(QLatin1Char('9')).repeated(4999) + QLatin1Char('a'),
                                 QStringLiteral("1") + QStringLiteral(".0").repeated(2000),
                                 QStringLiteral("a1").repeated(100000),
                                 QStringLiteral("1.a").repeated(100000)};
        for (int k = 0; k < 3000; ++k)
            inputs.append(randomVersion());
        for (const QString &eco : knownVersionEcosystems()) {
            const VersionComparator *cmp = comparatorFor(eco);
            QVERIFY(cmp);
            for (qsizetype k = 0; k + 1 < inputs.size(); ++k) {
                const QString &a = inputs[k];
                const QString &b = inputs[k + 1];
                const Result<int> ab = cmp->compare(a, b);
                const Result<int> ba = cmp->compare(b, a);
                QCOMPARE(bool(ab), bool(ba));
                if (!ab) {
                    QVERIFY(!ab.error().message.isEmpty());
                    continue;
                }
                QVERIFY2(*ab >= -1 && *ab <= 1 && *ab == -*ba,
                         qPrintable(eco + QStringLiteral(": ") + a + QStringLiteral(" vs ") + b));
                const Result<int> aa = cmp->compare(a, a);
                QVERIFY(aa);
                QCOMPARE(*aa, 0);
            }
        }
        // Maven nests a list per letter/digit switch: a huge one is refused, not recursed into.
        const Result<int> deep = comparatorFor(QStringLiteral("maven"))->compare(inputs[3], QStringLiteral("1"));
        QVERIFY(!deep);
        QVERIFY(deep.error().message.contains(QStringLiteral("longer than")));
    }

    void invalidVersions_data()
    {
        QTest::addColumn<QString>("ecosystem");
        QTest::addColumn<QString>("bad");
        QTest::addColumn<QString>("good");
        const char *const table[][3] = {
            {"deb", "1:", "1.0-1"}, {"deb", "a:1.0", "1.0-1"}, {"deb", "1.0-", "1.0-1"},
            {"deb", "1.0 2", "1.0-1"},
            {"apk", " ", "1.0-r1"},
            {"rpm", "", "1.0-1.el9"}, {"rpm", "1:-1", "1.0-1.el9"},
            {"semver", "1.2.3-", "1.2.3"}, {"semver", "not.a.version", "1.2.3"},
            {"npm", "1.2.3-beta..1", "1.2.3"}, {"npm", "", "1.2.3"},
            {"pypi", "", "1.0"}, {"pypi", "  ", "1.0"},
            {"maven", "", "1.0"},
            {"go", "v1.2.3.4", "v1.2.3"}, {"go", "v1.2-pre", "v1.2.3"}, {"go", "v01.2.3", "v1.2.3"},
            {"gem", "1.0-", "1.0"}, {"gem", "junk!", "1.0"}, {"gem", "1..0", "1.0"},
            {"nuget", "1.0.0.0.0", "1.0.0"}, {"nuget", "1.0.0-", "1.0.0"}, {"nuget", "abc", "1.0"},
            {"composer", "", "1.0"}, {"composer", "1.0 beta", "1.0"},
        };
        for (const auto &entry : table)
            QTest::newRow(qPrintable(QString::fromUtf8(entry[0]) + QLatin1Char('/')
                                     + QString::fromUtf8(entry[1])))
                << QString::fromUtf8(entry[0]) << QString::fromUtf8(entry[1])
                << QString::fromUtf8(entry[2]);
    }

    // Not PEP 440, yet ordered the way pip's legacy parser did: before every PEP 440 version.
    void pypiLegacy()
    {
        const VersionComparator *cmp = comparatorFor(QStringLiteral("pypi"));
        QVERIFY(cmp);
        for (const QString &legacy : {QStringLiteral("french toast"), QStringLiteral("1.0-foo-bar"),
                                      QStringLiteral("2013-01-21T20:33:09+0100")}) {
            QVERIFY(!cmp->isValid(legacy));
            const Result<int> r = cmp->compare(legacy, QStringLiteral("0.0.1.dev0"));
            QVERIFY(r);
            QCOMPARE(*r, -1);
        }
    }

    void invalidVersions()
    {
        QFETCH(QString, ecosystem);
        QFETCH(QString, bad);
        QFETCH(QString, good);
        const VersionComparator *cmp = comparatorFor(ecosystem);
        QVERIFY(cmp);
        QVERIFY(cmp->isValid(good));
        QVERIFY(!cmp->isValid(bad));
        const Result<int> ok = cmp->compare(good, good);
        QVERIFY(ok);
        QCOMPARE(*ok, 0);
        for (const Result<int> &r : {cmp->compare(bad, good), cmp->compare(good, bad)}) {
            QVERIFY(!r);
            QCOMPARE(r.error().code, int(InvalidInput));
            QVERIFY2(r.error().message.contains(QLatin1Char('"') + bad + QLatin1Char('"')),
                     qPrintable(r.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(TestVersionComparator)
#include "tst_versioncomparator.moc"
