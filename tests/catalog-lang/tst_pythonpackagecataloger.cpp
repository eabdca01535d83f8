// Python cataloger on real installed metadata: Debian 12 packages (egg-info directories and
// single-file egg-info, a flit dist-info) and pip-installed wheels from PyPI (metadata 2.1–2.4,
// License-Expression). Expected values were read with Python's email.parser (SOURCES.md).
#include "catalog/lang/pythonpackagecataloger.h"
#include "langtestutil.h"

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {
const QString Debian = u"usr/lib/python3/dist-packages"_s;
const QString Local = u"usr/local/lib/python3.11/site-packages"_s;
} // namespace

class TstPythonPackageCataloger : public QObject {
    Q_OBJECT
private slots:
    void wants_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<quint32>("mode");
        QTest::addColumn<bool>("wanted");
        const quint32 file = S_IFREG | 0644, dir = S_IFDIR | 0755;
        QTest::newRow("dist-info") << Debian + u"/typing_extensions-4.4.0.dist-info/METADATA"_s << file << true;
        QTest::newRow("egg-info dir") << Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s << file << true;
        QTest::newRow("egg-info file") << Debian + u"/selinux-3.4.egg-info"_s << file << true;
        QTest::newRow("egg-info directory entry") << Debian + u"/six-1.16.0.egg-info"_s << dir << false;
        QTest::newRow("RECORD") << Debian + u"/typing_extensions-4.4.0.dist-info/RECORD"_s << file << false;
        QTest::newRow("bare METADATA") << u"srv/METADATA"_s << file << false;
        QTest::newRow("sdist PKG-INFO") << u"src/six-1.16.0/PKG-INFO"_s << file << false;
        QTest::newRow("only suffix") << u"x/.egg-info"_s << file << false;
        QTest::newRow("symlink") << Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s << quint32(S_IFLNK | 0777) << false;
    }
    void wants()
    {
        QFETCH(QString, path);
        QFETCH(quint32, mode);
        QFETCH(bool, wanted);
        QCOMPARE(PythonPackageCataloger().wants(FileMeta{path, 100, mode}), wanted);
    }

    void realMetadata_data()
    {
        QTest::addColumn<QString>("path");        // image path == data path below python/
        QTest::addColumn<QString>("line");        // name|version|purl|licences|foundIn
        QTest::addColumn<QString>("originalName");
        QTest::addColumn<QString>("metadataPath");
        QTest::addColumn<QString>("sitePackages");

        const auto row = [](const char *tag, const QString &site, const QString &entry, const QString &file,
                            const QString &name, const QString &version, const QString &purl,
                            const QString &licences, const QString &original) {
            const QString metadataPath = site + u'/' + entry;
            const QString path = file.isEmpty() ? metadataPath : metadataPath + u'/' + file;
            QTest::newRow(tag) << path
                               << name + u'|' + version + u'|' + purl + u'|' + licences + u'|' + path
                               << original << metadataPath << site;
        };
        // Debian 12 (bookworm) packages.
        row("six egg-info", Debian, u"six-1.16.0.egg-info"_s, u"PKG-INFO"_s, u"six"_s, u"1.16.0"_s,
            u"pkg:pypi/six@1.16.0"_s, u"MIT"_s, u"six"_s);
        row("urllib3 egg-info", Debian, u"urllib3-1.26.12.egg-info"_s, u"PKG-INFO"_s, u"urllib3"_s, u"1.26.12"_s,
            u"pkg:pypi/urllib3@1.26.12"_s, u"MIT"_s, u"urllib3"_s);
        row("MarkupSafe upper case", Debian, u"MarkupSafe-2.1.2.egg-info"_s, u"PKG-INFO"_s, u"markupsafe"_s,
            u"2.1.2"_s, u"pkg:pypi/markupsafe@2.1.2"_s, u"BSD-3-Clause"_s, u"MarkupSafe"_s);
        row("python-apt", Debian, u"python_apt-2.6.0.egg-info"_s, u"PKG-INFO"_s, u"python-apt"_s, u"2.6.0"_s,
            u"pkg:pypi/python-apt@2.6.0"_s, u"GNU GPL"_s, u"python-apt"_s);
        // No License field: the trove classifier names the licence.
        row("typing_extensions dist-info", Debian, u"typing_extensions-4.4.0.dist-info"_s, u"METADATA"_s,
            u"typing-extensions"_s, u"4.4.0"_s, u"pkg:pypi/typing-extensions@4.4.0"_s,
            u"Python Software Foundation License"_s, u"typing_extensions"_s);
        // Single-file egg-info (distutils); License: UNKNOWN names no licence.
        row("selinux file", Debian, u"selinux-3.4.egg-info"_s, QString(), u"selinux"_s, u"3.4"_s,
            u"pkg:pypi/selinux@3.4"_s, QString(), u"selinux"_s);
        // Single-file egg-info with a multi-line Description header.
        row("pycups file", Debian, u"pycups-2.0.1.egg-info"_s, QString(), u"pycups"_s, u"2.0.1"_s,
            u"pkg:pypi/pycups@2.0.1"_s, u"GPLv2+"_s, u"pycups"_s);
        // Wheels installed by pip (pip's own from Debian's python3-pip-whl, the others from PyPI).
        row("pip", Local, u"pip-23.0.1.dist-info"_s, u"METADATA"_s, u"pip"_s, u"23.0.1"_s, u"pkg:pypi/pip@23.0.1"_s,
            u"MIT"_s, u"pip"_s);
        row("Flask License-Expression", Local, u"flask-3.1.3.dist-info"_s, u"METADATA"_s, u"flask"_s, u"3.1.3"_s,
            u"pkg:pypi/flask@3.1.3"_s, u"BSD-3-Clause"_s, u"Flask"_s);
        row("cryptography OR expression", Local, u"cryptography-48.0.0.dist-info"_s, u"METADATA"_s,
            u"cryptography"_s, u"48.0.0"_s, u"pkg:pypi/cryptography@48.0.0"_s, u"Apache-2.0 OR BSD-3-Clause"_s,
            u"cryptography"_s);
        row("lazy-object-proxy", Local, u"lazy_object_proxy-1.12.0.dist-info"_s, u"METADATA"_s,
            u"lazy-object-proxy"_s, u"1.12.0"_s, u"pkg:pypi/lazy-object-proxy@1.12.0"_s, u"BSD-2-Clause"_s,
            u"lazy-object-proxy"_s);
        // License holds the whole licence text: the classifier is used instead.
        row("traitlets licence text", Local, u"traitlets-5.15.0.dist-info"_s, u"METADATA"_s, u"traitlets"_s,
            u"5.15.0"_s, u"pkg:pypi/traitlets@5.15.0"_s, u"BSD License"_s, u"traitlets"_s);
    }
    void realMetadata()
    {
        QFETCH(QString, path);
        QFETCH(QString, line);
        QFETCH(QString, originalName);
        QFETCH(QString, metadataPath);
        QFETCH(QString, sitePackages);
        const PythonPackageCataloger c;
        const FileMeta meta = regularFile(path);
        QVERIFY(c.wants(meta));
        const auto facts = c.parse(meta, readData(u"python/"_s + path));
        QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
        QVERIFY(facts->warnings.isEmpty());
        QCOMPARE(facts->packages.size(), 1);
        const Package &p = facts->packages.first();
        QCOMPARE(test::line(p), line);
        QCOMPARE(p.ecosystem, Ecosystem::PyPI);
        QCOMPARE(p.cataloger, u"python-package"_s);
        QCOMPARE(p.metadata.value(u"originalName"_s), originalName);
        QCOMPARE(p.metadata.value(u"metadataPath"_s), metadataPath);
        QCOMPARE(p.metadata.value(u"sitePackages"_s), sitePackages);
        // The identity matches the directory/file name pip or setuptools wrote.
        const QString entry = metadataPath.section(u'/', -1);
        QVERIFY(PythonPackageCataloger::normalizedName(entry.section(u'-', 0, 0)) == p.name
                || entry.startsWith(originalName));
    }

    void wholeTree()
    {
        // Every metadata file of the data tree, and nothing else (RECORD is not metadata).
        const FileFacts facts = catalogTree(PythonPackageCataloger(), u"python"_s);
        QVERIFY(facts.warnings.isEmpty());
        QCOMPARE(facts.packages.size(), 12);
    }

    void homepageAndAuthor()
    {
        const auto facts = PythonPackageCataloger().parse(
            regularFile(Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s),
            readData(u"python/"_s + Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s));
        QVERIFY(facts);
        QCOMPARE(facts->packages.first().metadata.value(u"author"_s), u"Benjamin Peterson"_s);
        QCOMPARE(facts->packages.first().metadata.value(u"homepage"_s), u"https://github.com/benjaminp/six"_s);
        QCOMPARE(facts->packages.first().metadata.value(u"metadataFormat"_s), u"egg-info"_s);
    }

    void normalizedName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("normalized");
        // PEP 503 "Normalized Names" examples.
        QTest::newRow("upper") << u"Flask"_s << u"flask"_s;
        QTest::newRow("underscore") << u"typing_extensions"_s << u"typing-extensions"_s;
        QTest::newRow("dot") << u"zope.interface"_s << u"zope-interface"_s;
        QTest::newRow("runs") << u"Friendly-Bard"_s << u"friendly-bard"_s;
        QTest::newRow("mixed run") << u"FRIENDLY._-BARD"_s << u"friendly-bard"_s;
    }
    void normalizedName()
    {
        QFETCH(QString, name);
        QFETCH(QString, normalized);
        QCOMPARE(PythonPackageCataloger::normalizedName(name), normalized);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10);
        QTest::newRow("no version") << QByteArray("Metadata-Version: 2.1\nName: six\n\nbody\n");
        QTest::newRow("RECORD file") << readData(u"python/"_s + Debian + u"/typing_extensions-4.4.0.dist-info/RECORD"_s);
        QTest::newRow("version only in body")
            << QByteArray("Metadata-Version: 2.1\nName: six\n\nVersion: 1.0\n");
    }
    void badInput()
    {
        QFETCH(QByteArray, content);
        const QString path = Local + u"/x-1.0.dist-info/METADATA"_s;
        const auto facts = PythonPackageCataloger().parse(regularFile(path), content);
        QVERIFY(!facts);
        QCOMPARE(facts.error().code, int(InvalidInput));
        QVERIFY(facts.error().message.contains(path));
    }

    void crlfAndContinuation()
    {
        // CRLF line ends and a folded header still give the same fields.
        QByteArray six = readData(u"python/"_s + Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s);
        six.replace("\n", "\r\n");
        const auto facts = PythonPackageCataloger().parse(regularFile(Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s), six);
        QVERIFY(facts);
        QCOMPARE(test::line(facts->packages.first()),
                 u"six|1.16.0|pkg:pypi/six@1.16.0|MIT|"_s + Debian + u"/six-1.16.0.egg-info/PKG-INFO"_s);
    }
};

QTEST_GUILESS_MAIN(TstPythonPackageCataloger)
#include "tst_pythonpackagecataloger.moc"
