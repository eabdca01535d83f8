#pragma once
// The scan queue panel: one row per scan with state, a progress bar, stage and bytes read, and a
// Cancel button while the scan is queued or running. Lives in a dock of the main window.

#include <QWidget>

class QLabel;
class QTableView;

namespace bulkhead {

class ScanQueueModel;

class ScanQueueView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanQueueView)
public:
    explicit ScanQueueView(ScanQueueModel *model, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }

signals:
    void jobActivated(int jobId);   // double-click on a row

private:
    void syncButtons(int firstRow, int lastRow);
    void updateSummary();

    ScanQueueModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
};

} // namespace bulkhead
