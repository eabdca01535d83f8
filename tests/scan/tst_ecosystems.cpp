// End to end on the real `eco` image (tests/images/build-images.sh: the `app` image plus a layer
// with Go binaries built in module mode, pip-installed wheels, a fat jar and a war holding Debian's
// library jars, and an rpm database): `bulkhead sbom` must list, per ecosystem, exactly the
// packages the truth files (computed by `go version -m`, the dist-info METADATA, the archives'
// pom.properties/manifests, `rpm -qa`) name, each in the layer that brought it, and no dpkg-owned
// Python or Java file as a separate package. `bulkhead scan` with real OSV records must report for
// the Go/PyPI/Maven/npm packages exactly what an evaluation of those records in this test gives
// (versions compared by `bulkhead vercmp --batch`).

#include "testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace bulkhead::test;

namespace {

constexpr int kEcoLayer = 3; // index of the layer build-images.sh adds for `eco`

QVector<QStringList> readTsv(const QString &path)
{
    QVector<QStringList> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).chopped(1);
        if (!line.isEmpty())
            rows.append(line.split(u'\t'));
    }
    return rows;
}

QString pep503(const QString &name)
{
    static const QRegularExpression runs(QStringLiteral("[-_.]+"));
    return name.toLower().replace(runs, QStringLiteral("-"));
}

// "go1.19.8" -> "v1.19.8" (release tags only, as the truth's toolchains are).
QString goTag(const QString &tag)
{
    static const QRegularExpression re(QStringLiteral("^go(\\d+)\\.(\\d+)(?:\\.(\\d+))?$"));
    const auto m = re.match(tag);
    if (!m.hasMatch())
        return tag;
    return QStringLiteral("v%1.%2.%3").arg(m.captured(1), m.captured(2), m.captured(3).isEmpty() ? QStringLiteral("0") : m.captured(3));
}

int layerOf(const QJsonObject &p) { return p.value(u"layer").toObject().value(u"index").toInt(-1); }

QString key(const QString &foundIn, const QString &name, const QString &version, int layer)
{
    return QStringLiteral("%1 %2@%3 layer %4").arg(foundIn, name, version).arg(layer);
}

QString diff(const QSet<QString> &got, const QSet<QString> &want)
{
    QStringList lines;
    for (const QString &s : got - want)
        lines << QStringLiteral("unexpected: ") + s;
    for (const QString &s : want - got)
        lines << QStringLiteral("missing: ") + s;
    lines.sort();
    return lines.join(u'\n');
}

// One affected[] entry of an OSV record, reduced to what the evaluation needs.
struct Affected {
    QString id;
    QString ecosystem; // Bulkhead's name: go, pypi, maven, npm
    QString name;
    QStringList versions;
    QVector<QVector<QPair<QString, QString>>> ranges; // events (kind, version), ECOSYSTEM/SEMVER only
};

QVector<Affected> loadOsv(const QStringList &dirs)
{
    static const QHash<QString, QString> ecosystems{{QStringLiteral("Go"), QStringLiteral("go")},
                                                    {QStringLiteral("PyPI"), QStringLiteral("pypi")},
                                                    {QStringLiteral("Maven"), QStringLiteral("maven")},
                                                    {QStringLiteral("npm"), QStringLiteral("npm")}};
    QVector<Affected> out;
    for (const QString &dir : dirs) {
        QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject r = QJsonDocument::fromJson(f.readAll()).object();
            if (r.contains(u"withdrawn"))
                continue;
            for (const QJsonValue &av : r.value(u"affected").toArray()) {
                const QJsonObject a = av.toObject();
                const QJsonObject pkg = a.value(u"package").toObject();
                const QString eco = ecosystems.value(pkg.value(u"ecosystem").toString());
                if (eco.isEmpty())
                    continue;
                Affected e;
                e.id = r.value(u"id").toString();
                e.ecosystem = eco;
                e.name = eco == u"pypi" ? pep503(pkg.value(u"name").toString()) : pkg.value(u"name").toString();
                for (const QJsonValue &v : a.value(u"versions").toArray())
                    e.versions << v.toString();
                for (const QJsonValue &rv : a.value(u"ranges").toArray()) {
                    const QJsonObject range = rv.toObject();
                    if (range.value(u"type").toString() == u"GIT")
                        continue;
                    QVector<QPair<QString, QString>> events;
                    for (const QJsonValue &ev : range.value(u"events").toArray()) {
                        const QJsonObject o = ev.toObject();
                        for (auto k = o.constBegin(); k != o.constEnd(); ++k)
                            events.append({k.key(), k.value().toString()});
                    }
                    e.ranges.append(events);
                }
                out.append(e);
            }
        }
    }
    return out;
}

// `bulkhead vercmp --batch ECO` over pairs; -2 marks a pair it could not compare.
QHash<QString, int> compareAll(const QString &ecosystem, const QSet<QPair<QString, QString>> &pairs)
{
    QHash<QString, int> result;
    const QList<QPair<QString, QString>> list = pairs.values();
    QByteArray input;
    for (const auto &p : list)
        input += p.first.toUtf8() + '\t' + p.second.toUtf8() + '\n';
    const RunResult r = runBulkhead({QStringLiteral("vercmp"), QStringLiteral("--batch"), ecosystem}, input);
    const QList<QByteArray> lines = r.out.split('\n');
    for (int i = 0; i < list.size(); ++i)
        result.insert(list[i].first + u'\t' + list[i].second, i < lines.size() && !lines[i].isEmpty() ? lines[i].toInt() : -2);
    return result;
}

} // namespace

class TestEcosystems : public QObject {
    Q_OBJECT
    QString m_images;
    QString m_truth;
    QString m_skip;
    QTemporaryDir m_tmp;
    QJsonArray m_packages;

    QVector<QStringList> truth(const QString &kind) const { return readTsv(m_truth + QStringLiteral("eco.") + kind + QStringLiteral(".tsv")); }
    QString image() const { return QStringLiteral("oci:") + m_images + QStringLiteral("/oci:eco"); }

    // The packages of one ecosystem as "foundIn name@version layer N".
    QSet<QString> found(const QString &ecosystem) const
    {
        QSet<QString> out;
        for (const QJsonValue &v : m_packages) {
            const QJsonObject p = v.toObject();
            if (p.value(u"ecosystem").toString() == ecosystem)
                out.insert(key(p.value(u"foundIn").toString(), p.value(u"name").toString(), p.value(u"version").toString(), layerOf(p)));
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_images = testImagesDir();
        m_truth = m_images + QStringLiteral("/truth/");
        if (m_images.isEmpty()) {
            m_skip = QStringLiteral("the real test images are not built here (tests/images/build-images.sh; tests/run-all.sh builds them)");
            return;
        }
        if (!QFile::exists(m_truth + QStringLiteral("eco.go.tsv"))) {
            m_skip = QStringLiteral("the test images were built by an older build-images.sh (no eco tag); rebuild them");
            return;
        }
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BULKHEAD_CACHE_DIR"), m_tmp.filePath(QStringLiteral("cache")));
        const RunResult r = runBulkhead({QStringLiteral("sbom"), QStringLiteral("--quiet"), QStringLiteral("--format"),
                                         QStringLiteral("json"), image()},
                                        {}, 600000, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_packages = QJsonDocument::fromJson(r.out).object().value(u"packages").toArray();
        QVERIFY(!m_packages.isEmpty());
    }

    // truth/eco.go.tsv: binary, kind (mod/dep/stdlib), module, version, replacement path, replacement
    // version ("-" when none), layer. A replaced module is listed under its replacement.
    void goModules()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QSet<QString> want;
        QHash<QString, QString> replaces;
        for (const QStringList &r : truth(QStringLiteral("go"))) {
            QVERIFY(r.size() >= 7);
            const bool replaced = r[4] != u"-";
            const QString name = replaced ? r[4] : r[2];
            const QString version = r[1] == u"stdlib" ? goTag(r[3]) : replaced ? r[5] : r[3];
            want.insert(key(r[0], name, version, r[6].toInt()));
            if (replaced)
                replaces.insert(r[0] + u' ' + name, r[2] + u'@' + r[3]);
        }
        QVERIFY(want.size() >= 8);
        const QSet<QString> got = found(QStringLiteral("go"));
        QVERIFY2(got == want, qPrintable(diff(got, want)));
        QVERIFY(!replaces.isEmpty());
        for (const QJsonValue &v : m_packages) {
            const QJsonObject p = v.toObject();
            const QString k = p.value(u"foundIn").toString() + u' ' + p.value(u"name").toString();
            if (p.value(u"ecosystem").toString() == u"go" && replaces.contains(k))
                QCOMPARE(p.value(u"metadata").toObject().value(u"replaces").toString(), replaces.value(k));
        }
    }

    // truth/eco.pypi.tsv: name, version, metadata path, dpkg owner or "-", layer ("-": from app).
    void pythonDistributions()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QSet<QString> want;
        for (const QStringList &r : truth(QStringLiteral("pypi"))) {
            QVERIFY(r.size() >= 5);
            if (r[3] == u"-")
                want.insert(key(r[2], pep503(r[0]), r[1], r[4].toInt()));
        }
        QVERIFY(!want.isEmpty());
        // foundIn is the METADATA / PKG-INFO file; the truth names its .dist-info / .egg-info.
        static const QRegularExpression file(QStringLiteral("/(METADATA|PKG-INFO) "));
        QSet<QString> got;
        for (QString k : found(QStringLiteral("pypi")))
            got.insert(k.replace(file, QStringLiteral(" ")));
        QVERIFY2(got == want, qPrintable(diff(got, want)));
    }

    // truth/eco.maven.tsv: name, version, location (path!/entry...), identity source, dpkg owner or "-", layer.
    void javaArchives()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QSet<QString> want;
        for (const QStringList &r : truth(QStringLiteral("maven"))) {
            QVERIFY(r.size() >= 6);
            if (r[4] == u"-")
                want.insert(key(r[2], r[0], r[1], r[5].toInt()));
        }
        QVERIFY(want.size() >= 5);
        const QSet<QString> got = found(QStringLiteral("maven"));
        QVERIFY2(got == want, qPrintable(diff(got, want)));
    }

    // truth/eco.rpm.tsv: name, [epoch:]version-release, arch, layer.
    void rpmDatabase()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QSet<QString> want;
        for (const QStringList &r : truth(QStringLiteral("rpm"))) {
            QVERIFY(r.size() >= 4);
            want.insert(QStringLiteral("%1@%2.%3 layer %4").arg(r[0], r[1], r[2], r[3]));
        }
        QVERIFY(!want.isEmpty());
        QSet<QString> got;
        for (const QJsonValue &v : m_packages) {
            const QJsonObject p = v.toObject();
            if (p.value(u"ecosystem").toString() == u"rpm")
                got.insert(QStringLiteral("%1@%2.%3 layer %4").arg(p.value(u"name").toString(), p.value(u"version").toString(),
                                                                   p.value(u"arch").toString()).arg(layerOf(p)));
        }
        QVERIFY2(got == want, qPrintable(diff(got, want)));
    }

    // Files a dpkg package owns (Debian's python3-* dist-infos, libcommons-lang3-java's jar) are
    // reported as that deb only.
    void noDpkgOwnedLanguagePackages()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QStringList owned;
        for (const QStringList &r : truth(QStringLiteral("pypi")))
            if (r.value(3) != u"-")
                owned << r[2];
        for (const QStringList &r : truth(QStringLiteral("maven")))
            if (r.value(4) != u"-")
                owned << r[2];
        QVERIFY2(owned.size() >= 5, "the image should hold dpkg-owned Python and Java files");
        for (const QJsonValue &v : m_packages) {
            const QJsonObject p = v.toObject();
            if (p.value(u"ecosystem").toString() == u"deb")
                continue;
            const QString where = p.value(u"foundIn").toString();
            for (const QString &o : owned)
                QVERIFY2(!where.startsWith(o), qPrintable(QStringLiteral("dpkg-owned %1 listed as %2 %3").arg(o, p.value(u"ecosystem").toString(), p.value(u"name").toString())));
        }
    }

    // `bulkhead scan` with the real OSV records of tests/data/scan/eco-osv and the npm sample: the
    // (package, advisory) pairs must be exactly those the records give for the image's packages.
    void vulnerabilities()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        const QStringList sources{dataPath(QStringLiteral("scan/eco-osv")), dataPath(QStringLiteral("vulndb/osv/GHSA-npm-sample"))};
        const QString db = m_tmp.filePath(QStringLiteral("eco.sqlite"));
        const RunResult imp = runBulkhead(QStringList{QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("--db"), db} + sources);
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
        const QVector<Affected> records = loadOsv(sources);
        QVERIFY(records.size() > 150);
        QSet<QString> recordIds;
        for (const Affected &a : records)
            recordIds.insert(a.id);

        // The image's language packages with a version to match ("(devel)": a main module or a
        // local directory, no release). Go versions are compared without their "v".
        QSet<QString> packages; // "eco name version"
        for (const QJsonValue &v : m_packages) {
            const QJsonObject p = v.toObject();
            const QString eco = p.value(u"ecosystem").toString();
            const QString version = p.value(u"version").toString();
            if ((eco == u"go" || eco == u"pypi" || eco == u"maven" || eco == u"npm") && version != u"(devel)")
                packages.insert(eco + u'\t' + p.value(u"name").toString() + u'\t' + version);
        }
        const auto bare = [](const QString &eco, const QString &v) { return eco == u"go" && v.startsWith(u'v') ? v.mid(1) : v; };
        QHash<QString, QSet<QPair<QString, QString>>> pairs;
        for (const QString &pkg : packages) {
            const QStringList f = pkg.split(u'\t');
            for (const Affected &a : records)
                if (a.ecosystem == f[0] && a.name == f[1])
                    for (const auto &events : a.ranges)
                        for (const auto &e : events)
                            if (e.second != u"0")
                                pairs[f[0]].insert({bare(f[0], f[2]), e.second});
        }
        QHash<QString, QHash<QString, int>> cmp;
        for (auto it = pairs.cbegin(); it != pairs.cend(); ++it)
            cmp[it.key()] = compareAll(it.key(), it.value());

        // OSV evaluation (ossf/osv-schema docs/schema.md, "Evaluation"): listed in `versions`, or
        // inside a range: events in order, introduced (v >= x) opens, fixed (v >= x) closes,
        // last_affected (v > x) closes. The records list events in ascending order.
        QSet<QString> want;
        for (const QString &pkg : packages) {
            const QStringList f = pkg.split(u'\t');
            const QString v = bare(f[0], f[2]);
            for (const Affected &a : records) {
                if (a.ecosystem != f[0] || a.name != f[1])
                    continue;
                bool hit = a.versions.contains(v) || a.versions.contains(f[2]);
                for (const auto &events : a.ranges) {
                    bool in = false;
                    for (const auto &e : events) {
                        const int c = e.second == u"0" ? 1 : cmp[f[0]].value(v + u'\t' + e.second, -2);
                        QVERIFY2(c != -2, qPrintable(QStringLiteral("vercmp %1 %2 %3 failed").arg(f[0], v, e.second)));
                        if (e.first == u"introduced" && c >= 0)
                            in = true;
                        else if (e.first == u"fixed" && c >= 0)
                            in = false;
                        else if (e.first == u"last_affected" && c > 0)
                            in = false;
                    }
                    hit = hit || in;
                }
                if (hit)
                    want.insert(f[1] + u'@' + f[2] + u' ' + a.id);
            }
        }
        QVERIFY2(want.size() >= 10, "the records should affect some of the image's packages");

        const RunResult r = runBulkhead({QStringLiteral("scan"), QStringLiteral("--format"), QStringLiteral("json"),
                                         QStringLiteral("--db"), db, image()},
                                        {}, 600000);
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QSet<QString> got;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(u"findings").toArray()) {
            const QJsonObject f = v.toObject();
            const QJsonObject p = f.value(u"package").toObject();
            const QString eco = p.value(u"ecosystem").toString();
            if (eco != u"go" && eco != u"pypi" && eco != u"maven" && eco != u"npm")
                continue;
            // A finding is named by its record's id or by an alias of it (e.g. the CVE).
            QStringList ids{f.value(u"id").toString()};
            for (const QJsonValue &a : f.value(u"aliases").toArray())
                ids << a.toString();
            bool known = false;
            for (const QString &id : qAsConst(ids)) {
                if (recordIds.contains(id)) {
                    got.insert(p.value(u"name").toString() + u'@' + p.value(u"version").toString() + u' ' + id);
                    known = true;
                }
            }
            QVERIFY2(known, qPrintable(QStringLiteral("finding %1 names no imported record").arg(ids.join(u','))));
        }
        QVERIFY2(got == want, qPrintable(diff(got, want)));
    }
};

QTEST_GUILESS_MAIN(TestEcosystems)
#include "tst_ecosystems.moc"
