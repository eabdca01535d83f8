#include "resultsview.h"

#include "findingdetailview.h"
#include "findingsfilterproxy.h"
#include "findingsgroupmodel.h"
#include "findingsmodel.h"
#include "layersmodel.h"
#include "packagesmodel.h"
#include "severitystyle.h"
#include "store/historystore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

void setUpTable(QTableView *t)
{
    t->setSortingEnabled(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionsMovable(true);
}

// Name and version fit their longest value (sampled by Qt) up to a bound, the short columns fit
// their header; source and licences get what they need up to a narrower bound and are elided in
// the middle beyond it (the tooltip has all); the path, last, takes the rest of the width.
void sizePackageColumns(QTableView *t)
{
    QHeaderView *h = t->horizontalHeader();
    const int ch = t->fontMetrics().horizontalAdvance(u'x');
    auto fit = [t, h, ch](int column, int maxChars) {
        t->resizeColumnToContents(column);   // the larger of the header and the sampled cells
        h->resizeSection(column, qMin(h->sectionSize(column) + ch, maxChars * ch));
    };
    fit(PackagesModel::Name, 36);
    fit(PackagesModel::Version, 26);
    fit(PackagesModel::Ecosystem, 10);
    fit(PackagesModel::Source, 22);
    fit(PackagesModel::Licenses, 20);
    fit(PackagesModel::Layer, 8);
    fit(PackagesModel::Findings, 10);
    fit(PackagesModel::WorstSeverity, 12);
}

void sizeFindingColumns(QHeaderView *h, const QFontMetrics &fm)
{
    const int ch = fm.horizontalAdvance(u'M');
    h->resizeSection(FindingsModel::Severity, 8 * ch);
    h->resizeSection(FindingsModel::Id, 13 * ch);
    h->resizeSection(FindingsModel::Package, 22 * ch);
    h->resizeSection(FindingsModel::Installed, 8 * ch);
    h->resizeSection(FindingsModel::Fixed, 8 * ch);
    h->resizeSection(FindingsModel::FixState, 10 * ch);
    h->resizeSection(FindingsModel::Cvss, 4 * ch);
    h->resizeSection(FindingsModel::Epss, 5 * ch);
    h->resizeSection(FindingsModel::Kev, 4 * ch);
    h->resizeSection(FindingsModel::Layer, 4 * ch);
}

} // namespace

ResultsView::ResultsView(QWidget *parent)
    : QWidget(parent)
    , m_findings(new FindingsModel(this))
    , m_proxy(new FindingsFilterProxy(this))
    , m_groups(nullptr)
    , m_packages(new PackagesModel(this))
    , m_packagesProxy(new QSortFilterProxyModel(this))
    , m_layers(new LayersModel(this))
    , m_layersProxy(new QSortFilterProxyModel(this))
    , m_layerPackagesProxy(new QSortFilterProxyModel(this))
    , m_layerFindingsProxy(new FindingsFilterProxy(this))
{
    m_proxy->setSourceModel(m_findings);
    m_groups = new FindingsGroupModel(m_findings, m_proxy, this);
    m_packagesProxy->setSourceModel(m_packages);
    m_packagesProxy->setSortRole(PackagesModel::SortRole);
    m_packagesProxy->setFilterKeyColumn(-1);
    m_packagesProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_layersProxy->setSourceModel(m_layers);
    m_layersProxy->setSortRole(LayersModel::SortRole);
    m_layerPackagesProxy->setSourceModel(m_packages);
    m_layerPackagesProxy->setSortRole(PackagesModel::SortRole);
    m_layerPackagesProxy->setFilterRole(PackagesModel::LayerIndexRole);
    m_layerPackagesProxy->setFilterKeyColumn(PackagesModel::Layer);
    m_layerFindingsProxy->setSourceModel(m_findings);

    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setText(tr("No scan loaded. Open an image or pick a scan from the history."));
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("scanWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    m_warnings->setVisible(false);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildFindingsTab(), tr("Findings"));
    m_tabs->addTab(buildPackagesTab(), tr("Packages"));
    m_tabs->addTab(buildLayersTab(), tr("Layers"));

    // The offer of a scan that finished in the background: never replaces what the user reads.
    m_offer = new QFrame(this);
    m_offer->setObjectName(QStringLiteral("scanOffer"));
    m_offer->setFrameShape(QFrame::StyledPanel);
    m_offer->setAutoFillBackground(true);
    m_offer->setBackgroundRole(QPalette::AlternateBase);
    m_offerText = new QLabel(m_offer);
    m_offerText->setWordWrap(true);
    m_offerShow = new QPushButton(tr("Show"), m_offer);
    m_offerShow->setObjectName(QStringLiteral("showOfferedScan"));
    auto *dismiss = new QToolButton(m_offer);
    dismiss->setText(QStringLiteral("×"));
    dismiss->setAutoRaise(true);
    dismiss->setToolTip(tr("Dismiss"));
    auto *offerLayout = new QHBoxLayout(m_offer);
    offerLayout->setContentsMargins(8, 4, 4, 4);
    offerLayout->addWidget(m_offerText, 1);
    offerLayout->addWidget(m_offerShow);
    offerLayout->addWidget(dismiss);
    m_offer->setVisible(false);
    connect(m_offerShow, &QPushButton::clicked, this, [this] {
        const qint64 id = m_offeredScanId;
        clearOffer();
        emit offeredScanRequested(id);
    });
    connect(dismiss, &QToolButton::clicked, this, &ResultsView::clearOffer);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_offer);
    layout->addWidget(m_header);
    layout->addWidget(m_warnings);
    layout->addWidget(m_tabs, 1);

    connect(m_detail, &FindingDetailView::triageChanged, this, &ResultsView::triageChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ResultsView::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ResultsView::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ResultsView::updateSummary);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ResultsView::updateSummary);
    updateSummary();
}

QWidget *ResultsView::buildFindingsTab()
{
    auto *page = new QWidget(this);
    // Two rows so the window stays usable at 1024 px: search and grouping, then the toggles.
    auto *searchRow = new QHBoxLayout;
    auto *bar = new QHBoxLayout;
    for (Severity s : SeverityStyle::allDescending()) {
        auto *b = new QToolButton(page);
        b->setCheckable(true);
        b->setChecked(true);
        b->setIcon(SeverityStyle::icon(s));
        b->setText(SeverityStyle::label(s));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        b->setToolTip(tr("Show %1 findings").arg(SeverityStyle::label(s)));
        connect(b, &QToolButton::toggled, this, &ResultsView::onSeverityToggled);
        m_severityButtons.insert(s, b);
        bar->addWidget(b);
    }
    bar->addSpacing(8);
    m_fixable = new QCheckBox(tr("Fixable only"), page);
    m_kev = new QCheckBox(tr("Known exploited only"), page);
    connect(m_fixable, &QCheckBox::toggled, m_proxy, &FindingsFilterProxy::setFixableOnly);
    connect(m_kev, &QCheckBox::toggled, m_proxy, &FindingsFilterProxy::setKevOnly);
    bar->addWidget(m_fixable);
    bar->addWidget(m_kev);
    m_search = new QLineEdit(page);
    m_search->setObjectName(QStringLiteral("findingsSearch"));
    m_search->setPlaceholderText(tr("Search id, alias, package, summary (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(u'M') * 12);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &FindingsFilterProxy::setSearchText);
    searchRow->addWidget(m_search, 1);
    m_grouping = new QComboBox(page);
    m_grouping->addItem(tr("No grouping"), int(Grouping::None));
    m_grouping->addItem(tr("Group by package"), int(Grouping::ByPackage));
    m_grouping->addItem(tr("Group by vulnerability"), int(Grouping::ByVulnerability));
    connect(m_grouping, &QComboBox::currentIndexChanged, this,
            [this] { setGrouping(Grouping(m_grouping->currentData().toInt())); });
    searchRow->addWidget(m_grouping);

    m_summary = new QLabel(page);
    bar->addStretch(1);
    bar->addWidget(m_summary);

    m_table = new QTableView(page);
    setUpTable(m_table);
    m_table->setModel(m_proxy);
    sizeFindingColumns(m_table->horizontalHeader(), m_table->fontMetrics());
    m_table->sortByColumn(FindingsModel::Severity, Qt::DescendingOrder);

    m_tree = new QTreeView(page);
    m_tree->setModel(m_groups);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(true);
    sizeFindingColumns(m_tree->header(), m_tree->fontMetrics());
    m_tree->header()->resizeSection(FindingsModel::Severity, m_tree->fontMetrics().horizontalAdvance(u'M') * 14);
    connect(m_groups, &QAbstractItemModel::modelReset, m_tree, [this] {
        for (int r = 0; r < m_groups->rowCount(); ++r)
            m_tree->setFirstColumnSpanned(r, {}, true);
    });

    m_stack = new QStackedWidget(page);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_tree);

    m_detail = new FindingDetailView(page);
    auto *split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(m_stack);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onFindingSelected(current); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onFindingSelected(current); });

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(searchRow);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    return page;
}

QWidget *ResultsView::buildPackagesTab()
{
    auto *page = new QWidget(this);
    m_packageSearch = new QLineEdit(page);
    m_packageSearch->setPlaceholderText(tr("Filter packages"));
    m_packageSearch->setClearButtonEnabled(true);
    connect(m_packageSearch, &QLineEdit::textChanged, m_packagesProxy, &QSortFilterProxyModel::setFilterFixedString);
    m_packagesTable = new QTableView(page);
    setUpTable(m_packagesTable);
    m_packagesTable->setModel(m_packagesProxy);
    m_packagesTable->sortByColumn(PackagesModel::Name, Qt::AscendingOrder);
    m_packagesTable->setTextElideMode(Qt::ElideMiddle);
    sizePackageColumns(m_packagesTable);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_packageSearch);
    layout->addWidget(m_packagesTable, 1);
    return page;
}

QWidget *ResultsView::buildLayersTab()
{
    auto *page = new QWidget(this);
    m_layersTable = new QTableView(page);
    setUpTable(m_layersTable);
    m_layersTable->setModel(m_layersProxy);
    m_layersTable->sortByColumn(LayersModel::Index, Qt::AscendingOrder);
    m_layersTable->horizontalHeader()->setStretchLastSection(false);
    m_layersTable->horizontalHeader()->setSectionResizeMode(LayersModel::Instruction, QHeaderView::Stretch);

    m_layerCaption = new QLabel(tr("Select a layer to see the packages and findings it introduced."), page);
    m_layerPackagesTable = new QTableView(page);
    setUpTable(m_layerPackagesTable);
    m_layerPackagesTable->setModel(m_layerPackagesProxy);
    m_layerPackagesTable->sortByColumn(PackagesModel::Name, Qt::AscendingOrder);
    for (int c : {int(PackagesModel::Source), int(PackagesModel::Licenses), int(PackagesModel::Layer), int(PackagesModel::Path)})
        m_layerPackagesTable->hideColumn(c);
    m_layerPackagesTable->horizontalHeader()->setStretchLastSection(false);
    m_layerPackagesTable->horizontalHeader()->setSectionResizeMode(PackagesModel::Name, QHeaderView::Stretch);
    m_layerFindingsTable = new QTableView(page);
    setUpTable(m_layerFindingsTable);
    m_layerFindingsTable->setModel(m_layerFindingsProxy);
    m_layerFindingsTable->sortByColumn(FindingsModel::Severity, Qt::DescendingOrder);
    for (int c : {int(FindingsModel::FixState), int(FindingsModel::Epss), int(FindingsModel::Layer), int(FindingsModel::Instruction)})
        m_layerFindingsTable->hideColumn(c);
    sizeFindingColumns(m_layerFindingsTable->horizontalHeader(), m_layerFindingsTable->fontMetrics());
    m_layerPackagesProxy->setFilterRegularExpression(QStringLiteral("^$")); // nothing until a layer is picked
    m_layerFindingsProxy->setSeverities({});

    auto *lower = new QSplitter(Qt::Horizontal, page);
    lower->addWidget(m_layerPackagesTable);
    lower->addWidget(m_layerFindingsTable);
    auto *lowerPage = new QWidget(page);
    auto *lowerLayout = new QVBoxLayout(lowerPage);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_layerCaption);
    lowerLayout->addWidget(lower, 1);
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_layersTable);
    split->addWidget(lowerPage);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    connect(m_layersTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ResultsView::onLayerSelected);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(split);
    return page;
}

void ResultsView::setHistoryService(HistoryService *service)
{
    m_detail->setHistoryService(service);
}

void ResultsView::offerScan(qint64 scanId, const QString &text)
{
    m_offeredScanId = scanId;
    m_offerText->setText(text);
    m_offer->setVisible(true);
}

void ResultsView::clearOffer()
{
    m_offeredScanId = -1;
    m_offer->setVisible(false);
}

bool ResultsView::isOffering() const
{
    return m_offeredScanId >= 0;
}

void ResultsView::setScanResult(const ScanResult &scan)
{
    m_scan = scan;
    m_hasScan = true;
    m_repository = HistoryStore::repositoryOf(scan.image);
    QHash<int, QString> instructions;
    for (const LayerInfo &l : scan.image.layers)
        instructions.insert(l.index, l.createdBy);
    m_detail->clear();
    m_findings->setLayerInstructions(instructions);
    m_findings->setFindings(scan.findings);
    m_packages->setPackages(scan.packages, scan.findings);
    sizePackageColumns(m_packagesTable);
    m_layers->setImage(scan.image.layers, scan.packages, scan.findings);
    m_layerPackagesProxy->setFilterRegularExpression(QStringLiteral("^$"));
    m_layerFindingsProxy->setSeverities({});
    m_layerCaption->setText(tr("Select a layer to see the packages and findings it introduced."));

    const SeverityCounts counts = SeverityCounts::of(scan.findings);
    QStringList parts;
    for (Severity s : SeverityStyle::allDescending())
        if (counts[s] > 0)
            parts << QStringLiteral("<span style='color:%1'>&#9632;</span> %2 %3")
                         .arg(SeverityStyle::color(s).name())
                         .arg(counts[s])
                         .arg(SeverityStyle::label(s).toHtmlEscaped());
    const QString os = scan.os.prettyName.isEmpty() ? scan.os.id : scan.os.prettyName;
    m_header->setText(tr("<b>%1</b> &nbsp; %2 &nbsp; %3 packages, %4 layers, scanned %5<br>%6")
                          .arg(scan.image.reference.toHtmlEscaped(), os.toHtmlEscaped())
                          .arg(scan.packages.size())
                          .arg(scan.image.layers.size())
                          .arg(QLocale().toString(scan.finishedAt.toLocalTime(), QLocale::ShortFormat))
                          .arg(!scan.vulnerabilitiesScanned ? tr("Vulnerabilities not checked.")
                               : parts.isEmpty()            ? tr("No known vulnerabilities found.")
                                                            : parts.join(QStringLiteral(" &nbsp; "))));
    showWarnings(scan);
    if (m_table->model()->rowCount() > 0)
        m_table->selectRow(0);
    updateSummary();
}

void ResultsView::showWarnings(const ScanResult &scan)
{
    // One line: the missing database first (it explains the empty Findings tab), then how many
    // warnings each stage had; every warning in the tooltip.
    QStringList line;
    QStringList tooltip;
    QMap<QString, int> perStage;
    for (const ScanWarning &w : scan.warnings) {
        const QString stage = w.stage.section(u':', 0, 0);
        // Without a database, the match warning is the reason the sentence below gives.
        if (!(stage == u"match" && !scan.vulnerabilitiesScanned))
            ++perStage[stage];
        if (tooltip.size() < 30)
            tooltip << (w.path.isEmpty() ? w.message : w.path + QStringLiteral(": ") + w.message).toHtmlEscaped();
    }
    if (!scan.vulnerabilitiesScanned)
        line << tr("No vulnerability database: only the inventory was produced. Update it under Settings.").toHtmlEscaped();
    if (!perStage.isEmpty()) {
        QStringList counts;
        for (auto it = perStage.cbegin(); it != perStage.cend(); ++it) {
            if (it.key() == u"layers")
                counts << tr("%n layer warning(s)", nullptr, it.value());
            else if (it.key() == u"catalog")
                counts << tr("%n package warning(s)", nullptr, it.value());
            else if (it.key() == u"cache")
                counts << tr("%n cache warning(s)", nullptr, it.value());
            else
                counts << tr("%n %1 warning(s)", nullptr, it.value()).arg(it.key());
        }
        line << QString(counts.join(QStringLiteral(", ")) + tr(" (hover for details)")).toHtmlEscaped();
    }
    if (scan.warnings.size() > tooltip.size())
        tooltip << tr("… and %n more", nullptr, int(scan.warnings.size() - tooltip.size()));
    m_warnings->setText(line.isEmpty() ? QString()
                                       : QStringLiteral("<span style='color:%1'>&#9888;</span> %2")
                                             .arg(SeverityStyle::color(Severity::Medium).name(),
                                                  line.join(QStringLiteral(" &nbsp; "))));
    m_warnings->setToolTip(tooltip.join(QStringLiteral("<br>")));
    m_warnings->setVisible(!line.isEmpty());
}

void ResultsView::focusSearch()
{
    showTab(FindingsTab);
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ResultsView::setSeverityFilter(const QSet<Severity> &severities)
{
    for (auto it = m_severityButtons.cbegin(); it != m_severityButtons.cend(); ++it) {
        const QSignalBlocker block(it.value());
        it.value()->setChecked(severities.contains(it.key()));
    }
    m_proxy->setSeverities(severities);
}

void ResultsView::setFixableOnly(bool on) { m_fixable->setChecked(on); }
void ResultsView::setKevOnly(bool on) { m_kev->setChecked(on); }
void ResultsView::setSearchText(const QString &text) { m_search->setText(text); }

void ResultsView::setGrouping(Grouping grouping)
{
    const QSignalBlocker block(m_grouping);
    m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
    if (grouping == Grouping::None) {
        m_stack->setCurrentWidget(m_table);
        return;
    }
    m_groups->setGroupBy(grouping == Grouping::ByPackage ? FindingsGroupModel::GroupBy::Package
                                                         : FindingsGroupModel::GroupBy::Vulnerability);
    m_stack->setCurrentWidget(m_tree);
}

void ResultsView::resetFilters()
{
    setSeverityFilter(FindingsFilterProxy::allSeverities());
    setFixableOnly(false);
    setKevOnly(false);
    setSearchText(QString());
}

void ResultsView::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void ResultsView::onSeverityToggled()
{
    QSet<Severity> set;
    for (auto it = m_severityButtons.cbegin(); it != m_severityButtons.cend(); ++it)
        if (it.value()->isChecked())
            set.insert(it.key());
    m_proxy->setSeverities(set);
}

void ResultsView::onFindingSelected(const QModelIndex &index)
{
    if (!index.isValid() || index.data(FindingsGroupModel::IsGroupRole).toBool()) {
        m_detail->clear();
        return;
    }
    const int fi = index.data(FindingsModel::FindingIndexRole).toInt();
    if (fi < 0 || fi >= m_findings->rowCount()) {
        m_detail->clear();
        return;
    }
    m_detail->setFinding(m_findings->finding(fi), m_repository);
}

void ResultsView::onLayerSelected()
{
    const QModelIndex current = m_layersTable->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const int layer = current.data(LayersModel::LayerIndexRole).toInt();
    m_layerPackagesProxy->setFilterRegularExpression(QStringLiteral("^%1$").arg(layer));
    m_layerFindingsProxy->setSeverities(FindingsFilterProxy::allSeverities());
    m_layerFindingsProxy->setLayerIndex(layer);
    m_layerCaption->setText(tr("Layer %1 introduced %2 packages and %3 findings.")
                                .arg(layer)
                                .arg(m_layerPackagesProxy->rowCount())
                                .arg(m_layerFindingsProxy->rowCount()));
}

void ResultsView::updateSummary()
{
    if (m_summary)
        m_summary->setText(tr("Showing %1 of %2 findings").arg(m_proxy->rowCount()).arg(m_findings->rowCount()));
}

} // namespace bulkhead
