// SPDX licence expressions (SPDX 2.3 Annex D) against the SPDX License List 3.28.0.

#include "report/spdxlicense.h"

#include <QTest>

using namespace bulkhead;

class TestSpdxLicense : public QObject
{
    Q_OBJECT

private slots:
    void expression_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("simple") << QStringLiteral("MIT") << true << QStringLiteral("MIT");
        QTest::newRow("case folded") << QStringLiteral("zlib") << true << QStringLiteral("Zlib");
        QTest::newRow("deprecated id") << QStringLiteral("GPL-2.0") << true << QStringLiteral("GPL-2.0");
        QTest::newRow("or-later plus") << QStringLiteral("LGPL-2.1+") << true << QStringLiteral("LGPL-2.1+");
        QTest::newRow("compound") << QStringLiteral("(MIT  OR Apache-2.0)AND BSD-3-Clause") << true
                                  << QStringLiteral("(MIT OR Apache-2.0) AND BSD-3-Clause");
        QTest::newRow("with exception") << QStringLiteral("Apache-2.0 WITH llvm-exception") << true
                                        << QStringLiteral("Apache-2.0 WITH LLVM-exception");
        QTest::newRow("licence ref") << QStringLiteral("LicenseRef-Custom.1 OR MIT") << true
                                     << QStringLiteral("LicenseRef-Custom.1 OR MIT");
        QTest::newRow("document ref") << QStringLiteral("DocumentRef-other:LicenseRef-x") << true
                                      << QStringLiteral("DocumentRef-other:LicenseRef-x");
        QTest::newRow("not on list") << QStringLiteral("GPL2") << false << QString();
        QTest::newRow("exception as licence") << QStringLiteral("LLVM-exception") << false << QString();
        QTest::newRow("licence as exception") << QStringLiteral("MIT WITH Apache-2.0") << false << QString();
        QTest::newRow("dangling operator") << QStringLiteral("MIT AND") << false << QString();
        QTest::newRow("unbalanced") << QStringLiteral("(MIT OR ISC") << false << QString();
        QTest::newRow("space separated") << QStringLiteral("MIT BSD") << false << QString();
        QTest::newRow("bad ref chars") << QStringLiteral("LicenseRef-a_b") << false << QString();
        QTest::newRow("empty") << QString() << false << QString();
    }
    void expression()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        QString out;
        QCOMPARE(normalizeSpdxExpression(input, &out), valid);
        if (valid)
            QCOMPARE(out, canonical);
    }

    // Real apk "L:" values of alpine:3.10 (tests/data/report/alpine-310.packages.tsv).
    void fromPackageLicenses_data()
    {
        QTest::addColumn<QStringList>("licenses");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("refs");
        QTest::newRow("zlib") << QStringList{QStringLiteral("zlib")} << QStringLiteral("Zlib") << QStringList{};
        QTest::newRow("apk-tools") << QStringList{QStringLiteral("GPL2")} << QStringLiteral("LicenseRef-GPL2")
                                   << QStringList{QStringLiteral("LicenseRef-GPL2")};
        QTest::newRow("musl-utils") << QStringList{QStringLiteral("MIT BSD GPL2+")}
                                    << QStringLiteral("MIT AND LicenseRef-BSD AND LicenseRef-GPL2-")
                                    << QStringList{QStringLiteral("LicenseRef-BSD"), QStringLiteral("LicenseRef-GPL2-")};
        QTest::newRow("ca-certificates") << QStringList{QStringLiteral("MPL-2.0 GPL-2.0-or-later")}
                                         << QStringLiteral("MPL-2.0 AND GPL-2.0-or-later") << QStringList{};
        QTest::newRow("two compound entries") << QStringList{QStringLiteral("MIT OR ISC"), QStringLiteral("Apache-2.0")}
                                              << QStringLiteral("(MIT OR ISC) AND Apache-2.0") << QStringList{};
        QTest::newRow("colliding refs") << QStringList{QStringLiteral("GPL2+"), QStringLiteral("GPL2-")}
                                        << QStringLiteral("LicenseRef-GPL2- AND LicenseRef-GPL2--2")
                                        << QStringList{QStringLiteral("LicenseRef-GPL2-"), QStringLiteral("LicenseRef-GPL2--2")};
        QTest::newRow("none") << QStringList{QStringLiteral("  ")} << QString() << QStringList{};
    }
    void fromPackageLicenses()
    {
        QFETCH(QStringList, licenses);
        QFETCH(QString, expression);
        QFETCH(QStringList, refs);
        QMap<QString, QString> extracted;
        QCOMPARE(spdxExpressionFromLicenses(licenses, &extracted), expression);
        QCOMPARE(extracted.keys(), refs);
        QString canonical;
        if (!expression.isEmpty())
            QVERIFY(normalizeSpdxExpression(expression, &canonical));
    }
};

QTEST_GUILESS_MAIN(TestSpdxLicense)
#include "tst_spdxlicense.moc"
