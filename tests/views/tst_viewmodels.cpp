// Every model of views/ under QAbstractItemModelTester, and the findings filter proxy's behaviour,
// on ScanResults built from real advisories (tests/data/store).
#include "findingsfilterproxy.h"
#include "findingsgroupmodel.h"
#include "findingsmodel.h"
#include "layersmodel.h"
#include "packagesmodel.h"
#include "scanfixture.h"
#include "scansmodel.h"
#include "store/historystore.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {
const QDateTime When(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);

ScanResult api10()
{
    return appScan(QStringLiteral("api-1.0"), QStringLiteral("alpine-310"),
                   QStringLiteral("registry.example.com/shop/api:1.0"), When);
}

int childCount(const QAbstractItemModel &m)
{
    int n = 0;
    for (int g = 0; g < m.rowCount(); ++g)
        n += m.rowCount(m.index(g, 0));
    return n;
}

QStringList column(const QAbstractItemModel &m, int col, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, col).data(role).toString();
    return out;
}
} // namespace

class TestViewModels : public QObject {
    Q_OBJECT
private slots:
    void findingsModel()
    {
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ScanResult scan = api10();
        model.setFindings(scan.findings);
        QCOMPARE(model.rowCount(), scan.findings.size());
        QCOMPARE(model.columnCount(), int(FindingsModel::ColumnCount));
        for (int r = 0; r < model.rowCount(); ++r) {
            const Finding &f = scan.findings[r];
            QCOMPARE(model.index(r, FindingsModel::Id).data().toString(), f.id);
            QCOMPARE(model.index(r, FindingsModel::Package).data().toString(), f.package.name);
            QCOMPARE(model.index(r, FindingsModel::Installed).data().toString(), f.package.version);
            QCOMPARE(model.index(r, FindingsModel::Fixed).data().toString(), f.fixedVersion);
            QCOMPARE(model.index(r, FindingsModel::Severity).data(FindingsModel::SortRole).toInt(), int(f.severity));
            QCOMPARE(model.index(r, FindingsModel::Cvss).data(FindingsModel::SortRole).toDouble(), f.bestCvssScore());
            QCOMPARE(model.index(r, 3).data(FindingsModel::FindingIndexRole).toInt(), r);
            QCOMPARE(model.index(r, FindingsModel::Kev).data().toString().isEmpty(), !f.kev);
            QCOMPARE(model.index(r, FindingsModel::Layer).data().toString(), QString::number(f.package.layer.index));
        }
        model.setFindings({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filterProxy()
    {
        FindingsModel model;
        FindingsFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ScanResult scan = api10();
        model.setFindings(scan.findings);
        QCOMPARE(proxy.rowCount(), scan.findings.size());

        auto expected = [&](auto pred) {
            int n = 0;
            for (const Finding &f : scan.findings)
                n += pred(f) ? 1 : 0;
            return n;
        };
        proxy.setSeverities({Severity::Critical});
        const int critical = expected([](const Finding &f) { return f.severity == Severity::Critical; });
        QVERIFY(critical > 0);
        QCOMPARE(proxy.rowCount(), critical);
        for (const QString &s : column(proxy, FindingsModel::Severity, FindingsModel::SortRole))
            QCOMPARE(s.toInt(), int(Severity::Critical));

        proxy.setSeverities(FindingsFilterProxy::allSeverities());
        proxy.setKevOnly(true);
        const int kev = expected([](const Finding &f) { return f.kev; });
        QVERIFY(kev > 0 && kev < scan.findings.size());
        QCOMPARE(proxy.rowCount(), kev);
        proxy.setKevOnly(false);

        proxy.setFixableOnly(true);
        QCOMPARE(proxy.rowCount(), expected([](const Finding &f) { return !f.fixedVersion.isEmpty(); }));
        proxy.setFixableOnly(false);

        // Text search covers aliases: the GHSA id of Ghostcat finds its CVE.
        proxy.setSearchText(QStringLiteral("ghsa-c9hw-wf7x-jp9j"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, FindingsModel::Id).data().toString(), QStringLiteral("CVE-2020-1938"));
        proxy.setSearchText(QStringLiteral("shiro"));
        QCOMPARE(proxy.rowCount(), expected([](const Finding &f) {
                     return f.package.name.contains(QStringLiteral("shiro")) || f.summary.contains(QStringLiteral("shiro"), Qt::CaseInsensitive)
                         || f.id.contains(QStringLiteral("shiro"));
                 }));
        proxy.setSearchText(QStringLiteral("no-such-thing-anywhere"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setSearchText(QString());

        proxy.setLayerIndex(0);
        QCOMPARE(proxy.rowCount(), 0); // the Alpine base layer has no findings
        proxy.setLayerIndex(1);
        QCOMPARE(proxy.rowCount(), scan.findings.size());
        proxy.setLayerIndex(-1);

        proxy.setSeverities({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void sortsSeverityByRankAndScoresNumerically()
    {
        FindingsModel model;
        FindingsFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ScanResult scan = api10();
        model.setFindings(scan.findings);
        Severity least = Severity::Critical;
        for (const Finding &f : scan.findings)
            least = std::min(least, f.severity);
        QVERIFY(least < Severity::High);

        proxy.sort(FindingsModel::Severity, Qt::AscendingOrder);
        QStringList ranks = column(proxy, FindingsModel::Severity, FindingsModel::SortRole);
        for (int i = 1; i < ranks.size(); ++i)
            QVERIFY(ranks[i - 1].toInt() <= ranks[i].toInt());
        // Alphabetically "Critical" < "High" < "Low" < "Medium": rank order must differ from that.
        QCOMPARE(proxy.index(0, FindingsModel::Severity).data(FindingsModel::SortRole).toInt(), int(least));
        proxy.sort(FindingsModel::Severity, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, FindingsModel::Severity).data().toString(), QStringLiteral("Critical"));

        proxy.sort(FindingsModel::Cvss, Qt::DescendingOrder);
        double prev = 11;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const double v = proxy.index(r, FindingsModel::Cvss).data(FindingsModel::SortRole).toDouble();
            QVERIFY2(v <= prev, qPrintable(QString::number(r)));
            prev = v;
        }
        QCOMPARE(proxy.index(0, FindingsModel::Cvss).data().toString(), QLocale().toString(10.0, 'f', 1));
    }

    void groupModel_data()
    {
        QTest::addColumn<int>("groupBy");
        QTest::newRow("package") << int(FindingsGroupModel::GroupBy::Package);
        QTest::newRow("vulnerability") << int(FindingsGroupModel::GroupBy::Vulnerability);
    }
    void groupModel()
    {
        QFETCH(int, groupBy);
        FindingsModel model;
        FindingsFilterProxy proxy;
        proxy.setSourceModel(&model);
        FindingsGroupModel groups(&model, &proxy);
        groups.setGroupBy(FindingsGroupModel::GroupBy(groupBy));
        QAbstractItemModelTester tester(&groups, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ScanResult scan = appScan(QStringLiteral("worker-2.3"), QStringLiteral("alpine-311"),
                                        QStringLiteral("shop/worker:2.3"), When);
        model.setFindings(scan.findings);

        QSet<QString> keys;
        for (const Finding &f : scan.findings)
            keys.insert(groupBy == int(FindingsGroupModel::GroupBy::Package) ? f.package.name : f.id);
        QCOMPARE(groups.rowCount(), keys.size());
        int children = 0;
        for (int g = 0; g < groups.rowCount(); ++g) {
            const QModelIndex group = groups.index(g, 0);
            QVERIFY(group.data(FindingsGroupModel::IsGroupRole).toBool());
            children += groups.rowCount(group);
            // Every child belongs to its group.
            for (int c = 0; c < groups.rowCount(group); ++c) {
                const int col = groupBy == int(FindingsGroupModel::GroupBy::Package) ? FindingsModel::Package : FindingsModel::Id;
                QVERIFY(group.data().toString().startsWith(groups.index(c, col, group).data().toString()));
            }
            if (g > 0) { // worst group first: compare the first (worst) child of each group
                const int prev = groups.index(0, FindingsModel::Severity, groups.index(g - 1, 0)).data(FindingsModel::SortRole).toInt();
                const int cur = groups.index(0, FindingsModel::Severity, group).data(FindingsModel::SortRole).toInt();
                QVERIFY(prev >= cur);
            }
        }
        QCOMPARE(children, scan.findings.size());

        // Filters apply (after the coalesced rebuild).
        proxy.setSeverities({Severity::Critical});
        QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < scan.findings.size());
        QTRY_COMPARE(childCount(groups), proxy.rowCount());
        proxy.setSeverities({});
        QTRY_COMPARE(groups.rowCount(), 0);
    }

    void packagesModel()
    {
        PackagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ScanResult scan = api10();
        model.setPackages(scan.packages, scan.findings);
        QCOMPARE(model.rowCount(), scan.packages.size());
        int total = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const Package &p = scan.packages[r];
            int expected = 0;
            for (const Finding &f : scan.findings)
                expected += f.package.name == p.name && f.package.version == p.version ? 1 : 0;
            QCOMPARE(model.index(r, PackagesModel::Findings).data().toInt(), expected);
            QCOMPARE(model.index(r, PackagesModel::Name).data().toString(), p.name);
            QCOMPARE(model.index(r, PackagesModel::Layer).data(PackagesModel::LayerIndexRole).toInt(), p.layer.index);
            total += expected;
        }
        QCOMPARE(total, scan.findings.size());
    }

    void layersModel()
    {
        LayersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ScanResult scan = api10();
        model.setImage(scan.image.layers, scan.packages, scan.findings);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, LayersModel::Packages).data().toInt(), 14);   // the Alpine base
        QCOMPARE(model.index(0, LayersModel::Findings).data().toInt(), 0);
        QCOMPARE(model.index(1, LayersModel::Packages).data().toInt(), scan.packages.size() - 14);
        QCOMPARE(model.index(1, LayersModel::Findings).data().toInt(), scan.findings.size());
        QVERIFY(model.index(0, LayersModel::Instruction).data().toString().contains(QStringLiteral("ADD file:d48cac34")));
        QCOMPARE(model.index(0, LayersModel::Size).data(LayersModel::SortRole).toLongLong(), qint64(5818880));
    }

    void scansModel()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(store.saveScan(api10()));
        QVERIFY(store.saveScan(alpineScan(QStringLiteral("alpine-311"), When.addDays(1))));
        auto scans = store.listScans();
        QVERIFY(scans);
        ScansModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScans(*scans);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ScansModel::Reference).data().toString(), QStringLiteral("alpine:3.11"));
        QCOMPARE(model.index(1, ScansModel::Critical).data().toInt(),
                 SeverityCounts::of(api10().findings)[Severity::Critical]);
        QCOMPARE(model.index(1, ScansModel::Packages).data().toInt(), api10().packages.size());
        QCOMPARE(model.index(0, 0).data(ScansModel::ScanIdRole).toLongLong(), scans->at(0).id);
        model.setScans({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestViewModels)
#include "tst_viewmodels.moc"
