#pragma once
// Images: the scan history list, an "Open image…" button and a drop zone for image tarballs and
// OCI layout folders. It only asks: imageRequested(spec) is for the scan service to act on.

#include "store/historystore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bulkhead {

class ScansModel;

class ImagesView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagesView)
public:
    explicit ImagesView(QWidget *parent = nullptr);

    QTableView *scansTable() const { return m_table; }
    ScansModel *scansModel() const { return m_model; }
    // The spec for a local path: "oci:<dir>" for an OCI layout folder, "docker-archive:<file>"
    // for a .tar/.tar.gz, "oci-archive:<file>" when the tarball holds an oci-layout file.
    static QString specForPath(const QString &path);

public slots:
    void setScans(const QVector<bulkhead::ScanSummary> &scans);
    void openImageFile();          // file dialog, then imageRequested
    void setBusy(const QString &message); // empty = idle

signals:
    void imageRequested(const QString &spec);
    void scanActivated(qint64 scanId);
    void refreshRequested();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    ScansModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLineEdit *m_filter;
    QLineEdit *m_reference;
    QLabel *m_dropHint;
    QLabel *m_busy;
};

} // namespace bulkhead
