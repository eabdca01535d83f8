#pragma once
// Every scan the user started in this session: queued, running and finished, one row each.
// Contract: enqueue() takes the scan's QFuture and watches it on the GUI thread; the model emits
// exactly one of scanSucceeded / scanFailed / scanCancelled per job when its future finishes.

#include "scan/scanservice.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QVector>

namespace bulkhead {

class ScanQueueModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanQueueModel)
public:
    enum Column { Image, State, Progress, Stage, Bytes, Cancel, ColumnCount };
    enum Role { JobIdRole = Qt::UserRole, PermilleRole, StateRole, CancellableRole };
    enum class JobState { Queued, Running, Finished, Failed, Cancelled };
    Q_ENUM(Column)
    Q_ENUM(JobState)

    explicit ScanQueueModel(QObject *parent = nullptr);
    ~ScanQueueModel() override;

    // Adds a row for `future` (the scan of `spec`) and returns its job id.
    int enqueue(const QString &spec, const QFuture<ScanOutcome> &future);
    void cancel(int jobId);                 // no-op for finished jobs
    void cancelAll();
    void clearFinished();                   // drops every row that is no longer queued or running

    int rowOfJob(int jobId) const;          // -1 when unknown
    JobState state(int row) const { return m_jobs.at(row).state; }
    QString message(int row) const { return m_jobs.at(row).message; }
    int activeCount() const;                // queued + running

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateName(JobState s);
    // Splits ScanService's progress text "Stage (12 MB of 40 MB)" into stage and the part in
    // brackets (bytes or steps); a text without brackets is all stage.
    static QPair<QString, QString> splitProgressText(const QString &text);

signals:
    void scanSucceeded(int jobId, const bulkhead::ScanResult &scan);
    void scanFailed(int jobId, const QString &spec, const QString &message);
    void scanCancelled(int jobId, const QString &spec);
    void activeCountChanged(int active);

private:
    struct Job {
        int id = 0;
        QString spec;
        JobState state = JobState::Queued;
        int permille = 0;
        QString stage;
        QString bytes;
        QString message;   // the error, or the finished scan's summary
        QFutureWatcher<ScanOutcome> *watcher = nullptr;
    };
    void onFinished(int jobId);
    void changed(int jobId, int firstColumn = 0, int lastColumn = ColumnCount - 1);
    Job *job(int jobId);

    QVector<Job> m_jobs;
    int m_nextId = 1;
};

} // namespace bulkhead
