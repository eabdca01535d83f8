#include "imagecatalog.h"

#include "common/progress.h"
#include "credentials/credentialstore.h"
#include "image/engine/engineclient.h"
#include "image/registry/registryclient.h"
#include "image/registry/registryconfig.h"

#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace bulkhead {

namespace {
const QString OpenedKey = QStringLiteral("images/opened");
const QString BrowsedKey = QStringLiteral("images/browsedRepositories");
constexpr int MaxBrowsed = 50;
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

QFuture<Result<CatalogListing>> OpenedFilesProvider::list(QThreadPool *)
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
    return QtFuture::makeReadyFuture(Result<CatalogListing>(CatalogListing{images, QString()}));
}

EngineImagesProvider::EngineImagesProvider(EngineKind kind)
    : m_kind(kind)
{
}

QString EngineImagesProvider::displayName() const
{
    return engineDisplayName(m_kind);
}

QFuture<Result<CatalogListing>> EngineImagesProvider::list(QThreadPool *pool)
{
    const EngineKind kind = m_kind;
    return QtConcurrent::run(pool, [kind]() -> Result<CatalogListing> {
        // No socket at all means no such engine on this machine: nothing to list, not an error.
        auto socket = resolveEngineSocket(kind);
        if (!socket || !QFileInfo::exists(socket->path))
            return CatalogListing();
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
        return CatalogListing{out, QString()};
    });
}

RegistryImagesProvider::RegistryImagesProvider(const QString &registry, const QStringList &repositories)
    : m_registry(registry)
    , m_repositories(repositories)
{
}

RegistryImagesProvider::~RegistryImagesProvider()
{
    if (m_cancel)
        m_cancel->cancel();
}

QString RegistryImagesProvider::displayName() const
{
    return tr("Registry %1").arg(m_registry);
}

void RegistryImagesProvider::addRepository(const QString &repository)
{
    if (!m_repositories.contains(repository))
        m_repositories.append(repository);
}

void RegistryImagesProvider::rememberRepository(const QString &registry, const QString &repository)
{
    QSettings s;
    QStringList names = s.value(BrowsedKey).toStringList();
    const QString name = registry + u'/' + repository;
    names.removeAll(name);
    names.prepend(name);
    while (names.size() > MaxBrowsed)
        names.removeLast();
    s.setValue(BrowsedKey, names);
}

QStringList RegistryImagesProvider::rememberedRepositories(const QString &registry)
{
    QStringList out;
    const QString prefix = registry + u'/';
    const QStringList names = QSettings().value(BrowsedKey).toStringList();
    for (const QString &name : names)
        if (name.startsWith(prefix))
            out.append(name.mid(prefix.size()));
    return out;
}

QStringList RegistryImagesProvider::rememberedRegistries()
{
    QStringList out;
    const QStringList names = QSettings().value(BrowsedKey).toStringList();
    for (const QString &name : names) {
        const QString registry = name.section(u'/', 0, 0);
        if (!registry.isEmpty() && !out.contains(registry))
            out.append(registry);
    }
    return out;
}

QFuture<Result<CatalogListing>> RegistryImagesProvider::list(QThreadPool *pool)
{
    // A new listing supersedes the one still running.
    if (m_cancel)
        m_cancel->cancel();
    m_cancel = std::make_shared<ProgressSink>();
    const std::shared_ptr<ProgressSink> cancel = m_cancel;
    const QString registry = m_registry;
    const QStringList browsed = m_repositories;
    const int pageSize = m_pageSize;
    const QString configPath = m_configPath.isEmpty() ? RegistryConfig::defaultPath() : m_configPath;
    return QtConcurrent::run(pool, [cancel, registry, browsed, pageSize, configPath]() -> Result<CatalogListing> {
        auto config = RegistryConfig::load(configPath);
        if (!config)
            return tl::unexpected(config.error());
        RegistryClient client(registry, *config, cancel.get());
        QStringList notes;
        client.setCredentials(CredentialStore().lookup(registry, &notes));
        client.setCredentialNotes(notes);

        CatalogListing listing;
        QStringList repositories;
        auto catalog = client.catalog(pageSize);
        if (catalog) {
            repositories = *catalog;
            std::sort(repositories.begin(), repositories.end());
            if (repositories.size() > MaxRepositories) {
                listing.note = tr("Showing the first %1 of %2 repositories; browse a repository to list another one.")
                                   .arg(MaxRepositories).arg(repositories.size());
                repositories = repositories.mid(0, MaxRepositories);
            }
        } else if (catalog.error().code == AuthError || catalog.error().code == NotFound) {
            // Docker Hub and many hosted registries answer 401/404 to _catalog. If the API itself
            // refuses us, that is the real error (wrong password, not logged in).
            if (auto ping = client.ping(); !ping)
                return tl::unexpected(ping.error());
            listing.note = tr("does not list its repositories; type one under \"Browse repository\" to see its tags.");
        } else {
            return tl::unexpected(catalog.error());
        }
        for (const QString &repository : browsed)
            if (!repositories.contains(repository))
                repositories.append(repository);

        QStringList failures;
        Error firstFailure;
        for (const QString &repository : std::as_const(repositories)) {
            if (cancel->isCancelled())
                return fail(tr("Cancelled."), Cancelled);
            auto tags = client.tags(repository, pageSize);
            if (!tags) {
                if (failures.isEmpty())
                    firstFailure = tags.error();
                failures.append(repository);
                continue;
            }
            // Registries answer in their own order (docker-registry: newest first); rows are sorted.
            std::sort(tags->begin(), tags->end());
            for (const QString &tag : std::as_const(*tags)) {
                CatalogImage image;
                image.name = registry + u'/' + repository + u':' + tag;
                // The explicit kind: a registry row never resolves to a local engine's image.
                image.spec = QStringLiteral("registry:") + image.name;
                image.location = registry;
                listing.images.append(image);
            }
        }
        if (!failures.isEmpty()) {
            if (listing.images.isEmpty() && failures.size() == repositories.size())
                return tl::unexpected(firstFailure);
            const QString line = tr("The tags of %1 could not be listed: %2").arg(failures.join(QStringLiteral(", ")),
                                                                                  firstFailure.message);
            listing.note = listing.note.isEmpty() ? line : listing.note + u' ' + line;
        }
        return listing;
    });
}

std::vector<std::unique_ptr<ImageCatalogProvider>> imageCatalogProviders()
{
    std::vector<std::unique_ptr<ImageCatalogProvider>> providers;
    providers.push_back(std::make_unique<OpenedFilesProvider>());
    providers.push_back(std::make_unique<EngineImagesProvider>(EngineKind::Docker));
    providers.push_back(std::make_unique<EngineImagesProvider>(EngineKind::Podman));
    // A registries.json that cannot be read lists no registry here; Settings shows why.
    QStringList registries;
    if (auto config = RegistryConfig::load())
        registries = config->hosts();
    for (const QString &registry : RegistryImagesProvider::rememberedRegistries())
        if (!registries.contains(registry))
            registries.append(registry);
    for (const QString &registry : std::as_const(registries))
        providers.push_back(std::make_unique<RegistryImagesProvider>(
            registry, RegistryImagesProvider::rememberedRepositories(registry)));
    return providers;
}

ImageCatalogModel::ImageCatalogModel(std::vector<std::unique_ptr<ImageCatalogProvider>> providers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_providers(std::move(providers))
    , m_errors(int(m_providers.size()))
    , m_notes(int(m_providers.size()))
    , m_asked(int(m_providers.size()), 0)
{
    // Listings wait on sockets and the network, not the CPU.
    m_pool.setMaxThreadCount(4);
}

void ImageCatalogModel::setProviders(std::vector<std::unique_ptr<ImageCatalogProvider>> providers)
{
    beginResetModel();
    m_rows.clear();
    m_providers = std::move(providers);
    m_errors = QVector<QString>(int(m_providers.size()));
    m_notes = QVector<QString>(int(m_providers.size()));
    m_asked = QVector<quint64>(int(m_providers.size()), 0);
    m_pending = 0;
    endResetModel();
    refresh();
}

int ImageCatalogModel::addProvider(std::unique_ptr<ImageCatalogProvider> provider)
{
    m_providers.push_back(std::move(provider));
    m_errors.append(QString());
    m_notes.append(QString());
    m_asked.append(0);
    const int index = int(m_providers.size()) - 1;
    refreshProvider(index);
    return index;
}

void ImageCatalogModel::refresh()
{
    if (m_providers.empty()) {
        emit refreshed();
        return;
    }
    for (int p = 0; p < int(m_providers.size()); ++p)
        refreshProvider(p);
}

void ImageCatalogModel::refreshProvider(int p)
{
    if (p < 0 || p >= int(m_providers.size()))
        return;
    if (m_asked[p] == 0)
        ++m_pending;
    const quint64 generation = ++m_generation;
    m_asked[p] = generation;
    ImageCatalogProvider *provider = m_providers[size_t(p)].get();
    provider->list(&m_pool).then(this, [this, p, provider, generation](const Result<CatalogListing> &r) {
        // A newer question to this provider, or other providers since, make this answer stale.
        if (p >= int(m_providers.size()) || m_providers[size_t(p)].get() != provider || m_asked[p] != generation)
            return;
        m_asked[p] = 0;
        m_errors[p] = r ? QString() : tr("%1: %2").arg(provider->displayName(), r.error().message);
        m_notes[p] = r && !r->note.isEmpty() ? tr("%1: %2").arg(provider->displayName(), r->note) : QString();
        setProviderRows(p, r ? r->images : QVector<CatalogImage>());
        emit providerListed(p);
        if (--m_pending == 0)
            emit refreshed();
    });
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

namespace {
QString nonEmptyLines(const QVector<QString> &lines)
{
    QStringList out;
    for (const QString &line : lines)
        if (!line.isEmpty())
            out << line;
    return out.join(u'\n');
}
} // namespace

QString ImageCatalogModel::errorText() const
{
    return nonEmptyLines(m_errors);
}

QString ImageCatalogModel::noteText() const
{
    return nonEmptyLines(m_notes);
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
