// End-to-end check of Debian matching on the real test images (tests/images/build-images.sh)
// with advisories derived from the real changelogs of their packages
// (tests/images/debian-advisories.py): every "found" expectation must be reported with the
// changelog's fixed version on a package of that source, introduced by the expected layer; every
// "not-found" one (fixed in the installed version or earlier) must be absent.

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace bulkhead::test;

namespace {

struct Expectation {
    QString tag, source, installed, cve, fixed, createdBy;
    bool found = false;
    int layer = -1;
};

} // namespace

class TestDebianE2e : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void scan_data();
    void scan();

private:
    QString m_images;
    QString m_db;
    QTemporaryDir m_tmp;
    QVector<Expectation> m_rows;
};

void TestDebianE2e::initTestCase()
{
    m_images = testImagesDir();
    if (m_images.isEmpty())
        QSKIP("The real test images are not built (tests/images/build-images.sh).");
    // The matcher lands with `bulkhead scan`; until this build has it there is nothing to check.
    if (runBulkhead({QStringLiteral("scan"), QStringLiteral("--help")}).exitCode != 0)
        QSKIP("This build has no 'bulkhead scan' command yet.");

    // Cached by its own stamp: a second run returns at once.
    const QString out = m_images + QStringLiteral("/debian-advisories");
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!python.isEmpty(), "python3 is needed to derive the advisories");
    QProcess p;
    p.start(python, {QStringLiteral(BULKHEAD_SOURCE_DIR "/tests/images/debian-advisories.py"), out, m_images});
    QVERIFY(p.waitForFinished(30 * 60 * 1000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    if (!QFileInfo::exists(out + QStringLiteral("/READY")))
        QSKIP("debian-advisories.py produced nothing (no apt mirror?).");

    QFile tsv(out + QStringLiteral("/expectations.tsv"));
    QVERIFY(tsv.open(QIODevice::ReadOnly));
    while (!tsv.atEnd()) {
        const QStringList c = QString::fromUtf8(tsv.readLine()).chopped(1).split(u'\t');
        QCOMPARE(c.size(), 8);
        Expectation e;
        e.tag = c[0];
        e.source = c[1];
        e.installed = c[2];
        e.cve = c[3];
        e.found = c[4] == u"found";
        e.fixed = c[5];
        e.layer = e.found ? c[6].toInt() : -1;
        e.createdBy = c[7];
        m_rows.append(e);
    }
    const auto found = std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Expectation &e) { return e.found; });
    QVERIFY2(found > 0 && found < m_rows.size(), "the expectations need both found and not-found rows");

    QVERIFY(m_tmp.isValid());
    m_db = m_tmp.filePath(QStringLiteral("debian.sqlite"));
    const RunResult imp = runBulkhead({QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("--db"), m_db,
                                       out + QStringLiteral("/osv")});
    QVERIFY2(imp.exitCode == 0, imp.err.constData());
}

void TestDebianE2e::scan_data()
{
    QTest::addColumn<QString>("tag");
    QTest::newRow("bookworm (debootstrap base only)") << QStringLiteral("bookworm");
    QTest::newRow("app (3 layers)") << QStringLiteral("app");
}

void TestDebianE2e::scan()
{
    QFETCH(QString, tag);
    const RunResult r = runBulkhead({QStringLiteral("scan"), QStringLiteral("--format"), QStringLiteral("json"),
                                     QStringLiteral("--db"), m_db,
                                     QStringLiteral("oci:") + m_images + QStringLiteral("/oci:") + tag},
                                    {}, 600000);
    QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
    QJsonParseError err;
    const QJsonObject report = QJsonDocument::fromJson(r.out, &err).object();
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));

    // (source package, CVE) -> findings; a finding names the CVE as its id or an alias, and the
    // advisory as DEBIAN-CVE-….
    QHash<QString, QVector<QJsonObject>> bySourceCve;
    for (const QJsonValue &v : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        const QJsonObject pkg = f.value(QStringLiteral("package")).toObject();
        QString source = pkg.value(QStringLiteral("sourceName")).toString();
        if (source.isEmpty())
            source = pkg.value(QStringLiteral("name")).toString();
        QStringList ids{f.value(QStringLiteral("id")).toString()};
        for (const QJsonValue &a : f.value(QStringLiteral("aliases")).toArray())
            ids << a.toString();
        QStringList cves;
        for (QString id : ids) {
            if (id.startsWith(QStringLiteral("DEBIAN-")))
                id = id.mid(7);
            if (id.startsWith(QStringLiteral("CVE-")) && !cves.contains(id))
                cves << id;
        }
        for (const QString &cve : cves)
            bySourceCve[source + u' ' + cve].append(f);
    }

    QStringList problems;
    int checked = 0;
    for (const Expectation &e : qAsConst(m_rows)) {
        if (e.tag != tag)
            continue;
        ++checked;
        const QVector<QJsonObject> hits = bySourceCve.value(e.source + u' ' + e.cve);
        const QString what = QStringLiteral("%1 %2 (installed %3, fixed %4)").arg(e.cve, e.source, e.installed, e.fixed);
        if (!e.found) {
            if (!hits.isEmpty())
                problems << QStringLiteral("reported but fixed in the installed version: ") + what;
            continue;
        }
        if (hits.isEmpty()) {
            problems << QStringLiteral("not reported: ") + what;
            continue;
        }
        bool layerSeen = false;
        for (const QJsonObject &f : hits) {
            if (f.value(QStringLiteral("fixedVersion")).toString() != e.fixed)
                problems << QStringLiteral("fixed version %1 instead of the changelog's: ")
                                .arg(f.value(QStringLiteral("fixedVersion")).toString()) + what;
            const QJsonObject layer = f.value(QStringLiteral("package")).toObject().value(QStringLiteral("layer")).toObject();
            layerSeen = layerSeen || (layer.value(QStringLiteral("index")).toInt(-1) == e.layer
                                      && layer.value(QStringLiteral("createdBy")).toString() == e.createdBy);
        }
        if (!layerSeen)
            problems << QStringLiteral("not attributed to layer %1 '%2': ").arg(e.layer).arg(e.createdBy) + what;
    }
    QVERIFY2(checked > 0, qPrintable(QStringLiteral("no expectations for tag %1").arg(tag)));
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 of %2 expectations failed:\n").arg(problems.size()).arg(checked)
                                            + problems.mid(0, 30).join(u'\n')));
}

QTEST_GUILESS_MAIN(TestDebianE2e)
#include "tst_debian_e2e.moc"
