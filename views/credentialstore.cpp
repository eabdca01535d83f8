#include "credentialstore.h"

#include <qt6keychain/keychain.h>

namespace bulkhead {

namespace {
const QString Service = QStringLiteral("bulkhead");

void finishWith(QKeychain::Job *job, QObject *context, CredentialStore::Done done)
{
    // Jobs delete themselves after finished(); the answer is delivered through the context.
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *j) {
        if (done)
            done(j->error() == QKeychain::NoError ? QString() : j->errorString());
    });
    job->start();
}
} // namespace

void KeychainCredentialStore::storeSecret(const QString &key, const QString &secret, QObject *context, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(Service);
    job->setKey(key);
    job->setTextData(secret);
    finishWith(job, context, std::move(done));
}

void KeychainCredentialStore::removeSecret(const QString &key, QObject *context, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(Service);
    job->setKey(key);
    finishWith(job, context, std::move(done));
}

QString registryCredentialKey(const QString &host, const QString &user)
{
    return QStringLiteral("registry/%1/%2").arg(host, user);
}

} // namespace bulkhead
