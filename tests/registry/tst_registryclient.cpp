// RegistryClient and RegistrySource against real registries (Debian's docker-registry 2.8 with
// TLS + htpasswd, a second one with token auth and our issuer) and a fault-injecting proxy.

#include "../image/imagefixtures.h"
#include "registrytestenv.h"
#include "testutil.h"

#include "image/imagemetadata.h"
#include "image/imagesources.h"
#include "image/registry/registryclient.h"
#include "image/registry/registrysource.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace bulkhead;
using namespace bulkhead::test;

class TestRegistryClient : public QObject {
    Q_OBJECT

private:
    RegistryConfig config() const
    {
        RegistryConfig c;
        RegistryHostSettings s;
        s.caFile = m_env.ca();
        c.setSettings(QStringLiteral("127.0.0.1"), s);
        c.setSettings(QStringLiteral("localhost"), s);
        c.setTimeoutSeconds(20);
        return c;
    }
    RegistryCredentials creds() const
    {
        RegistryCredentials c;
        c.username = m_env.user();
        c.secret = m_env.password();
        c.origin = QStringLiteral("the test");
        return c;
    }
    std::unique_ptr<RegistryClient> client(const QString &host, bool withCredentials = true) const
    {
        auto c = std::make_unique<RegistryClient>(host, config());
        if (withCredentials)
            c->setCredentials(creds());
        return c;
    }
    OpenOptions options(const Platform &platform = {}) const
    {
        OpenOptions o;
        o.platform = platform;
        o.registryCas = {QStringLiteral("127.0.0.1=") + m_env.ca(), QStringLiteral("localhost=") + m_env.ca()};
        return o;
    }
    Result<ImageInfo> openRegistry(const QString &ref, const OpenOptions &o, std::unique_ptr<ImageSource> *keep = nullptr)
    {
        auto opened = openImageSource(QStringLiteral("registry:") + ref);
        if (!opened)
            return tl::unexpected(opened.error());
        auto info = opened->source->open(o, ProgressSink());
        if (keep)
            *keep = std::move(opened->source);
        return info;
    }
    int countRequests(const QString &proxy, const QString &pathPart) const
    {
        int n = 0;
        for (const QJsonValue &v : m_env.proxyLog(proxy))
            if (v.toObject().value(u"path").toString().contains(pathPart))
                ++n;
        return n;
    }

    QTemporaryDir m_tmp;
    RegistryTestEnv m_env;
    BuiltImages m_images;
    QString m_amd64Manifest;
    QString m_arm64Config;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString why = m_env.startWithImages(m_tmp.path(), &m_images);
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        // The Docker client configuration the source finds credentials in (dockeruser).
        const QString docker = m_tmp.filePath(QStringLiteral("docker"));
        QDir().mkpath(docker);
        QJsonObject auths;
        const QByteArray auth = (m_env.dockerUser() + u':' + m_env.dockerPassword()).toUtf8().toBase64();
        for (const QString &host : {m_env.basic(), m_env.proxy(), m_env.token(), m_env.tokenProxy()})
            auths.insert(host, QJsonObject{{QStringLiteral("auth"), QString::fromLatin1(auth)}});
        writeJson(docker + QStringLiteral("/config.json"), QJsonObject{{QStringLiteral("auths"), auths}});
        qputenv("DOCKER_CONFIG", docker.toLocal8Bit());
        qputenv("BULKHEAD_REGISTRIES_CONFIG", m_tmp.filePath(QStringLiteral("no-registries.json")).toLocal8Bit());

        const QString oci = QStringLiteral("oci:") + m_images.ociDir + QStringLiteral(":app");
        m_amd64Manifest = firstManifestDigest(m_images.ociDir);
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("tiny:oci"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
        QCOMPARE(m_env.push(QStringLiteral("docker-archive:") + m_images.dockerArchive, m_env.basic(), QStringLiteral("tiny:v2s2"),
                            {QStringLiteral("--format"), QStringLiteral("v2s2")}), QString());
        // zstd layers: recompressed into a local layout first (a push would reuse the gzip blobs).
        const QString zstd = m_tmp.filePath(QStringLiteral("zstd"));
        QString zstdError;
        QVERIFY2(runTool(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("--dest-compress"),
                                                   QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"), oci,
                                                   QStringLiteral("oci:") + zstd + QStringLiteral(":app")}, &zstdError),
                 qPrintable(zstdError));
        QCOMPARE(m_env.push(QStringLiteral("oci:") + zstd + QStringLiteral(":app"), m_env.basic(), QStringLiteral("tiny:zstd"),
                            {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
        QCOMPARE(m_env.push(oci, m_env.basic(), QStringLiteral("other/nested:1"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());

        // A two-platform index: the built image as linux/amd64, and an arm64 config over the same layers.
        const QString multi = m_tmp.filePath(QStringLiteral("multi"));
        QVERIFY(copyTree(m_images.ociDir, multi));
        const QJsonObject amd64Entry = readJson(multi + QStringLiteral("/index.json")).value(u"manifests").toArray().first().toObject();
        const QString arm64Manifest = editConfig(multi, [](QJsonObject &c) { c[QStringLiteral("architecture")] = QStringLiteral("arm64"); });
        m_arm64Config = QJsonDocument::fromJson(readBlob(multi, arm64Manifest)).object().value(u"config").toObject()
                            .value(u"digest").toString();
        const QByteArray arm64Bytes = readBlob(multi, arm64Manifest);
        QJsonObject amd = amd64Entry;
        amd.remove(QStringLiteral("annotations"));
        amd.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")}, {QStringLiteral("architecture"), QStringLiteral("amd64")}});
        QJsonObject arm{{QStringLiteral("mediaType"), mediatype::ociManifest}, {QStringLiteral("digest"), arm64Manifest},
                        {QStringLiteral("size"), arm64Bytes.size()},
                        {QStringLiteral("platform"), QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")}, {QStringLiteral("architecture"), QStringLiteral("arm64")}}}};
        const QByteArray indexBytes = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                                                {QStringLiteral("mediaType"), mediatype::ociIndex},
                                                                {QStringLiteral("manifests"), QJsonArray{amd, arm}}}).toJson(QJsonDocument::Compact);
        const QString indexDigest = writeBlob(multi, indexBytes);
        writeJson(multi + QStringLiteral("/index.json"),
                  QJsonObject{{QStringLiteral("schemaVersion"), 2},
                              {QStringLiteral("manifests"), QJsonArray{QJsonObject{
                                   {QStringLiteral("mediaType"), mediatype::ociIndex}, {QStringLiteral("digest"), indexDigest},
                                   {QStringLiteral("size"), indexBytes.size()},
                                   {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("org.opencontainers.image.ref.name"), QStringLiteral("multi")}}}}}}});
        const QString multiRef = QStringLiteral("oci:") + multi + QStringLiteral(":multi");
        QCOMPARE(m_env.push(multiRef, m_env.basic(), QStringLiteral("tiny:multi-oci"), {QStringLiteral("--all")}), QString());
        QCOMPARE(m_env.push(multiRef, m_env.basic(), QStringLiteral("tiny:multi-list"),
                            {QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("v2s2")}), QString());
        QCOMPARE(m_env.push(oci, m_env.token(), QStringLiteral("public/tiny:1"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
        QCOMPARE(m_env.push(oci, m_env.token(), QStringLiteral("private/tiny:1"), {QStringLiteral("--format"), QStringLiteral("oci")}), QString());
    }

    void cleanupTestCase() { m_env.stop(); }

    // Every test starts with no armed fault and an empty request log.
    void init()
    {
        m_env.resetProxy(m_env.proxy());
        m_env.resetProxy(m_env.tokenProxy());
    }

    void pingAsksForCredentials()
    {
        auto anonymous = client(m_env.basic(), false);
        auto ping = anonymous->ping();
        QVERIFY(!ping);
        QCOMPARE(ping.error().code, int(AuthError));
        QVERIFY2(ping.error().message.contains(QStringLiteral("bulkhead login ") + m_env.basic()), qPrintable(ping.error().message));
        QVERIFY(client(m_env.basic())->ping());

        auto wrong = client(m_env.basic(), false);
        RegistryCredentials bad = creds();
        bad.secret = QStringLiteral("not-the-password");
        wrong->setCredentials(bad);
        auto refused = wrong->ping();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, int(AuthError));
        QVERIFY(!refused.error().message.contains(QStringLiteral("not-the-password")));
    }

    void tlsNeedsTheCa()
    {
        RegistryClient plain(m_env.basic(), RegistryConfig());
        plain.setCredentials(creds());
        auto ping = plain.ping();
        QVERIFY(!ping);
        QVERIFY2(ping.error().message.contains(QStringLiteral("--registry-ca")), qPrintable(ping.error().message));
        // Only an explicit per-host opt-in skips verification.
        RegistryConfig insecure;
        QVERIFY(insecure.applyFlags({m_env.basic()}, {}));
        RegistryClient unverified(m_env.basic(), insecure);
        unverified.setCredentials(creds());
        QVERIFY(unverified.ping());
        // A mirror endpoint is tried first: here the proxy stands in as the mirror.
        RegistryConfig mirrored = config();
        RegistryHostSettings s = mirrored.settings(m_env.basic());
        s.mirrors = {QStringLiteral("https://") + m_env.proxy()};
        mirrored.setSettings(m_env.basic(), s);
        m_env.resetProxy(m_env.proxy());
        RegistryClient viaMirror(m_env.basic(), mirrored);
        viaMirror.setCredentials(creds());
        QVERIFY(viaMirror.manifest(QStringLiteral("tiny"), QStringLiteral("oci")));
        QCOMPARE(viaMirror.endpoint(), QStringLiteral("https://") + m_env.proxy());
        QVERIFY(countRequests(m_env.proxy(), QStringLiteral("/manifests/oci")) >= 1);
    }

    void manifestFormats_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("manifestType");
        QTest::addColumn<bool>("fromIndex");
        QTest::newRow("OCI manifest") << "oci" << mediatype::ociManifest << false;
        QTest::newRow("Docker v2s2") << "v2s2" << mediatype::dockerManifest << false;
        QTest::newRow("zstd layers") << "zstd" << mediatype::ociManifest << false;
        QTest::newRow("OCI index") << "multi-oci" << mediatype::ociManifest << true;
        QTest::newRow("Docker manifest list") << "multi-list" << mediatype::dockerManifest << true;
    }
    void manifestFormats()
    {
        QFETCH(QString, tag);
        QFETCH(QString, manifestType);
        QFETCH(bool, fromIndex);
        std::unique_ptr<ImageSource> source;
        auto info = openRegistry(m_env.basic() + QStringLiteral("/tiny:") + tag, options(Platform{QStringLiteral("linux"), QStringLiteral("amd64"), {}}), &source);
        QVERIFY2(info, info ? "" : qPrintable(info.error().message));
        QCOMPARE(info->sourceKind, QStringLiteral("registry"));
        QCOMPARE(info->manifestMediaType, manifestType);
        QCOMPARE(info->indexDigest.isEmpty(), !fromIndex);
        QCOMPARE(info->layers.size(), 2);
        QCOMPARE(info->config.platform.architecture, QStringLiteral("amd64"));
        QCOMPARE(info->layers.at(0).createdBy, QString::fromLatin1(kLayer1CreatedBy));
        if (tag == u"zstd")
            QVERIFY(info->layers.at(0).mediaType.endsWith(QStringLiteral("+zstd")));
        HashingSink sink;
        const QSet<int> all = {0, 1};
        auto streamed = source->streamLayers(all, sink, ProgressSink());
        QVERIFY2(streamed, streamed ? "" : qPrintable(streamed.error().message));
        QCOMPARE(checkStreamed(sink.blobs, *info, all), QString());
    }

    void platformSelection()
    {
        auto arm = openRegistry(m_env.basic() + QStringLiteral("/tiny:multi-oci"), options(Platform{QStringLiteral("linux"), QStringLiteral("arm64"), {}}));
        QVERIFY2(arm, arm ? "" : qPrintable(arm.error().message));
        QCOMPARE(arm->configDigest, m_arm64Config);
        QCOMPARE(arm->config.platform.architecture, QStringLiteral("arm64"));
        QVERIFY(arm->selection.contains(QStringLiteral("linux/arm64")));
        auto none = openRegistry(m_env.basic() + QStringLiteral("/tiny:multi-list"), options(Platform{QStringLiteral("linux"), QStringLiteral("s390x"), {}}));
        QVERIFY(!none);
        QCOMPARE(none.error().code, int(NotFound));
        QVERIFY2(none.error().message.contains(QStringLiteral("linux/amd64, linux/arm64")), qPrintable(none.error().message));
    }

    void byDigestAndMissing()
    {
        auto c = client(m_env.basic());
        auto byTag = c->manifest(QStringLiteral("tiny"), QStringLiteral("oci"));
        QVERIFY(byTag);
        QCOMPARE(byTag->digest, m_amd64Manifest);
        auto byDigest = openRegistry(m_env.basic() + QStringLiteral("/tiny@") + byTag->digest, options());
        QVERIFY2(byDigest, byDigest ? "" : qPrintable(byDigest.error().message));
        QCOMPARE(byDigest->manifestDigest, byTag->digest);
        auto missing = c->manifest(QStringLiteral("tiny"), QStringLiteral("no-such-tag"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, int(NotFound));
    }

    void streamsOnlyWantedLayers()
    {
        std::unique_ptr<ImageSource> source;
        auto info = openRegistry(m_env.proxy() + QStringLiteral("/tiny:oci"), options(), &source);
        QVERIFY2(info, info ? "" : qPrintable(info.error().message));
        m_env.resetProxy(m_env.proxy());
        HashingSink sink;
        QVERIFY(source->streamLayers({1}, sink, ProgressSink()));
        QCOMPARE(checkStreamed(sink.blobs, *info, {1}), QString());
        QCOMPARE(countRequests(m_env.proxy(), info->layers.at(1).digest), 1);
        QCOMPARE(countRequests(m_env.proxy(), info->layers.at(0).digest), 0);
    }

    void schema1Refused()
    {
        // distribution 2.8 converts a v2s2 image to schema 1 for a client accepting only OCI.
        QCOMPARE(m_env.fault(m_env.proxy(), QStringLiteral("oci-accept"), QStringLiteral("/manifests/v2s2")), QString());
        auto info = openRegistry(m_env.proxy() + QStringLiteral("/tiny:v2s2"), options());
        QVERIFY(!info);
        QVERIFY2(info.error().message.contains(QStringLiteral("schema 1")), qPrintable(info.error().message));
        m_env.resetProxy(m_env.proxy());
    }

    void faults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("match");
        QTest::addColumn<bool>("recovers");
        QTest::addColumn<QString>("error");
        QTest::newRow("429 with Retry-After on the manifest") << "429" << "/manifests/oci" << true << "";
        QTest::newRow("503 on the config") << "500" << "/blobs/" << true << "";
        QTest::newRow("wrong manifest bytes") << "wrong-digest" << "/manifests/oci" << false << "does not match";
        QTest::newRow("wrong config bytes") << "wrong-digest" << "{config}" << false << "does not match its digest";
        QTest::newRow("truncated layer, resumed") << "truncate" << "{layer}" << true << "";
        QTest::newRow("corrupt layer") << "wrong-digest" << "{layer}" << false << "does not match its digest";
    }
    void faults()
    {
        QFETCH(QString, kind);
        QFETCH(QString, match);
        QFETCH(bool, recovers);
        QFETCH(QString, error);
        auto reference = client(m_env.basic())->manifest(QStringLiteral("tiny"), QStringLiteral("oci"));
        QVERIFY(reference);
        const QJsonObject manifest = QJsonDocument::fromJson(reference->bytes).object();
        match.replace(QStringLiteral("{config}"), manifest.value(u"config").toObject().value(u"digest").toString());
        match.replace(QStringLiteral("{layer}"), manifest.value(u"layers").toArray().at(1).toObject().value(u"digest").toString());
        m_env.resetProxy(m_env.proxy());
        QCOMPARE(m_env.fault(m_env.proxy(), kind, match), QString());

        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<ImageSource> source;
        auto info = openRegistry(m_env.proxy() + QStringLiteral("/tiny:oci"), options(), &source);
        Result<void> outcome;
        if (!info) {
            outcome = tl::unexpected(info.error());
        } else {
            HashingSink sink;
            outcome = source->streamLayers({0, 1}, sink, ProgressSink());
            // The layer engine verifies layer digests; HashingSink stands in for it here.
            if (outcome) {
                const QString problem = checkStreamed(sink.blobs, *info, {0, 1});
                if (!problem.isEmpty())
                    outcome = fail(problem + QStringLiteral(" does not match its digest"));
            }
        }
        if (recovers) {
            QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
            QVERIFY(countRequests(m_env.proxy(), match) >= 2);   // the refused request, then the retry
            if (kind == u"429")
                QVERIFY2(timer.elapsed() >= 900, "Retry-After: 1 was not honoured");
        } else {
            QVERIFY(!outcome);
            QVERIFY2(outcome.error().message.contains(error), qPrintable(outcome.error().message));
        }
        m_env.resetProxy(m_env.proxy());
    }

    void brokenDownloadsGiveUp()
    {
        std::unique_ptr<ImageSource> source;
        auto info = openRegistry(m_env.proxy() + QStringLiteral("/tiny:oci"), options(), &source);
        QVERIFY(info);
        QCOMPARE(m_env.fault(m_env.proxy(), QStringLiteral("truncate"), info->layers.at(1).digest, 100), QString());
        HashingSink sink;
        auto streamed = source->streamLayers({1}, sink, ProgressSink());
        QVERIFY(!streamed);
        QVERIFY2(streamed.error().message.contains(QStringLiteral("The download of ") + info->layers.at(1).digest),
                 qPrintable(streamed.error().message));
        m_env.resetProxy(m_env.proxy());
    }

    void retriesAreBounded()
    {
        QCOMPARE(m_env.fault(m_env.proxy(), QStringLiteral("500"), QStringLiteral("/manifests/oci"), 100), QString());
        RegistryConfig c = config();
        c.setMaxAttempts(3);
        RegistryClient limited(m_env.proxy(), c);
        limited.setCredentials(creds());
        auto m = limited.manifest(QStringLiteral("tiny"), QStringLiteral("oci"));
        QVERIFY(!m);
        QVERIFY2(m.error().message.contains(QStringLiteral("503")), qPrintable(m.error().message));
        QCOMPARE(countRequests(m_env.proxy(), QStringLiteral("/manifests/oci")), 3);
        m_env.resetProxy(m_env.proxy());
    }

    void redirectDropsAuthorization()
    {
        std::unique_ptr<ImageSource> source;
        auto info = openRegistry(m_env.proxy() + QStringLiteral("/tiny:oci"), options(), &source);
        QVERIFY(info);
        const QString layer = info->layers.at(0).digest;
        QCOMPARE(m_env.fault(m_env.proxy(), QStringLiteral("redirect"), layer), QString());
        HashingSink sink;
        auto streamed = source->streamLayers({0}, sink, ProgressSink());
        QVERIFY2(streamed, streamed ? "" : qPrintable(streamed.error().message));
        QCOMPARE(checkStreamed(sink.blobs, *info, {0}), QString());
        bool sawRedirected = false;
        for (const QJsonValue &v : m_env.proxyLog(m_env.proxy())) {
            const QJsonObject o = v.toObject();
            if (o.value(u"path").toString().startsWith(QStringLiteral("/__redirected"))) {
                sawRedirected = true;
                QVERIFY2(!o.value(u"auth").toBool(), "the Authorization header followed the redirect to another host");
                QVERIFY(o.value(u"host").toString().startsWith(QStringLiteral("localhost")));
            }
        }
        QVERIFY(sawRedirected);
        m_env.resetProxy(m_env.proxy());
    }

    void tokenAuth()
    {
        // Anonymous pull of a public repository: a token without credentials.
        auto anonymous = client(m_env.token(), false);
        auto pub = anonymous->manifest(QStringLiteral("public/tiny"), QStringLiteral("1"));
        QVERIFY2(pub, pub ? "" : qPrintable(pub.error().message));
        auto priv = anonymous->manifest(QStringLiteral("private/tiny"), QStringLiteral("1"));
        QVERIFY(!priv);
        QCOMPARE(priv.error().code, int(AuthError));

        auto withCreds = client(m_env.token());
        const int before = m_env.tokensIssued();
        QVERIFY(withCreds->manifest(QStringLiteral("private/tiny"), QStringLiteral("1")));
        QVERIFY(withCreds->manifest(QStringLiteral("private/tiny"), QStringLiteral("1")));
        QCOMPARE(m_env.tokensIssued(), before + 1);   // the token was cached for the scope

        // Through the source, with the dockeruser credentials of ~/.docker/config.json.
        std::unique_ptr<ImageSource> source;
        auto info = openRegistry(m_env.tokenProxy() + QStringLiteral("/private/tiny:1"), options(), &source);
        QVERIFY2(info, info ? "" : qPrintable(info.error().message));
        // The registry refuses the cached token once (expired): a new one is fetched, the pull goes on.
        QCOMPARE(m_env.fault(m_env.tokenProxy(), QStringLiteral("expire-token"), QStringLiteral("/blobs/")), QString());
        const int beforeExpiry = m_env.tokensIssued();
        HashingSink sink;
        auto streamed = source->streamLayers({0, 1}, sink, ProgressSink());
        QVERIFY2(streamed, streamed ? "" : qPrintable(streamed.error().message));
        QCOMPARE(checkStreamed(sink.blobs, *info, {0, 1}), QString());
        QCOMPARE(m_env.tokensIssued(), beforeExpiry + 1);
    }

    void catalogAndTags()
    {
        auto c = client(m_env.basic());
        auto paged = c->catalog(1);
        QVERIFY2(paged, paged ? "" : qPrintable(paged.error().message));
        QCOMPARE(*paged, (QStringList{QStringLiteral("other/nested"), QStringLiteral("tiny")}));
        auto tags = c->tags(QStringLiteral("tiny"));
        QVERIFY(tags);
        QStringList sorted = *tags;
        sorted.sort();
        QCOMPARE(sorted, (QStringList{QStringLiteral("multi-list"), QStringLiteral("multi-oci"), QStringLiteral("oci"),
                                      QStringLiteral("v2s2"), QStringLiteral("zstd")}));
        // Through the proxy, to see the pages: one request per repository, following Link.
        m_env.resetProxy(m_env.proxy());
        auto viaProxy = client(m_env.proxy())->catalog(1);
        QVERIFY(viaProxy);
        QCOMPARE(viaProxy->size(), 2);
        QVERIFY(countRequests(m_env.proxy(), QStringLiteral("/v2/_catalog")) >= 2);
    }
};

QTEST_GUILESS_MAIN(TestRegistryClient)
#include "tst_registryclient.moc"
