#include "imagecatalog.h"

#include "image/engine/engineclient.h"

#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace bulkhead {

namespace {
const QString OpenedKey = QStringLiteral("images/opened");
} // namespace

QString OpenedFilesProvider::displayName() const
{
    return tr("Opened files");
}

QString OpenedFilesProvider::pathOfSpec(const QString &spec)
{
    for (const QString &kind : {QStringLiteral("docker-archive:"), QStringLiteral("oci-archive:"), QStringLiteral("oci:")})
        if (spec.startsWith(kind))
            return spec.mid(kind.size());
    // A plain absolute path; anything else is a reference such as "debian:12".
    return spec.startsWith(u'/') ? spec : QString();
}

void OpenedFilesProvider::remember(const QString &spec)
{
    if (pathOfSpec(spec).isEmpty())
        return;
    QSettings s;
    QStringList specs = s.value(OpenedKey).toStringList();
    specs.removeAll(spec);
    specs.prepend(spec);
    while (specs.size() > MaxRemembered)
        specs.removeLast();
    s.setValue(OpenedKey, specs);
}

QFuture<Result<QVector<CatalogImage>>> OpenedFilesProvider::list()
{
    // At most MaxRemembered stat() calls: cheap enough to answer at once.
    QVector<CatalogImage> images;
    const QStringList specs = QSettings().value(OpenedKey).toStringList();
    for (const QString &spec : specs) {
        const QFileInfo fi(pathOfSpec(spec));
        if (!fi.exists())
            continue;
        CatalogImage image;
        image.name = fi.fileName();
        image.spec = spec;
        image.location = fi.absolutePath();
        image.size = fi.isFile() ? fi.size() : -1;
        image.changed = fi.lastModified();
        images << image;
    }
    return QtFuture::makeReadyFuture(Result<QVector<CatalogImage>>(images));
}

EngineImagesProvider::EngineImagesProvider(EngineKind kind)
    : m_kind(kind)
{
}

QString EngineImagesProvider::displayName() const
{
    return engineDisplayName(m_kind);
}

QFuture<Result<QVector<CatalogImage>>> EngineImagesProvider::list()
{
    const EngineKind kind = m_kind;
    return QtConcurrent::run([kind]() -> Result<QVector<CatalogImage>> {
        // No socket at all means no such engine on this machine: nothing to list, not an error.
        auto socket = resolveEngineSocket(kind);
        if (!socket || !QFileInfo::exists(socket->path))
            return QVector<CatalogImage>();
        auto client = EngineClient::connect(kind);
        if (!client)
            return tl::unexpected(client.error());
        auto images = client->listImages();
        if (!images)
            return tl::unexpected(images.error());
        const QString prefix = engineKindName(kind) + u':';
        QVector<CatalogImage> out;
        for (const EngineImage &image : *images) {
            QStringList names = image.repoTags;
            names.removeAll(QStringLiteral("<none>:<none>"));
            if (names.isEmpty())
                names << image.id;
            for (const QString &name : names) {
                CatalogImage c;
                c.name = name;
                c.spec = prefix + name;
                c.location = socket->path;
                c.size = image.size;
                if (image.created > 0)
                    c.changed = QDateTime::fromSecsSinceEpoch(image.created);
                out.append(c);
            }
        }
        return out;
    });
}

std::vector<std::unique_ptr<ImageCatalogProvider>> imageCatalogProviders()
{
    std::vector<std::unique_ptr<ImageCatalogProvider>> providers;
    providers.push_back(std::make_unique<OpenedFilesProvider>());
    providers.push_back(std::make_unique<EngineImagesProvider>(EngineKind::Docker));
    providers.push_back(std::make_unique<EngineImagesProvider>(EngineKind::Podman));
    // Not yet: one provider per Settings > Registries entry, browsing repositories and tags
    // through core/image/registry (bulkhead tags does it on the command line).
    return providers;
}

ImageCatalogModel::ImageCatalogModel(std::vector<std::unique_ptr<ImageCatalogProvider>> providers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_providers(std::move(providers))
    , m_errors(int(m_providers.size()))
{
}

void ImageCatalogModel::refresh()
{
    const quint64 generation = ++m_generation;
    m_pending = int(m_providers.size());
    if (m_pending == 0) {
        emit refreshed();
        return;
    }
    for (int p = 0; p < int(m_providers.size()); ++p) {
        m_providers[size_t(p)]->list().then(this, [this, p, generation](const Result<QVector<CatalogImage>> &r) {
            if (generation != m_generation)
                return;
            m_errors[p] = r ? QString() : tr("%1: %2").arg(m_providers[size_t(p)]->displayName(), r.error().message);
            setProviderRows(p, r ? *r : QVector<CatalogImage>());
            if (--m_pending == 0)
                emit refreshed();
        });
    }
}

void ImageCatalogModel::setProviderRows(int provider, const QVector<CatalogImage> &images)
{
    // Rows are grouped by provider: remove this provider's block, then insert the new one there.
    int first = 0;
    while (first < m_rows.size() && m_rows[first].provider < provider)
        ++first;
    int last = first;
    while (last < m_rows.size() && m_rows[last].provider == provider)
        ++last;
    if (last > first) {
        beginRemoveRows({}, first, last - 1);
        m_rows.remove(first, last - first);
        endRemoveRows();
    }
    if (images.isEmpty())
        return;
    beginInsertRows({}, first, first + int(images.size()) - 1);
    QVector<Row> rows;
    rows.reserve(images.size());
    for (const CatalogImage &image : images)
        rows.append(Row{provider, image});
    m_rows.insert(first, rows.size(), Row{});
    std::copy(rows.cbegin(), rows.cend(), m_rows.begin() + first);
    endInsertRows();
}

QString ImageCatalogModel::errorText() const
{
    QStringList lines;
    for (const QString &e : m_errors)
        if (!e.isEmpty())
            lines << e;
    return lines.join(u'\n');
}

int ImageCatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImageCatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const CatalogImage &im = row.image;
    if (role == SpecRole)
        return im.spec;
    if (role == Qt::ToolTipRole)
        return im.spec;
    if (role == SortRole) {
        switch (index.column()) {
        case Size: return im.size;
        case Changed: return im.changed;
        default: break;
        }
    }
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Name: return im.name;
        case Source: return m_providers[size_t(row.provider)]->displayName();
        case Location: return im.location;
        case Size: return im.size < 0 ? QString() : QLocale().formattedDataSize(im.size);
        case Changed: return im.changed.isValid() ? QLocale().toString(im.changed, QLocale::ShortFormat) : QString();
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ImageCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Image");
    case Source: return tr("Source");
    case Location: return tr("Location");
    case Size: return tr("Size");
    case Changed: return tr("Changed");
    }
    return {};
}

} // namespace bulkhead
