#pragma once
// The registry test environment: starts tests/support/registryenv.py (two real registries, the
// token issuer, fault proxies) and pushes the test images with skopeo. Passwords are random per
// run and only ever passed through argv/stdin/environment, never written to a file.

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace bulkhead::test {

struct BuiltImages;

class RegistryTestEnv {
public:
    ~RegistryTestEnv();
    // Empty on success, else why the environment could not be set up (a missing tool).
    QString start(const QString &workDir);
    // start() in WORKDIR/env, and the busybox test images built in WORKDIR/images.
    QString startWithImages(const QString &workDir, BuiltImages *images);
    void stop();

    QString basic() const { return m_info.value(u"basic").toString(); }          // htpasswd registry
    QString token() const { return m_info.value(u"token").toString(); }          // token-auth registry
    QString proxy() const { return m_info.value(u"proxy").toString(); }          // proxy -> basic
    QString tokenProxy() const { return m_info.value(u"tokenProxy").toString(); } // proxy -> token
    QString issuer() const { return m_info.value(u"issuer").toString(); }
    QString ca() const { return m_info.value(u"ca").toString(); }
    QString certDir() const { return m_info.value(u"certDir").toString(); }

    // testuser: used for pushes and `bulkhead login` (keychain); dockeruser: for ~/.docker tests.
    QString user() const { return QStringLiteral("testuser"); }
    QString password() const { return m_password; }
    QString dockerUser() const { return QStringLiteral("dockeruser"); }
    QString dockerPassword() const { return m_dockerPassword; }

    // skopeo copy SOURCE docker://HOST/DEST with the push credentials; extra args before the refs.
    QString push(const QString &source, const QString &host, const QString &dest, const QStringList &extra = {}) const;
    // Proxy control: arm a fault, read the log, reset.
    QString fault(const QString &proxyHost, const QString &kind, const QString &match, int count = 1) const;
    QJsonArray proxyLog(const QString &proxyHost) const;
    void resetProxy(const QString &proxyHost) const;
    int tokensIssued() const;

private:
    QByteArray curl(const QStringList &args) const;
    QProcess m_process;
    QJsonObject m_info;
    QString m_password;
    QString m_dockerPassword;
};

} // namespace bulkhead::test
