// `bulkhead vercmp`: single comparisons, --batch over a real conformance table, and errors.

#include "testutil.h"

#include <QFile>
#include <QTest>

using namespace bulkhead::test;

class TestVercmpCli : public QObject
{
    Q_OBJECT

private slots:
    void single_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("deb tilde") << QStringList{QStringLiteral("deb"), QStringLiteral("1.0~rc1-1"), QStringLiteral("1.0-1")} << QByteArray("-1\n");
        QTest::newRow("Debian epoch") << QStringList{QStringLiteral("Debian:12"), QStringLiteral("1:0.9"), QStringLiteral("2.0")} << QByteArray("1\n");
        QTest::newRow("pypi normalised") << QStringList{QStringLiteral("PyPI"), QStringLiteral("1.0.0-ALPHA1"), QStringLiteral("1.0a1")} << QByteArray("0\n");
        QTest::newRow("maven qualifiers") << QStringList{QStringLiteral("maven"), QStringLiteral("1.0-rc1"), QStringLiteral("1.0-SNAPSHOT")} << QByteArray("-1\n");
    }

    void single()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        const RunResult r = runBulkhead(QStringList{QStringLiteral("vercmp")} + args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, expected);
        QVERIFY(r.err.isEmpty());
    }

    // The whole dpkg-verified Debian table through --batch: one answer per row, each as expected.
    void batchMatchesTable()
    {
        QFile f(dataPath(QStringLiteral("version/debian-osv-scalibr-generated.tsv")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray input = f.readAll();
        QByteArray expected;
        int rows = 0;
        for (const QByteArray &line : input.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            expected += line.split('\t').value(2) + '\n';
            ++rows;
        }
        QVERIFY(rows > 10000);
        const RunResult r = runBulkhead({QStringLiteral("vercmp"), QStringLiteral("--batch"), QStringLiteral("deb")}, input);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QCOMPARE(r.out.count('\n'), rows);
        QVERIFY(r.out == expected);
    }

    void unknownEcosystem()
    {
        const RunResult r = runBulkhead({QStringLiteral("vercmp"), QStringLiteral("cobol"), QStringLiteral("1"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown ecosystem 'cobol'"));
        QVERIFY(r.out.isEmpty());
    }

    void invalidVersion()
    {
        const RunResult r = runBulkhead({QStringLiteral("vercmp"), QStringLiteral("semver"), QStringLiteral("1.2.3"), QStringLiteral("not.a.version")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("\"not.a.version\" is not a valid semver version"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void batchReportsLine()
    {
        const QByteArray input = "# header\n1.2.3\t1.2.4\n1.2.3\tbogus\n2.0.0\t1.0.0\n";
        const RunResult r = runBulkhead({QStringLiteral("vercmp"), QStringLiteral("--batch"), QStringLiteral("npm")}, input);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QByteArray("-1\n"));
        QVERIFY2(r.err.contains("line 3:") && r.err.contains("\"bogus\""), r.err.constData());
    }

    void wrongArgumentCount()
    {
        const RunResult r = runBulkhead({QStringLiteral("vercmp"), QStringLiteral("deb"), QStringLiteral("1.0")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("usage: bulkhead vercmp"));
    }
};

QTEST_GUILESS_MAIN(TestVercmpCli)
#include "tst_vercmpcli.moc"
