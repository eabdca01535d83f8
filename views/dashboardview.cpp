#include "dashboardview.h"

#include "severitystyle.h"
#include "store/historyservice.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QPieSlice>
#include <QtCharts/QValueAxis>

namespace bulkhead {

namespace {

QChartView *makeView(QWidget *parent, const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    auto *view = new QChartView(chart, parent); // the view owns the chart
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(280, 220);
    return view;
}

// Long references would eat the chart: keep the end (repository name and tag).
QString shortReference(const QString &ref)
{
    // Drop the registry host ("registry.example.com/shop/api:1.0" -> "shop/api:1.0"): within one
    // dashboard the repository path tells images apart.
    QString r = ref;
    const int slash = r.indexOf(u'/');
    if (slash > 0) {
        const QString host = r.left(slash);
        if (host.contains(u'.') || host.contains(u':') || host == u"localhost")
            r = r.mid(slash + 1);
    }
    return r.size() <= 32 ? r : QStringLiteral("…") + r.right(31);
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *a : axes) {
        chart->removeAxis(a);
        delete a;
    }
}

} // namespace

DashboardView::DashboardView(QWidget *parent)
    : QWidget(parent)
    , m_scope(new QComboBox(this))
    , m_trendRepo(new QComboBox(this))
    , m_kevCard(new QLabel(this))
    , m_imagesCard(new QLabel(this))
    , m_findingsCard(new QLabel(this))
    , m_status(new QLabel(this))
    , m_distribution(makeView(this, tr("Severity distribution")))
    , m_trend(makeView(this, tr("Findings over time")))
    , m_topImages(makeView(this, tr("Most vulnerable images")))
    , m_widespread(makeView(this, tr("Most widespread vulnerabilities")))
{
    for (QLabel *card : {m_kevCard, m_imagesCard, m_findingsCard}) {
        card->setFrameShape(QFrame::StyledPanel);
        card->setTextFormat(Qt::RichText);
        card->setAlignment(Qt::AlignCenter);
        card->setMinimumWidth(160);
        card->setContentsMargins(12, 6, 12, 6);
    }
    m_status->setWordWrap(true);
    // Wide enough for "registry/repository:tag", without letting long names widen the window.
    for (QComboBox *box : {m_scope, m_trendRepo}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(30);
    }

    auto *top = new QHBoxLayout;
    top->addWidget(m_imagesCard);
    top->addWidget(m_findingsCard);
    top->addWidget(m_kevCard);
    top->addStretch(1);
    auto *scopeForm = new QGridLayout;
    scopeForm->addWidget(new QLabel(tr("Distribution of:"), this), 0, 0);
    scopeForm->addWidget(m_scope, 0, 1);
    scopeForm->addWidget(new QLabel(tr("Trend of:"), this), 1, 0);
    scopeForm->addWidget(m_trendRepo, 1, 1);
    top->addLayout(scopeForm);

    auto *grid = new QGridLayout;
    grid->addWidget(m_distribution, 0, 0);
    grid->addWidget(m_trend, 0, 1);
    grid->addWidget(m_topImages, 1, 0);
    grid->addWidget(m_widespread, 1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addLayout(grid, 1);

    for (QChartView *v : {m_distribution, m_trend, m_topImages, m_widespread})
        styleChart(v->chart());

    connect(m_scope, &QComboBox::currentIndexChanged, this, &DashboardView::rebuildDistribution);
    connect(m_trendRepo, &QComboBox::activated, this, [this] { loadTrend(m_trendRepo->currentData().toString()); });
    setData(DashboardData());
}

QChart *DashboardView::distributionChart() const { return m_distribution->chart(); }
QChart *DashboardView::trendChart() const { return m_trend->chart(); }
QChart *DashboardView::topImagesChart() const { return m_topImages->chart(); }
QChart *DashboardView::widespreadChart() const { return m_widespread->chart(); }

void DashboardView::setHistoryService(HistoryService *service)
{
    m_service = service;
}

QString DashboardView::distributionReference() const
{
    return m_scope->currentData().toString();
}

void DashboardView::setDistributionReference(const QString &reference)
{
    m_scope->setCurrentIndex(qMax(0, m_scope->findData(reference)));
}

void DashboardView::refresh()
{
    if (!m_service)
        return;
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Loading scan history…"));
    // Three independent queries on the service's pool, gathered on this thread.
    auto latest = m_service->latestScans();
    auto spread = m_service->widespreadVulnerabilities(10);
    auto kev = m_service->kevCount();
    latest.then(this, [this, generation, spread, kev](const Result<QVector<ScanSummary>> &l) mutable {
        spread.then(this, [this, generation, kev, l](const Result<QVector<VulnerabilitySpread>> &s) mutable {
            kev.then(this, [this, generation, l, s](const Result<int> &k) {
                if (generation != m_generation)
                    return;
                for (const QString &err : {l ? QString() : l.error().message, s ? QString() : s.error().message,
                                           k ? QString() : k.error().message}) {
                    if (!err.isEmpty()) {
                        m_status->setText(err);
                        emit loadFailed(err);
                        return;
                    }
                }
                DashboardData d;
                d.latest = *l;
                d.widespread = *s;
                d.kevCount = *k;
                // Keep the trend the user picked, else the most vulnerable image's repository.
                const QString keep = m_trendRepo->currentData().toString();
                d.trendRepository = keep;
                bool known = false;
                for (const ScanSummary &x : d.latest)
                    known = known || x.repository == keep;
                if (!known)
                    d.trendRepository = d.latest.isEmpty() ? QString() : d.latest.first().repository;
                m_data = d;
                setData(d);
                loadTrend(d.trendRepository);
            });
        });
    });
}

void DashboardView::loadTrend(const QString &repository)
{
    if (!m_service || repository.isEmpty()) {
        emit dataLoaded();
        return;
    }
    const quint64 generation = m_generation;
    m_service->severityTrend(TrendScopeKind::Repository, repository)
        .then(this, [this, generation, repository](const Result<QVector<TrendPoint>> &t) {
            if (generation != m_generation)
                return;
            if (!t) {
                m_status->setText(t.error().message);
                emit loadFailed(t.error().message);
                return;
            }
            m_data.trendRepository = repository;
            m_data.trend = *t;
            rebuildTrend();
            emit dataLoaded();
        });
}

void DashboardView::setData(const DashboardData &data)
{
    m_data = data;
    m_status->setText(data.latest.isEmpty() ? tr("No scans yet. Open an image to scan it; its results will appear here.")
                                            : QString());
    m_status->setVisible(!m_status->text().isEmpty());

    const QString keepScope = m_scope->currentData().toString();
    {
        const QSignalBlocker block(m_scope);
        m_scope->clear();
        m_scope->addItem(tr("All images (latest scans)"), QString());
        for (const ScanSummary &s : data.latest)
            m_scope->addItem(s.reference, s.reference);
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(keepScope)));
    }
    {
        const QSignalBlocker block(m_trendRepo);
        m_trendRepo->clear();
        QSet<QString> seen;
        for (const ScanSummary &s : data.latest)
            if (!seen.contains(s.repository)) {
                seen.insert(s.repository);
                m_trendRepo->addItem(s.repository, s.repository);
            }
        m_trendRepo->setCurrentIndex(qMax(0, m_trendRepo->findData(data.trendRepository)));
    }
    rebuildCards();
    rebuildDistribution();
    rebuildTrend();
    rebuildTopImages();
    rebuildWidespread();
    if (!m_service)
        emit dataLoaded();
}

void DashboardView::rebuildCards()
{
    int findings = 0;
    for (const ScanSummary &s : m_data.latest)
        findings += s.counts.total();
    const QString card = QStringLiteral("<div style='font-size:x-large; font-weight:bold'>%1</div><div>%2</div>");
    m_imagesCard->setText(card.arg(m_data.latest.size()).arg(tr("images scanned")));
    m_findingsCard->setText(card.arg(findings).arg(tr("findings in latest scans")));
    m_kevCard->setText(card.arg(m_data.kevCount).arg(tr("known exploited (KEV)")));
}

void DashboardView::rebuildDistribution()
{
    QChart *chart = m_distribution->chart();
    clearChart(chart);
    const QString ref = distributionReference();
    SeverityCounts counts;
    qint64 scanId = -1;
    for (const ScanSummary &s : m_data.latest) {
        if (!ref.isEmpty() && s.reference != ref)
            continue;
        for (Severity sev : SeverityStyle::allDescending())
            counts[sev] += s.counts[sev];
        if (!ref.isEmpty())
            scanId = s.id;
    }
    auto *series = new QPieSeries;
    series->setHoleSize(0.45);
    for (Severity sev : SeverityStyle::allDescending()) {
        if (counts[sev] == 0)
            continue;
        auto *slice = series->append(QStringLiteral("%1 (%2)").arg(SeverityStyle::label(sev)).arg(counts[sev]), counts[sev]);
        slice->setColor(SeverityStyle::color(sev));
        slice->setBorderColor(palette().color(QPalette::Base));
        connect(slice, &QPieSlice::clicked, this, [this, sev, scanId] { emit severityActivated(sev, scanId); });
        connect(slice, &QPieSlice::hovered, slice, [slice](bool on) { slice->setExploded(on); });
    }
    chart->addSeries(series);
    chart->setTitle(counts.total() == 0 ? tr("Severity distribution: no findings")
                                        : tr("Severity distribution (%1 findings)").arg(counts.total()));
    styleChart(chart);
}

void DashboardView::rebuildTrend()
{
    QChart *chart = m_trend->chart();
    clearChart(chart);
    chart->setTitle(m_data.trendRepository.isEmpty() ? tr("Findings over time")
                                                     : tr("Findings over time: %1").arg(shortReference(m_data.trendRepository)));
    if (m_data.trend.isEmpty()) {
        styleChart(chart);
        return;
    }
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("dd MMM"));
    x->setTitleText(tr("Scan date"));
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("Findings"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    int maxY = 0;
    QDateTime first = m_data.trend.first().finishedAt, last = m_data.trend.last().finishedAt;
    for (Severity sev : SeverityStyle::allDescending()) {
        auto *line = new QLineSeries;
        line->setName(SeverityStyle::label(sev));
        QPen pen(SeverityStyle::color(sev));
        pen.setWidth(2);
        line->setPen(pen);
        line->setPointsVisible(true);
        bool any = false;
        for (const TrendPoint &p : m_data.trend) {
            line->append(double(p.finishedAt.toMSecsSinceEpoch()), p.counts[sev]);
            maxY = qMax(maxY, p.counts[sev]);
            any = any || p.counts[sev] > 0;
        }
        if (!any) {
            delete line;
            continue;
        }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    // A single scan still needs a visible time range around it.
    if (first == last) {
        first = first.addDays(-1);
        last = last.addDays(1);
    }
    x->setRange(first, last);
    x->setTickCount(qBound(2, int(m_data.trend.size()), 6));
    y->setRange(0, qMax(1, maxY + maxY / 10 + 1));
    y->applyNiceNumbers();
    styleChart(chart);
}

void DashboardView::rebuildTopImages()
{
    QChart *chart = m_topImages->chart();
    clearChart(chart);
    const int n = qMin(int(m_data.latest.size()), 8);
    if (n == 0) {
        styleChart(chart);
        return;
    }
    auto *series = new QHorizontalStackedBarSeries;
    QStringList categories;
    // Horizontal bars are drawn bottom-up: add the most vulnerable image last so it is on top.
    for (int i = n - 1; i >= 0; --i)
        categories << shortReference(m_data.latest[i].reference);
    QVector<qint64> ids;
    for (int i = n - 1; i >= 0; --i)
        ids << m_data.latest[i].id;
    for (Severity sev : SeverityStyle::allDescending()) {
        auto *set = new QBarSet(SeverityStyle::label(sev));
        set->setColor(SeverityStyle::color(sev));
        set->setBorderColor(SeverityStyle::color(sev));
        for (int i = n - 1; i >= 0; --i)
            *set << m_data.latest[i].counts[sev];
        series->append(set);
    }
    connect(series, &QAbstractBarSeries::clicked, this, [this, ids](int index, QBarSet *) {
        if (index >= 0 && index < ids.size())
            emit imageActivated(ids[index]);
    });
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    auto *x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    x->applyNiceNumbers();
    styleChart(chart);
}

void DashboardView::rebuildWidespread()
{
    QChart *chart = m_widespread->chart();
    clearChart(chart);
    const int n = qMin(int(m_data.widespread.size()), 10);
    if (n == 0) {
        styleChart(chart);
        return;
    }
    // One stacked set per severity, each bar non-zero in exactly one: bars take their own colour.
    auto *series = new QHorizontalStackedBarSeries;
    QStringList categories;
    QVector<int> order;
    for (int i = n - 1; i >= 0; --i)
        order << i;
    int maxCount = 1;
    for (int i : order) {
        const VulnerabilitySpread &v = m_data.widespread[i];
        categories << (v.kev ? tr("%1 (KEV)").arg(v.vulnId) : v.vulnId);
        maxCount = qMax(maxCount, v.imageCount);
    }
    for (Severity sev : SeverityStyle::allDescending()) {
        bool any = false;
        for (int i : order)
            any = any || m_data.widespread[i].severity == sev;
        if (!any)
            continue;
        auto *set = new QBarSet(SeverityStyle::label(sev));
        set->setColor(SeverityStyle::color(sev));
        set->setBorderColor(SeverityStyle::color(sev));
        for (int i : order)
            *set << (m_data.widespread[i].severity == sev ? m_data.widespread[i].imageCount : 0);
        series->append(set);
    }
    series->setBarWidth(0.6);
    connect(series, &QAbstractBarSeries::clicked, this, [this, order](int index, QBarSet *) {
        if (index >= 0 && index < order.size()) {
            const VulnerabilitySpread &v = m_data.widespread[order[index]];
            emit vulnerabilityActivated(v.vulnId, v.exampleScanId);
        }
    });
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    auto *x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%d"));
    x->setRange(0, maxCount);
    x->setTickCount(maxCount + 1 <= 6 ? maxCount + 1 : 6);
    x->setTitleText(tr("Images"));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    styleChart(chart);
}

void DashboardView::styleChart(QChart *chart) const
{
    // Follow the application palette (light or dark) instead of a fixed chart theme.
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(pal.color(QPalette::Mid)));
    chart->setBackgroundRoundness(4);
    chart->setTitleBrush(pal.brush(QPalette::Text));
    QFont title = font();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    const auto axes = chart->axes();
    for (QAbstractAxis *a : axes) {
        a->setLabelsColor(pal.color(QPalette::Text));
        a->setTitleBrush(pal.brush(QPalette::Text));
        a->setLinePenColor(pal.color(QPalette::Mid));
        a->setGridLineColor(pal.color(QPalette::Midlight));
    }
    const auto series = chart->series();
    for (QAbstractSeries *s : series)
        if (auto *pie = qobject_cast<QPieSeries *>(s))
            for (QPieSlice *slice : pie->slices())
                slice->setLabelColor(pal.color(QPalette::Text));
}

void DashboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        for (QChartView *v : {m_distribution, m_trend, m_topImages, m_widespread})
            styleChart(v->chart());
    QWidget::changeEvent(event);
}

} // namespace bulkhead
