#include "scanfixture.h"

#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace bulkhead::test {

namespace {

QString store(const QString &name) { return dataPath(QStringLiteral("store/") + name); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(path));
    return f.readAll();
}

QVector<QStringList> readTsv(const QString &path)
{
    QVector<QStringList> rows;
    for (const QByteArray &line : readFile(path).split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        rows.append(QString::fromUtf8(line).split(u'\t'));
    }
    return rows;
}

// RFC 4180 fields (quotes, doubled quotes, commas inside quotes).
QStringList csvFields(const QString &line)
{
    QStringList out;
    QString cur;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"')
                cur += u'"', ++i;
            else if (c == u'"')
                quoted = false;
            else
                cur += c;
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            out << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    out << cur;
    return out;
}

struct KevEntry {
    QString dateAdded, dueDate;
    bool ransomware = false;
};

const QHash<QString, KevEntry> &kevCatalog()
{
    static const QHash<QString, KevEntry> catalog = [] {
        QHash<QString, KevEntry> c;
        const QList<QByteArray> lines = readFile(store(QStringLiteral("kev.csv"))).split('\n');
        const QStringList header = csvFields(QString::fromUtf8(lines.value(0)).trimmed());
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList f = csvFields(QString::fromUtf8(lines[i]).trimmed());
            if (f.size() != header.size())
                continue;
            KevEntry e;
            e.dateAdded = f[header.indexOf(QStringLiteral("dateAdded"))];
            e.dueDate = f[header.indexOf(QStringLiteral("dueDate"))];
            e.ransomware = f[header.indexOf(QStringLiteral("knownRansomwareCampaignUse"))] == u"Known";
            c.insert(f[header.indexOf(QStringLiteral("cveID"))], e);
        }
        return c;
    }();
    return catalog;
}

const QVector<QJsonObject> &ghsaRecords()
{
    static const QVector<QJsonObject> records = [] {
        QVector<QJsonObject> r;
        QDir dir(store(QStringLiteral("ghsa")));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &f : files)
            r.append(QJsonDocument::fromJson(readFile(dir.filePath(f))).object());
        return r;
    }();
    return records;
}

ImageInfo alpineImage(const QString &base)
{
    const QJsonObject manifest =
        QJsonDocument::fromJson(readFile(store(base + QStringLiteral(".manifest.json")))).array().at(0).toObject();
    const QJsonObject config = QJsonDocument::fromJson(readFile(store(base + QStringLiteral(".config.json")))).object();
    ImageInfo im;
    im.sourceKind = QStringLiteral("docker-archive");
    for (const auto &t : manifest[u"RepoTags"].toArray())
        im.repoTags << t.toString();
    im.reference = im.repoTags.value(0);
    im.configDigest = QStringLiteral("sha256:") + manifest[u"Config"].toString().section(u'.', 0, 0);
    im.config.created = config[u"created"].toString();
    im.config.platform.os = config[u"os"].toString();
    im.config.platform.architecture = config[u"architecture"].toString();
    for (const auto &e : config[u"config"].toObject()[u"Env"].toArray())
        im.config.env << e.toString();
    for (const auto &e : config[u"config"].toObject()[u"Cmd"].toArray())
        im.config.cmd << e.toString();
    for (const auto &d : config[u"rootfs"].toObject()[u"diff_ids"].toArray())
        im.config.diffIds << d.toString();
    QStringList layerCreators;
    for (const auto &h : config[u"history"].toArray()) {
        const QJsonObject o = h.toObject();
        HistoryEntry e;
        e.created = o[u"created"].toString();
        e.createdBy = o[u"created_by"].toString();
        e.emptyLayer = o[u"empty_layer"].toBool();
        im.config.history.append(e);
        if (!e.emptyLayer)
            layerCreators << e.createdBy;
    }
    QHash<QString, qint64> sizes;
    for (const QStringList &row : readTsv(store(QStringLiteral("layer-sizes.tsv"))))
        sizes.insert(row[0] + u'/' + row[1], row[2].toLongLong());
    const QJsonArray layers = manifest[u"Layers"].toArray();
    for (int i = 0; i < layers.size(); ++i) {
        LayerInfo l;
        l.index = i;
        l.diffId = im.config.diffIds.value(i);
        l.digest = l.diffId; // docker-save stores layers uncompressed: blob digest = diff_id
        l.mediaType = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
        l.size = sizes.value(base + u'/' + layers[i].toString(), -1);
        l.createdBy = layerCreators.value(i);
        im.layers.append(l);
    }
    return im;
}

LayerRef refOf(const LayerInfo &l)
{
    LayerRef r;
    r.index = l.index;
    r.digest = l.digest;
    r.diffId = l.diffId;
    r.createdBy = l.createdBy;
    return r;
}

QVector<Package> alpinePackages(const QString &base, const LayerInfo &layer)
{
    QVector<Package> out;
    for (const QStringList &row : readTsv(store(base + QStringLiteral(".packages.tsv")))) {
        Package p;
        p.ecosystem = Ecosystem::Apk;
        p.name = row[0];
        p.version = row[1];
        p.sourceName = row[2] == row[0] ? QString() : row[2];
        p.arch = row[3];
        p.purl = QStringLiteral("pkg:apk/alpine/%1@%2?arch=%3").arg(p.name, p.version, p.arch);
        p.foundIn = QStringLiteral("lib/apk/db/installed");
        p.cataloger = QStringLiteral("apk");
        p.layer = refOf(layer);
        out.append(p);
    }
    return out;
}

void sortPackages(QVector<Package> *packages)
{
    std::sort(packages->begin(), packages->end(), [](const Package &a, const Package &b) {
        return std::tie(a.ecosystem, a.name, a.version) < std::tie(b.ecosystem, b.name, b.version);
    });
}

Finding findingOf(const QJsonObject &rec, const QJsonObject &affected, const Package &p)
{
    Finding f;
    const QStringList aliases = [&] {
        QStringList a;
        for (const auto &v : rec[u"aliases"].toArray())
            a << v.toString();
        return a;
    }();
    // Show the CVE id when there is one, like the matcher does; the GHSA id becomes an alias.
    QString cve;
    for (const QString &a : aliases)
        if (a.startsWith(u"CVE-"))
            cve = a;
    f.id = cve.isEmpty() ? rec[u"id"].toString() : cve;
    f.aliases = aliases;
    if (!cve.isEmpty()) {
        f.aliases.removeAll(cve);
        f.aliases.prepend(rec[u"id"].toString());
    }
    f.summary = rec[u"summary"].toString();
    f.details = rec[u"details"].toString();
    parseSeverity(rec[u"database_specific"].toObject()[u"severity"].toString(), &f.severity);
    f.severitySource = QStringLiteral("record");
    for (const auto &s : rec[u"severity"].toArray()) {
        const QJsonObject o = s.toObject();
        CvssScore c;
        c.vector = o[u"score"].toString();
        c.version = c.vector.section(u'/', 0, 0).section(u':', 1);
        if (o[u"type"].toString() == u"CVSS_V3")
            c.baseScore = cvss3BaseScore(c.vector);
        c.source = QStringLiteral("ghsa");
        f.cvss.append(c);
    }
    for (const auto &r : affected[u"ranges"].toArray()) {
        for (const auto &e : r.toObject()[u"events"].toArray()) {
            const QString fixed = e.toObject()[u"fixed"].toString();
            if (!fixed.isEmpty()) {
                f.fixedVersion = fixed;
                f.affectedRange = QStringLiteral("< ") + fixed;
            }
        }
    }
    f.fixState = f.fixedVersion.isEmpty() ? FixState::NotFixed : FixState::Fixed;
    for (const auto &r : rec[u"references"].toArray())
        f.references << r.toObject()[u"url"].toString();
    f.published = rec[u"published"].toString();
    f.modified = rec[u"modified"].toString();
    f.dataSource = QStringLiteral("GitHub Advisory Database (Maven)");
    const auto kev = kevCatalog().constFind(cve);
    if (kev != kevCatalog().constEnd()) {
        f.kev = true;
        f.kevDateAdded = kev->dateAdded;
        f.kevDueDate = kev->dueDate;
        f.kevRansomware = kev->ransomware;
    }
    f.package = p;
    return f;
}

QVector<Finding> match(const QVector<Package> &packages)
{
    QVector<Finding> out;
    for (const QJsonObject &rec : ghsaRecords()) {
        for (const auto &a : rec[u"affected"].toArray()) {
            const QJsonObject affected = a.toObject();
            const QJsonObject pkg = affected[u"package"].toObject();
            if (pkg[u"ecosystem"].toString() != u"Maven")
                continue;
            const QJsonArray versions = affected[u"versions"].toArray();
            for (const Package &p : packages) {
                if (p.ecosystem == Ecosystem::Maven && p.name == pkg[u"name"].toString()
                    && versions.contains(QJsonValue(p.version))) {
                    out.append(findingOf(rec, affected, p));
                }
            }
        }
    }
    // The same advisory can list one package twice (several ranges): keep one finding.
    std::sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return std::tie(a.id, a.package.name) < std::tie(b.id, b.package.name);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Finding &a, const Finding &b) {
                              return a.id == b.id && a.package.name == b.package.name;
                          }),
              out.end());
    return out;
}

} // namespace

double cvss3BaseScore(const QString &vector)
{
    // CVSS v3.1 specification, section 7.1 (base equations) and 7.4 (metric values).
    QHash<QString, QString> m;
    const QStringList parts = vector.split(u'/');
    if (parts.isEmpty() || !parts[0].startsWith(u"CVSS:3"))
        return -1;
    for (int i = 1; i < parts.size(); ++i)
        m.insert(parts[i].section(u':', 0, 0), parts[i].section(u':', 1));
    const bool changed = m.value(QStringLiteral("S")) == u"C";
    auto pick = [&](const QString &k, std::initializer_list<std::pair<const char16_t *, double>> vals) {
        for (const auto &v : vals)
            if (m.value(k) == QStringView(v.first))
                return v.second;
        return -1.0;
    };
    const double av = pick(QStringLiteral("AV"), {{u"N", 0.85}, {u"A", 0.62}, {u"L", 0.55}, {u"P", 0.2}});
    const double ac = pick(QStringLiteral("AC"), {{u"L", 0.77}, {u"H", 0.44}});
    const double pr = changed ? pick(QStringLiteral("PR"), {{u"N", 0.85}, {u"L", 0.68}, {u"H", 0.5}})
                              : pick(QStringLiteral("PR"), {{u"N", 0.85}, {u"L", 0.62}, {u"H", 0.27}});
    const double ui = pick(QStringLiteral("UI"), {{u"N", 0.85}, {u"R", 0.62}});
    const double c = pick(QStringLiteral("C"), {{u"H", 0.56}, {u"L", 0.22}, {u"N", 0}});
    const double i = pick(QStringLiteral("I"), {{u"H", 0.56}, {u"L", 0.22}, {u"N", 0}});
    const double a = pick(QStringLiteral("A"), {{u"H", 0.56}, {u"L", 0.22}, {u"N", 0}});
    if (av < 0 || ac < 0 || pr < 0 || ui < 0 || c < 0 || i < 0 || a < 0)
        return -1;
    const double iss = 1 - (1 - c) * (1 - i) * (1 - a);
    const double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
    const double exploitability = 8.22 * av * ac * pr * ui;
    if (impact <= 0)
        return 0;
    // Roundup as defined in Appendix A of the v3.1 specification.
    auto roundup = [](double x) {
        const long long n = std::llround(x * 100000);
        return n % 10000 == 0 ? n / 100000.0 : (std::floor(n / 10000.0) + 1) / 10.0;
    };
    return changed ? roundup(std::min(1.08 * (impact + exploitability), 10.0))
                   : roundup(std::min(impact + exploitability, 10.0));
}

ScanResult alpineScan(const QString &base, const QDateTime &finishedAt)
{
    ScanResult r;
    r.image = alpineImage(base);
    r.os.id = QStringLiteral("alpine");
    r.os.versionId = base == u"alpine-310" ? QStringLiteral("3.10.4") : QStringLiteral("3.11.5");
    r.os.prettyName = QStringLiteral("Alpine Linux v") + r.os.versionId.section(u'.', 0, 1);
    r.packages = alpinePackages(base, r.image.layers.value(0));
    sortPackages(&r.packages);
    r.startedAt = finishedAt.addSecs(-3);
    r.finishedAt = finishedAt;
    r.db.path = QStringLiteral("/var/cache/bulkhead/db/vulndb.sqlite");
    r.db.updatedAt = finishedAt.addDays(-1);
    r.db.schemaVersion = 1;
    r.db.advisoryCount = ghsaRecords().size();
    r.vulnerabilitiesScanned = true;
    return r;
}

ScanResult appScan(const QString &app, const QString &base, const QString &reference,
                   const QDateTime &finishedAt)
{
    ScanResult r = alpineScan(base, finishedAt);
    r.image.reference = reference;
    r.image.repoTags = QStringList{reference};
    r.image.sourceKind = QStringLiteral("oci");
    LayerInfo app0;
    app0.index = r.image.layers.size();
    app0.createdBy = QStringLiteral("COPY build/libs/*.jar /opt/app/lib/ # buildkit");
    app0.mediaType = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
    QVector<Package> appPackages;
    for (const QStringList &row : readTsv(store(QStringLiteral("app-packages.tsv")))) {
        if (row[0] != app)
            continue;
        Package p;
        p.ecosystem = Ecosystem::Maven;
        p.name = row[1];
        p.version = row[2];
        const QString group = p.name.section(u':', 0, 0), artifact = p.name.section(u':', 1);
        p.purl = QStringLiteral("pkg:maven/%1/%2@%3").arg(group, artifact, p.version);
        p.foundIn = QStringLiteral("opt/app/lib/%1-%2.jar").arg(artifact, p.version);
        p.cataloger = QStringLiteral("java-archive");
        appPackages.append(p);
    }
    // The layer's identity is derived from what it holds, so equal inventories give equal layers.
    QByteArray content;
    for (const Package &p : appPackages)
        content += p.purl.toUtf8() + '\n';
    app0.diffId = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    app0.digest = app0.diffId;
    app0.size = 1024 * 1024 * appPackages.size();
    r.image.layers.append(app0);
    r.image.config.diffIds << app0.diffId;
    HistoryEntry h;
    h.createdBy = app0.createdBy;
    r.image.config.history.append(h);
    for (Package &p : appPackages) {
        p.layer = refOf(app0);
        r.packages.append(p);
    }
    sortPackages(&r.packages);
    r.findings = match(r.packages);
    r.image.configDigest = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(
        QByteArray(reference.toUtf8() + content), QCryptographicHash::Sha256).toHex());
    r.warnings.append(ScanWarning{QStringLiteral("catalog:java"), app0.digest,
                                  QStringLiteral("opt/app/lib/MANIFEST.MF: no Implementation-Version")});
    return r;
}

QVector<Finding> manyFindings(int count)
{
    const QDateTime t = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    QVector<Finding> all;
    for (const auto &app : {QStringLiteral("api-1.0"), QStringLiteral("api-1.1"), QStringLiteral("worker-2.3")})
        all += appScan(app, QStringLiteral("alpine-310"), app, t).findings;
    QVector<Finding> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        Finding f = all[i % all.size()];
        f.package.version += QStringLiteral(".") + QString::number(i / all.size());
        out.append(f);
    }
    return out;
}

} // namespace bulkhead::test
