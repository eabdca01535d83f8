#include "imagesview.h"

#include "scansmodel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace bulkhead {

ImagesView::ImagesView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ScansModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_reference(new QLineEdit(this))
    , m_dropHint(new QLabel(this))
    , m_busy(new QLabel(this))
{
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ScansModel::SortRole);
    m_proxy->setFilterKeyColumn(ScansModel::Reference);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *open = new QPushButton(tr("Open image file…"), this);
    open->setToolTip(tr("A docker save / podman save tarball, an OCI archive or an OCI layout folder (Ctrl+O)"));
    auto *openFolder = new QPushButton(tr("Open OCI folder…"), this);
    auto *scanRef = new QPushButton(tr("Scan"), this);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    m_reference->setPlaceholderText(tr("Image reference, e.g. docker.io/library/debian:12"));
    m_reference->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter scanned images"));
    m_filter->setClearButtonEnabled(true);

    m_dropHint->setText(tr("Drop an image tarball or an OCI layout folder here to scan it."));
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->setFrameShape(QFrame::StyledPanel);
    m_dropHint->setMinimumHeight(m_dropHint->fontMetrics().height() * 3);
    m_dropHint->setEnabled(false); // drawn with the palette's disabled text: a hint, not content
    m_busy->setVisible(false);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ScansModel::Finished, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    for (int c = 0; c < ScansModel::ColumnCount; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, c == ScansModel::Reference ? QHeaderView::Stretch
                                                                                      : QHeaderView::ResizeToContents);

    auto *actions = new QHBoxLayout;
    actions->addWidget(open);
    actions->addWidget(openFolder);
    actions->addSpacing(12);
    actions->addWidget(m_reference, 1);
    actions->addWidget(scanRef);
    auto *listBar = new QHBoxLayout;
    listBar->addWidget(new QLabel(tr("Scanned images:"), this));
    listBar->addWidget(m_filter, 1);
    listBar->addWidget(refresh);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_dropHint);
    layout->addWidget(m_busy);
    layout->addLayout(listBar);
    layout->addWidget(m_table, 1);

    connect(open, &QPushButton::clicked, this, &ImagesView::openImageFile);
    connect(openFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open OCI layout folder"));
        if (!dir.isEmpty())
            emit imageRequested(specForPath(dir));
    });
    auto requestReference = [this] {
        const QString ref = m_reference->text().trimmed();
        if (!ref.isEmpty())
            emit imageRequested(ref);
    };
    connect(scanRef, &QPushButton::clicked, this, requestReference);
    connect(m_reference, &QLineEdit::returnPressed, this, requestReference);
    connect(refresh, &QPushButton::clicked, this, &ImagesView::refreshRequested);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { emit scanActivated(index.data(ScansModel::ScanIdRole).toLongLong()); });
}

QString ImagesView::specForPath(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return QStringLiteral("oci:") + fi.absoluteFilePath();
    return QStringLiteral("docker-archive:") + fi.absoluteFilePath();
}

void ImagesView::setScans(const QVector<ScanSummary> &scans)
{
    m_model->setScans(scans);
}

void ImagesView::openImageFile()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open image file"), QString(),
        tr("Image archives (*.tar *.tar.gz *.tgz *.tar.zst);;All files (*)"));
    if (!file.isEmpty())
        emit imageRequested(specForPath(file));
}

void ImagesView::setBusy(const QString &message)
{
    m_busy->setText(message);
    m_busy->setVisible(!message.isEmpty());
}

void ImagesView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls()) {
        for (const QUrl &url : event->mimeData()->urls())
            if (!url.isLocalFile())
                return;
        event->acceptProposedAction();
    }
}

void ImagesView::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            emit imageRequested(specForPath(url.toLocalFile()));
    event->acceptProposedAction();
}

} // namespace bulkhead
