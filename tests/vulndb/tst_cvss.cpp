// CVSS base scores against real published scores: every vector in the NVD API pages must give
// NVD's baseScore; v4.0 vectors must give the FIRST calculator's score.

#include "testutil.h"
#include "vulndb/cvss.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bulkhead;

namespace {

// Collects every {vectorString, baseScore} object in an NVD document (cvssData of each metric).
void collect(const QJsonValue &v, const QString &file, QVector<std::tuple<QString, double, QString>> &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QStringLiteral("vectorString")) && o.contains(QStringLiteral("baseScore")))
            out.append({o.value(QStringLiteral("vectorString")).toString(), o.value(QStringLiteral("baseScore")).toDouble(), file});
        for (const auto &x : o)
            collect(x, file, out);
    } else if (v.isArray()) {
        for (const auto &x : v.toArray())
            collect(x, file, out);
    }
}

} // namespace

class TestCvss : public QObject {
    Q_OBJECT
private slots:
    void nvdScores_data()
    {
        QTest::addColumn<QString>("vector");
        QTest::addColumn<double>("expected");
        QVector<std::tuple<QString, double, QString>> all;
        QDirIterator it(test::dataPath(QStringLiteral("vulndb/nvd")), {QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            collect(QJsonDocument::fromJson(f.readAll()).object(), QFileInfo(path).fileName(), all);
        }
        // 51 metric objects across the pages: v2, v3.0, v3.1 and one v4.0.
        QCOMPARE(all.size(), 51);
        int i = 0;
        for (const auto &[vector, score, file] : all)
            QTest::newRow(qPrintable(QStringLiteral("%1 #%2 %3").arg(file).arg(i++).arg(vector))) << vector << score;
    }
    void nvdScores()
    {
        QFETCH(QString, vector);
        QFETCH(double, expected);
        const auto score = cvss::computeBaseScore(vector);
        QVERIFY2(score.has_value(), score ? "" : qPrintable(score.error().message));
        QCOMPARE(*score, expected);
    }

    void v4Calculator_data()
    {
        QTest::addColumn<QString>("vector");
        QTest::addColumn<double>("expected");
        QFile f(test::dataPath(QStringLiteral("vulndb/cvss/v4-first-calculator.tsv")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        int n = 0;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.split('\t');
            if (cols.size() != 2)
                continue;
            QTest::newRow(cols[0].constData()) << QString::fromLatin1(cols[0]) << cols[1].toDouble();
            ++n;
        }
        QCOMPARE(n, 52);
    }
    void v4Calculator()
    {
        QFETCH(QString, vector);
        QFETCH(double, expected);
        const auto score = cvss::computeBaseScore(vector);
        QVERIFY2(score.has_value(), score ? "" : qPrintable(score.error().message));
        QCOMPARE(*score, expected);
    }

    void versions_data()
    {
        QTest::addColumn<QString>("vector");
        QTest::addColumn<QString>("version");
        QTest::newRow("v2 bare") << "AV:N/AC:L/Au:N/C:P/I:P/A:P" << "2.0";
        QTest::newRow("v3.0") << "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" << "3.0";
        QTest::newRow("v3.1") << "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" << "3.1";
        QTest::newRow("v4.0") << "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" << "4.0";
        QTest::newRow("garbage") << "moderate" << "";
    }
    void versions()
    {
        QFETCH(QString, vector);
        QFETCH(QString, version);
        QCOMPARE(cvss::versionOf(vector), version);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("vector");
        QTest::newRow("v3 missing scope") << "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H";
        QTest::newRow("v3 bad value") << "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        QTest::newRow("v3 repeated metric") << "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        QTest::newRow("v4 with v3 metrics") << "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        QTest::newRow("v4 missing SA") << "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N";
        QTest::newRow("v2 missing Au") << "AV:N/AC:L/C:P/I:P/A:P";
        QTest::newRow("empty") << "";
        QTest::newRow("malformed") << "CVSS:3.1/AV";
    }
    void invalid()
    {
        QFETCH(QString, vector);
        const auto score = cvss::computeBaseScore(vector);
        QVERIFY(!score.has_value());
        QCOMPARE(score.error().code, int(InvalidInput));
        QCOMPARE(cvss::scoreFor(vector, QStringLiteral("x")).baseScore, -1.0);
    }
};

QTEST_GUILESS_MAIN(TestCvss)
#include "tst_cvss.moc"
