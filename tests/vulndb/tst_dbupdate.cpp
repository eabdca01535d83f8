// `bulkhead db update|status|import|export-bundle` end to end, against a real HTTP server on
// 127.0.0.1 (tests/support/feedserver.py) that can answer 304, cut a transfer, serve a corrupt
// archive, fail once with 503 or vanish. Whatever happens, the previous database survives intact.

#include "testutil.h"
#include "common/sha256.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bulkhead;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return Sha256::digestOf(f.readAll()).toLatin1();
}

} // namespace

class TestDbUpdate : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QProcess m_server;
    QString m_base;      // http://127.0.0.1:PORT
    QString m_db;
    QProcessEnvironment m_env;

    bool startServer(QProcess &p, QString *base)
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            return false;
        p.start(python, {QStringLiteral(BULKHEAD_TEST_SUPPORT "/feedserver.py"), test::dataPath(QStringLiteral("vulndb"))});
        if (!p.waitForStarted(10000) || !p.waitForReadyRead(10000))
            return false;
        const QByteArray port = p.readLine().trimmed();
        *base = QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(port);
        return !port.isEmpty();
    }

    QStringList feedArgs(const QString &osvPath, const QString &base = {}) const
    {
        const QString b = base.isEmpty() ? m_base : base;
        return {QStringLiteral("--db"), m_db,
                QStringLiteral("--feeds"), QStringLiteral("osv-PyPI,kev,epss"),
                QStringLiteral("--feed-url"), QStringLiteral("osv-PyPI=") + b + osvPath,
                QStringLiteral("--feed-url"), QStringLiteral("kev=") + b + QStringLiteral("/kev/known_exploited_vulnerabilities.json"),
                QStringLiteral("--feed-url"), QStringLiteral("epss=") + b + QStringLiteral("/epss/lodestone-epss_scores-current.head40.csv.gz"),
                QStringLiteral("--timeout"), QStringLiteral("20")};
    }

    test::RunResult run(const QStringList &args, int timeoutMs = 120000)
    {
        return test::runBulkhead(args, {}, timeoutMs, m_env);
    }

    // The installed DB is byte-identical and `db status` still reads it.
    void expectUnchanged(const QByteArray &digest)
    {
        QCOMPARE(fileDigest(m_db), digest);
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), m_db});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.out.contains("osv-PyPI"), status.out.constData());
        QVERIFY(status.out.contains("2661"));
        QVERIFY(!QFileInfo::exists(m_db + QStringLiteral(".update-new")));
    }

    QByteArray statusLine(const QByteArray &out, const QByteArray &name)
    {
        for (const QByteArray &line : out.split('\n'))
            if (line.startsWith(QByteArray(name + ' ')))
                return line.simplified();
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (!startServer(m_server, &m_base))
            QSKIP("python3 is needed for the feed server");
        m_db = m_tmp.filePath(QStringLiteral("data/vulndb.sqlite"));
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("BULKHEAD_FEEDS_CONFIG"), m_tmp.filePath(QStringLiteral("no-such-feeds.ini")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("xdg-data")));
        m_env.remove(QStringLiteral("BULKHEAD_DB"));
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished();
    }

    void statusWithoutDatabase()
    {
        const auto r = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("does not exist"), r.err.constData());
    }

    void firstUpdate()
    {
        auto r = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(QStringLiteral("/osv/PyPI/all.zip")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("osv-PyPI: 2.5 MB downloaded, 2661 records, 2661 new"), r.out.constData());
        QVERIFY(r.out.contains("kev: ") && r.out.contains("1404 records"));
        QFile epss(test::dataPath(QStringLiteral("vulndb/epss/lodestone-epss_scores-current.head40.csv")));
        QVERIFY(epss.open(QIODevice::ReadOnly));
        const int epssRows = int(epss.readAll().trimmed().split('\n').size()) - 2;
        QVERIFY2(r.out.contains("epss: ") && r.out.contains(QByteArray(QByteArray::number(epssRows) + " records")), r.out.constData());
        QVERIFY2(r.err.contains("Downloading osv-PyPI"), r.err.constData());   // byte progress on stderr
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), m_db});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains("Schema version: 1"));
        QVERIFY(status.out.contains("Vulnerabilities: 2661"));
        QVERIFY2(statusLine(status.out, "osv-PyPI").startsWith("osv-PyPI 2661 "), status.out.constData());
        QVERIFY(statusLine(status.out, "kev").startsWith("kev 1404 "));
        QVERIFY(statusLine(status.out, "epss").startsWith(QByteArray("epss " + QByteArray::number(epssRows) + ' ')));
        QVERIFY2(!status.err.contains("warning"), status.err.constData());
    }

    void secondUpdateIsNotModified()
    {
        const QByteArray before = fileDigest(m_db);
        auto r = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(QStringLiteral("/osv/PyPI/all.zip")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("osv-PyPI: not modified"), r.out.constData());
        QVERIFY(r.out.contains("kev: not modified"));
        QVERIFY(r.out.contains("epss: not modified"));
        QVERIFY(!before.isEmpty());
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), m_db});
        QVERIFY(statusLine(status.out, "osv-PyPI").startsWith("osv-PyPI 2661 "));
    }

    void failuresKeepTheOldDatabase_data()
    {
        QTest::addColumn<QString>("osvPath");
        QTest::addColumn<QString>("error");
        QTest::newRow("interrupted transfer") << "/truncate/osv/PyPI/all.zip" << "cut short";
        QTest::newRow("corrupt archive") << "/corrupt/osv/PyPI/all.zip" << "corrupt";
        QTest::newRow("HTTP 404") << "/status/404/osv/PyPI/all.zip" << "HTTP 404";
        QTest::newRow("HTTP 500 every time") << "/status/500/osv/PyPI/all.zip" << "HTTP 500";
        QTest::newRow("not an archive") << "/kev/vunnel-valid-catalog-1.json" << "";
    }
    void failuresKeepTheOldDatabase()
    {
        QFETCH(QString, osvPath);
        QFETCH(QString, error);
        const QByteArray before = fileDigest(m_db);
        auto r = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(osvPath));
        if (error.isEmpty()) {
            // A KEV catalog served as the OSV feed is imported as what it is (detected by
            // content), so this one succeeds; restore the real archive afterwards.
            QCOMPARE(r.exitCode, 0);
            r = run({QStringLiteral("db"), QStringLiteral("update"), QStringLiteral("--db"), m_db, QStringLiteral("--feeds"),
                     QStringLiteral("osv-PyPI"), QStringLiteral("--feed-url"),
                     QStringLiteral("osv-PyPI=") + m_base + QStringLiteral("/osv/PyPI/all.zip")});
            QCOMPARE(r.exitCode, 0);
            return;
        }
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(error.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("previous database is unchanged"));
        expectUnchanged(before);
    }

    void retriesAfter503()
    {
        // Different URL → the stored validators are not sent, so the feed is fetched again.
        auto r = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(QStringLiteral("/flaky/osv/PyPI/all.zip")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("osv-PyPI: 2.5 MB downloaded, 2661 records, 0 new, 2661 updated"), r.out.constData());
    }

    void serverGone()
    {
        QProcess gone;
        QString base;
        QVERIFY(startServer(gone, &base));
        gone.kill();
        gone.waitForFinished();
        const QByteArray before = fileDigest(m_db);
        auto r = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(QStringLiteral("/osv/PyPI/all.zip"), base));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("osv-PyPI") && r.err.contains("refused"), r.err.constData());
        expectUnchanged(before);
    }

    void killedMidTransfer()
    {
        const QByteArray before = fileDigest(m_db);
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(test::bulkheadBinary(), QStringList{QStringLiteral("db"), QStringLiteral("update")}
                                            + feedArgs(QStringLiteral("/slow/osv/PyPI/all.zip")));
        QVERIFY(p.waitForStarted());
        // Wait until the transfer runs (side copy made, download file growing), then kill.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(m_db + QStringLiteral(".download")).size() > 0, 20000);
        // A second update of the same database meanwhile is refused, not interleaved.
        const auto second = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(QStringLiteral("/osv/PyPI/all.zip")));
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains("Another update"), second.err.constData());
        p.kill();
        p.waitForFinished();
        QCOMPARE(fileDigest(m_db), before);
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), m_db});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(statusLine(status.out, "osv-PyPI").startsWith("osv-PyPI 2661 "));
        // The next update clears the stale side files and works.
        auto r = run(QStringList{QStringLiteral("db"), QStringLiteral("update")} + feedArgs(QStringLiteral("/osv/PyPI/all.zip")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(m_db + QStringLiteral(".update-new")));
        QVERIFY(!QFileInfo::exists(m_db + QStringLiteral(".download")));
    }

    void configFileOverridesUrls()
    {
        const QString ini = m_tmp.filePath(QStringLiteral("feeds.ini"));
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[feeds]\nkev=" + m_base.toUtf8() + "/kev/claircore-kev-sample.json\n");
        f.close();
        auto r = run({QStringLiteral("db"), QStringLiteral("update"), QStringLiteral("--db"), m_db, QStringLiteral("--config"), ini,
                      QStringLiteral("--feeds"), QStringLiteral("kev")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), m_db});
        QVERIFY2(statusLine(status.out, "kev").startsWith("kev 2 ") || statusLine(status.out, "kev").startsWith("kev 3 "),
                 status.out.constData());
        auto bad = run({QStringLiteral("db"), QStringLiteral("update"), QStringLiteral("--db"), m_db, QStringLiteral("--feeds"),
                        QStringLiteral("nonsense")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("unknown feed 'nonsense'"));
    }

    void importAndBundleViaCli()
    {
        const QString db2 = m_tmp.filePath(QStringLiteral("cli/import.sqlite"));
        auto r = run({QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("--db"), db2,
                      test::dataPath(QStringLiteral("vulndb/osv/GHSA-npm-sample")),
                      test::dataPath(QStringLiteral("vulndb/epss/claircore-data.csv")),
                      test::dataPath(QStringLiteral("vulndb/epss/vunnel-invalid-header.csv"))});
        QCOMPARE(r.exitCode, 2);   // the broken EPSS file is an error; the others are imported
        QVERIFY2(r.err.contains("vunnel-invalid-header.csv is not a valid EPSS file"), r.err.constData());
        QVERIFY(r.out.contains("7 records, 7 new"));
        QVERIFY(r.out.contains("29 records"));

        const QString bundle = m_tmp.filePath(QStringLiteral("cli/db.bundle"));
        r = run({QStringLiteral("db"), QStringLiteral("export-bundle"), QStringLiteral("--db"), m_db, bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString airgap = m_tmp.filePath(QStringLiteral("airgap/vulndb.sqlite"));
        r = run({QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("--db"), airgap, bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), airgap});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(statusLine(status.out, "osv-PyPI").startsWith("osv-PyPI 2661 "));
        QVERIFY(status.out.contains("Vulnerabilities: 2661"));
    }

    void staleAndEmptyWarnings()
    {
        // Age a source by hand: status must warn about it.
        const QString db3 = m_tmp.filePath(QStringLiteral("stale.sqlite"));
        QVERIFY(QFile::copy(m_db, db3));
        {
            const QString sql = QStringLiteral("UPDATE sources SET imported_at = '2020-01-01T00:00:00Z' WHERE name = 'kev';"
                                               "INSERT INTO sources(name, record_count, imported_at) VALUES ('osv-Empty', 0, '2026-01-01T00:00:00Z');");
            QProcess sqlite;
            const QString exe = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
            if (exe.isEmpty()) {
                // Without the sqlite3 tool, use python's sqlite3 module.
                sqlite.start(QStandardPaths::findExecutable(QStringLiteral("python3")),
                             {QStringLiteral("-c"), QStringLiteral("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()"),
                              db3, sql});
            } else {
                sqlite.start(exe, {db3, sql});
            }
            QVERIFY(sqlite.waitForFinished(20000));
            QCOMPARE(sqlite.exitCode(), 0);
        }
        const auto status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), db3});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.err.contains("warning: source kev is older than 7 days"), status.err.constData());
        QVERIFY(status.err.contains("warning: source osv-Empty is empty"));
        QVERIFY(!status.err.contains("source osv-PyPI"));
    }
};

QTEST_GUILESS_MAIN(TestDbUpdate)
#include "tst_dbupdate.moc"
