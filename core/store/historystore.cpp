#include "store/historystore.h"

#include "store/historycodec.h"
#include "store/historysql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>

namespace bulkhead {

using namespace history;

namespace {

ScanSummary summaryFrom(const QSqlQuery &q)
{
    // Column order of SummaryColumns below.
    ScanSummary s;
    s.id = q.value(0).toLongLong();
    s.reference = q.value(1).toString();
    s.repository = q.value(2).toString();
    s.repoTags = listFrom(q.value(3));
    s.configDigest = q.value(4).toString();
    const QString pretty = q.value(5).toString();
    s.osName = !pretty.isEmpty() ? pretty
                                 : QString(q.value(6).toString() + u' ' + q.value(7).toString()).trimmed();
    s.startedAt = fromText(q.value(8));
    s.finishedAt = fromText(q.value(9));
    for (int i = 0; i < 5; ++i)
        s.counts.bySeverity[size_t(i)] = q.value(10 + i).toInt();
    s.kevCount = q.value(15).toInt();
    s.packageCount = q.value(16).toInt();
    return s;
}

const QString SummaryColumns = QStringLiteral(
    "s.id, s.reference, s.repository, s.repo_tags, s.config_digest, s.os_pretty, s.os_id,"
    " s.os_version_id, s.started_at, s.finished_at, s.n_unknown, s.n_low, s.n_medium, s.n_high,"
    " s.n_critical, s.n_kev, s.n_packages");

// The latest scan of every reference (ties on time broken by the higher id).
const QString LatestScansSql = QStringLiteral(
    "SELECT s2.id FROM scans s2 WHERE NOT EXISTS (SELECT 1 FROM scans s3 WHERE"
    " s3.reference = s2.reference AND (s3.finished_at > s2.finished_at OR"
    " (s3.finished_at = s2.finished_at AND s3.id > s2.id)))");

} // namespace

int SeverityCounts::total() const
{
    int t = 0;
    for (int n : bySeverity)
        t += n;
    return t;
}

SeverityCounts SeverityCounts::of(const QVector<Finding> &findings)
{
    SeverityCounts c;
    for (const auto &f : findings)
        ++c[f.severity];
    return c;
}

HistoryStore::HistoryStore(const QString &path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{
}

QString HistoryStore::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
              + QStringLiteral("/bulkhead");
    return dir + QStringLiteral("/history.sqlite");
}

QString HistoryStore::currentUserName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

QString HistoryStore::repositoryOf(const ImageInfo &image)
{
    // A tag names the repository better than a file path reference ("oci:/tmp/x.tar").
    QString ref = image.repoTags.isEmpty() ? image.reference : image.repoTags.first();
    const int at = ref.indexOf(u'@');
    if (at >= 0)
        ref.truncate(at);
    const int slash = ref.lastIndexOf(u'/');
    const int colon = ref.lastIndexOf(u':');
    // A colon after the last slash is a tag; one before it is a registry port or a transport.
    if (colon > slash && colon > 0 && !ref.startsWith(u"oci:") && !ref.startsWith(u"docker-archive:")
        && !ref.startsWith(u"oci-archive:"))
        ref.truncate(colon);
    return ref;
}

Result<QSqlDatabase> HistoryStore::connection()
{
    // qBittorrent-style: one named connection per (thread, file). QSqlDatabase connections must
    // only be used from the thread that created them (Qt 6.4 has no moveToThread for them).
    const QByteArray pathHash =
        QCryptographicHash::hash(QFileInfo(m_path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    const QString name = QStringLiteral("bulkhead-history-%1-%2")
                             .arg(QString::fromLatin1(pathHash))
                             .arg(quintptr(QThread::currentThreadId()), 0, 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(QStringLiteral("Scan history: cannot create the folder of %1.").arg(m_path), IoError);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                    : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    // Another thread may hold the write lock: wait for it instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return tl::unexpected(sqlError(QStringLiteral("opening %1").arg(m_path), db.lastError()));
    QSqlQuery pragmas(db);
    pragmas.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    pragmas.exec(QStringLiteral("PRAGMA foreign_keys=ON"));

    if (auto migrated = migrate(db, m_path); !migrated) {
        db.close();
        return tl::unexpected(migrated.error());
    }
    return db;
}

Result<void> HistoryStore::open()
{
    auto db = connection();
    if (!db)
        return tl::unexpected(db.error());
    return {};
}

Result<qint64> HistoryStore::saveScan(const ScanResult &scan)
{
    auto dbr = connection();
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase db = *dbr;
    Transaction tx(db);
    if (!tx.isActive())
        return tl::unexpected(sqlError(QStringLiteral("starting a transaction"), db.lastError()));
    Error err;

    const SeverityCounts counts = SeverityCounts::of(scan.findings);
    int kev = 0;
    for (const auto &f : scan.findings)
        kev += f.kev ? 1 : 0;

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO scans (reference, repository, source_kind, repo_tags, manifest_digest,"
        " index_digest, config_digest, manifest_media_type, config_json, os_id, os_version_id,"
        " os_codename, os_pretty, os_id_like, os_distroless, started_at, finished_at, n_unknown, n_low,"
        " n_medium, n_high, n_critical, n_kev, n_packages, db_path, db_updated_at, db_schema,"
        " db_advisories, vulns_scanned) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    const ImageInfo &im = scan.image;
    for (const QVariant &v : {QVariant(im.reference), QVariant(repositoryOf(im)), QVariant(im.sourceKind),
                              QVariant(jsonText(listJson(im.repoTags))), QVariant(im.manifestDigest),
                              QVariant(im.indexDigest), QVariant(im.configDigest),
                              QVariant(im.manifestMediaType), QVariant(jsonText(configJson(im.config))),
                              QVariant(scan.os.id), QVariant(scan.os.versionId),
                              QVariant(scan.os.versionCodename), QVariant(scan.os.prettyName),
                              QVariant(jsonText(listJson(scan.os.idLike))), QVariant(int(scan.os.distroless)),
                              QVariant(toText(scan.startedAt)), QVariant(toText(scan.finishedAt))})
        q.addBindValue(v);
    for (int i = 0; i < 5; ++i)
        q.addBindValue(counts.bySeverity[size_t(i)]);
    q.addBindValue(kev);
    q.addBindValue(int(scan.packages.size()));
    q.addBindValue(scan.db.path);
    q.addBindValue(toText(scan.db.updatedAt));
    q.addBindValue(scan.db.schemaVersion);
    q.addBindValue(scan.db.advisoryCount);
    q.addBindValue(int(scan.vulnerabilitiesScanned));
    if (!exec(q, &err, QStringLiteral("saving the scan")))
        return tl::unexpected(err);
    const qint64 id = q.lastInsertId().toLongLong();

    QSqlQuery lq(db);
    lq.prepare(QStringLiteral("INSERT INTO layers VALUES (?,?,?,?,?,?,?,?,?)"));
    for (const auto &l : im.layers) {
        for (const QVariant &v : {QVariant(id), QVariant(l.index), QVariant(l.digest), QVariant(l.diffId),
                                  QVariant(l.mediaType), QVariant(l.size), QVariant(l.createdBy),
                                  QVariant(l.created), QVariant(l.comment)})
            lq.addBindValue(v);
        if (!exec(lq, &err, QStringLiteral("saving a layer")))
            return tl::unexpected(err);
    }

    QHash<QByteArray, int> packageIndex;
    QSqlQuery pq(db);
    pq.prepare(QStringLiteral("INSERT INTO packages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (int i = 0; i < scan.packages.size(); ++i) {
        const Package &p = scan.packages[i];
        packageIndex.insert(packageFingerprint(p), i);
        for (const QVariant &v :
             {QVariant(id), QVariant(i), QVariant(p.ecosystem), QVariant(p.name), QVariant(p.version),
              QVariant(p.arch), QVariant(p.sourceName), QVariant(p.sourceVersion),
              QVariant(jsonText(listJson(p.licenses))), QVariant(p.purl),
              QVariant(jsonText(listJson(p.extraPurls))), QVariant(p.foundIn), QVariant(p.cataloger),
              QVariant(p.layer.index), QVariant(p.layer.digest), QVariant(p.layer.diffId),
              QVariant(p.layer.createdBy), QVariant(jsonText(mapJson(p.metadata)))})
            pq.addBindValue(v);
        if (!exec(pq, &err, QStringLiteral("saving a package")))
            return tl::unexpected(err);
    }

    QSqlQuery fq(db);
    fq.prepare(QStringLiteral("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (int i = 0; i < scan.findings.size(); ++i) {
        const Finding &f = scan.findings[i];
        const int pkg = packageIndex.value(packageFingerprint(f.package), -1);
        for (const QVariant &v :
             {QVariant(id), QVariant(i), QVariant(f.id), QVariant(jsonText(listJson(f.aliases))),
              QVariant(f.summary), QVariant(f.details), QVariant(int(f.severity)), QVariant(f.severitySource),
              QVariant(jsonText(cvssJson(f.cvss))), QVariant(int(f.fixState)), QVariant(f.fixedVersion),
              QVariant(f.affectedRange), QVariant(jsonText(listJson(f.references))), QVariant(f.published),
              QVariant(f.modified), QVariant(f.dataSource), QVariant(int(f.kev)), QVariant(f.kevDateAdded),
              QVariant(f.kevDueDate), QVariant(int(f.kevRansomware)), QVariant(f.epss),
              QVariant(f.epssPercentile), QVariant(pkg), QVariant(f.package.name),
              QVariant(f.package.version),
              QVariant(pkg < 0 ? jsonText(packageJson(f.package)) : QString()),
              QVariant(f.package.layer.index)})
            fq.addBindValue(v);
        if (!exec(fq, &err, QStringLiteral("saving a finding")))
            return tl::unexpected(err);
    }

    QSqlQuery wq(db);
    wq.prepare(QStringLiteral("INSERT INTO warnings VALUES (?,?,?,?,?)"));
    for (int i = 0; i < scan.warnings.size(); ++i) {
        const ScanWarning &w = scan.warnings[i];
        for (const QVariant &v : {QVariant(id), QVariant(i), QVariant(w.stage), QVariant(w.path),
                                  QVariant(w.message)})
            wq.addBindValue(v);
        if (!exec(wq, &err, QStringLiteral("saving a warning")))
            return tl::unexpected(err);
    }
    if (!tx.commit())
        return tl::unexpected(sqlError(QStringLiteral("committing the scan"), db.lastError()));
    return id;
}

Result<ScanResult> HistoryStore::loadScan(qint64 id)
{
    auto dbr = connection();
    if (!dbr)
        return tl::unexpected(dbr.error());
    QSqlDatabase db = *dbr;
    Error err;
    // One read transaction so a concurrent writer cannot give us half of a scan.
    Transaction tx(db);

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT reference, source_kind, repo_tags, manifest_digest, index_digest, config_digest,"
        " manifest_media_type, config_json, os_id, os_version_id, os_codename, os_pretty, os_id_like,"
        " os_distroless, started_at, finished_at, db_path, db_updated_at, db_schema, db_advisories,"
        " vulns_scanned FROM scans WHERE id = ?"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading scan %1").arg(id)))
        return tl::unexpected(err);
    if (!q.next())
        return fail(QStringLiteral("Scan history has no scan with id %1.").arg(id), NotFound);
    ScanResult r;
    r.image.reference = q.value(0).toString();
    r.image.sourceKind = q.value(1).toString();
    r.image.repoTags = listFrom(q.value(2));
    r.image.manifestDigest = q.value(3).toString();
    r.image.indexDigest = q.value(4).toString();
    r.image.configDigest = q.value(5).toString();
    r.image.manifestMediaType = q.value(6).toString();
    r.image.config = configFrom(q.value(7).toString());
    r.os.id = q.value(8).toString();
    r.os.versionId = q.value(9).toString();
    r.os.versionCodename = q.value(10).toString();
    r.os.prettyName = q.value(11).toString();
    r.os.idLike = listFrom(q.value(12));
    r.os.distroless = q.value(13).toBool();
    r.startedAt = fromText(q.value(14));
    r.finishedAt = fromText(q.value(15));
    r.db.path = q.value(16).toString();
    r.db.updatedAt = fromText(q.value(17));
    r.db.schemaVersion = q.value(18).toInt();
    r.db.advisoryCount = q.value(19).toLongLong();
    r.vulnerabilitiesScanned = q.value(20).toBool();

    q.prepare(QStringLiteral("SELECT idx, digest, diff_id, media_type, size, created_by, created, comment"
                             " FROM layers WHERE scan_id = ? ORDER BY idx"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading layers")))
        return tl::unexpected(err);
    while (q.next()) {
        LayerInfo l;
        l.index = q.value(0).toInt();
        l.digest = q.value(1).toString();
        l.diffId = q.value(2).toString();
        l.mediaType = q.value(3).toString();
        l.size = q.value(4).toLongLong();
        l.createdBy = q.value(5).toString();
        l.created = q.value(6).toString();
        l.comment = q.value(7).toString();
        r.image.layers.append(l);
    }

    q.prepare(QStringLiteral(
        "SELECT ecosystem, name, version, arch, source_name, source_version, licenses, purl, extra_purls,"
        " found_in, cataloger, layer_index, layer_digest, layer_diff_id, layer_created_by, metadata"
        " FROM packages WHERE scan_id = ? ORDER BY pkg_index"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading packages")))
        return tl::unexpected(err);
    while (q.next()) {
        Package p;
        p.ecosystem = q.value(0).toString();
        p.name = q.value(1).toString();
        p.version = q.value(2).toString();
        p.arch = q.value(3).toString();
        p.sourceName = q.value(4).toString();
        p.sourceVersion = q.value(5).toString();
        p.licenses = listFrom(q.value(6));
        p.purl = q.value(7).toString();
        p.extraPurls = listFrom(q.value(8));
        p.foundIn = q.value(9).toString();
        p.cataloger = q.value(10).toString();
        p.layer.index = q.value(11).toInt();
        p.layer.digest = q.value(12).toString();
        p.layer.diffId = q.value(13).toString();
        p.layer.createdBy = q.value(14).toString();
        p.metadata = mapFrom(QJsonDocument::fromJson(q.value(15).toString().toUtf8()).object());
        r.packages.append(p);
    }

    q.prepare(QStringLiteral(
        "SELECT vuln_id, aliases, summary, details, severity, severity_source, cvss, fix_state,"
        " fixed_version, affected_range, refs, published, modified, data_source, kev, kev_date_added,"
        " kev_due_date, kev_ransomware, epss, epss_percentile, package_index, package_json"
        " FROM findings WHERE scan_id = ? ORDER BY finding_index"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading findings")))
        return tl::unexpected(err);
    r.findings.reserve(r.packages.size());
    while (q.next()) {
        Finding f;
        f.id = q.value(0).toString();
        f.aliases = listFrom(q.value(1));
        f.summary = q.value(2).toString();
        f.details = q.value(3).toString();
        f.severity = Severity(qBound(0, q.value(4).toInt(), 4));
        f.severitySource = q.value(5).toString();
        f.cvss = cvssFrom(q.value(6));
        f.fixState = FixState(qBound(0, q.value(7).toInt(), 3));
        f.fixedVersion = q.value(8).toString();
        f.affectedRange = q.value(9).toString();
        f.references = listFrom(q.value(10));
        f.published = q.value(11).toString();
        f.modified = q.value(12).toString();
        f.dataSource = q.value(13).toString();
        f.kev = q.value(14).toBool();
        f.kevDateAdded = q.value(15).toString();
        f.kevDueDate = q.value(16).toString();
        f.kevRansomware = q.value(17).toBool();
        f.epss = q.value(18).toDouble();
        f.epssPercentile = q.value(19).toDouble();
        const int pkg = q.value(20).toInt();
        if (pkg >= 0 && pkg < r.packages.size())
            f.package = r.packages[pkg];
        else
            f.package = packageFrom(QJsonDocument::fromJson(q.value(21).toString().toUtf8()).object());
        r.findings.append(f);
    }

    q.prepare(QStringLiteral("SELECT stage, path, message FROM warnings WHERE scan_id = ? ORDER BY idx"));
    q.addBindValue(id);
    if (!exec(q, &err, QStringLiteral("reading warnings")))
        return tl::unexpected(err);
    while (q.next())
        r.warnings.append(ScanWarning{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return r;
}

Result<QVector<ScanSummary>> HistoryStore::listScans()
{
    auto q = runQuery(connection(), QStringLiteral("SELECT %1 FROM scans s ORDER BY s.finished_at DESC, s.id DESC").arg(SummaryColumns),
                      {}, QStringLiteral("listing scans"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<ScanSummary> out;
    while (q->next())
        out.append(summaryFrom(*q));
    return out;
}

Result<void> HistoryStore::deleteScan(qint64 id)
{
    auto q = runQuery(connection(), QStringLiteral("DELETE FROM scans WHERE id = ?"), {id},
                      QStringLiteral("deleting scan %1").arg(id));
    if (!q)
        return tl::unexpected(q.error());
    if (q->numRowsAffected() == 0)
        return fail(QStringLiteral("Scan history has no scan with id %1.").arg(id), NotFound);
    return {};
}

Result<QVector<ScanSummary>> HistoryStore::latestScans(int limit)
{
    QString sql = QStringLiteral("SELECT %1 FROM scans s WHERE s.id IN (%2) ORDER BY s.n_critical DESC,"
                                 " s.n_high DESC, s.n_medium DESC, s.n_low DESC,"
                                 " (s.n_unknown + s.n_low + s.n_medium + s.n_high + s.n_critical) DESC,"
                                 " s.reference")
                      .arg(SummaryColumns, LatestScansSql);
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    auto q = runQuery(connection(), sql, {}, QStringLiteral("reading the latest scans"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<ScanSummary> out;
    while (q->next())
        out.append(summaryFrom(*q));
    return out;
}

Result<QVector<TrendPoint>> HistoryStore::severityTrend(TrendScopeKind kind, const QString &value)
{
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT %1 FROM scans s WHERE s.%2 = ? ORDER BY s.finished_at, s.id")
                          .arg(SummaryColumns, kind == TrendScopeKind::Reference ? QStringLiteral("reference")
                                                                                 : QStringLiteral("repository")),
                      {value}, QStringLiteral("reading the trend"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<TrendPoint> out;
    while (q->next()) {
        const ScanSummary s = summaryFrom(*q);
        TrendPoint p;
        p.scanId = s.id;
        p.reference = s.reference;
        p.finishedAt = s.finishedAt;
        p.counts = s.counts;
        p.kevCount = s.kevCount;
        out.append(p);
    }
    return out;
}

Result<QVector<VulnerabilitySpread>> HistoryStore::widespreadVulnerabilities(int limit)
{
    QString sql = QStringLiteral(
                      "SELECT f.vuln_id, MAX(f.severity), MAX(f.kev), COUNT(DISTINCT s.reference),"
                      " COUNT(*), MAX(s.id) FROM findings f JOIN scans s ON s.id = f.scan_id"
                      " WHERE s.id IN (%1) GROUP BY f.vuln_id"
                      " ORDER BY COUNT(DISTINCT s.reference) DESC, MAX(f.severity) DESC, COUNT(*) DESC,"
                      " f.vuln_id")
                      .arg(LatestScansSql);
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    auto q = runQuery(connection(), sql, {}, QStringLiteral("reading widespread vulnerabilities"));
    if (!q)
        return tl::unexpected(q.error());
    QVector<VulnerabilitySpread> out;
    while (q->next()) {
        VulnerabilitySpread v;
        v.vulnId = q->value(0).toString();
        v.severity = Severity(qBound(0, q->value(1).toInt(), 4));
        v.kev = q->value(2).toBool();
        v.imageCount = q->value(3).toInt();
        v.findingCount = q->value(4).toInt();
        v.exampleScanId = q->value(5).toLongLong();
        out.append(v);
    }
    return out;
}

Result<int> HistoryStore::kevCount()
{
    auto q = runQuery(connection(),
                      QStringLiteral("SELECT COUNT(DISTINCT f.vuln_id) FROM findings f WHERE f.kev = 1 AND"
                                     " f.scan_id IN (%1)")
                          .arg(LatestScansSql),
                      {}, QStringLiteral("counting KEV vulnerabilities"));
    if (!q)
        return tl::unexpected(q.error());
    return q->next() ? q->value(0).toInt() : 0;
}

} // namespace bulkhead
