// npm catalogers on real npm/yarn/pnpm output: an installed tree made by `npm install` (npm 11)
// with its package-lock.json, lockfiles for the same dependencies from npm (v1, v2), yarn classic,
// yarn berry and pnpm 7/8/9, plus registry package.json files with legacy licence forms.
// See tests/data/catalog-lang/SOURCES.md.
#include "catalog/lang/npminventoryrules.h"
#include "catalog/lang/npmlockcataloger.h"
#include "catalog/lang/npmpackagecataloger.h"
#include "langtestutil.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace bulkhead;
using namespace bulkhead::test;
using namespace Qt::StringLiterals;

namespace {

// The five packages the fixture project depends on (directly, and minimist@0.0.8 via mkdirp).
const QStringList FixtureSet = {u"@babel/helper-string-parser@7.22.5"_s, u"lodash@4.17.15"_s,
                                u"minimist@0.0.8"_s, u"minimist@1.2.5"_s, u"mkdirp@0.5.1"_s};

QStringList nameAtVersion(const QVector<Package> &packages)
{
    QStringList out;
    for (const Package &p : packages)
        out << p.name + u'@' + p.version;
    out.sort();
    return out;
}

Package npmPackage(const QString &name, const QString &foundIn, const QString &flag = {})
{
    Package p;
    p.ecosystem = Ecosystem::Npm;
    p.name = name;
    p.version = u"1.0.0"_s;
    p.foundIn = foundIn;
    if (!flag.isEmpty())
        p.metadata.insert(flag, u"true"_s);
    return p;
}

} // namespace

class TstNpmCatalogers : public QObject {
    Q_OBJECT
private slots:
    void langCatalogersRegistered()
    {
        // The four language catalogers are in the one authoritative list, once each.
        QStringList ids;
        for (const auto &c : allCatalogers())
            ids << c->id();
        for (const QString &id : {u"npm-package"_s, u"npm-lock"_s, u"python-package"_s, u"java-archive"_s})
            QCOMPARE(ids.count(id), 1);
    }

    void packageWants_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("wanted");
        QTest::newRow("installed") << u"srv/app/node_modules/lodash/package.json"_s << true;
        QTest::newRow("scoped") << u"srv/app/node_modules/@babel/helper-string-parser/package.json"_s << true;
        QTest::newRow("nested tree") << u"app/node_modules/mkdirp/node_modules/minimist/package.json"_s << true;
        QTest::newRow("global usr/lib") << u"usr/lib/node_modules/npm/package.json"_s << true;
        QTest::newRow("global usr/local") << u"usr/local/lib/node_modules/corepack/package.json"_s << true;
        QTest::newRow("pnpm store") << u"app/node_modules/.pnpm/lodash@4.17.15/node_modules/lodash/package.json"_s << true;
        QTest::newRow("project root") << u"srv/app/package.json"_s << true;
        QTest::newRow("image root project") << u"package.json"_s << true;
        QTest::newRow("file inside a package") << u"app/node_modules/lodash/fp/package.json"_s << false;
        QTest::newRow("test fixture inside a package") << u"app/node_modules/resolve/test/resolver/baz/package.json"_s << false;
        QTest::newRow("scope folder") << u"app/node_modules/@babel/package.json"_s << false;
        QTest::newRow("hidden folder") << u"app/node_modules/.bin/package.json"_s << false;
        QTest::newRow("other file") << u"app/node_modules/lodash/package.json.orig"_s << false;
        QTest::newRow("lockfile") << u"app/package-lock.json"_s << false;
    }
    void packageWants()
    {
        QFETCH(QString, path);
        QFETCH(bool, wanted);
        QCOMPARE(NpmPackageCataloger().wants(regularFile(path)), wanted);
    }

    void symlinkNotWanted()
    {
        FileMeta m = regularFile(u"app/node_modules/lodash/package.json"_s);
        m.mode = S_IFLNK | 0777;
        QVERIFY(!NpmPackageCataloger().wants(m));
        QVERIFY(!NpmLockCataloger().wants(FileMeta{u"app/yarn.lock"_s, 0, S_IFDIR | 0755}));
    }

    void installedTree()
    {
        const FileFacts facts = catalogTree(NpmPackageCataloger(), u"npm/app"_s);
        QVERIFY(facts.warnings.isEmpty());
        const QStringList expected = {
            u"@babel/helper-string-parser|7.22.5|pkg:npm/%40babel/helper-string-parser@7.22.5|MIT|node_modules/@babel/helper-string-parser/package.json"_s,
            u"bulkhead-npm-fixture|1.0.0|pkg:npm/bulkhead-npm-fixture@1.0.0||package.json"_s,
            u"lodash|4.17.15|pkg:npm/lodash@4.17.15|MIT|node_modules/lodash/package.json"_s,
            u"minimist|0.0.8|pkg:npm/minimist@0.0.8|MIT|node_modules/mkdirp/node_modules/minimist/package.json"_s,
            u"minimist|1.2.5|pkg:npm/minimist@1.2.5|MIT|node_modules/minimist/package.json"_s,
            u"mkdirp|0.5.1|pkg:npm/mkdirp@0.5.1|MIT|node_modules/mkdirp/package.json"_s,
        };
        QCOMPARE(lines(facts.packages), expected);

        // Cross-check against npm's own record of the install: the "packages" map of the
        // lockfileVersion 3 package-lock.json it wrote (install path -> version).
        const QJsonObject lock = QJsonDocument::fromJson(readData(u"npm/app/package-lock.json"_s))
                                     .object().value(u"packages"_s).toObject();
        int installed = 0;
        for (const Package &p : facts.packages) {
            if (p.metadata.value(u"rootProject"_s) == u"true") {
                QCOMPARE(p.metadata.value(u"private"_s), u"true"_s);
                continue;
            }
            ++installed;
            const QString installPath = p.foundIn.chopped(int(qstrlen("/package.json")));
            QCOMPARE(lock.value(installPath).toObject().value(u"version"_s).toString(), p.version);
            QCOMPARE(p.cataloger, u"npm-package"_s);
            QCOMPARE(p.ecosystem, Ecosystem::Npm);
            QVERIFY(!p.metadata.contains(u"private"_s));
            QVERIFY(!p.metadata.contains(u"rootProject"_s));
        }
        QCOMPARE(installed, lock.size() - 1); // every entry but the project itself ("")
    }

    void authorAndHomepage()
    {
        const NpmPackageCataloger c;
        auto lodash = c.parse(regularFile(u"usr/lib/node_modules/lodash/package.json"_s),
                              readData(u"npm/app/node_modules/lodash/package.json"_s));
        QVERIFY(lodash);
        QCOMPARE(lodash->packages.size(), 1);
        const Package &p = lodash->packages.first();
        QCOMPARE(p.foundIn, u"usr/lib/node_modules/lodash/package.json"_s);
        QCOMPARE(p.metadata.value(u"author"_s), u"John-David Dalton <john.david.dalton@gmail.com>"_s);
        QCOMPARE(p.metadata.value(u"homepage"_s), u"https://lodash.com/"_s);
        QVERIFY(!p.metadata.contains(u"rootProject"_s));

        // minimist writes its author as an object.
        auto minimist = c.parse(regularFile(u"node_modules/minimist/package.json"_s),
                                readData(u"npm/app/node_modules/minimist/package.json"_s));
        QVERIFY(minimist);
        QCOMPARE(minimist->packages.first().metadata.value(u"author"_s), u"James Halliday <mail@substack.net>"_s);
    }

    void legacyLicences_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("licences");
        // "licenses": [{"type", "url"}, ...] (json-schema 0.2.3)
        QTest::newRow("licenses array of objects") << u"npm/legacy-licences/node_modules/json-schema/package.json"_s
                                                   << QStringList{u"AFLv2.1"_s, u"BSD"_s};
        // "license": ["MIT", "Apache2"] (pause-stream 0.0.11)
        QTest::newRow("license array of strings") << u"npm/legacy-licences/node_modules/pause-stream/package.json"_s
                                                  << QStringList{u"MIT"_s, u"Apache2"_s};
    }
    void legacyLicences()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, licences);
        const FileMeta meta = regularFile(file.mid(int(qstrlen("npm/legacy-licences/"))));
        QVERIFY(NpmPackageCataloger().wants(meta));
        auto facts = NpmPackageCataloger().parse(meta, readData(file));
        QVERIFY(facts);
        QCOMPARE(facts->packages.size(), 1);
        QCOMPARE(facts->packages.first().licenses, licences);
    }

    void licenceObjectForm()
    {
        // The deprecated {"type", "url"} object form of "license" (package.json documentation).
        auto facts = NpmPackageCataloger().parse(
            regularFile(u"node_modules/x/package.json"_s),
            "{\"name\":\"x\",\"version\":\"1.0.0\",\"license\":{\"type\":\"ISC\",\"url\":\"https://opensource.org/licenses/ISC\"}}");
        QVERIFY(facts);
        QCOMPARE(facts->packages.first().licenses, QStringList{u"ISC"_s});
    }

    void badPackageJson_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("isError");
        QTest::newRow("truncated") << readData(u"npm/app/node_modules/lodash/package.json"_s).left(200) << true;
        QTest::newRow("not json") << QByteArray("\x00\x01\xff garbage", 12) << true;
        QTest::newRow("array") << QByteArray("[1,2,3]") << true;
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("no version") << QByteArray("{\"name\":\"x\"}") << false;
        QTest::newRow("no name") << QByteArray("{\"version\":\"1.0.0\"}") << false;
        QTest::newRow("exports stub") << QByteArray("{\"type\":\"module\"}") << false;
        QTest::newRow("name not a string") << QByteArray("{\"name\":{\"a\":1},\"version\":\"1.0.0\"}") << false;
    }
    void badPackageJson()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, isError);
        const auto facts = NpmPackageCataloger().parse(regularFile(u"node_modules/x/package.json"_s), content);
        QCOMPARE(!facts, isError);
        if (isError) {
            QVERIFY(facts.error().message.contains(u"node_modules/x/package.json"_s));
            QCOMPARE(facts.error().code, int(InvalidInput));
        } else {
            QVERIFY(facts->packages.isEmpty());
            QVERIFY(facts->warnings.isEmpty());
        }
    }

    void lockWants_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("wanted");
        QTest::newRow("package-lock") << u"srv/app/package-lock.json"_s << true;
        QTest::newRow("shrinkwrap") << u"srv/app/npm-shrinkwrap.json"_s << true;
        QTest::newRow("yarn") << u"srv/app/yarn.lock"_s << true;
        QTest::newRow("pnpm") << u"pnpm-lock.yaml"_s << true;
        QTest::newRow("hidden lockfile") << u"srv/app/node_modules/.package-lock.json"_s << false;
        QTest::newRow("dependency's lockfile") << u"srv/app/node_modules/x/package-lock.json"_s << false;
        QTest::newRow("dependency's yarn.lock") << u"srv/app/node_modules/x/yarn.lock"_s << false;
        QTest::newRow("package.json") << u"srv/app/package.json"_s << false;
    }
    void lockWants()
    {
        QFETCH(QString, path);
        QFETCH(bool, wanted);
        QCOMPARE(NpmLockCataloger().wants(regularFile(path)), wanted);
    }

    void lockfiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("devPackages");
        QTest::newRow("package-lock v1") << u"npm/lock-v1/package-lock.json"_s << QStringList();
        QTest::newRow("package-lock v2") << u"npm/lock-v2/package-lock.json"_s << QStringList();
        QTest::newRow("package-lock v3") << u"npm/app/package-lock.json"_s << QStringList();
        QTest::newRow("yarn classic") << u"npm/yarn-classic/yarn.lock"_s << QStringList();
        QTest::newRow("yarn berry") << u"npm/yarn-berry/yarn.lock"_s << QStringList();
        QTest::newRow("pnpm 5.4") << u"npm/pnpm-v5.4/pnpm-lock.yaml"_s << QStringList();
        QTest::newRow("pnpm 6.0") << u"npm/pnpm-v6/pnpm-lock.yaml"_s << QStringList();
        QTest::newRow("pnpm 9.0") << u"npm/pnpm-v9/pnpm-lock.yaml"_s << QStringList();
    }
    void lockfiles()
    {
        QFETCH(QString, file);
        const QString imagePath = u"srv/app/"_s + lang_fileName(file);
        const NpmLockCataloger c;
        QVERIFY(c.wants(regularFile(imagePath)));
        const auto facts = c.parse(regularFile(imagePath), readData(file));
        QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
        QVERIFY(facts->warnings.isEmpty());
        // Every lockfile was written by its tool for the same package.json (SOURCES.md).
        QCOMPARE(nameAtVersion(facts->packages), FixtureSet);
        for (const Package &p : facts->packages) {
            QCOMPARE(p.metadata.value(u"fromLockfile"_s), u"true"_s);
            QCOMPARE(p.foundIn, imagePath);
            QCOMPARE(p.cataloger, u"npm-lock"_s);
            QVERIFY(!p.metadata.contains(u"dev"_s));
        }
        const QStringList purls = [&] {
            QStringList out;
            for (const Package &p : facts->packages)
                out << p.purl;
            out.sort();
            return out;
        }();
        QCOMPARE(purls, (QStringList{u"pkg:npm/%40babel/helper-string-parser@7.22.5"_s, u"pkg:npm/lodash@4.17.15"_s,
                                     u"pkg:npm/minimist@0.0.8"_s, u"pkg:npm/minimist@1.2.5"_s,
                                     u"pkg:npm/mkdirp@0.5.1"_s}));
    }

    void installedTreeMatchesLockfiles()
    {
        // The tree npm installed holds exactly what the lockfiles list.
        QVector<Package> installed;
        for (const Package &p : catalogTree(NpmPackageCataloger(), u"npm/app"_s).packages) {
            if (!p.metadata.contains(u"rootProject"_s))
                installed << p;
        }
        QCOMPARE(nameAtVersion(installed), FixtureSet);
    }

    void lockAliasesAndDev()
    {
        // Shapes from the package-lock.json documentation: an alias ("name" differs from the
        // folder), a dev dependency, a workspace link and a git dependency.
        const QByteArray v3 = "{\"lockfileVersion\":3,\"packages\":{"
            "\"\":{\"name\":\"root\",\"version\":\"1.0.0\"},"
            "\"node_modules/string-width-cjs\":{\"name\":\"string-width\",\"version\":\"4.2.3\"},"
            "\"node_modules/jest\":{\"version\":\"29.7.0\",\"dev\":true},"
            "\"node_modules/local-lib\":{\"resolved\":\"packages/local-lib\",\"link\":true},"
            "\"packages/local-lib\":{\"name\":\"local-lib\",\"version\":\"0.1.0\"},"
            "\"node_modules/gitdep\":{\"version\":\"git+ssh://git@github.com/a/b.git#abc\"}}}";
        const auto facts = NpmLockCataloger().parse(regularFile(u"package-lock.json"_s), v3);
        QVERIFY(facts);
        QCOMPARE(nameAtVersion(facts->packages), (QStringList{u"jest@29.7.0"_s, u"string-width@4.2.3"_s}));
        for (const Package &p : facts->packages)
            QCOMPARE(p.metadata.value(u"dev"_s) == u"true", p.name == u"jest");

        const QByteArray v1 = "{\"lockfileVersion\":1,\"dependencies\":{"
            "\"string-width-cjs\":{\"version\":\"npm:string-width@4.2.3\"},"
            "\"local\":{\"version\":\"file:../local\"}}}";
        const auto facts1 = NpmLockCataloger().parse(regularFile(u"package-lock.json"_s), v1);
        QVERIFY(facts1);
        QCOMPARE(nameAtVersion(facts1->packages), QStringList{u"string-width@4.2.3"_s});
    }

    void badLockfiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("isError");
        QTest::newRow("truncated package-lock") << u"package-lock.json"_s
                                                << readData(u"npm/app/package-lock.json"_s).left(300) << true;
        QTest::newRow("binary package-lock") << u"package-lock.json"_s << QByteArray("\x1f\x8b\x08\x00", 4) << true;
        QTest::newRow("pnpm without version") << u"pnpm-lock.yaml"_s << QByteArray("hello: world\n") << true;
        QTest::newRow("yarn garbage") << u"yarn.lock"_s << QByteArray("just some text\nno blocks") << true;
        QTest::newRow("empty yarn") << u"yarn.lock"_s << QByteArray() << false;
        QTest::newRow("truncated yarn") << u"yarn.lock"_s << readData(u"npm/yarn-classic/yarn.lock"_s).left(400) << false;
        QTest::newRow("truncated pnpm") << u"pnpm-lock.yaml"_s << readData(u"npm/pnpm-v9/pnpm-lock.yaml"_s).left(700) << false;
    }
    void badLockfiles()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(bool, isError);
        const auto facts = NpmLockCataloger().parse(regularFile(u"app/"_s + name), content);
        QCOMPARE(!facts, isError);
        if (isError)
            QVERIFY(facts.error().message.contains(u"app/"_s + name));
        else
            QVERIFY(facts->packages.size() <= FixtureSet.size());
    }

    void dropShadowedLockfilePackages_data()
    {
        QTest::addColumn<QVector<Package>>("input");
        QTest::addColumn<QStringList>("kept"); // foundIn of the packages left, in order
        const QString flag = u"fromLockfile"_s;
        QTest::newRow("installed tree shadows its lockfile")
            << QVector<Package>{npmPackage(u"a"_s, u"srv/app/package-lock.json"_s, flag),
                                npmPackage(u"a"_s, u"srv/app/node_modules/a/package.json"_s)}
            << QStringList{u"srv/app/node_modules/a/package.json"_s};
        QTest::newRow("nested installed package shadows too")
            << QVector<Package>{npmPackage(u"b"_s, u"srv/app/yarn.lock"_s, flag),
                                npmPackage(u"b"_s, u"srv/app/node_modules/a/node_modules/b/package.json"_s)}
            << QStringList{u"srv/app/node_modules/a/node_modules/b/package.json"_s};
        QTest::newRow("image root")
            << QVector<Package>{npmPackage(u"a"_s, u"pnpm-lock.yaml"_s, flag),
                                npmPackage(u"a"_s, u"node_modules/.pnpm/a@1.0.0/node_modules/a/package.json"_s)}
            << QStringList{u"node_modules/.pnpm/a@1.0.0/node_modules/a/package.json"_s};
        QTest::newRow("other directory keeps its lockfile")
            << QVector<Package>{npmPackage(u"a"_s, u"srv/app2/package-lock.json"_s, flag),
                                npmPackage(u"a"_s, u"srv/app/node_modules/a/package.json"_s)}
            << QStringList{u"srv/app2/package-lock.json"_s, u"srv/app/node_modules/a/package.json"_s};
        QTest::newRow("prefix is not a parent")
            << QVector<Package>{npmPackage(u"a"_s, u"srv/app/package-lock.json"_s, flag),
                                npmPackage(u"a"_s, u"srv/app-old/node_modules/a/package.json"_s)}
            << QStringList{u"srv/app/package-lock.json"_s, u"srv/app-old/node_modules/a/package.json"_s};
        QTest::newRow("lockfiles do not shadow each other")
            << QVector<Package>{npmPackage(u"a"_s, u"srv/app/package-lock.json"_s, flag),
                                npmPackage(u"a"_s, u"srv/app/yarn.lock"_s, flag)}
            << QStringList{u"srv/app/package-lock.json"_s, u"srv/app/yarn.lock"_s};
        Package jar;
        jar.ecosystem = Ecosystem::Maven;
        jar.name = u"x:y"_s;
        jar.foundIn = u"srv/app/node_modules/x/y.jar"_s;
        jar.metadata.insert(flag, u"true"_s);
        QTest::newRow("other ecosystems untouched")
            << QVector<Package>{jar, npmPackage(u"a"_s, u"srv/app/node_modules/a/package.json"_s)}
            << QStringList{u"srv/app/node_modules/x/y.jar"_s, u"srv/app/node_modules/a/package.json"_s};
    }
    void dropShadowedLockfilePackages()
    {
        QFETCH(QVector<Package>, input);
        QFETCH(QStringList, kept);
        bulkhead::dropShadowedLockfilePackages(input);
        QStringList got;
        for (const Package &p : input)
            got << p.foundIn;
        QCOMPARE(got, kept);
    }

    void dropUnanchoredRootProjects()
    {
        const QString root = u"rootProject"_s;
        QVector<Package> packages{
            npmPackage(u"with-tree"_s, u"srv/a/package.json"_s, root),
            npmPackage(u"dep"_s, u"srv/a/node_modules/dep/package.json"_s),
            npmPackage(u"with-lock"_s, u"srv/b/package.json"_s, root),
            npmPackage(u"dep"_s, u"srv/b/yarn.lock"_s, u"fromLockfile"_s),
            npmPackage(u"stray"_s, u"usr/share/doc/x/package.json"_s, root),
        };
        bulkhead::dropUnanchoredNpmRootProjects(packages);
        QCOMPARE(nameAtVersion(packages), (QStringList{u"dep@1.0.0"_s, u"dep@1.0.0"_s, u"with-lock@1.0.0"_s,
                                                       u"with-tree@1.0.0"_s}));
    }

    void realTreeAssembly()
    {
        // The whole fixture project: installed tree + its lockfile. The lockfile is shadowed, the
        // private project stays (anchored by node_modules), flagged private.
        QVector<Package> all = catalogTree(NpmPackageCataloger(), u"npm/app"_s).packages;
        all += catalogTree(NpmLockCataloger(), u"npm/app"_s).packages;
        QCOMPARE(all.size(), 6 + 5);
        applyNpmInventoryRules(all);
        QCOMPARE(all.size(), 6);
        for (const Package &p : all) {
            QVERIFY(!p.metadata.contains(u"fromLockfile"_s));
            if (p.foundIn == u"package.json")
                QCOMPARE(p.metadata.value(u"private"_s), u"true"_s);
        }
    }

private:
    static QString lang_fileName(const QString &path) { return path.section(u'/', -1); }
};

QTEST_GUILESS_MAIN(TstNpmCatalogers)
#include "tst_npmcatalogers.moc"
