// RustBinaryCataloger over a real executable built with cargo-auditable (tests/data/catalog-bin/
// rust/build.sh): the expected crates are the section's JSON as Python's zlib + json read it
// (auditable-bin.dep-v0.json, written by the same script).
#include "binfixtures.h"
#include "catalog/binary/rustbinarycataloger.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bulkhead;

namespace {

const QString kPath = QStringLiteral("usr/local/bin/fixture");

Result<FileFacts> parse(const QByteArray &content)
{
    return RustBinaryCataloger().parse({ kPath, content.size(), 0100755 }, content);
}

// The binary with its .dep-v0 section moved to `payload`, appended at the end of the file (the
// section header's offset and size are rewritten); with keep >= 0, the real section instead
// keeps only its first `keep` bytes (the rest zeroed).
QByteArray withSection(const QByteArray &payload, qint64 keep = -1)
{
    QByteArray bin = test::binFixture(QStringLiteral("rust/auditable-bin"));
    const auto range = test::sectionRange(bin, ".dep-v0");
    if (range.first < 0)
        return {};
    if (keep >= 0) {
        for (qint64 i = keep; i < range.second; ++i)
            bin[range.first + i] = 0;
        return bin;
    }
    const auto shoff = qFromLittleEndian<quint64>(bin.constData() + 40);
    const quint16 entsize = qFromLittleEndian<quint16>(bin.constData() + 58);
    const quint16 count = qFromLittleEndian<quint16>(bin.constData() + 60);
    const qint64 at = bin.size();
    bin += payload;
    for (int i = 0; i < count; ++i) {
        char *h = bin.data() + shoff + i * entsize;
        if (qFromLittleEndian<quint64>(h + 24) == quint64(range.first)) {
            qToLittleEndian<quint64>(quint64(at), h + 24);
            qToLittleEndian<quint64>(quint64(payload.size()), h + 32);
        }
    }
    return bin;
}

// A zlib stream (RFC 1950) of `data`: qCompress() output without its 4-byte length prefix.
QByteArray zlib(const QByteArray &data) { return qCompress(data).mid(4); }

} // namespace

class TestRustBinaryCataloger : public QObject {
    Q_OBJECT
private slots:
    void matchesAuditData();
    void fields();
    void notAuditable_data();
    void notAuditable();
    void hostile_data();
    void hostile();
    void otherSourceAndMissingFields();
};

void TestRustBinaryCataloger::matchesAuditData()
{
    const auto facts = parse(test::binFixture(QStringLiteral("rust/auditable-bin")));
    QVERIFY2(facts, facts ? "" : qPrintable(facts.error().message));
    QVERIFY(facts->warnings.isEmpty());
    const QJsonArray truth = QJsonDocument::fromJson(test::binFixture(QStringLiteral("rust/auditable-bin.dep-v0.json")))
                                 .object()
                                 .value(QStringLiteral("packages"))
                                 .toArray();
    QCOMPARE(truth.size(), 5);
    QCOMPARE(facts->packages.size(), truth.size());
    for (int i = 0; i < truth.size(); ++i) {
        const QJsonObject o = truth.at(i).toObject();
        const Package &p = facts->packages.at(i);
        QCOMPARE(p.name, o.value(QStringLiteral("name")).toString());
        QCOMPARE(p.version, o.value(QStringLiteral("version")).toString());
        QCOMPARE(p.metadata.value(QStringLiteral("source")), o.value(QStringLiteral("source")).toString());
        QCOMPARE(p.metadata.value(QStringLiteral("kind")), o.value(QStringLiteral("kind")).toString(QStringLiteral("runtime")));
        QCOMPARE(p.metadata.contains(QStringLiteral("root")), o.value(QStringLiteral("root")).toBool());
        QCOMPARE(p.ecosystem, Ecosystem::Cargo);
        QCOMPARE(p.foundIn, kPath);
        QCOMPARE(p.cataloger, QStringLiteral("rust-binary"));
        QCOMPARE(p.purl, QStringLiteral("pkg:cargo/%1@%2").arg(p.name, p.version));
    }
}

void TestRustBinaryCataloger::fields()
{
    const auto facts = parse(test::binFixture(QStringLiteral("rust/auditable-bin")));
    QVERIFY(facts);
    QStringList summary;
    for (const Package &p : facts->packages)
        summary << p.name + u' ' + p.version + u' ' + p.metadata.value(QStringLiteral("kind"))
                + (p.metadata.contains(kMetaNotMatchable) ? QStringLiteral(" local") : QString());
    QCOMPARE(summary,
        (QStringList { QStringLiteral("adler 1.0.2 build"), QStringLiteral("bulkhead-rust-fixture 0.1.0 runtime local"),
            QStringLiteral("fnv 1.0.7 runtime"), QStringLiteral("helper 0.2.0 runtime local"),
            QStringLiteral("itoa 1.0.1 runtime") }));
}

void TestRustBinaryCataloger::notAuditable_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("Go binary") << test::binFixture(QStringLiteral("go/modbin"));
    static const char pe[] = "MZ\x90\x00 a PE file";
    QTest::newRow("not ELF") << QByteArray(pe, sizeof pe - 1);
    QTest::newRow("truncated ELF (reported by the Go cataloger)") << test::binFixture(QStringLiteral("go/modbin")).left(64);
}

void TestRustBinaryCataloger::notAuditable()
{
    QFETCH(QByteArray, content);
    const auto facts = parse(content);
    QVERIFY(facts);
    QVERIFY(facts->isEmpty());
    QVERIFY(facts->warnings.isEmpty());
}

void TestRustBinaryCataloger::hostile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    const QByteArray good = test::binFixture(QStringLiteral("rust/auditable-bin"));
    const auto range = test::sectionRange(good, ".dep-v0");
    QVERIFY(range.first > 0 && range.second > 16);
    QByteArray corrupt = good;
    for (int i = 2; i < 12; ++i)
        corrupt[range.first + i] = char(corrupt.at(range.first + i) ^ 0x5a);
    QTest::newRow("corrupt zlib") << corrupt << "zlib";
    QTest::newRow("truncated zlib") << withSection({}, range.second / 2) << "zlib";
    QTest::newRow("broken JSON") << withSection(zlib(R"({"packages":[{"name":"itoa","vers)")) << "dependency list";
    QTest::newRow("empty section") << withSection(QByteArray()) << "no data";
    QTest::newRow("JSON without packages") << withSection(zlib(R"({"format":1})")) << "dependency list";
    QTest::newRow("not zlib at all") << withSection(QByteArray("plain text, no zlib header")) << "zlib";
    // A stream that inflates to far more than any dependency list (16 MiB of spaces).
    const QByteArray bomb = zlib(QByteArray(16 * 1024 * 1024, ' '));
    QTest::newRow("decompression bomb") << withSection(bomb) << "8 MiB";
}

void TestRustBinaryCataloger::hostile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QVERIFY(!content.isEmpty());
    const auto facts = parse(content);
    QVERIFY(!facts);
    QVERIFY2(facts.error().message.contains(reason), qPrintable(facts.error().message));
    QVERIFY(facts.error().message.contains(kPath));
}

void TestRustBinaryCataloger::otherSourceAndMissingFields()
{
    // Schema: "source" may be {"Other": "..."}; entries without name or version are skipped.
    const auto facts = parse(withSection(zlib(
        R"({"packages":[{"name":"x","version":"1.0.0","source":{"Other":"sparse+https://example.org/"}},)"
        R"({"name":"y","source":"crates.io"},{"version":"2.0.0","source":"git"}]})")));
    QVERIFY(facts);
    QCOMPARE(facts->packages.size(), 1);
    QCOMPARE(facts->packages.first().metadata.value(QStringLiteral("source")), QStringLiteral("sparse+https://example.org/"));
    QCOMPARE(facts->warnings.size(), 1);
}

QTEST_GUILESS_MAIN(TestRustBinaryCataloger)
#include "tst_rustbinarycataloger.moc"
