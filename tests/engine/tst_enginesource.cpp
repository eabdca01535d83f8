// The local engines as image sources, against REAL daemons: a private dockerd and a private
// Podman API service started by tests/support/engines.sh (ctest fixture "engines", sockets under
// $BULKHEAD_ENGINES_BASE). Images are loaded with the engines' own CLIs from the busybox image
// built here (imagefixtures) and from the real app image (tests/images/build-images.sh).

#include "common/sha256.h"
#include "enginecli.h"
#include "image/engine/engineclient.h"
#include "image/engine/enginesource.h"
#include "imagefixtures.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <signal.h>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

// Hashes what it is handed, as the layer engine would, and files unidentified blobs by diff_id.
class RecordingSink final : public LayerSink {
public:
    explicit RecordingSink(const ImageInfo &info) : m_info(info) {}
    std::function<void()> onFirstRead;
    QMap<int, int> deliveries;        // layer index -> times delivered
    QMap<int, QString> digests;       // layer index -> sha256 of the bytes delivered
    int unidentified = 0;

    Result<void> consumeLayer(const QVector<int> &indices, ByteStream &blob) override
    {
        auto digest = hash(blob);
        if (!digest)
            return tl::unexpected(digest.error());
        for (int i : indices) {
            ++deliveries[i];
            digests[i] = *digest;
        }
        return {};
    }
    Result<QVector<int>> consumeUnidentifiedLayer(ByteStream &blob) override
    {
        ++unidentified;
        auto digest = hash(blob);
        if (!digest)
            return tl::unexpected(digest.error());
        QVector<int> indices;
        for (int i = 0; i < m_info.layers.size(); ++i) {
            if (m_info.layers[i].diffId == *digest) {
                indices.append(i);
                ++deliveries[i];
                digests[i] = *digest;
            }
        }
        return indices;
    }

private:
    Result<QString> hash(ByteStream &blob)
    {
        Sha256 sha;
        char buf[65536];
        for (;;) {
            const qint64 n = blob.read(buf, sizeof buf);
            if (onFirstRead) {
                auto f = std::move(onFirstRead);
                onFirstRead = nullptr;
                f();
            }
            if (n < 0)
                return fail(blob.errorString(), IoError);
            if (n == 0)
                return sha.digest();
            sha.addData(buf, n);
        }
    }
    const ImageInfo &m_info;
};

// Sets an environment variable for the scope of a test (engine resolution reads the process env).
class EnvGuard {
public:
    EnvGuard(const char *name, const QByteArray &value) : m_name(name), m_had(qEnvironmentVariableIsSet(name)),
                                                          m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~EnvGuard()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

QJsonObject parseObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// What must not depend on where the image came from: the OS, the packages with their layer
// attribution, and the layers (digest, diff_id, the instruction that made them).
QJsonObject inventoryOf(const QJsonObject &sbom)
{
    QJsonObject out;
    out.insert(QStringLiteral("os"), sbom.value(u"os"));
    out.insert(QStringLiteral("packages"), sbom.value(u"packages"));
    QJsonArray layers;
    for (const QJsonValue &v : sbom.value(u"image").toObject().value(u"layers").toArray()) {
        const QJsonObject l = v.toObject();
        QJsonObject kept;
        for (const char *key : {"index", "digest", "diffId", "createdBy"})
            kept.insert(QString::fromLatin1(key), l.value(QString::fromLatin1(key)));
        layers.append(kept);
    }
    out.insert(QStringLiteral("layers"), layers);
    const QJsonObject config = sbom.value(u"image").toObject().value(u"config").toObject();
    for (const char *key : {"env", "cmd", "entrypoint", "user", "workingDir", "labels", "diffIds", "platform"})
        out.insert(QStringLiteral("config.") + QString::fromLatin1(key), config.value(QString::fromLatin1(key)));
    return out;
}

} // namespace

class TestEngineSource : public QObject {
    Q_OBJECT

private:
    QString m_base;
    QTemporaryDir m_work;
    QString m_skipDocker;      // why docker rows skip; empty: available
    QString m_skipPodman;
    QString m_skipApp;         // why the real app image rows skip
    BuiltImages m_busybox;

    QString socketFor(const QString &engine) const { return m_base + u'/' + engine + QStringLiteral(".sock"); }
    QString skipReason(const QString &engine) const { return engine == u"docker" ? m_skipDocker : m_skipPodman; }

    QProcessEnvironment engineEnv(const QString &engine) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DOCKER_HOST"));
        env.insert(QStringLiteral("BULKHEAD_DOCKER_SOCKET"), socketFor(QStringLiteral("docker")));
        env.insert(QStringLiteral("BULKHEAD_PODMAN_SOCKET"), socketFor(QStringLiteral("podman")));
        env.insert(QStringLiteral("BULKHEAD_CACHE_DIR"), m_work.filePath(QStringLiteral("cache-") + engine));
        return env;
    }

    // docker -H / podman --url against our private sockets.
    bool engineCli(const QString &engine, const QStringList &args, QString *error) const
    {
        return !runEngineCli(engine, socketFor(engine), args, error).isNull();
    }

    QString imageName(const QString &image) const
    {
        return image == u"busybox" ? QStringLiteral("app:1") : QStringLiteral("fixture/app:1.0");
    }
    QString archiveFor(const QString &image) const
    {
        return image == u"busybox" ? m_busybox.dockerArchive : testImagesDir() + QStringLiteral("/app-docker.tar");
    }

    void rows()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("image");
        for (const char *engine : {"docker", "podman"})
            for (const char *image : {"busybox", "app"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QString::fromLatin1(engine), QString::fromLatin1(image))))
                    << QString::fromLatin1(engine) << QString::fromLatin1(image);
    }

    bool skipRow(const QString &engine, const QString &image)
    {
        if (!skipReason(engine).isEmpty()) {
            QTest::qSkip(qPrintable(skipReason(engine)), __FILE__, __LINE__);
            return true;
        }
        if (image == u"app" && !m_skipApp.isEmpty()) {
            QTest::qSkip(qPrintable(m_skipApp), __FILE__, __LINE__);
            return true;
        }
        if (image == u"busybox" && !m_busybox.error.isEmpty()) {
            QTest::qSkip(qPrintable(m_busybox.error), __FILE__, __LINE__);
            return true;
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        m_base = qEnvironmentVariable("BULKHEAD_ENGINES_BASE");
        if (m_base.isEmpty())
            QSKIP("BULKHEAD_ENGINES_BASE is not set: run through ctest, whose fixture starts the engines");
        for (const QString &engine : {QStringLiteral("docker"), QStringLiteral("podman")}) {
            QString &reason = engine == u"docker" ? m_skipDocker : m_skipPodman;
            const QByteArray note = readFileBytes(m_base + QStringLiteral("/unavailable-") + engine + QStringLiteral(".txt"));
            if (!note.isEmpty())
                reason = QString::fromUtf8(note).trimmed();
            else if (!QFile::exists(socketFor(engine)))
                reason = engine + QStringLiteral(" did not start (see ") + m_base + QStringLiteral(")");
        }
        m_busybox = buildTestImages(m_work.filePath(QStringLiteral("busybox")));
        const QString images = testImagesDir();
        if (images.isEmpty() || !QFile::exists(images + QStringLiteral("/app-docker.tar")))
            m_skipApp = QStringLiteral("the real test images were not built (tests/images/build-images.sh)");
        for (const QString &engine : {QStringLiteral("docker"), QStringLiteral("podman")}) {
            if (!skipReason(engine).isEmpty())
                continue;
            QString error;
            if (m_busybox.error.isEmpty())
                QVERIFY2(engineCli(engine, {QStringLiteral("load"), QStringLiteral("-i"), m_busybox.dockerArchive}, &error),
                         qPrintable(error));
            if (m_skipApp.isEmpty())
                QVERIFY2(engineCli(engine, {QStringLiteral("load"), QStringLiteral("-i"), archiveFor(QStringLiteral("app"))},
                                   &error),
                         qPrintable(error));
        }
    }

    // The inventory read from the engine equals the one read from the archive it was loaded from.
    void sbomMatchesArchive_data() { rows(); }
    void sbomMatchesArchive()
    {
        QFETCH(QString, engine);
        QFETCH(QString, image);
        if (skipRow(engine, image))
            return;
        const QProcessEnvironment env = engineEnv(engine);
        const RunResult fromEngine = runBulkhead({QStringLiteral("sbom"), QStringLiteral("-q"), QStringLiteral("--no-cache"),
                                                  QStringLiteral("-f"), QStringLiteral("json"),
                                                  engine + u':' + imageName(image)}, {}, 600000, env);
        QVERIFY2(fromEngine.exitCode == 0, fromEngine.err.constData());
        const RunResult fromArchive = runBulkhead({QStringLiteral("sbom"), QStringLiteral("-q"), QStringLiteral("--no-cache"),
                                                   QStringLiteral("-f"), QStringLiteral("json"),
                                                   QStringLiteral("docker-archive:") + archiveFor(image)}, {}, 600000, env);
        QVERIFY2(fromArchive.exitCode == 0, fromArchive.err.constData());
        const QJsonObject a = parseObject(fromEngine.out);
        const QJsonObject b = parseObject(fromArchive.out);
        QCOMPARE(a.value(u"image").toObject().value(u"sourceKind").toString(), engine);
        QCOMPARE(a.value(u"image").toObject().value(u"configDigest"), b.value(u"image").toObject().value(u"configDigest"));
        const QJsonObject ia = inventoryOf(a);
        const QJsonObject ib = inventoryOf(b);
        if (image == u"app")
            QVERIFY(ib.value(u"packages").toArray().size() > 50);   // a real Debian image, not an empty compare
        QVERIFY(!ia.value(u"layers").toArray().isEmpty());
        for (const QString &key : ib.keys())
            QVERIFY2(ia.value(key) == ib.value(key),
                     qPrintable(key + QStringLiteral(" differs:\nengine:  ")
                                + QString::fromUtf8(QJsonDocument(QJsonObject{{key, ia.value(key)}}).toJson().left(1500))
                                + QStringLiteral("\narchive: ")
                                + QString::fromUtf8(QJsonDocument(QJsonObject{{key, ib.value(key)}}).toJson().left(1500))));
    }

    // Core level: every wanted layer is handed over once with the bytes of its diff_id, progress
    // reports the bytes read from the socket, and asking for one layer delivers just that one.
    void layersStreamedOnce_data() { rows(); }
    void layersStreamedOnce()
    {
        QFETCH(QString, engine);
        QFETCH(QString, image);
        if (skipRow(engine, image))
            return;
        EnvGuard docker("BULKHEAD_DOCKER_SOCKET", socketFor(QStringLiteral("docker")).toUtf8());
        EnvGuard podman("BULKHEAD_PODMAN_SOCKET", socketFor(QStringLiteral("podman")).toUtf8());
        EngineSource source(engine == u"docker" ? EngineKind::Docker : EngineKind::Podman, imageName(image));
        qint64 bytesSeen = 0;
        ProgressSink progress([&](const ProgressInfo &info) {
            if (info.stage.contains(QStringLiteral("engine")))
                bytesSeen = qMax(bytesSeen, info.bytesDone);
        });
        auto info = source.open({}, progress);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->sourceKind, engine);
        QVERIFY(info->layers.size() >= 2);
        QSet<int> all;
        for (int i = 0; i < info->layers.size(); ++i)
            all.insert(i);
        RecordingSink sink(*info);
        auto ok = source.streamLayers(all, sink, progress);
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
        for (int i = 0; i < info->layers.size(); ++i) {
            QCOMPARE(sink.deliveries.value(i), 1);
            QCOMPARE(sink.digests.value(i), info->layers[i].diffId);
        }
        QVERIFY(bytesSeen > 0);

        RecordingSink one(*info);
        const int last = info->layers.size() - 1;
        ok = source.streamLayers({last}, one, ProgressSink());
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
        QCOMPARE(one.deliveries.value(last), 1);
        QCOMPARE(one.digests.value(last), info->layers[last].diffId);
    }

    void listing_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("docker") << QStringLiteral("docker");
        QTest::newRow("podman") << QStringLiteral("podman");
    }
    void listing()
    {
        QFETCH(QString, engine);
        if (!skipReason(engine).isEmpty())
            QSKIP(qPrintable(skipReason(engine)));
        if (!m_busybox.error.isEmpty())
            QSKIP(qPrintable(m_busybox.error));
        const QProcessEnvironment env = engineEnv(engine);
        const RunResult json = runBulkhead({QStringLiteral("images"), QStringLiteral("--engine"), engine,
                                            QStringLiteral("--format"), QStringLiteral("json")}, {}, 60000, env);
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject doc = parseObject(json.out);
        QCOMPARE(doc.value(u"engine").toObject().value(u"kind").toString(), engine);
        QCOMPARE(doc.value(u"engine").toObject().value(u"apiVersion").toString(), QStringLiteral("1.41"));
        // The busybox image's ID is its config digest, as the archive's scan says.
        const RunResult archive = runBulkhead({QStringLiteral("sbom"), QStringLiteral("-q"), QStringLiteral("--no-cache"),
                                               QStringLiteral("-f"), QStringLiteral("json"), m_busybox.dockerArchive},
                                              {}, 60000, env);
        QVERIFY2(archive.exitCode == 0, archive.err.constData());
        const QString id = parseObject(archive.out).value(u"image").toObject().value(u"configDigest").toString();
        QVERIFY(id.startsWith(u"sha256:"));
        bool found = false;
        for (const QJsonValue &v : doc.value(u"images").toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"id").toString() != id)
                continue;
            found = true;
            QVERIFY(o.value(u"size").toDouble() > 1000000);   // busybox-static is about 2 MB
            QVERIFY(!o.value(u"created").toString().isEmpty());
            QStringList tags;
            for (const QJsonValue &t : o.value(u"repoTags").toArray())
                tags.append(t.toString());
            // docker shortens docker.io/library/; podman keeps the full name.
            QVERIFY2(tags.contains(QStringLiteral("app:1")) || tags.contains(QStringLiteral("docker.io/library/app:1")),
                     qPrintable(tags.join(u' ')));
        }
        QVERIFY2(found, json.out.constData());

        const RunResult table = runBulkhead({QStringLiteral("images"), QStringLiteral("--engine"), engine}, {}, 60000, env);
        QVERIFY2(table.exitCode == 0, table.err.constData());
        QVERIFY(table.out.startsWith("REPOSITORY"));
        QVERIFY(table.out.contains(id.mid(7, 12).toLatin1()));
    }

    void missingImage_data() { listing_data(); }
    void missingImage()
    {
        QFETCH(QString, engine);
        if (!skipReason(engine).isEmpty())
            QSKIP(qPrintable(skipReason(engine)));
        const RunResult r = runBulkhead({QStringLiteral("sbom"), QStringLiteral("-q"), engine + QStringLiteral(":no-such/image:404")},
                                        {}, 60000, engineEnv(engine));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("has no image 'no-such/image:404'"), r.err.constData());
        QVERIFY2(r.err.contains(socketFor(engine).toUtf8()), r.err.constData());
    }

    // Nothing to talk to: each case fails at once with a sentence that says what to do.
    void noEngine_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("dockerHost");
        QTest::addColumn<QString>("dockerSocket");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing set") << "docker:app:1" << QString() << QString() << "No Docker engine socket found";
        QTest::newRow("podman nothing") << "podman:app:1" << QString() << QString() << "No Podman engine socket found";
        QTest::newRow("tcp") << "docker:app:1" << "tcp://127.0.0.1:2375" << QString() << "only unix:// sockets are supported";
        QTest::newRow("dead socket") << "docker:app:1" << QString() << "/nonexistent/docker.sock"
                                     << "Cannot connect to the Docker engine at unix:///nonexistent/docker.sock: no such file or directory";
        QTest::newRow("images") << "" << QString() << QString() << "No container engine socket found";
    }
    void noEngine()
    {
        QFETCH(QString, spec);
        QFETCH(QString, dockerHost);
        QFETCH(QString, dockerSocket);
        QFETCH(QString, expected);
        if (QFile::exists(QStringLiteral("/var/run/docker.sock")) || QFile::exists(QStringLiteral("/run/podman/podman.sock")))
            QSKIP("this machine runs a system engine, so 'no engine' cannot be arranged");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DOCKER_HOST"));
        env.remove(QStringLiteral("BULKHEAD_DOCKER_SOCKET"));
        env.remove(QStringLiteral("BULKHEAD_PODMAN_SOCKET"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_work.filePath(QStringLiteral("no-runtime")));
        if (!dockerHost.isEmpty())
            env.insert(QStringLiteral("DOCKER_HOST"), dockerHost);
        if (!dockerSocket.isEmpty())
            env.insert(QStringLiteral("BULKHEAD_DOCKER_SOCKET"), dockerSocket);
        QElapsedTimer timer;
        timer.start();
        const QStringList args = spec.isEmpty() ? QStringList{QStringLiteral("images")}
                                                : QStringList{QStringLiteral("sbom"), QStringLiteral("-q"), spec};
        const RunResult r = runBulkhead(args, {}, 30000, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
        QVERIFY(timer.elapsed() < 20000);
    }

    // The engine dies in the middle of an export: a clear error, promptly, never a hang.
    void engineKilledMidExport()
    {
        if (!m_skipPodman.isEmpty())
            QSKIP(qPrintable(m_skipPodman));
        // A 48 MiB layer of random bytes: far more than the client and the socket buffer hold.
        const QString rootfs = m_work.filePath(QStringLiteral("big-rootfs"));
        QVERIFY(QDir().mkpath(rootfs));
        QByteArray noise(48 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator rng(7);
        rng.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        QVERIFY(writeFileBytes(rootfs + QStringLiteral("/noise.bin"), noise));
        noise.clear();
        const QString tar = m_work.filePath(QStringLiteral("big.tar"));
        QVERIFY(makeTar(rootfs, tar));
        QString error;
        QVERIFY2(engineCli(QStringLiteral("podman"), {QStringLiteral("import"), tar, QStringLiteral("localhost/big:1")}, &error),
                 qPrintable(error));

        // A second API service on the same storage, ours to kill (its PID is recorded under the
        // fixture's BASE so that the fixture's cleanup ends it if this test dies first).
        const QString socket = m_base + QStringLiteral("/victim.sock");
        QProcess service;
        service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        service.start(QStringLiteral("podman"),
                      {QStringLiteral("--root"), m_base + QStringLiteral("/podman/root"), QStringLiteral("--runroot"),
                       m_base + QStringLiteral("/podman/run"), QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
                       QStringLiteral("--tmpdir"), m_base + QStringLiteral("/podman/tmp"), QStringLiteral("system"),
                       QStringLiteral("service"), QStringLiteral("--time=0"), QStringLiteral("unix://") + socket});
        QVERIFY(service.waitForStarted(10000));
        writeFileBytes(m_base + QStringLiteral("/victim.pid"), QByteArray::number(service.processId()));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(socket), 20000);

        EnvGuard podman("BULKHEAD_PODMAN_SOCKET", socket.toUtf8());
        EngineSource source(EngineKind::Podman, QStringLiteral("localhost/big:1"));
        auto info = source.open({}, ProgressSink());
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        RecordingSink sink(*info);
        sink.onFirstRead = [&service] {
            ::kill(pid_t(service.processId()), SIGKILL);
            service.waitForFinished(10000);
        };
        QElapsedTimer timer;
        timer.start();
        auto ok = source.streamLayers({0}, sink, ProgressSink());
        QVERIFY(!ok);
        QVERIFY(timer.elapsed() < 60000);
        QVERIFY2(ok.error().message.contains(QStringLiteral("Podman engine at unix://") + socket),
                 qPrintable(ok.error().message));
        QFile::remove(m_base + QStringLiteral("/victim.pid"));
    }
};

QTEST_GUILESS_MAIN(TestEngineSource)
#include "tst_enginesource.moc"
