#include "scanqueueview.h"

#include "scanqueuemodel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

// Draws the Progress column as a progress bar in the current style.
class ProgressDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = index.data(ScanQueueModel::PermilleRole).toInt();
        bar.text = index.data().toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        const QWidget *w = option.widget;
        QStyle *style = w ? w->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, w);
    }
};

} // namespace

ScanQueueView::ScanQueueView(ScanQueueModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("ScanQueueView"));
    m_table->setModel(model);
    m_table->setItemDelegateForColumn(ScanQueueModel::Progress, new ProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *h = m_table->horizontalHeader();
    h->setSectionResizeMode(ScanQueueModel::Image, QHeaderView::Stretch);
    h->setSectionResizeMode(ScanQueueModel::State, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(ScanQueueModel::Progress, QHeaderView::Fixed);
    h->resizeSection(ScanQueueModel::Progress, fontMetrics().horizontalAdvance(QStringLiteral("0000000000000")));
    h->setSectionResizeMode(ScanQueueModel::Stage, QHeaderView::Stretch);
    h->setSectionResizeMode(ScanQueueModel::Bytes, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(ScanQueueModel::Cancel, QHeaderView::ResizeToContents);

    auto *clear = new QPushButton(tr("Clear finished"), this);
    auto *cancelAll = new QPushButton(tr("Cancel all"), this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(cancelAll);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(clear, &QPushButton::clicked, model, &ScanQueueModel::clearFinished);
    connect(cancelAll, &QPushButton::clicked, model, &ScanQueueModel::cancelAll);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        syncButtons(first, last);
        m_table->scrollToBottom();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        syncButtons(tl.row(), br.row());
    });
    connect(model, &ScanQueueModel::activeCountChanged, this, &ScanQueueView::updateSummary);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ScanQueueView::updateSummary);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        emit jobActivated(index.data(ScanQueueModel::JobIdRole).toInt());
    });
    updateSummary();
}

void ScanQueueView::syncButtons(int firstRow, int lastRow)
{
    for (int row = firstRow; row <= lastRow; ++row) {
        const QModelIndex cell = m_model->index(row, ScanQueueModel::Cancel);
        const bool cancellable = cell.data(ScanQueueModel::CancellableRole).toBool();
        auto *button = qobject_cast<QToolButton *>(m_table->indexWidget(cell));
        if (!cancellable) {
            if (button)
                m_table->setIndexWidget(cell, nullptr); // deletes it
            continue;
        }
        if (button)
            continue;
        button = new QToolButton(m_table);
        button->setObjectName(QStringLiteral("cancelScan"));
        button->setText(tr("Cancel"));
        button->setToolTip(tr("Cancel the scan of %1").arg(m_model->index(row, ScanQueueModel::Image).data().toString()));
        const int jobId = cell.data(ScanQueueModel::JobIdRole).toInt();
        connect(button, &QToolButton::clicked, m_model, [this, jobId] { m_model->cancel(jobId); });
        m_table->setIndexWidget(cell, button);
    }
    updateSummary();
}

void ScanQueueView::updateSummary()
{
    const int active = m_model->activeCount();
    m_summary->setText(active == 0 ? tr("No scan running.") : tr("%n scan(s) queued or running.", nullptr, active));
}

} // namespace bulkhead
