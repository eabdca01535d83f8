#pragma once
// Where the Images screen finds images to scan. One provider per place images live (files the
// user opened, a local container engine, a registry), all listed in imageCatalogProviders().

#include "common/result.h"
#include "image/engine/engineclient.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QDateTime>
#include <QFuture>
#include <QVector>
#include <memory>
#include <vector>

namespace bulkhead {

struct CatalogImage {
    QString name;        // what the user recognises: a reference or a file name
    QString spec;        // what ScanOptions::image takes
    QString location;    // file path, engine socket, registry host
    qint64 size = -1;    // bytes, -1 when unknown
    QDateTime changed;   // invalid when unknown
};

// Contract: list() returns at once; its future holds the provider's images, or an Error whose
// message is one sentence for the user ("Docker is not running."). Called on the GUI thread.
class ImageCatalogProvider {
public:
    virtual ~ImageCatalogProvider() = default;
    virtual QString displayName() const = 0;
    virtual QFuture<Result<QVector<CatalogImage>>> list() = 0;
};

// Image files and OCI folders the user opened (file dialog, drag and drop), remembered in
// QSettings under images/opened, newest first; entries whose file is gone are not listed.
class OpenedFilesProvider final : public ImageCatalogProvider {
    Q_DECLARE_TR_FUNCTIONS(OpenedFilesProvider)
public:
    static constexpr int MaxRemembered = 50;
    QString displayName() const override;
    QFuture<Result<QVector<CatalogImage>>> list() override;
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
    QFuture<Result<QVector<CatalogImage>>> list() override;

private:
    EngineKind m_kind;
};

// The one list of providers. Engine and registry providers join it when their core APIs land.
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

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void refresh();                  // asks every provider again

signals:
    void refreshed();                // after every provider answered

private:
    struct Row {
        int provider;
        CatalogImage image;
    };
    void setProviderRows(int provider, const QVector<CatalogImage> &images);

    std::vector<std::unique_ptr<ImageCatalogProvider>> m_providers;
    QVector<Row> m_rows;
    QVector<QString> m_errors;       // per provider
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace bulkhead
