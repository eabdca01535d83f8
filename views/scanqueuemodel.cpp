#include "scanqueuemodel.h"

#include "store/historystore.h"

#include <algorithm>

namespace bulkhead {

ScanQueueModel::ScanQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ScanQueueModel::~ScanQueueModel()
{
    // The futures run on the scan service's pool; asking them to stop is enough, the service
    // waits for its pool when it is destroyed.
    for (Job &j : m_jobs)
        if (j.watcher) {
            j.watcher->disconnect(this);
            j.watcher->cancel();
        }
}

int ScanQueueModel::enqueue(const QString &spec, const QFuture<ScanOutcome> &future)
{
    const int id = m_nextId++;
    auto *watcher = new QFutureWatcher<ScanOutcome>(this);
    beginInsertRows({}, int(m_jobs.size()), int(m_jobs.size()));
    Job entry;
    entry.id = id;
    entry.spec = spec;
    entry.stage = tr("Waiting for a free worker");
    entry.watcher = watcher;
    m_jobs.append(entry);
    endInsertRows();

    connect(watcher, &QFutureWatcherBase::started, this, [this, id] {
        if (Job *j = job(id); j && j->state == JobState::Queued) {
            j->state = JobState::Running;
            j->stage = tr("Starting");
            changed(id);
        }
    });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id](int value) {
        if (Job *j = job(id)) {
            if (j->state == JobState::Queued)
                j->state = JobState::Running;
            j->permille = value;
            changed(id, State, Progress);
        }
    });
    connect(watcher, &QFutureWatcherBase::progressTextChanged, this, [this, id](const QString &text) {
        if (Job *j = job(id)) {
            const auto parts = splitProgressText(text);
            j->stage = parts.first;
            j->bytes = parts.second;
            changed(id, Stage, Bytes);
        }
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, id] { onFinished(id); });
    watcher->setFuture(future);
    emit activeCountChanged(activeCount());
    return id;
}

void ScanQueueModel::onFinished(int jobId)
{
    Job *j = job(jobId);
    if (!j)
        return;
    QFuture<ScanOutcome> future = j->watcher->future();
    const QString spec = j->spec;
    if (future.isCanceled() || future.resultCount() == 0) {
        j->state = JobState::Cancelled;
        j->stage = tr("Cancelled");
        j->message = tr("Cancelled by the user.");
        changed(jobId);
        emit scanCancelled(jobId, spec);
    } else {
        const ScanOutcome outcome = future.result();
        if (outcome) {
            const SeverityCounts counts = SeverityCounts::of(outcome->findings);
            j->state = JobState::Finished;
            j->permille = 1000;
            j->stage = tr("Done");
            j->message = tr("%n package(s), %1 finding(s)", nullptr, int(outcome->packages.size()))
                             .arg(counts.total());
            changed(jobId);
            emit scanSucceeded(jobId, *outcome);
        } else {
            j->state = JobState::Failed;
            j->stage = tr("Failed");
            j->message = outcome.error().message;
            changed(jobId);
            emit scanFailed(jobId, spec, outcome.error().message);
        }
    }
    emit activeCountChanged(activeCount());
}

void ScanQueueModel::cancel(int jobId)
{
    Job *j = job(jobId);
    if (!j || (j->state != JobState::Queued && j->state != JobState::Running))
        return;
    j->stage = tr("Cancelling…");
    changed(jobId, Stage, Stage);
    // The worker sees it at its next check (between files of a layer at the latest); a queued
    // scan never starts. finished() follows in both cases.
    j->watcher->cancel();
}

void ScanQueueModel::cancelAll()
{
    for (const Job &j : qAsConst(m_jobs))
        cancel(j.id);
}

void ScanQueueModel::clearFinished()
{
    for (int row = int(m_jobs.size()) - 1; row >= 0; --row) {
        const JobState s = m_jobs[row].state;
        if (s == JobState::Queued || s == JobState::Running)
            continue;
        beginRemoveRows({}, row, row);
        m_jobs[row].watcher->deleteLater();
        m_jobs.removeAt(row);
        endRemoveRows();
    }
}

int ScanQueueModel::rowOfJob(int jobId) const
{
    for (int row = 0; row < m_jobs.size(); ++row)
        if (m_jobs[row].id == jobId)
            return row;
    return -1;
}

ScanQueueModel::Job *ScanQueueModel::job(int jobId)
{
    const int row = rowOfJob(jobId);
    return row < 0 ? nullptr : &m_jobs[row];
}

int ScanQueueModel::activeCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const Job &j) {
        return j.state == JobState::Queued || j.state == JobState::Running;
    }));
}

void ScanQueueModel::changed(int jobId, int firstColumn, int lastColumn)
{
    const int row = rowOfJob(jobId);
    if (row >= 0)
        emit dataChanged(index(row, firstColumn), index(row, lastColumn));
}

int ScanQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int ScanQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ScanQueueModel::stateName(JobState s)
{
    switch (s) {
    case JobState::Queued: return tr("Queued");
    case JobState::Running: return tr("Running");
    case JobState::Finished: return tr("Finished");
    case JobState::Failed: return tr("Failed");
    case JobState::Cancelled: return tr("Cancelled");
    }
    return {};
}

QPair<QString, QString> ScanQueueModel::splitProgressText(const QString &text)
{
    const int open = text.lastIndexOf(QStringLiteral(" ("));
    if (open < 0 || !text.endsWith(u')'))
        return {text, QString()};
    return {text.left(open), text.mid(open + 2, text.size() - open - 3)};
}

QVariant ScanQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &j = m_jobs.at(index.row());
    const bool active = j.state == JobState::Queued || j.state == JobState::Running;
    switch (role) {
    case JobIdRole: return j.id;
    case PermilleRole: return j.permille;
    case StateRole: return int(j.state);
    case CancellableRole: return active;
    case Qt::ToolTipRole:
        return j.message.isEmpty() ? j.spec : j.spec + u'\n' + j.message;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Image: return j.spec;
        case State: return stateName(j.state);
        case Progress: return QStringLiteral("%1%").arg(j.permille / 10);
        case Stage:
            return (j.state == JobState::Failed || j.state == JobState::Finished) && !j.message.isEmpty()
                ? j.message : j.stage;
        case Bytes: return j.bytes;
        case Cancel: return QString();
        }
        break;
    default: break;
    }
    return {};
}

QVariant ScanQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Image: return tr("Image");
    case State: return tr("State");
    case Progress: return tr("Progress");
    case Stage: return tr("Stage");
    case Bytes: return tr("Read");
    case Cancel: return QString();
    }
    return {};
}

} // namespace bulkhead
