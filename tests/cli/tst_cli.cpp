// The CLI's contract: usage, version, unknown commands and exit codes.
#include "testutil.h"

#include <QFileInfo>
#include <QTemporaryDir>
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
    // `bulkhead` alone starts the desktop app installed next to it, and says so when it is missing.
    void noSubcommandStartsTheDesktopApp()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        QProcess gui;
        gui.setProcessEnvironment(env);
        gui.start(bulkheadBinary(), {});
        QVERIFY(gui.waitForStarted(10000));
        // The desktop app runs until it is closed; the CLI would have exited at once.
        QVERIFY2(!gui.waitForFinished(3000), gui.readAllStandardError().constData());
        QFile comm(QStringLiteral("/proc/%1/comm").arg(gui.processId()));
        QVERIFY(comm.open(QIODevice::ReadOnly));
        QCOMPARE(comm.readAll().trimmed(), QByteArray("bulkhead-gui"));
        gui.terminate();
        QVERIFY(gui.waitForFinished(10000));

        // A copy of the CLI alone (no bulkhead-gui beside it).
        QVERIFY(QFile::copy(bulkheadBinary(), home.filePath(QStringLiteral("bulkhead"))));
        QFile::setPermissions(home.filePath(QStringLiteral("bulkhead")), QFile::ExeOwner | QFile::ReadOwner);
        QProcess alone;
        alone.setProcessEnvironment(env);
        alone.start(home.filePath(QStringLiteral("bulkhead")), {});
        QVERIFY(alone.waitForFinished(10000));
        QCOMPARE(alone.exitCode(), 2);
        QVERIFY(alone.readAllStandardError().startsWith("bulkhead: error: cannot start the desktop app "));
        // The CLI works without it.
        alone.start(home.filePath(QStringLiteral("bulkhead")), {QStringLiteral("--version")});
        QVERIFY(alone.waitForFinished(10000));
        QCOMPARE(alone.exitCode(), 0);
    }
    // Every command (and db subcommand): a bad option is an error (exit 2, one line on stderr,
    // never exit 1, which means "policy gate matched"); --help names the command in its usage.
    void everyCommandParsesTheSameWay_data()
    {
        QTest::addColumn<QStringList>("command");
        for (const char *c : {"sbom", "scan", "vercmp", "images", "tags", "login", "logout", "db import",
                              "db status", "db update", "db export-bundle"})
            QTest::newRow(c) << QString::fromLatin1(c).split(u' ');
    }
    void everyCommandParsesTheSameWay()
    {
        QFETCH(QStringList, command);
        const auto bad = runBulkhead(command + QStringList{QStringLiteral("--no-such-option")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.startsWith("bulkhead: error: Unknown option 'no-such-option'."), bad.err.constData());
        QCOMPARE(bad.err.count('\n'), 1);
        const auto help = runBulkhead(command + QStringList{QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QByteArray usage = "Usage: bulkhead " + command.join(u' ').toUtf8() + ' ';
        QVERIFY2(help.out.startsWith(usage), help.out.left(80).constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
