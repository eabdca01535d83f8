#include "registrytestenv.h"

#include "../image/imagefixtures.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace bulkhead::test {

namespace {

QString randomSecret(const QString &prefix)
{
    return prefix + QString::number(QRandomGenerator::system()->generate64(), 36)
           + QString::number(QRandomGenerator::system()->generate64(), 36);
}

} // namespace

RegistryTestEnv::~RegistryTestEnv()
{
    stop();
}

QString RegistryTestEnv::start(const QString &workDir)
{
    for (const char *tool : {"docker-registry", "skopeo", "htpasswd", "openssl", "python3", "curl", "umoci"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            return QStringLiteral("%1 is not installed (installer/install-deps.sh --test)").arg(QString::fromLatin1(tool));
    m_password = randomSecret(QStringLiteral("bhpw-"));
    m_dockerPassword = randomSecret(QStringLiteral("bhdk-"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BH_REGISTRY_USERS"),
               QStringLiteral("%1:%2,%3:%4").arg(user(), m_password, dockerUser(), m_dockerPassword));
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral("python3"), {dataDir() + QStringLiteral("/../support/registryenv.py"), workDir});
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("registryenv.py did not start");
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(60000))
            return QStringLiteral("registryenv.py failed: ") + QString::fromUtf8(m_process.readAllStandardError());
    }
    m_info = QJsonDocument::fromJson(m_process.readLine()).object();
    if (basic().isEmpty())
        return QStringLiteral("registryenv.py gave no addresses");
    return {};
}

QString RegistryTestEnv::startWithImages(const QString &workDir, BuiltImages *images)
{
    const QString why = start(workDir + QStringLiteral("/env"));
    if (!why.isEmpty())
        return why;
    *images = buildTestImages(workDir + QStringLiteral("/images"));
    return images->error;
}

void RegistryTestEnv::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(20000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString RegistryTestEnv::push(const QString &source, const QString &host, const QString &dest,
                              const QStringList &extra) const
{
    QStringList args = {QStringLiteral("copy"), QStringLiteral("--quiet"), QStringLiteral("--dest-creds"),
                        user() + u':' + m_password, QStringLiteral("--dest-cert-dir"), certDir()};
    args += extra;
    args += {source, QStringLiteral("docker://") + host + u'/' + dest};
    QString error;
    runTool(QStringLiteral("skopeo"), args, &error);
    return error.replace(m_password, QStringLiteral("***"));
}

QByteArray RegistryTestEnv::curl(const QStringList &args) const
{
    QProcess p;
    p.start(QStringLiteral("curl"), QStringList{QStringLiteral("-s"), QStringLiteral("--cacert"), ca()} + args);
    p.waitForFinished(30000);
    return p.readAllStandardOutput();
}

QString RegistryTestEnv::fault(const QString &proxyHost, const QString &kind, const QString &match, int count) const
{
    QJsonObject f;
    f.insert(QStringLiteral("kind"), kind);
    f.insert(QStringLiteral("match"), match);
    f.insert(QStringLiteral("count"), count);
    const QByteArray answer = curl({QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("--data-binary"),
                                    QString::fromUtf8(QJsonDocument(f).toJson(QJsonDocument::Compact)),
                                    QStringLiteral("https://%1/__fault").arg(proxyHost)});
    return answer.contains("\"ok\"") ? QString() : QStringLiteral("arming the fault failed: ") + QString::fromUtf8(answer);
}

QJsonArray RegistryTestEnv::proxyLog(const QString &proxyHost) const
{
    return QJsonDocument::fromJson(curl({QStringLiteral("https://%1/__log").arg(proxyHost)})).array();
}

void RegistryTestEnv::resetProxy(const QString &proxyHost) const
{
    curl({QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("https://%1/__reset").arg(proxyHost)});
}

int RegistryTestEnv::tokensIssued() const
{
    return QJsonDocument::fromJson(curl({QStringLiteral("https://%1/stats").arg(issuer())})).object()
        .value(u"issued").toInt(-1);
}

} // namespace bulkhead::test
