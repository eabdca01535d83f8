#pragma once
// Overview over the scan history: severity distribution (all images or one), findings over time
// for one repository, most vulnerable images, most widespread vulnerabilities, KEV count.
// Clicking a slice or bar emits the matching *Activated signal.

#include "store/historystore.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;

namespace bulkhead {

class HistoryService;

// Everything the dashboard shows; plain values, filled by refresh() or by the caller.
struct DashboardData {
    QVector<ScanSummary> latest;                 // latest scan per image, most vulnerable first
    QVector<VulnerabilitySpread> widespread;
    int kevCount = 0;
    QString trendRepository;                     // whose trend `trend` is
    QVector<TrendPoint> trend;
};

class DashboardView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)
public:
    explicit DashboardView(QWidget *parent = nullptr);

    void setHistoryService(HistoryService *service); // not owned
    const DashboardData &data() const { return m_data; }
    // The reference whose severity distribution is shown; empty = all images.
    QString distributionReference() const;

    // Parts exposed for tests.
    QChart *distributionChart() const;
    QChart *trendChart() const;
    QChart *topImagesChart() const;
    QChart *widespreadChart() const;

public slots:
    void refresh();                              // reloads everything through the service
    void setData(const bulkhead::DashboardData &data);
    void setDistributionReference(const QString &reference);

signals:
    void dataLoaded();
    void loadFailed(const QString &message);
    // scanId -1 = across the latest scans of all images.
    void severityActivated(bulkhead::Severity severity, qint64 scanId);
    void imageActivated(qint64 scanId);
    void vulnerabilityActivated(const QString &vulnId, qint64 scanId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void loadTrend(const QString &repository);
    void rebuildDistribution();
    void rebuildTrend();
    void rebuildTopImages();
    void rebuildWidespread();
    void rebuildCards();
    void styleChart(QChart *chart) const;

    HistoryService *m_service = nullptr;
    DashboardData m_data;
    quint64 m_generation = 0;

    QComboBox *m_scope;
    QComboBox *m_trendRepo;
    QLabel *m_kevCard;
    QLabel *m_imagesCard;
    QLabel *m_findingsCard;
    QLabel *m_status;
    QChartView *m_distribution;
    QChartView *m_trend;
    QChartView *m_topImages;
    QChartView *m_widespread;
};

} // namespace bulkhead
