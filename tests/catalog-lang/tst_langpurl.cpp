// purl formatting for npm, PyPI and Maven against the purl-spec's own examples and rules
// (percent-encoding of '@' in npm scopes, lower-casing, pypi '_' -> '-', ':' never encoded).
#include "catalog/lang/langpurl.h"

#include <QTest>

using namespace bulkhead;
using namespace Qt::StringLiterals;

class TstLangPurl : public QObject {
    Q_OBJECT
private slots:
    void npm_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("purl");
        // purl-spec PURL-TYPES npm examples.
        QTest::newRow("plain") << u"foobar"_s << u"12.3.1"_s << u"pkg:npm/foobar@12.3.1"_s;
        QTest::newRow("scoped") << u"@angular/animation"_s << u"12.3.1"_s << u"pkg:npm/%40angular/animation@12.3.1"_s;
        QTest::newRow("upper-case name is lowered") << u"JSONStream"_s << u"1.3.5"_s << u"pkg:npm/jsonstream@1.3.5"_s;
        QTest::newRow("build metadata plus is encoded") << u"x"_s << u"1.0.0+build.1"_s << u"pkg:npm/x@1.0.0%2Bbuild.1"_s;
        QTest::newRow("no version") << u"lodash"_s << QString() << u"pkg:npm/lodash"_s;
    }
    void npm()
    {
        QFETCH(QString, name);
        QFETCH(QString, version);
        QFETCH(QString, purl);
        QCOMPARE(langpurl::npm(name, version), purl);
    }

    void pypi_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("purl");
        QTest::newRow("spec example") << u"Django_package"_s << u"1.11.1.dev1"_s << u"pkg:pypi/django-package@1.11.1.dev1"_s;
        QTest::newRow("dots kept") << u"zope.interface"_s << u"5.4.0"_s << u"pkg:pypi/zope.interface@5.4.0"_s;
        QTest::newRow("local version plus") << u"torch"_s << u"2.1.0+cpu"_s << u"pkg:pypi/torch@2.1.0%2Bcpu"_s;
    }
    void pypi()
    {
        QFETCH(QString, name);
        QFETCH(QString, version);
        QFETCH(QString, purl);
        QCOMPARE(langpurl::pypi(name, version), purl);
    }

    void maven_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("artifact");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("purl");
        QTest::newRow("spec example") << u"org.apache.xmlgraphics"_s << u"batik-anim"_s << u"1.9.1"_s
                                      << u"pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1"_s;
        QTest::newRow("case kept") << u"io.github.Foo"_s << u"Bar"_s << u"1.0"_s << u"pkg:maven/io.github.Foo/Bar@1.0"_s;
        QTest::newRow("no group") << QString() << u"javax.inject"_s << u"1.0.0"_s << u"pkg:maven/javax.inject@1.0.0"_s;
        QTest::newRow("slash and space encoded") << u"a/b"_s << u"c d"_s << u"1:2"_s << u"pkg:maven/a%2Fb/c%20d@1:2"_s;
        QTest::newRow("tilde kept") << u"org.x"_s << u"jsr305"_s << u"0.1~+svn49"_s << u"pkg:maven/org.x/jsr305@0.1~%2Bsvn49"_s;
    }
    void maven()
    {
        QFETCH(QString, group);
        QFETCH(QString, artifact);
        QFETCH(QString, version);
        QFETCH(QString, purl);
        QCOMPARE(langpurl::maven(group, artifact, version), purl);
    }

    void encodeUtf8()
    {
        QCOMPARE(langpurl::encodeComponent(u"ü@"_s), u"%C3%BC%40"_s);
    }
};

QTEST_GUILESS_MAIN(TstLangPurl)
#include "tst_langpurl.moc"
