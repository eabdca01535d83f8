#include "reportfixture.h"

#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace bulkhead::test {

namespace {

QByteArray readData(const QString &relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(relative));
    return f.readAll();
}

QJsonObject readJson(const QString &relative)
{
    return QJsonDocument::fromJson(readData(relative)).object();
}

QStringList tsvRows(const QString &relative)
{
    QStringList rows;
    for (const QString &line : QString::fromUtf8(readData(relative)).split(u'\n'))
        if (!line.isEmpty() && !line.startsWith(u'#'))
            rows << line;
    return rows;
}

ImageInfo alpineImage()
{
    const QJsonObject manifest = QJsonDocument::fromJson(readData(QStringLiteral("report/alpine-310.manifest.json")))
                                     .array().first().toObject();
    const QJsonObject config = readJson(QStringLiteral("report/alpine-310.config.json"));
    ImageInfo image;
    image.reference = QStringLiteral("alpine:3.10");
    image.sourceKind = QStringLiteral("docker-archive");
    for (const auto &t : manifest.value(u"RepoTags").toArray())
        image.repoTags << t.toString();
    image.configDigest = QStringLiteral("sha256:") + manifest.value(u"Config").toString().section(u'.', 0, 0);
    image.config.created = config.value(u"created").toString();
    image.config.platform.os = config.value(u"os").toString();
    image.config.platform.architecture = config.value(u"architecture").toString();
    for (const auto &c : config.value(u"config").toObject().value(u"Cmd").toArray())
        image.config.cmd << c.toString();
    for (const auto &e : config.value(u"config").toObject().value(u"Env").toArray())
        image.config.env << e.toString();
    for (const auto &d : config.value(u"rootfs").toObject().value(u"diff_ids").toArray())
        image.config.diffIds << d.toString();
    QStringList layerCreatedBy;
    for (const auto &h : config.value(u"history").toArray()) {
        const QJsonObject o = h.toObject();
        HistoryEntry e;
        e.created = o.value(u"created").toString();
        e.createdBy = o.value(u"created_by").toString();
        e.emptyLayer = o.value(u"empty_layer").toBool();
        image.config.history << e;
        if (!e.emptyLayer)
            layerCreatedBy << e.createdBy;
    }
    const QJsonArray layers = manifest.value(u"Layers").toArray();
    for (int i = 0; i < layers.size(); ++i) {
        LayerInfo l;
        l.index = i;
        // docker save stores layers uncompressed: the blob digest is the diff_id.
        l.diffId = image.config.diffIds.value(i);
        l.digest = l.diffId;
        l.mediaType = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
        l.size = 5818880; // size of 71dba1fa…/layer.tar in the archive
        l.createdBy = layerCreatedBy.value(i);
        image.layers << l;
    }
    return image;
}

LayerRef layerRef(const ImageInfo &image, int index)
{
    LayerRef r;
    r.index = index;
    r.digest = image.layers[index].digest;
    r.diffId = image.layers[index].diffId;
    r.createdBy = image.layers[index].createdBy;
    return r;
}

Package findPackage(const ScanResult &r, const QString &name)
{
    for (const Package &p : r.packages)
        if (p.name == name)
            return p;
    qFatal("no package %s", qPrintable(name));
    return {};
}

} // namespace

ScanResult alpineSbom()
{
    ScanResult r;
    r.image = alpineImage();
    r.os.id = QStringLiteral("alpine");
    r.os.versionId = QStringLiteral("3.10.4");
    r.os.prettyName = QStringLiteral("Alpine Linux v3.10");
    for (const QString &row : tsvRows(QStringLiteral("report/alpine-310.packages.tsv"))) {
        const QStringList f = row.split(u'\t');
        Package p;
        p.ecosystem = Ecosystem::Apk;
        p.name = f[0];
        p.version = f[1];
        p.sourceName = f[2] == f[0] ? QString() : f[2];
        p.arch = f[3];
        p.licenses << f[4];
        p.purl = QStringLiteral("pkg:apk/alpine/%1@%2?arch=%3&distro=alpine-3.10.4").arg(p.name, p.version, p.arch);
        p.foundIn = QStringLiteral("lib/apk/db/installed");
        p.cataloger = QStringLiteral("apk");
        p.layer = layerRef(r.image, 0);
        r.packages << p;
    }
    r.startedAt = QDateTime(QDate(2026, 11, 23), QTime(5, 0, 0), Qt::UTC);
    r.finishedAt = r.startedAt.addSecs(3);
    return r;
}

Finding findingFromOsv(const QString &osvFile, const Package &package)
{
    const QJsonObject o = readJson(QStringLiteral("report/osv/") + osvFile);
    QHash<QString, double> scores;
    for (const QString &row : tsvRows(QStringLiteral("report/cvss-scores.tsv")))
        scores.insert(row.section(u'\t', 0, 0), row.section(u'\t', 1, 1).toDouble());

    Finding f;
    const QString osvId = o.value(u"id").toString();
    QStringList ids;
    for (const auto &a : o.value(u"aliases").toArray())
        ids << a.toString();
    for (const auto &a : o.value(u"upstream").toArray())
        ids << a.toString();
    const auto cve = std::find_if(ids.cbegin(), ids.cend(), [](const QString &s) { return s.startsWith(u"CVE-"); });
    f.id = cve != ids.cend() ? *cve : osvId;
    if (f.id != osvId)
        f.aliases << osvId;
    for (const QString &id : ids)
        if (id != f.id)
            f.aliases << id;
    f.summary = o.value(u"summary").toString();
    f.details = o.value(u"details").toString();
    f.published = o.value(u"published").toString();
    f.modified = o.value(u"modified").toString();
    for (const auto &s : o.value(u"severity").toArray()) {
        CvssScore c;
        c.vector = s.toObject().value(u"score").toString();
        c.version = c.vector.section(u'/', 0, 0).section(u':', 1, 1);
        c.baseScore = scores.value(c.vector, -1);
        c.source = osvId.startsWith(u"GHSA-") ? QStringLiteral("ghsa") : QStringLiteral("nvd");
        f.cvss << c;
    }
    const QJsonObject dbSpecific = o.value(u"database_specific").toObject();
    for (const auto &c : dbSpecific.value(u"cwe_ids").toArray())
        f.cwes << c.toString();
    Severity recordSeverity;
    if (parseSeverity(dbSpecific.value(u"severity").toString(), &recordSeverity)) {
        f.severity = recordSeverity;
        f.severitySource = QStringLiteral("record");
    } else if (f.bestCvssScore() >= 0) {
        f.severity = severityFromScore(f.bestCvssScore());
        f.severitySource = QStringLiteral("cvss");
    }
    for (const auto &ref : o.value(u"references").toArray())
        f.references << ref.toObject().value(u"url").toString();
    // The lowest "fixed" event for this package's name, as the matcher would report it.
    for (const auto &a : o.value(u"affected").toArray()) {
        const QJsonObject ao = a.toObject();
        if (ao.value(u"package").toObject().value(u"name").toString() != package.effectiveSourceName())
            continue;
        for (const auto &range : ao.value(u"ranges").toArray())
            for (const auto &ev : range.toObject().value(u"events").toArray())
                if (ev.toObject().contains(u"fixed") && f.fixedVersion.isEmpty())
                    f.fixedVersion = ev.toObject().value(u"fixed").toString();
    }
    if (!f.fixedVersion.isEmpty()) {
        f.fixState = FixState::Fixed;
        f.affectedRange = QStringLiteral("< ") + f.fixedVersion;
    }
    f.dataSource = osvId.startsWith(u"GHSA-") ? QStringLiteral("GitHub Advisory Database") : QStringLiteral("OSV");
    f.package = package;
    return f;
}

ScanResult alpineScanned()
{
    ScanResult r = alpineSbom();
    r.vulnerabilitiesScanned = true;
    r.db.schemaVersion = 1;
    r.db.advisoryCount = 5;
    r.db.updatedAt = r.startedAt.addDays(-1);

    // An application layer on top of the real base image, as a Node image would add.
    LayerInfo app;
    app.index = 1;
    app.diffId = QStringLiteral("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
    app.digest = app.diffId;
    app.createdBy = QStringLiteral("COPY node_modules/ /usr/lib/node_modules/ # buildkit");
    r.image.layers << app;
    r.image.config.diffIds << app.diffId;
    Package lodash;
    lodash.ecosystem = Ecosystem::Npm;
    lodash.name = QStringLiteral("lodash");
    lodash.version = QStringLiteral("4.17.15");
    lodash.licenses << QStringLiteral("MIT");
    lodash.purl = QStringLiteral("pkg:npm/lodash@4.17.15");
    lodash.foundIn = QStringLiteral("usr/lib/node_modules/lodash/package.json");
    lodash.cataloger = QStringLiteral("npm");
    lodash.layer = layerRef(r.image, 1);
    r.packages << lodash;

    for (const QString &pkg : {QStringLiteral("libcrypto1.1"), QStringLiteral("libssl1.1")}) {
        Finding f = findingFromOsv(QStringLiteral("CVE-2018-5407.json"), findPackage(r, pkg));
        // The record's Alpine fixes are for openssl 1.0.2 branches; pretend no fix for 1.1.1.
        f.fixedVersion.clear();
        f.affectedRange.clear();
        f.fixState = FixState::NotFixed;
        r.findings << f;
    }
    Finding busybox = findingFromOsv(QStringLiteral("ALPINE-CVE-2019-5747.json"), findPackage(r, QStringLiteral("busybox")));
    busybox.fixedVersion.clear();
    busybox.fixState = FixState::WontFix;
    r.findings << busybox;
    for (const QString &file : {QStringLiteral("GHSA-35jh-r3h4-6jhm.json"), QStringLiteral("GHSA-29mw-wpgm-hmr9.json"),
                                QStringLiteral("GHSA-p6mc-m468-83gw.json")})
        r.findings << findingFromOsv(file, lodash);
    return r;
}

} // namespace bulkhead::test
