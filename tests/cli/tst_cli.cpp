// The CLI's contract: usage, version, unknown commands and exit codes.
#include "testutil.h"

#include <QtTest>

using namespace bulkhead::test;

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void versionPrintsVersion()
    {
        const auto r = runBulkhead({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("bulkhead "));
    }
    void unknownCommandIsAnError()
    {
        const auto r = runBulkhead({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command 'frobnicate'"));
        QVERIFY(r.out.isEmpty());
    }
    void helpListsCommands()
    {
        const auto r = runBulkhead({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage: bulkhead"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
