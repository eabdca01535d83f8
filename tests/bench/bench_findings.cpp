// Goals: sorting and filtering 50,000 findings through FindingsFilterProxy in <= 100 ms each;
// MainWindow construction time (reported, no goal yet).
#include "findingsfilterproxy.h"
#include "findingsmodel.h"
#include "mainwindow.h"
#include "scanfixture.h"

#include <QApplication>
#include <QtTest>

using namespace bulkhead;

class BenchFindings : public QObject {
    Q_OBJECT
private:
    QVector<Finding> m_findings;

private slots:
    void initTestCase()
    {
        m_findings = test::manyFindings(50000);
        QCOMPARE(m_findings.size(), 50000);
    }

    void sort_data()
    {
        QTest::addColumn<int>("column");
        QTest::newRow("severity") << int(FindingsModel::Severity);
        QTest::newRow("id") << int(FindingsModel::Id);
        QTest::newRow("package") << int(FindingsModel::Package);
        QTest::newRow("cvss") << int(FindingsModel::Cvss);
    }
    void sort()
    {
        QFETCH(int, column);
        FindingsModel model;
        model.setFindings(m_findings);
        FindingsFilterProxy proxy;
        proxy.setSourceModel(&model);
        Qt::SortOrder order = Qt::AscendingOrder;
        QBENCHMARK {
            proxy.sort(column, order);
            order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        }
        QCOMPARE(proxy.rowCount(), 50000);
    }

    void filter_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<bool>("kev");
        QTest::newRow("text") << QStringLiteral("jackson") << false;
        QTest::newRow("alias") << QStringLiteral("GHSA-c9hw") << false;
        QTest::newRow("kev") << QString() << true;
        QTest::newRow("severity") << QString() << false;
    }
    void filter()
    {
        QFETCH(QString, search);
        QFETCH(bool, kev);
        const bool bySeverity = QByteArray(QTest::currentDataTag()) == "severity";
        FindingsModel model;
        model.setFindings(m_findings);
        FindingsFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(FindingsModel::Severity, Qt::DescendingOrder);
        // One iteration = one filter change over all 50,000 rows (alternately on and off).
        bool on = true;
        QBENCHMARK {
            proxy.setSearchText(on ? search : QString());
            proxy.setKevOnly(on && kev);
            if (bySeverity)
                proxy.setSeverities(on ? QSet<Severity>{Severity::Critical, Severity::High} : FindingsFilterProxy::allSeverities());
            on = !on;
        }
    }

    void mainWindowConstruction()
    {
        QBENCHMARK {
            MainWindow w;
            Q_UNUSED(w);
        }
    }
};

QTEST_MAIN(BenchFindings)
#include "bench_findings.moc"
