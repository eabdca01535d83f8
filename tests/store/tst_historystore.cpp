// HistoryStore and HistoryService on ScanResults built from real package and advisory data.
#include "scanfixture.h"
#include "store/historyservice.h"
#include "store/historystore.h"
#include "testutil.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

QDateTime at(int day, int hour = 12)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, 0), Qt::UTC);
}

// Field-by-field comparison so a failure names the field that did not survive.
void comparePackage(const Package &a, const Package &b)
{
    QCOMPARE(a.ecosystem, b.ecosystem);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.version, b.version);
    QCOMPARE(a.arch, b.arch);
    QCOMPARE(a.sourceName, b.sourceName);
    QCOMPARE(a.sourceVersion, b.sourceVersion);
    QCOMPARE(a.licenses, b.licenses);
    QCOMPARE(a.purl, b.purl);
    QCOMPARE(a.extraPurls, b.extraPurls);
    QCOMPARE(a.foundIn, b.foundIn);
    QCOMPARE(a.cataloger, b.cataloger);
    QCOMPARE(a.layer.index, b.layer.index);
    QCOMPARE(a.layer.digest, b.layer.digest);
    QCOMPARE(a.layer.diffId, b.layer.diffId);
    QCOMPARE(a.layer.createdBy, b.layer.createdBy);
    QCOMPARE(a.metadata, b.metadata);
}

void compareFinding(const Finding &a, const Finding &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.aliases, b.aliases);
    QCOMPARE(a.summary, b.summary);
    QCOMPARE(a.details, b.details);
    QCOMPARE(a.severity, b.severity);
    QCOMPARE(a.severitySource, b.severitySource);
    QCOMPARE(a.cvss.size(), b.cvss.size());
    for (int i = 0; i < a.cvss.size(); ++i) {
        QCOMPARE(a.cvss[i].version, b.cvss[i].version);
        QCOMPARE(a.cvss[i].vector, b.cvss[i].vector);
        QCOMPARE(a.cvss[i].baseScore, b.cvss[i].baseScore);
        QCOMPARE(a.cvss[i].source, b.cvss[i].source);
    }
    QCOMPARE(a.fixState, b.fixState);
    QCOMPARE(a.fixedVersion, b.fixedVersion);
    QCOMPARE(a.affectedRange, b.affectedRange);
    QCOMPARE(a.references, b.references);
    QCOMPARE(a.published, b.published);
    QCOMPARE(a.modified, b.modified);
    QCOMPARE(a.dataSource, b.dataSource);
    QCOMPARE(a.kev, b.kev);
    QCOMPARE(a.kevDateAdded, b.kevDateAdded);
    QCOMPARE(a.kevDueDate, b.kevDueDate);
    QCOMPARE(a.kevRansomware, b.kevRansomware);
    QCOMPARE(a.epss, b.epss);
    QCOMPARE(a.epssPercentile, b.epssPercentile);
    comparePackage(a.package, b.package);
}

void compareScan(const ScanResult &a, const ScanResult &b)
{
    QCOMPARE(a.image.reference, b.image.reference);
    QCOMPARE(a.image.sourceKind, b.image.sourceKind);
    QCOMPARE(a.image.repoTags, b.image.repoTags);
    QCOMPARE(a.image.manifestDigest, b.image.manifestDigest);
    QCOMPARE(a.image.indexDigest, b.image.indexDigest);
    QCOMPARE(a.image.configDigest, b.image.configDigest);
    QCOMPARE(a.image.manifestMediaType, b.image.manifestMediaType);
    const ImageConfig &ca = a.image.config, &cb = b.image.config;
    QCOMPARE(ca.created, cb.created);
    QVERIFY(ca.platform == cb.platform);
    QCOMPARE(ca.env, cb.env);
    QCOMPARE(ca.cmd, cb.cmd);
    QCOMPARE(ca.entrypoint, cb.entrypoint);
    QCOMPARE(ca.labels, cb.labels);
    QCOMPARE(ca.diffIds, cb.diffIds);
    QCOMPARE(ca.history.size(), cb.history.size());
    for (int i = 0; i < ca.history.size(); ++i) {
        QCOMPARE(ca.history[i].createdBy, cb.history[i].createdBy);
        QCOMPARE(ca.history[i].created, cb.history[i].created);
        QCOMPARE(ca.history[i].emptyLayer, cb.history[i].emptyLayer);
    }
    QCOMPARE(a.image.layers.size(), b.image.layers.size());
    for (int i = 0; i < a.image.layers.size(); ++i) {
        const LayerInfo &la = a.image.layers[i], &lb = b.image.layers[i];
        QCOMPARE(la.index, lb.index);
        QCOMPARE(la.digest, lb.digest);
        QCOMPARE(la.diffId, lb.diffId);
        QCOMPARE(la.mediaType, lb.mediaType);
        QCOMPARE(la.size, lb.size);
        QCOMPARE(la.createdBy, lb.createdBy);
    }
    QCOMPARE(a.os.id, b.os.id);
    QCOMPARE(a.os.versionId, b.os.versionId);
    QCOMPARE(a.os.prettyName, b.os.prettyName);
    QCOMPARE(a.os.idLike, b.os.idLike);
    QCOMPARE(a.os.distroless, b.os.distroless);
    QCOMPARE(a.packages.size(), b.packages.size());
    for (int i = 0; i < a.packages.size(); ++i)
        comparePackage(a.packages[i], b.packages[i]);
    QCOMPARE(a.findings.size(), b.findings.size());
    for (int i = 0; i < a.findings.size(); ++i)
        compareFinding(a.findings[i], b.findings[i]);
    QCOMPARE(a.warnings, b.warnings);
    QCOMPARE(a.startedAt, b.startedAt);
    QCOMPARE(a.finishedAt, b.finishedAt);
    QCOMPARE(a.db.path, b.db.path);
    QCOMPARE(a.db.updatedAt, b.db.updatedAt);
    QCOMPARE(a.db.schemaVersion, b.db.schemaVersion);
    QCOMPARE(a.db.advisoryCount, b.db.advisoryCount);
    QCOMPARE(a.vulnerabilitiesScanned, b.vulnerabilitiesScanned);
}

struct Stored {
    qint64 id;
    ScanResult scan;
};

} // namespace

class TestHistoryStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString dbPath(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".sqlite")); }

    // Six scans of five references over three days.
    QVector<Stored> storeHistory(HistoryStore &store)
    {
        const QString api = QStringLiteral("registry.example.com/shop/api");
        const QVector<ScanResult> scans{
            alpineScan(QStringLiteral("alpine-310"), at(1)),
            appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"), api + QStringLiteral(":1.0"), at(1)),
            appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"), api + QStringLiteral(":1.1"), at(2)),
            appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"),
                    QStringLiteral("registry.example.com/shop/worker:2.3"), at(2)),
            appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"), api + QStringLiteral(":1.1"), at(3)),
            alpineScan(QStringLiteral("alpine-311"), at(3)),
        };
        QVector<Stored> out;
        for (const auto &s : scans) {
            auto id = store.saveScan(s);
            if (!id)
                qFatal("saveScan failed: %s", qPrintable(id.error().message));
            out.append(Stored{*id, s});
        }
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fixtureHasRealFindings()
    {
        // Guards the other tests: the data must give findings of several severities and KEV ones.
        const ScanResult s = appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"),
                                     QStringLiteral("api:1.0"), at(1));
        QVERIFY(s.findings.size() > 50);
        QVERIFY(SeverityCounts::of(s.findings)[Severity::Critical] > 0);
        QVERIFY(SeverityCounts::of(s.findings)[Severity::Medium] > 0);
        QVERIFY(std::any_of(s.findings.begin(), s.findings.end(), [](const Finding &f) { return f.kev; }));
        QCOMPARE(s.image.layers.size(), 2);
        QCOMPARE(s.image.layers[0].size, qint64(5818880));
    }

    void cvssScore_data()
    {
        QTest::addColumn<QString>("vector");
        QTest::addColumn<double>("score");
        // Worked values from the CVSS v3.1 calculator (FIRST).
        QTest::newRow("log4shell") << QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H") << 10.0;
        QTest::newRow("critical-unchanged") << QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") << 9.8;
        QTest::newRow("portsmash") << QStringLiteral("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N") << 4.7;
        QTest::newRow("no-impact") << QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N") << 0.0;
        QTest::newRow("garbage") << QStringLiteral("CVSS:3.1/AV:X") << -1.0;
    }
    void cvssScore()
    {
        QFETCH(QString, vector);
        QFETCH(double, score);
        QCOMPARE(cvss3BaseScore(vector), score);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("base");
        QTest::newRow("alpine-310 clean") << QString() << QStringLiteral("alpine-310");
        QTest::newRow("api-1.0") << QStringLiteral("api-1.0") << QStringLiteral("alpine-310");
        QTest::newRow("worker-2.3") << QStringLiteral("worker-2.3") << QStringLiteral("alpine-311");
    }
    void roundTrip()
    {
        QFETCH(QString, app);
        QFETCH(QString, base);
        ScanResult scan = app.isEmpty()
                              ? alpineScan(base, at(5))
                              : appScan(app, base, QStringLiteral("shop/") + app, at(5));
        if (!scan.findings.isEmpty()) {
            // Values the fixture leaves at their defaults must survive too.
            scan.findings[0].epss = 0.97318;
            scan.findings[0].epssPercentile = 0.99961;
            scan.findings[0].package.metadata.insert(QStringLiteral("vendor"), QStringLiteral("ACME"));
            scan.packages[0].licenses = QStringList{QStringLiteral("MIT"), QStringLiteral("Apache-2.0")};
        }
        scan.startedAt = QDateTime(QDate(2026, 3, 5), QTime(13, 0, 0, 123), Qt::OffsetFromUTC, 3600);
        HistoryStore store(dbPath(QStringLiteral("roundtrip")));
        auto id = store.saveScan(scan);
        QVERIFY2(id.has_value(), qPrintable(id.error().message));
        auto loaded = store.loadScan(*id);
        QVERIFY2(loaded.has_value(), qPrintable(loaded.error().message));
        compareScan(scan, *loaded);
    }

    void missingScanIsNotFound()
    {
        HistoryStore store(dbPath(QStringLiteral("missing")));
        auto r = store.loadScan(4242);
        QVERIFY(!r);
        QCOMPARE(r.error().code, int(NotFound));
        QVERIFY(r.error().message.contains(QStringLiteral("4242")));
        QCOMPARE(store.deleteScan(4242).error().code, int(NotFound));
    }

    void deleteRemovesEverything()
    {
        HistoryStore store(dbPath(QStringLiteral("delete")));
        auto id = store.saveScan(appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"),
                                         QStringLiteral("api:1.1"), at(1)));
        QVERIFY(id);
        QVERIFY(store.deleteScan(*id));
        QVERIFY(!store.loadScan(*id));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect-delete"));
        db.setDatabaseName(store.path());
        QVERIFY(db.open());
        for (const QString &table : {QStringLiteral("findings"), QStringLiteral("packages"), QStringLiteral("layers")}) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("inspect-delete"));
    }

    void badFilesGiveClearErrors()
    {
        // A folder where the file should be, and a file that is not SQLite.
        QDir(m_dir.path()).mkpath(QStringLiteral("adir.sqlite"));
        HistoryStore onDir(m_dir.filePath(QStringLiteral("adir.sqlite")));
        auto r1 = onDir.open();
        QVERIFY(!r1);
        QVERIFY(r1.error().message.startsWith(QStringLiteral("Scan history")));

        QFile garbage(dbPath(QStringLiteral("garbage")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();
        HistoryStore onGarbage(garbage.fileName());
        auto r2 = onGarbage.listScans();
        QVERIFY(!r2);
        QVERIFY(!r2.error().message.isEmpty());
    }

    void newerSchemaIsRefused()
    {
        const QString path = dbPath(QStringLiteral("newer"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("make-newer"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("make-newer"));
        auto r = HistoryStore(path).open();
        QVERIFY(!r);
        QCOMPARE(r.error().code, int(InvalidInput));
        QVERIFY(r.error().message.contains(QStringLiteral("newer Bulkhead")));
    }

    void migratesVersion1()
    {
        // Make a version-1 file: a current one with the version-2 objects dropped again.
        const QString v1 = dbPath(QStringLiteral("v1-source"));
        HistoryStore source(v1);
        auto id = source.saveScan(alpineScan(QStringLiteral("alpine-310"), at(1)));
        QVERIFY(id);
        const QString copy = dbPath(QStringLiteral("v1"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("make-v1"));
            db.setDatabaseName(v1);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *sql : {"DROP TABLE triage_history", "DROP INDEX scans_reference",
                                    "DROP INDEX scans_repository", "DROP INDEX findings_vuln",
                                    "PRAGMA user_version = 1"})
                QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
            QVERIFY(q.exec(QStringLiteral("VACUUM INTO '%1'").arg(copy)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("make-v1"));

        HistoryStore migrated(copy);
        auto loaded = migrated.loadScan(*id);
        QVERIFY2(loaded.has_value(), qPrintable(loaded.error().message));
        QCOMPARE(loaded->packages.size(), 14);
        TriageRecord t;
        t.vulnId = QStringLiteral("CVE-2019-14697");
        t.packageName = QStringLiteral("musl");
        t.state = TriageState::NotAffected;
        QVERIFY(migrated.setTriage(t));
        QCOMPARE(migrated.triageHistory(t.vulnId, t.packageName)->size(), 1);
    }

    void triage()
    {
        HistoryStore store(dbPath(QStringLiteral("triage")));
        const QString vuln = QStringLiteral("CVE-2020-1938");
        const QString pkg = QStringLiteral("org.apache.tomcat.embed:tomcat-embed-core");
        const QString repo = QStringLiteral("registry.example.com/shop/api");

        auto none = store.triageFor(vuln, pkg, repo);
        QVERIFY(none);
        QCOMPARE(none->state, TriageState::None);
        QVERIFY(store.triageHistory(vuln, pkg)->isEmpty());

        TriageRecord all;
        all.vulnId = vuln;
        all.packageName = pkg;
        all.scope = AllImagesScope;
        all.state = TriageState::NotAffected;
        all.comment = QStringLiteral("AJP connector is disabled in every image");
        auto saved = store.setTriage(all);
        QVERIFY(saved);
        QCOMPARE(saved->author, HistoryStore::currentUserName());
        QVERIFY(saved->changedAt.isValid());
        QCOMPARE(store.triageFor(vuln, pkg, repo)->state, TriageState::NotAffected);
        QCOMPARE(store.triageFor(vuln, pkg, QStringLiteral("other/repo"))->scope, AllImagesScope);

        // A decision for one repository wins over the one for all images there only.
        TriageRecord risk = all;
        risk.scope = repo;
        risk.state = TriageState::AcceptedRisk;
        risk.comment = QStringLiteral("Upgrade planned for the next release");
        risk.expiresAt = QDateTime(QDate(2026, 6, 30), QTime(0, 0), Qt::UTC);
        risk.changedAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        QVERIFY(store.setTriage(risk));
        const QDateTime before(QDate(2026, 6, 29), QTime(23, 0), Qt::UTC);
        const QDateTime after(QDate(2026, 7, 1), QTime(0, 0), Qt::UTC);
        auto current = store.triageFor(vuln, pkg, repo, before);
        QCOMPARE(current->state, TriageState::AcceptedRisk);
        QCOMPARE(current->expiresAt, risk.expiresAt);
        QCOMPARE(current->comment, risk.comment);
        QVERIFY(!current->expired);
        auto expired = store.triageFor(vuln, pkg, repo, after);
        QCOMPARE(expired->state, TriageState::None);
        QVERIFY(expired->expired);
        QCOMPARE(store.triageFor(vuln, pkg, QStringLiteral("other/repo"), after)->state, TriageState::NotAffected);

        // Expiry only means something for accepted risks.
        TriageRecord fixed = risk;
        fixed.state = TriageState::Fixed;
        fixed.changedAt = QDateTime();
        auto f = store.setTriage(fixed);
        QVERIFY(!f->expiresAt.isValid());
        QCOMPARE(store.triageFor(vuln, pkg, repo, after)->state, TriageState::Fixed);

        auto history = store.triageHistory(vuln, pkg);
        QVERIFY(history);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).state, TriageState::NotAffected);
        QCOMPARE(history->at(0).scope, AllImagesScope);
        QCOMPARE(history->at(1).state, TriageState::AcceptedRisk);
        QCOMPARE(history->at(1).expiresAt, risk.expiresAt);
        QCOMPARE(history->at(1).changedAt, risk.changedAt);
        QCOMPARE(history->at(2).state, TriageState::Fixed);

        // The audit trail cannot be rewritten.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(store.path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("UPDATE triage_history SET state = 'none'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM triage_history")));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        QCOMPARE(store.triageHistory(vuln, pkg)->size(), 3);

        TriageRecord bad;
        QCOMPARE(store.setTriage(bad).error().code, int(InvalidInput));
    }

    void triageStateNames()
    {
        for (TriageState s : {TriageState::None, TriageState::NotAffected, TriageState::AcceptedRisk,
                              TriageState::FalsePositive, TriageState::Fixed}) {
            TriageState back = TriageState::Fixed;
            QVERIFY(parseTriageState(triageStateName(s), &back));
            QCOMPARE(back, s);
        }
        TriageState x;
        QVERIFY(!parseTriageState(QStringLiteral("maybe"), &x));
    }

    void repositoryOf_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QString>("repository");
        QTest::newRow("tag") << QStringLiteral("alpine:3.10") << QStringList() << QStringLiteral("alpine");
        QTest::newRow("port") << QStringLiteral("localhost:5000/shop/api:1.0") << QStringList()
                              << QStringLiteral("localhost:5000/shop/api");
        QTest::newRow("digest") << QStringLiteral("ghcr.io/a/b@sha256:abcd") << QStringList() << QStringLiteral("ghcr.io/a/b");
        QTest::newRow("no tag") << QStringLiteral("localhost:5000/shop/api") << QStringList()
                                << QStringLiteral("localhost:5000/shop/api");
        QTest::newRow("file uses tag") << QStringLiteral("docker-archive:/tmp/a.tar") << QStringList{QStringLiteral("alpine:3.10")}
                                       << QStringLiteral("alpine");
        QTest::newRow("file without tag") << QStringLiteral("oci:/tmp/layout") << QStringList()
                                          << QStringLiteral("oci:/tmp/layout");
    }
    void repositoryOf()
    {
        QFETCH(QString, reference);
        QFETCH(QStringList, tags);
        QFETCH(QString, repository);
        ImageInfo im;
        im.reference = reference;
        im.repoTags = tags;
        QCOMPARE(HistoryStore::repositoryOf(im), repository);
    }

    void trends()
    {
        HistoryStore store(dbPath(QStringLiteral("trends")));
        const QVector<Stored> stored = storeHistory(store);

        auto list = store.listScans();
        QVERIFY(list);
        QCOMPARE(list->size(), stored.size());
        for (int i = 1; i < list->size(); ++i)
            QVERIFY(list->at(i - 1).finishedAt >= list->at(i).finishedAt);

        // Repository trend: one point per scan of shop/api, oldest first, counts of that scan.
        auto trend = store.severityTrend(TrendScopeKind::Repository, QStringLiteral("registry.example.com/shop/api"));
        QVERIFY(trend);
        QVector<Stored> api;
        for (const Stored &s : stored)
            if (s.scan.image.reference.startsWith(QStringLiteral("registry.example.com/shop/api")))
                api.append(s);
        QCOMPARE(trend->size(), api.size());
        for (int i = 0; i < api.size(); ++i) {
            QCOMPARE(trend->at(i).scanId, api[i].id);
            QCOMPARE(trend->at(i).finishedAt, api[i].scan.finishedAt);
            QVERIFY(trend->at(i).counts == SeverityCounts::of(api[i].scan.findings));
        }
        // 1.1 has fewer findings than 1.0: the trend goes down.
        QVERIFY(trend->at(1).counts.total() < trend->at(0).counts.total());
        auto refTrend = store.severityTrend(TrendScopeKind::Reference, QStringLiteral("registry.example.com/shop/api:1.1"));
        QCOMPARE(refTrend->size(), 2);

        // Latest scan per reference: 5 references; scan 3 (older api:1.1) is not among them.
        QHash<QString, Stored> latest;
        for (const Stored &s : stored)
            latest.insert(s.scan.image.reference, s);
        auto top = store.latestScans();
        QVERIFY(top);
        QCOMPARE(top->size(), latest.size());
        for (const ScanSummary &s : *top) {
            QCOMPARE(s.id, latest.value(s.reference).id);
            QVERIFY(s.counts == SeverityCounts::of(latest.value(s.reference).scan.findings));
            QCOMPARE(s.packageCount, latest.value(s.reference).scan.packages.size());
        }
        for (int i = 1; i < top->size(); ++i)
            QVERIFY(top->at(i - 1).counts[Severity::Critical] >= top->at(i).counts[Severity::Critical]);
        QCOMPARE(store.latestScans(2)->size(), 2);

        // Widespread vulnerabilities, computed here from the latest ScanResults.
        QHash<QString, QSet<QString>> images;
        QSet<QString> kev;
        for (const Stored &s : qAsConst(latest)) {
            for (const Finding &f : s.scan.findings) {
                images[f.id].insert(s.scan.image.reference);
                if (f.kev)
                    kev.insert(f.id);
            }
        }
        auto spread = store.widespreadVulnerabilities(-1);
        QVERIFY(spread);
        QCOMPARE(spread->size(), images.size());
        for (const VulnerabilitySpread &v : *spread)
            QCOMPARE(v.imageCount, images.value(v.vulnId).size());
        for (int i = 1; i < spread->size(); ++i)
            QVERIFY(spread->at(i - 1).imageCount >= spread->at(i).imageCount);
        QVERIFY(spread->at(0).imageCount >= 2);
        QCOMPARE(store.widespreadVulnerabilities(5)->size(), 5);
        QVERIFY(!kev.isEmpty());
        QCOMPARE(*store.kevCount(), kev.size());
    }

    void concurrentThreads()
    {
        // Two threads write and read the same file through their own connections.
        const QString path = dbPath(QStringLiteral("concurrent"));
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        auto work = [path](int worker) {
            HistoryStore store(path);
            int saved = 0;
            for (int i = 0; i < 5; ++i) {
                auto id = store.saveScan(appScan(QStringLiteral("api-1.1"), QStringLiteral("alpine-311"),
                                                 QStringLiteral("w%1/api:%2").arg(worker).arg(i), at(1 + i)));
                if (!id)
                    return -1;
                auto back = store.loadScan(*id);
                if (!back || back->image.reference != QStringLiteral("w%1/api:%2").arg(worker).arg(i))
                    return -1;
                ++saved;
            }
            return saved;
        };
        QFuture<int> a = QtConcurrent::run(&pool, work, 1);
        QFuture<int> b = QtConcurrent::run(&pool, work, 2);
        QCOMPARE(a.result(), 5);
        QCOMPARE(b.result(), 5);
        QCOMPARE(HistoryStore(path).listScans()->size(), 10);
    }

    void serviceRunsOffTheCallingThread()
    {
        HistoryService service(dbPath(QStringLiteral("service")));
        const ScanResult scan = appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"),
                                        QStringLiteral("shop/worker:2.3"), at(2));
        auto saved = service.saveScan(scan);
        auto listed = service.listScans();
        QVERIFY(saved.result().has_value());
        const qint64 id = *saved.result();
        auto loaded = service.loadScan(id).result();
        QVERIFY(loaded);
        compareScan(scan, *loaded);
        // listScans may have run before or after the save (two pool threads): both are valid.
        QVERIFY(listed.result().has_value());
        QVERIFY(listed.result()->size() <= 1);
        QCOMPARE(service.latestScans().result()->size(), 1);
        QSet<QString> kev;
        for (const Finding &f : scan.findings)
            if (f.kev)
                kev.insert(f.id);
        QVERIFY(!kev.isEmpty());
        QCOMPARE(*service.kevCount().result(), kev.size());

        // The continuation runs on the context's thread (here: this one).
        bool done = false;
        service.triageHistory(QStringLiteral("x"), QStringLiteral("y")).then(this, [&](const Result<QVector<TriageRecord>> &r) {
            QVERIFY(QThread::currentThread() == thread());
            done = r.has_value() && r->isEmpty();
        });
        QTRY_VERIFY(done);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
