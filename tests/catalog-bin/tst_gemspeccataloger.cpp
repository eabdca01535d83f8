// GemspecCataloger over real installed-gem specifications from Debian 12: the 70 default gems of
// libruby3.1 and the rubygems-integration specs of ruby-rack, ruby-thor and ruby-rubygems
// (tests/data/catalog-bin/SOURCES.md). RubyGems names each file <name>-<version>.gemspec, which
// is the expected identity.
#include "binfixtures.h"
#include "catalog/pkgmgr/gemspeccataloger.h"

#include <QDir>
#include <QTest>

using namespace bulkhead;

namespace {

Result<FileFacts> parse(const QString &path, const QByteArray &content)
{
    return GemspecCataloger().parse({ path, content.size(), 0100644 }, content);
}

} // namespace

class TestGemspecCataloger : public QObject {
    Q_OBJECT
private slots:
    void matchesFileNames_data();
    void matchesFileNames();
    void fields();
    void literalForms_data();
    void literalForms();
    void broken_data();
    void broken();
    void wants();
};

void TestGemspecCataloger::matchesFileNames_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("imagePath");
    QTest::addColumn<int>("count");
    QTest::newRow("libruby3.1 default gems") << "gem/ruby3.1-default"
                                             << "usr/lib/ruby/gems/3.1.0/specifications/default" << 70;
    QTest::newRow("rubygems-integration") << "gem/rubygems-integration"
                                          << "usr/share/rubygems-integration/all/specifications" << 3;
}

void TestGemspecCataloger::matchesFileNames()
{
    QFETCH(QString, dir);
    QFETCH(QString, imagePath);
    QFETCH(int, count);
    const QStringList files = QDir(test::dataPath(QStringLiteral("catalog-bin/") + dir))
                                  .entryList({ QStringLiteral("*.gemspec") }, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), count);
    GemspecCataloger c;
    for (const QString &name : files) {
        const QString path = imagePath + u'/' + name;
        QVERIFY(c.wants({ path, 1000, 0100644 }));
        const auto facts = parse(path, test::binFixture(dir + u'/' + name));
        QVERIFY2(facts, qPrintable(name));
        QCOMPARE(facts->packages.size(), 1);
        const Package &p = facts->packages.first();
        QCOMPARE(p.name + u'-' + p.version + QStringLiteral(".gemspec"), name);
        QCOMPARE(p.ecosystem, Ecosystem::Gem);
        QCOMPARE(p.cataloger, QStringLiteral("gemspec"));
        QCOMPARE(p.foundIn, path);
        QCOMPARE(p.purl, QStringLiteral("pkg:gem/%1@%2").arg(p.name, p.version));
        QCOMPARE(p.metadata.contains(QStringLiteral("defaultGem")), imagePath.endsWith(u"/default"));
    }
}

void TestGemspecCataloger::fields()
{
    const QString dir = QStringLiteral("usr/share/rubygems-integration/all/specifications/");
    const auto rubygems = parse(dir + QStringLiteral("rubygems-update-3.3.15.gemspec"),
        test::binFixture(QStringLiteral("gem/rubygems-integration/rubygems-update-3.3.15.gemspec")));
    QVERIFY(rubygems);
    QCOMPARE(rubygems->packages.first().licenses, (QStringList { QStringLiteral("Ruby"), QStringLiteral("MIT") }));
    QCOMPARE(rubygems->packages.first().metadata.value(QStringLiteral("homepage")), QStringLiteral("https://rubygems.org"));

    const auto rack = parse(dir + QStringLiteral("rack-2.2.22.gemspec"),
        test::binFixture(QStringLiteral("gem/rubygems-integration/rack-2.2.22.gemspec")));
    QVERIFY(rack);
    QCOMPARE(rack->packages.first().licenses, QStringList { QStringLiteral("MIT") });
    QCOMPARE(rack->packages.first().metadata.value(QStringLiteral("summary")), QStringLiteral("A modular Ruby webserver interface."));

    const auto json = parse(QStringLiteral("usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec"),
        test::binFixture(QStringLiteral("gem/ruby3.1-default/json-2.6.1.gemspec")));
    QVERIFY(json);
    QCOMPARE(json->packages.first().licenses, QStringList { QStringLiteral("Ruby") });
}

void TestGemspecCataloger::literalForms_data()
{
    // Spellings of the same assignments found in gemspecs written by older and newer RubyGems.
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("licenses");
    QTest::newRow("%q{} (RubyGems 1.x)")
        << QByteArray("Gem::Specification.new do |s|\n  s.name = %q{rake}\n  s.version = \"0.8.7\"\n"
                      "  s.license = %q<MIT>\nend\n")
        << "rake" << "0.8.7" << QStringList { QStringLiteral("MIT") };
    QTest::newRow("other block variable, single quotes")
        << QByteArray("Gem::Specification.new do |spec|\n  spec.name    = 'nokogiri'\n  spec.version = '1.13.10'\n"
                      "  spec.licenses = ['MIT', 'Apache-2.0'] # two\n  s.name = 'decoy'\nend\n")
        << "nokogiri" << "1.13.10" << QStringList { QStringLiteral("MIT"), QStringLiteral("Apache-2.0") };
    QTest::newRow("escapes") << QByteArray("Gem::Specification.new do |s|\n s.name = \"caf\\u00E9\".freeze\n"
                                           " s.version = \"1.0\".freeze\nend\n")
                             << QString::fromUtf8("café") << "1.0" << QStringList();
    QTest::newRow("stub line only") << QByteArray("# stub: pg 1.4.5 ruby lib\nGem::Specification.new do |s|\n"
                                                  "  s.name = NAME\n  s.version = VERSION\nend\n")
                                    << "pg" << "1.4.5" << QStringList();
    QTest::newRow("version from a constant, stub line")
        << QByteArray("# stub: mygem 0.3.1 ruby lib\nGem::Specification.new do |s|\n  s.name = \"mygem\"\n"
                      "  s.version = MyGem::VERSION\nend\n")
        << "mygem" << "0.3.1" << QStringList();
    QTest::newRow("CRLF") << QByteArray("Gem::Specification.new do |s|\r\n  s.name = \"a\"\r\n  s.version = \"2.0\"\r\nend\r\n")
                          << "a" << "2.0" << QStringList();
}

void TestGemspecCataloger::literalForms()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QStringList, licenses);
    const auto facts = parse(QStringLiteral("specifications/x.gemspec"), content);
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
    QCOMPARE(facts->packages.first().name, name);
    QCOMPARE(facts->packages.first().version, version);
    QCOMPARE(facts->packages.first().licenses, licenses);
}

void TestGemspecCataloger::broken_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    static const char binary[] = "\x00\x01\x02 s.name = \"x\"";
    QTest::newRow("binary") << QByteArray(binary, sizeof binary - 1);
    QTest::newRow("no version") << QByteArray("Gem::Specification.new do |s|\n  s.name = \"x\"\nend\n");
    QTest::newRow("unterminated string") << QByteArray("Gem::Specification.new do |s|\n  s.name = \"x\n");
    QTest::newRow("half a %q") << QByteArray("s.version = %q");
}

void TestGemspecCataloger::broken()
{
    QFETCH(QByteArray, content);
    const auto facts = parse(QStringLiteral("specifications/x.gemspec"), content);
    QVERIFY(!facts);
    QVERIFY(facts.error().message.contains(QStringLiteral("specifications/x.gemspec")));
}

void TestGemspecCataloger::wants()
{
    GemspecCataloger c;
    QVERIFY(c.wants({ QStringLiteral("usr/local/bundle/specifications/rack-3.0.0.gemspec"), 1, 0100644 }));
    QVERIFY(c.wants({ QStringLiteral("var/lib/gems/3.1.0/specifications/default/json-2.6.1.gemspec"), 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("src/app/rack.gemspec"), 1, 0100644 }));          // a gem's source tree
    QVERIFY(!c.wants({ QStringLiteral("usr/specifications/x/y.gemspec"), 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("usr/myspecifications/y.gemspec"), 1, 0100644 }));
    QVERIFY(c.wants({ QStringLiteral("specifications/y-1.0.gemspec"), 1, 0100644 }));
    QVERIFY(!c.wants({ QStringLiteral("usr/lib/specifications/rack.gemspec.bak"), 1, 0100644 }));
}

QTEST_GUILESS_MAIN(TestGemspecCataloger)
#include "tst_gemspeccataloger.moc"
