#include "credentials/keychain.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <qt6keychain/keychain.h>

namespace bulkhead {

namespace {

// Runs a started job to completion in a local event loop.
void runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

Error unavailable(const QKeychain::Job &job)
{
    return Error{QStringLiteral("The system keychain is unavailable (%1); start a Secret Service such as "
                                "gnome-keyring and unlock it.").arg(job.errorString()), IoError};
}

Error noApplication()
{
    return Error{QStringLiteral("The system keychain needs a running Qt application."), IoError};
}

} // namespace

Result<std::optional<QString>> Keychain::read(const QString &key) const
{
    if (!QCoreApplication::instance())
        return tl::unexpected(noApplication());
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    job.setInsecureFallback(false);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (job.error() != QKeychain::NoError)
        return tl::unexpected(unavailable(job));
    return std::optional<QString>(job.textData());
}

Result<void> Keychain::write(const QString &key, const QString &value) const
{
    if (!QCoreApplication::instance())
        return tl::unexpected(noApplication());
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    // Never the plaintext QSettings fallback: a secret is stored encrypted or not at all.
    job.setInsecureFallback(false);
    job.setTextData(value);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return tl::unexpected(unavailable(job));
    return {};
}

Result<bool> Keychain::remove(const QString &key) const
{
    if (!QCoreApplication::instance())
        return tl::unexpected(noApplication());
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    job.setInsecureFallback(false);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return false;
    if (job.error() != QKeychain::NoError)
        return tl::unexpected(unavailable(job));
    return true;
}

} // namespace bulkhead
