#pragma once
// Images: images available to scan (ImageCatalogModel: opened files, the local engines, the
// configured registries and the repositories browsed with "Browse repository"), the scan history
// list, "Open image…" buttons and a drop zone for image tarballs and OCI layout folders. It only
// asks: imageRequested(spec) is for the scan service to act on.

#include "store/historystore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bulkhead {

class ImageCatalogModel;
class ScansModel;

class ImagesView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagesView)
public:
    explicit ImagesView(QWidget *parent = nullptr);

    QTableView *scansTable() const { return m_table; }
    ScansModel *scansModel() const { return m_model; }
    QTableView *catalogTable() const { return m_catalogTable; }
    ImageCatalogModel *catalogModel() const { return m_catalog; }
    QLabel *catalogMessages() const { return m_catalogErrors; }
    // The spec for a local path: "oci:<dir>" for an OCI layout folder, "docker-archive:<file>"
    // for a .tar/.tar.gz, "oci-archive:<file>" when the tarball holds an oci-layout file.
    static QString specForPath(const QString &path);

public slots:
    void setScans(const QVector<bulkhead::ScanSummary> &scans);
    void openImageFile();          // file dialog, then imageRequested
    void setBusy(const QString &message); // empty = idle
    void refreshCatalog();
    void refreshOpenedFiles();     // only the opened files (after a scan was started)
    void reloadCatalogProviders(); // the registries list changed
    // Lists the tags of a repository ("registry.example.com/team/app", "debian") in the catalog,
    // also when its registry refuses to list its repositories. Empty when started, else why not.
    QString browseRepository(const QString &text);

signals:
    void imageRequested(const QString &spec);
    void scanActivated(qint64 scanId);
    void refreshRequested();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void requestSelectedCatalogImages();
    void showCatalogState();       // "listing…", and the providers' errors and notes

    ScansModel *m_model;
    ImageCatalogModel *m_catalog;
    QSortFilterProxyModel *m_catalogProxy;
    QTableView *m_catalogTable;
    QLabel *m_catalogErrors;
    QLabel *m_catalogState;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLineEdit *m_filter;
    QLineEdit *m_reference;
    QLineEdit *m_browse;
    QLabel *m_dropHint;
    QLabel *m_busy;
};

} // namespace bulkhead
