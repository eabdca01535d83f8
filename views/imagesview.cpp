#include "imagesview.h"

#include "image/imagereference.h"
#include "imagecatalog.h"
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
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bulkhead {

ImagesView::ImagesView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ScansModel(this))
    , m_catalog(new ImageCatalogModel(imageCatalogProviders(), this))
    , m_catalogProxy(new QSortFilterProxyModel(this))
    , m_catalogTable(new QTableView(this))
    , m_catalogErrors(new QLabel(this))
    , m_catalogState(new QLabel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_reference(new QLineEdit(this))
    , m_browse(new QLineEdit(this))
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
    scanRef->setObjectName(QStringLiteral("scanReference"));
    m_reference->setObjectName(QStringLiteral("imageReference"));
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

    m_catalogProxy->setSourceModel(m_catalog);
    m_catalogProxy->setSortRole(ImageCatalogModel::SortRole);
    m_catalogTable->setModel(m_catalogProxy);
    m_catalogTable->setSortingEnabled(true);
    m_catalogTable->sortByColumn(-1, Qt::AscendingOrder); // provider order until the user sorts
    m_catalogTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_catalogTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_catalogTable->setAlternatingRowColors(true);
    m_catalogTable->verticalHeader()->setVisible(false);
    m_catalogTable->setWordWrap(false);
    m_catalogTable->setTextElideMode(Qt::ElideMiddle);
    for (int c = 0; c < ImageCatalogModel::ColumnCount; ++c)
        m_catalogTable->horizontalHeader()->setSectionResizeMode(
            c, c == ImageCatalogModel::Location ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    m_catalogErrors->setObjectName(QStringLiteral("catalogMessages"));
    m_catalogErrors->setWordWrap(true);
    m_catalogErrors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_catalogErrors->setVisible(false);
    auto *scanSelected = new QPushButton(tr("Scan selected"), this);
    scanSelected->setObjectName(QStringLiteral("scanSelected"));
    m_browse->setObjectName(QStringLiteral("browseRepository"));
    m_browse->setPlaceholderText(tr("Browse repository, e.g. registry.example.com/team/app"));
    m_browse->setToolTip(tr("Lists the tags of a registry repository here, also for registries that do not list "
                            "their repositories (Docker Hub)"));
    m_browse->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("List tags"), this);
    browse->setObjectName(QStringLiteral("listTags"));
    m_catalogState->setObjectName(QStringLiteral("catalogState"));
    m_catalogState->setEnabled(false);

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

    auto *catalogBar = new QHBoxLayout;
    catalogBar->addWidget(new QLabel(tr("Available images:"), this));
    catalogBar->addWidget(m_catalogState, 1);
    catalogBar->addWidget(m_browse, 2);
    catalogBar->addWidget(browse);
    catalogBar->addSpacing(12);
    catalogBar->addWidget(scanSelected);

    auto *catalogPane = new QWidget(this);
    auto *catalogLayout = new QVBoxLayout(catalogPane);
    catalogLayout->setContentsMargins(0, 0, 0, 0);
    catalogLayout->addLayout(catalogBar);
    catalogLayout->addWidget(m_catalogErrors);
    catalogLayout->addWidget(m_catalogTable, 1);
    auto *historyPane = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyPane);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addLayout(listBar);
    historyLayout->addWidget(m_table, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(catalogPane);
    split->addWidget(historyPane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_dropHint);
    layout->addWidget(m_busy);
    layout->addWidget(split, 1);

    connect(scanSelected, &QPushButton::clicked, this, &ImagesView::requestSelectedCatalogImages);
    connect(m_catalogTable, &QTableView::activated, this, &ImagesView::requestSelectedCatalogImages);
    // Each provider answers on its own: show its rows and messages as they come.
    connect(m_catalog, &ImageCatalogModel::refreshed, this, &ImagesView::showCatalogState);
    connect(m_catalog, &ImageCatalogModel::providerListed, this, &ImagesView::showCatalogState);
    connect(refresh, &QPushButton::clicked, this, &ImagesView::refreshCatalog);
    auto browseTyped = [this] {
        const QString why = browseRepository(m_browse->text());
        showCatalogState();
        if (!why.isEmpty()) {
            m_catalogErrors->setText(why);
            m_catalogErrors->setVisible(true);
        }
    };
    connect(browse, &QPushButton::clicked, this, browseTyped);
    connect(m_browse, &QLineEdit::returnPressed, this, browseTyped);

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
    refreshCatalog();
}

void ImagesView::showCatalogState()
{
    m_catalogState->setText(m_catalog->isLoading() ? tr("listing…") : QString());
    QStringList lines;
    for (const QString &text : {m_catalog->errorText(), m_catalog->noteText()})
        if (!text.isEmpty())
            lines << text;
    m_catalogErrors->setText(lines.join(u'\n'));
    m_catalogErrors->setVisible(!lines.isEmpty());
}

QString ImagesView::specForPath(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return QStringLiteral("oci:") + fi.absoluteFilePath();
    // A tarball may be a docker-archive or an oci-archive, plain or gzipped: the plain path lets
    // the source factory recognise it by its content.
    return fi.absoluteFilePath();
}

void ImagesView::refreshCatalog()
{
    m_catalog->refresh();
    showCatalogState();
}

void ImagesView::refreshOpenedFiles()
{
    for (int p = 0; p < m_catalog->providerCount(); ++p)
        if (dynamic_cast<OpenedFilesProvider *>(m_catalog->provider(p)))
            m_catalog->refreshProvider(p);
}

void ImagesView::reloadCatalogProviders()
{
    m_catalog->setProviders(imageCatalogProviders());
    showCatalogState();
}

QString ImagesView::browseRepository(const QString &text)
{
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return tr("Type a repository first, e.g. registry.example.com/team/app.");
    auto ref = ImageReference::parse(typed);
    if (!ref)
        return ref.error().message;
    RegistryImagesProvider::rememberRepository(ref->registry(), ref->repository());
    for (int p = 0; p < m_catalog->providerCount(); ++p) {
        if (auto *registry = dynamic_cast<RegistryImagesProvider *>(m_catalog->provider(p));
            registry && registry->registry() == ref->registry()) {
            registry->addRepository(ref->repository());
            m_catalog->refreshProvider(p);
            return {};
        }
    }
    m_catalog->addProvider(std::make_unique<RegistryImagesProvider>(ref->registry(), QStringList{ref->repository()}));
    return {};
}

void ImagesView::requestSelectedCatalogImages()
{
    const QModelIndexList rows = m_catalogTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        emit imageRequested(row.data(ImageCatalogModel::SpecRole).toString());
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
