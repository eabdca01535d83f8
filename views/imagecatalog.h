#pragma once
// Where the Images screen finds images to scan. One provider per place images live (files the
// user opened, a local container engine, a registry), all listed in imageCatalogProviders().

#include "common/result.h"
#include "image/engine/engineclient.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QDateTime>
#include <QFuture>
#include <QThreadPool>
#include <QVector>
#include <memory>
#include <vector>

namespace bulkhead {

class ProgressSink;

struct CatalogImage {
    QString name;        // what the user recognises: a reference or a file name
    QString spec;        // what ScanOptions::image takes
    QString location;    // file path, engine socket, registry host
    qint64 size = -1;    // bytes, -1 when unknown
    QDateTime changed;   // invalid when unknown
};

// What one provider lists: its images, and a note for the user when the list is partial
// ("docker.io does not list its repositories…"), empty otherwise.
struct CatalogListing {
    QVector<CatalogImage> images;
    QString note;
};

// Contract: list() returns at once and does any slow work (files, sockets, network) on `pool`;
// its future holds the listing, or an Error whose message is one sentence for the user ("Docker
// is not running."). Called on the GUI thread; destroying the provider cancels what it started.
class ImageCatalogProvider {
public:
    virtual ~ImageCatalogProvider() = default;
    virtual QString displayName() const = 0;
    virtual QFuture<Result<CatalogListing>> list(QThreadPool *pool) = 0;
};

// Image files and OCI folders the user opened (file dialog, drag and drop), remembered in
// QSettings under images/opened, newest first; entries whose file is gone are not listed.
class OpenedFilesProvider final : public ImageCatalogProvider {
    Q_DECLARE_TR_FUNCTIONS(OpenedFilesProvider)
public:
    static constexpr int MaxRemembered = 50;
    QString displayName() const override;
    QFuture<Result<CatalogListing>> list(QThreadPool *pool) override;
    // Records a spec ("oci:DIR", "docker-archive:FILE", a plain path); references are ignored.
    static void remember(const QString &spec);
    static QString pathOfSpec(const QString &spec);   // empty for a reference
};

// The images of the local Docker or Podman engine (GET /images/json), scanned as docker:NAME /
// podman:NAME. An engine whose socket does not exist lists nothing; one that fails is an error.
class EngineImagesProvider final : public ImageCatalogProvider {
public:
    explicit EngineImagesProvider(EngineKind kind);
    QString displayName() const override;
    QFuture<Result<CatalogListing>> list(QThreadPool *pool) override;

private:
    EngineKind m_kind;
};

// The repositories and tags of one registry (GET /v2/_catalog, then GET /v2/NAME/tags/list,
// both following Link pagination) through RegistryClient, with registries.json's TLS settings and
// the credentials of CredentialStore; rows are HOST/REPO:TAG, scanned as registry:HOST/REPO:TAG.
// A registry that refuses the catalog (Docker Hub) lists only the repositories added with
// addRepository() (Images > "Browse repository"), with a note saying so.
class RegistryImagesProvider final : public ImageCatalogProvider {
    Q_DECLARE_TR_FUNCTIONS(RegistryImagesProvider)
public:
    static constexpr int MaxRepositories = 200;   // of the catalog; more are mentioned in the note

    explicit RegistryImagesProvider(const QString &registry, const QStringList &repositories = {});
    ~RegistryImagesProvider() override;
    QString displayName() const override;
    QFuture<Result<CatalogListing>> list(QThreadPool *pool) override;

    QString registry() const { return m_registry; }
    // A repository ("library/debian") listed whatever the catalog says; ignored when already there.
    void addRepository(const QString &repository);
    QStringList repositories() const { return m_repositories; }
    // Entries per page asked of the registry (n=); 0 lets the registry choose.
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // Another registries.json (tests); default RegistryConfig::defaultPath() at list() time.
    void setConfigPath(const QString &path) { m_configPath = path; }

    // Repositories typed under "Browse repository", remembered in QSettings as HOST/REPO.
    static void rememberRepository(const QString &registry, const QString &repository);
    static QStringList rememberedRepositories(const QString &registry);
    static QStringList rememberedRegistries();

private:
    QString m_registry;
    QStringList m_repositories;
    int m_pageSize = 100;
    QString m_configPath;
    std::shared_ptr<ProgressSink> m_cancel;
};

// The one list of providers: opened files, the Docker and Podman engines, then one provider per
// registry of registries.json (RegistryConfig) and per registry a repository was browsed in.
std::vector<std::unique_ptr<ImageCatalogProvider>> imageCatalogProviders();

// The images of every provider, one row each, grouped by provider in list order.
class ImageCatalogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageCatalogModel)
public:
    enum Column { Name, Source, Location, Size, Changed, ColumnCount };
    enum Role { SpecRole = Qt::UserRole, SortRole };
    Q_ENUM(Column)

    explicit ImageCatalogModel(std::vector<std::unique_ptr<ImageCatalogProvider>> providers, QObject *parent = nullptr);

    QString errorText() const;       // one line per provider that failed, empty when none
    QString noteText() const;        // one line per provider with a partial list, empty when none
    bool isLoading() const { return m_pending > 0; }

    int providerCount() const { return int(m_providers.size()); }
    ImageCatalogProvider *provider(int index) const { return m_providers[size_t(index)].get(); }
    // Replaces every provider (Settings changed the registries), then lists them again.
    void setProviders(std::vector<std::unique_ptr<ImageCatalogProvider>> providers);
    // Appends one provider and lists it; returns its index.
    int addProvider(std::unique_ptr<ImageCatalogProvider> provider);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void refresh();                  // asks every provider again
    void refreshProvider(int index); // asks one provider again

signals:
    void providerListed(int index);  // one provider answered (rows, error and note updated)
    void refreshed();                // when no provider is being asked any more

private:
    struct Row {
        int provider;
        CatalogImage image;
    };
    void setProviderRows(int provider, const QVector<CatalogImage> &images);

    // Declared before the providers: destroyed after them, so it only waits for cancelled work.
    QThreadPool m_pool;
    std::vector<std::unique_ptr<ImageCatalogProvider>> m_providers;
    QVector<Row> m_rows;
    QVector<QString> m_errors;       // per provider
    QVector<QString> m_notes;        // per provider
    QVector<quint64> m_asked;        // per provider: the generation of the answer awaited, 0 = none
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace bulkhead
