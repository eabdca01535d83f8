#include "credentials/keychain.h"

#include <QCoreApplication>
#include <QSemaphore>
#include <QThread>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>

namespace bulkhead {

namespace {

// How long a caller waits for the keychain before giving up (a Secret Service that never answers
// must not hang a scan or the CLI).
constexpr int kAnswerTimeoutMs = 60000;

struct JobOutcome {
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString;
    QString text;
};

struct PendingJob {
    QSemaphore done;
    JobOutcome outcome;
};

// QtKeychain's Secret Service backend (libsecret over GDBus) binds its connection to the GLib main
// context of the thread that first used it; jobs started later from another thread (a worker of
// a pool) never finish. So every job runs on one keychain thread with its own event loop, kept
// for the life of the process (never destroyed: a running QThread must not be), and callers
// wait for the answer.
QObject *keychainContext()
{
    static QObject *context = [] {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("keychain"));
        thread->start();
        auto *object = new QObject;
        object->moveToThread(thread);
        return object;
    }();
    return context;
}

JobOutcome runJob(const std::function<QKeychain::Job *()> &makeJob)
{
    auto pending = std::make_shared<PendingJob>();
    QMetaObject::invokeMethod(keychainContext(), [pending, makeJob] {
        QKeychain::Job *job = makeJob();
        job->setAutoDelete(false);
        job->setInsecureFallback(false);
        QObject::connect(job, &QKeychain::Job::finished, job, [pending, job] {
            pending->outcome.error = job->error();
            pending->outcome.errorString = job->errorString();
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
                pending->outcome.text = read->textData();
            job->deleteLater();
            pending->done.release();
        });
        job->start();
    }, Qt::QueuedConnection);
    if (!pending->done.tryAcquire(1, kAnswerTimeoutMs)) {
        JobOutcome timedOut;
        timedOut.errorString = QStringLiteral("no answer within %1 s").arg(kAnswerTimeoutMs / 1000);
        return timedOut;
    }
    return pending->outcome;
}

Error unavailable(const JobOutcome &job)
{
    return Error{QStringLiteral("The system keychain is unavailable (%1); start a Secret Service such as "
                                "gnome-keyring and unlock it.").arg(job.errorString), IoError};
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
    const QString service = m_service;
    const JobOutcome job = runJob([service, key] {
        auto *j = new QKeychain::ReadPasswordJob(service);
        j->setKey(key);
        return j;
    });
    if (job.error == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (job.error != QKeychain::NoError)
        return tl::unexpected(unavailable(job));
    return std::optional<QString>(job.text);
}

Result<void> Keychain::write(const QString &key, const QString &value) const
{
    if (!QCoreApplication::instance())
        return tl::unexpected(noApplication());
    const QString service = m_service;
    // Never the plaintext QSettings fallback (runJob turns it off): a secret is stored encrypted
    // or not at all.
    const JobOutcome job = runJob([service, key, value] {
        auto *j = new QKeychain::WritePasswordJob(service);
        j->setKey(key);
        j->setTextData(value);
        return j;
    });
    if (job.error != QKeychain::NoError)
        return tl::unexpected(unavailable(job));
    return {};
}

Result<bool> Keychain::remove(const QString &key) const
{
    if (!QCoreApplication::instance())
        return tl::unexpected(noApplication());
    const QString service = m_service;
    const JobOutcome job = runJob([service, key] {
        auto *j = new QKeychain::DeletePasswordJob(service);
        j->setKey(key);
        return j;
    });
    if (job.error == QKeychain::EntryNotFound)
        return false;
    if (job.error != QKeychain::NoError)
        return tl::unexpected(unavailable(job));
    return true;
}

} // namespace bulkhead
