// OSV range evaluation (schema.md "Evaluation") on hand-written event tables: every rule of the
// pseudocode, unsorted events, limits, explicit versions and unparsable versions.

#include "match/osvrange.h"
#include "version/versioncomparator.h"
#include "vulndb/osvrecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace bulkhead;

class TestOsvRange : public QObject {
    Q_OBJECT
private slots:
    void evaluate_data();
    void evaluate();
};

void TestOsvRange::evaluate_data()
{
    QTest::addColumn<QString>("ecosystem");
    QTest::addColumn<QString>("ranges");    // OSV JSON affected[].ranges
    QTest::addColumn<QStringList>("versions");
    QTest::addColumn<QString>("installed");
    QTest::addColumn<bool>("affected");
    QTest::addColumn<QString>("fixed");
    QTest::addColumn<bool>("error");

    const QString zeroFixed = QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.2"}]}])");
    QTest::newRow("introduced 0 only") << QStringLiteral("npm") << QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"0"}]}])")
                                       << QStringList() << QStringLiteral("99.0.0") << true << QStringLiteral("") << false;
    QTest::newRow("below fix") << QStringLiteral("npm") << zeroFixed << QStringList() << QStringLiteral("1.0.1") << true << QStringLiteral("1.0.2") << false;
    QTest::newRow("at fix") << QStringLiteral("npm") << zeroFixed << QStringList() << QStringLiteral("1.0.2") << false << QStringLiteral("") << false;
    QTest::newRow("above fix") << QStringLiteral("npm") << zeroFixed << QStringList() << QStringLiteral("1.1.0") << false << QStringLiteral("") << false;
    QTest::newRow("prerelease of fix is below it") << QStringLiteral("npm") << zeroFixed << QStringList() << QStringLiteral("1.0.2-rc.1") << true << QStringLiteral("1.0.2") << false;

    // Schema example "Multiple range": [1.0.0, 1.0.2) and [3.0.0, 3.2.5).
    const QString two = QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"fixed":"1.0.2"},{"introduced":"3.0.0"},{"fixed":"3.2.5"}]}])");
    QTest::newRow("pairs: before first") << QStringLiteral("npm") << two << QStringList() << QStringLiteral("0.9.0") << false << QStringLiteral("") << false;
    QTest::newRow("pairs: in first") << QStringLiteral("npm") << two << QStringList() << QStringLiteral("1.0.1") << true << QStringLiteral("1.0.2") << false;
    QTest::newRow("pairs: between") << QStringLiteral("npm") << two << QStringList() << QStringLiteral("2.0.0") << false << QStringLiteral("") << false;
    QTest::newRow("pairs: in second") << QStringLiteral("npm") << two << QStringList() << QStringLiteral("3.1.0") << true << QStringLiteral("3.2.5") << false;
    QTest::newRow("pairs: after") << QStringLiteral("npm") << two << QStringList() << QStringLiteral("3.2.5") << false << QStringLiteral("") << false;
    // The same events listed out of order: the schema sorts them first.
    const QString unsorted = QStringLiteral(R"([{"type":"SEMVER","events":[{"fixed":"3.2.5"},{"introduced":"3.0.0"},{"fixed":"1.0.2"},{"introduced":"1.0.0"}]}])");
    QTest::newRow("unsorted: in first") << QStringLiteral("npm") << unsorted << QStringList() << QStringLiteral("1.0.1") << true << QStringLiteral("1.0.2") << false;
    QTest::newRow("unsorted: between") << QStringLiteral("npm") << unsorted << QStringList() << QStringLiteral("2.0.0") << false << QStringLiteral("") << false;
    QTest::newRow("unsorted: in second") << QStringLiteral("npm") << unsorted << QStringList() << QStringLiteral("3.2.4") << true << QStringLiteral("3.2.5") << false;
    // "introduced: 0" sorts first even when written last.
    QTest::newRow("zero written last") << QStringLiteral("npm") << QStringLiteral(R"([{"type":"SEMVER","events":[{"fixed":"2.0.0"},{"introduced":"0"}]}])")
                                       << QStringList() << QStringLiteral("1.5.0") << true << QStringLiteral("2.0.0") << false;

    // Schema example "last_affected": [1.0.0, 1.0.2].
    const QString last = QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"last_affected":"1.0.2"}]}])");
    QTest::newRow("last_affected: at it") << QStringLiteral("npm") << last << QStringList() << QStringLiteral("1.0.2") << true << QStringLiteral("") << false;
    QTest::newRow("last_affected: above") << QStringLiteral("npm") << last << QStringList() << QStringLiteral("1.0.3") << false << QStringLiteral("") << false;
    QTest::newRow("last_affected: below introduced") << QStringLiteral("npm") << last << QStringList() << QStringLiteral("0.9.9") << false << QStringLiteral("") << false;

    // Schema example "limit": introduced 0, limit 1.0.1 on a branch (ECOSYSTEM here, PyPI order).
    const QString limit = QStringLiteral(R"([{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"limit":"1.0.1"}]}])");
    QTest::newRow("limit: below") << QStringLiteral("PyPI") << limit << QStringList() << QStringLiteral("1.0.0") << true << QStringLiteral("") << false;
    QTest::newRow("limit: at") << QStringLiteral("PyPI") << limit << QStringList() << QStringLiteral("1.0.1") << false << QStringLiteral("") << false;
    QTest::newRow("limit: star") << QStringLiteral("PyPI") << QStringLiteral(R"([{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"limit":"*"}]}])")
                                 << QStringList() << QStringLiteral("7.0") << true << QStringLiteral("") << false;
    // Several limits: below any one of them is enough (BeforeLimits).
    QTest::newRow("two limits") << QStringLiteral("PyPI") << QStringLiteral(R"([{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"limit":"1.0"},{"limit":"3.0"}]}])")
                                << QStringList() << QStringLiteral("2.0") << true << QStringLiteral("") << false;

    // Explicit versions, literal and by ecosystem equality ("1.0" == "1.0.0" in PEP 440).
    QTest::newRow("versions literal") << QStringLiteral("PyPI") << QStringLiteral("[]") << QStringList{QStringLiteral("0.12.01"), QStringLiteral("1.0")} << QStringLiteral("0.12.01") << true << QStringLiteral("") << false;
    QTest::newRow("versions equal") << QStringLiteral("PyPI") << QStringLiteral("[]") << QStringList{QStringLiteral("1.0")} << QStringLiteral("1.0.0") << true << QStringLiteral("") << false;
    QTest::newRow("versions miss") << QStringLiteral("PyPI") << QStringLiteral("[]") << QStringList{QStringLiteral("1.0")} << QStringLiteral("1.0.1") << false << QStringLiteral("") << false;

    // GIT ranges are ignored (commits are not versions).
    QTest::newRow("git ignored") << QStringLiteral("PyPI") << QStringLiteral(R"([{"type":"GIT","events":[{"introduced":"0"}]}])")
                                 << QStringList() << QStringLiteral("1.0") << false << QStringLiteral("") << false;

    // Distro orders: dpkg epochs, apk suffixes.
    QTest::newRow("dpkg epoch") << QStringLiteral("deb") << QStringLiteral(R"([{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1:1.0-1"}]}])")
                                << QStringList() << QStringLiteral("2.0-1") << true << QStringLiteral("1:1.0-1") << false;
    QTest::newRow("dpkg tilde") << QStringLiteral("deb") << QStringLiteral(R"([{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.2.1-2.2+wheezy3"}]}])")
                                << QStringList() << QStringLiteral("1.2.1-2.2+wheezy2") << true << QStringLiteral("1.2.1-2.2+wheezy3") << false;
    QTest::newRow("apk revision") << QStringLiteral("apk") << QStringLiteral(R"([{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0.2h-r3"}]}])")
                                  << QStringList() << QStringLiteral("1.0.2h-r1") << true << QStringLiteral("1.0.2h-r3") << false;

    // Unparsable versions never make a finding; they are reported.
    QTest::newRow("bad installed") << QStringLiteral("npm") << zeroFixed << QStringList() << QStringLiteral("not a version") << false << QStringLiteral("") << true;
    QTest::newRow("bad event") << QStringLiteral("npm") << QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"x.y"}]}])")
                               << QStringList() << QStringLiteral("1.0.0") << false << QStringLiteral("") << true;
    // ... but "introduced: 0" alone needs no comparison.
    QTest::newRow("bad installed, all versions") << QStringLiteral("npm") << QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"0"}]}])")
                                                 << QStringList() << QStringLiteral("not a version") << true << QStringLiteral("") << false;
    // A second, good range still applies when the first cannot be evaluated.
    QTest::newRow("bad range then good") << QStringLiteral("npm")
        << QStringLiteral(R"([{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"x.y"}]},{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"fixed":"1.5.0"}]}])")
        << QStringList() << QStringLiteral("1.2.0") << true << QStringLiteral("1.5.0") << false;
}

void TestOsvRange::evaluate()
{
    QFETCH(QString, ecosystem);
    QFETCH(QString, ranges);
    QFETCH(QStringList, versions);
    QFETCH(QString, installed);
    QFETCH(bool, affected);
    QFETCH(QString, fixed);
    QFETCH(bool, error);

    const VersionComparator *cmp = comparatorFor(ecosystem);
    QVERIFY(cmp);
    const auto parsed = osv::rangesFromJson(QJsonDocument::fromJson(ranges.toUtf8()).array());
    const RangeVerdict v = evaluateOsvAffected(parsed, versions, installed,
                                               [cmp](const QString &a, const QString &b) { return cmp->compare(a, b); });
    QCOMPARE(v.affected, affected);
    QCOMPARE(v.fixedVersion, fixed);
    QCOMPARE(!v.error.isEmpty(), error);
    if (affected)
        QVERIFY(!v.rangeText.isEmpty());
}

QTEST_GUILESS_MAIN(TestOsvRange)
#include "tst_osvrange.moc"
