#include "findingdetailview.h"

#include "severitystyle.h"
#include "store/historyservice.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QString esc(const QString &s) { return s.toHtmlEscaped(); }

QString row(const QString &name, const QString &valueHtml)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(esc(name), valueHtml);
}

} // namespace

QVector<QPair<QString, QString>> FindingDetailView::cvssMetrics(const QString &vector)
{
    // Metric and value names: CVSS v3.1 specification section 2 (base metrics), v4.0 section 2,
    // v2 guide section 2.1.
    struct Metric {
        const char *key;
        const char *name;
        const char *values; // "N=Network,A=Adjacent,..."
    };
    static const Metric metrics[] = {
        {"AV", QT_TR_NOOP("Attack Vector"), "N=Network,A=Adjacent,L=Local,P=Physical"},
        {"AC", QT_TR_NOOP("Attack Complexity"), "L=Low,H=High,M=Medium"},
        {"AT", QT_TR_NOOP("Attack Requirements"), "N=None,P=Present"},
        {"PR", QT_TR_NOOP("Privileges Required"), "N=None,L=Low,H=High"},
        {"UI", QT_TR_NOOP("User Interaction"), "N=None,R=Required,P=Passive,A=Active"},
        {"S", QT_TR_NOOP("Scope"), "U=Unchanged,C=Changed"},
        {"Au", QT_TR_NOOP("Authentication"), "M=Multiple,S=Single,N=None"},
        {"C", QT_TR_NOOP("Confidentiality"), "H=High,L=Low,N=None,P=Partial,C=Complete"},
        {"I", QT_TR_NOOP("Integrity"), "H=High,L=Low,N=None,P=Partial,C=Complete"},
        {"A", QT_TR_NOOP("Availability"), "H=High,L=Low,N=None,P=Partial,C=Complete"},
        {"VC", QT_TR_NOOP("Confidentiality (vulnerable system)"), "H=High,L=Low,N=None"},
        {"VI", QT_TR_NOOP("Integrity (vulnerable system)"), "H=High,L=Low,N=None"},
        {"VA", QT_TR_NOOP("Availability (vulnerable system)"), "H=High,L=Low,N=None"},
        {"SC", QT_TR_NOOP("Confidentiality (subsequent systems)"), "H=High,L=Low,N=None"},
        {"SI", QT_TR_NOOP("Integrity (subsequent systems)"), "H=High,L=Low,N=None"},
        {"SA", QT_TR_NOOP("Availability (subsequent systems)"), "H=High,L=Low,N=None"},
        {"E", QT_TR_NOOP("Exploit Maturity"), "X=Not Defined,A=Attacked,P=POC,U=Unreported,H=High,F=Functional"},
    };
    QVector<QPair<QString, QString>> out;
    const QStringList parts = vector.split(u'/', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString key = part.section(u':', 0, 0);
        const QString value = part.section(u':', 1);
        if (key == u"CVSS")
            continue;
        const Metric *m = nullptr;
        for (const Metric &candidate : metrics)
            if (key == QLatin1String(candidate.key))
                m = &candidate;
        if (!m) {
            out.append({key, value});
            continue;
        }
        QString valueName = value;
        for (const QString &pair : QString::fromLatin1(m->values).split(u','))
            if (pair.section(u'=', 0, 0) == value)
                valueName = pair.section(u'=', 1);
        out.append({tr(m->name), tr(valueName.toUtf8().constData())});
    }
    return out;
}

FindingDetailView::FindingDetailView(QWidget *parent)
    : QWidget(parent)
    , m_text(new QTextBrowser(this))
    , m_triageBox(new QGroupBox(tr("Triage"), this))
    , m_state(new QComboBox(m_triageBox))
    , m_scope(new QComboBox(m_triageBox))
    , m_expiry(new QDateEdit(m_triageBox))
    , m_comment(new QLineEdit(m_triageBox))
    , m_save(new QPushButton(tr("Save decision"), m_triageBox))
    , m_triageStatus(new QLabel(m_triageBox))
    , m_history(new QListWidget(m_triageBox))
{
    m_text->setOpenExternalLinks(true);
    m_text->setPlaceholderText(tr("Select a finding to see its details."));

    m_state->addItem(tr("Not triaged"), int(TriageState::None));
    m_state->addItem(tr("Not affected"), int(TriageState::NotAffected));
    m_state->addItem(tr("Accepted risk"), int(TriageState::AcceptedRisk));
    m_state->addItem(tr("False positive"), int(TriageState::FalsePositive));
    m_state->addItem(tr("Fixed"), int(TriageState::Fixed));
    m_expiry->setCalendarPopup(true);
    m_expiry->setDate(QDate::currentDate().addDays(90));
    m_comment->setPlaceholderText(tr("Why? (shown in reports and the audit history)"));
    m_triageStatus->setWordWrap(true);
    m_history->setAlternatingRowColors(true);
    m_history->setMinimumHeight(m_history->fontMetrics().height() * 3);
    m_history->setMaximumHeight(m_history->fontMetrics().height() * 6);
    m_history->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Decision:"), m_state);
    form->addRow(tr("Applies to:"), m_scope);
    form->addRow(tr("Accepted until:"), m_expiry);
    form->addRow(tr("Comment:"), m_comment);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_triageStatus, 1);
    buttons->addWidget(m_save);
    auto *triageLayout = new QVBoxLayout(m_triageBox);
    triageLayout->addLayout(form);
    triageLayout->addLayout(buttons);
    triageLayout->addWidget(new QLabel(tr("History:"), m_triageBox));
    triageLayout->addWidget(m_history);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_triageBox, 0);

    connect(m_state, &QComboBox::currentIndexChanged, this, &FindingDetailView::updateTriageControls);
    connect(m_save, &QPushButton::clicked, this, &FindingDetailView::saveTriage);
    connect(m_comment, &QLineEdit::returnPressed, this, &FindingDetailView::saveTriage);
    clear();
}

void FindingDetailView::setHistoryService(HistoryService *service)
{
    m_service = service;
    updateTriageControls();
    if (m_hasFinding)
        loadTriage();
}

void FindingDetailView::clear()
{
    m_hasFinding = false;
    ++m_generation;
    m_text->clear();
    m_history->clear();
    m_comment->clear();
    m_state->setCurrentIndex(0);
    m_triageStatus->clear();
    updateTriageControls();
}

QString FindingDetailView::html() const
{
    return m_text->toHtml();
}

void FindingDetailView::setFinding(const Finding &finding, const QString &repository)
{
    m_finding = finding;
    m_repository = repository;
    m_hasFinding = true;
    m_scope->clear();
    m_scope->addItem(tr("Images of %1").arg(repository), repository);
    m_scope->addItem(tr("All images"), AllImagesScope);
    render();
    m_history->clear();
    m_comment->clear();
    m_state->setCurrentIndex(0);
    m_triageStatus->clear();
    updateTriageControls();
    loadTriage();
}

void FindingDetailView::render()
{
    const Finding &f = m_finding;
    QString h;
    h += QStringLiteral("<h2>%1</h2>").arg(esc(f.id));
    if (!f.summary.isEmpty())
        h += QStringLiteral("<p><b>%1</b></p>").arg(esc(f.summary));
    h += QStringLiteral("<table>");
    h += row(tr("Severity"), QStringLiteral("<span style='color:%1'>&#9632;</span> %2%3")
                                 .arg(SeverityStyle::color(f.severity).name(), esc(SeverityStyle::label(f.severity)),
                                      f.severitySource.isEmpty() ? QString()
                                                                 : esc(tr(" (from %1)").arg(f.severitySource))));
    h += row(tr("Package"), esc(f.package.name + u' ' + f.package.version)
                                + (f.package.purl.isEmpty() ? QString() : QStringLiteral("<br><small>%1</small>").arg(esc(f.package.purl))));
    h += row(tr("Installed"), esc(f.package.version));
    h += row(tr("Fixed in"), f.fixedVersion.isEmpty() ? esc(tr("no fixed version known")) : esc(f.fixedVersion));
    if (!f.affectedRange.isEmpty())
        h += row(tr("Affected range"), esc(f.affectedRange));
    if (f.package.layer.isValid())
        h += row(tr("Layer"), esc(QStringLiteral("%1: %2").arg(f.package.layer.index).arg(f.package.layer.createdBy.simplified())));
    if (!f.package.foundIn.isEmpty())
        h += row(tr("Found in"), esc(f.package.foundIn));
    if (f.epss >= 0) {
        QString e = esc(tr("%1% probability of exploitation in the next 30 days")
                            .arg(QLocale().toString(f.epss * 100, 'f', 2)));
        if (f.epssPercentile >= 0)
            e += esc(tr(", higher than %1% of all scored vulnerabilities").arg(QLocale().toString(f.epssPercentile * 100, 'f', 1)));
        h += row(tr("EPSS"), e);
    }
    if (f.kev) {
        QString k = esc(tr("Listed in CISA Known Exploited Vulnerabilities since %1; remediation due %2")
                            .arg(f.kevDateAdded, f.kevDueDate));
        if (f.kevRansomware)
            k += QStringLiteral("<br>") + esc(tr("Known to be used in ransomware campaigns"));
        h += row(tr("KEV"), k);
    }
    if (!f.aliases.isEmpty())
        h += row(tr("Aliases"), esc(f.aliases.join(QStringLiteral(", "))));
    if (!f.published.isEmpty())
        h += row(tr("Published"), esc(f.published));
    if (!f.modified.isEmpty())
        h += row(tr("Modified"), esc(f.modified));
    if (!f.dataSource.isEmpty())
        h += row(tr("Source"), esc(f.dataSource));
    h += QStringLiteral("</table>");

    for (const CvssScore &c : f.cvss) {
        h += QStringLiteral("<h3>%1</h3>")
                 .arg(esc(c.baseScore >= 0 ? tr("CVSS %1: %2").arg(c.version, QLocale().toString(c.baseScore, 'f', 1))
                                           : tr("CVSS %1").arg(c.version)));
        h += QStringLiteral("<p><small>%1%2</small></p>")
                 .arg(esc(c.vector), c.source.isEmpty() ? QString() : esc(tr(" (from %1)").arg(c.source)));
        h += QStringLiteral("<table>");
        for (const auto &m : cvssMetrics(c.vector))
            h += row(m.first, esc(m.second));
        h += QStringLiteral("</table>");
    }
    if (!f.details.isEmpty()) {
        h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Description")));
        for (const QString &para : f.details.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
            h += QStringLiteral("<p>%1</p>").arg(esc(para.trimmed()).replace(u'\n', QStringLiteral("<br>")));
    }
    if (!f.references.isEmpty()) {
        h += QStringLiteral("<h3>%1</h3><ul>").arg(esc(tr("References")));
        for (const QString &ref : f.references) {
            const QUrl url(ref);
            // Only web links are clickable; anything else is shown as text.
            if (url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http"))
                h += QStringLiteral("<li><a href=\"%1\">%2</a></li>").arg(esc(url.toString(QUrl::FullyEncoded)), esc(ref));
            else
                h += QStringLiteral("<li>%1</li>").arg(esc(ref));
        }
        h += QStringLiteral("</ul>");
    }
    m_text->setHtml(h);
}

void FindingDetailView::updateTriageControls()
{
    const bool usable = m_service && m_hasFinding;
    m_triageBox->setEnabled(usable);
    m_expiry->setEnabled(usable && TriageState(m_state->currentData().toInt()) == TriageState::AcceptedRisk);
    if (!m_service)
        m_triageStatus->setText(tr("Triage needs the scan history."));
}

void FindingDetailView::loadTriage()
{
    if (!m_service || !m_hasFinding)
        return;
    const quint64 generation = ++m_generation;
    const QString vuln = m_finding.id, pkg = m_finding.package.name;
    auto current = m_service->triageFor(vuln, pkg, m_repository);
    auto history = m_service->triageHistory(vuln, pkg);
    current.then(this, [this, generation, history](const Result<TriageRecord> &rec) mutable {
        if (generation != m_generation)
            return; // the user moved on to another finding
        if (!rec) {
            m_triageStatus->setText(rec.error().message);
            return;
        }
        history.then(this, [this, generation, rec = *rec](const Result<QVector<TriageRecord>> &h) {
            if (generation != m_generation)
                return;
            showTriage(rec, h ? *h : QVector<TriageRecord>());
            if (!h)
                m_triageStatus->setText(h.error().message);
        });
    });
}

void FindingDetailView::showTriage(const TriageRecord &current, const QVector<TriageRecord> &history)
{
    m_state->setCurrentIndex(qMax(0, m_state->findData(int(current.state))));
    if (const int s = m_scope->findData(current.scope); s >= 0)
        m_scope->setCurrentIndex(s);
    if (current.expiresAt.isValid())
        m_expiry->setDate(current.expiresAt.toLocalTime().date());
    m_comment->setText(current.comment);
    if (current.expired)
        m_triageStatus->setText(tr("The accepted risk expired on %1.")
                                    .arg(QLocale().toString(current.expiresAt.toLocalTime().date(), QLocale::ShortFormat)));
    else if (current.state != TriageState::None)
        m_triageStatus->setText(tr("Decided by %1 on %2.")
                                    .arg(current.author, QLocale().toString(current.changedAt.toLocalTime(), QLocale::ShortFormat)));
    else
        m_triageStatus->clear();
    m_history->clear();
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        const QString scope = it->scope == AllImagesScope ? tr("all images") : it->scope;
        QString line = tr("%1  %2 set %3 for %4")
                           .arg(QLocale().toString(it->changedAt.toLocalTime(), QLocale::ShortFormat), it->author,
                                m_state->itemText(qMax(0, m_state->findData(int(it->state)))), scope);
        if (it->expiresAt.isValid())
            line += tr(" until %1").arg(QLocale().toString(it->expiresAt.toLocalTime().date(), QLocale::ShortFormat));
        if (!it->comment.isEmpty())
            line += QStringLiteral(": ") + it->comment;
        m_history->addItem(line);
    }
    updateTriageControls();
}

void FindingDetailView::saveTriage()
{
    if (!m_service || !m_hasFinding)
        return;
    TriageRecord r;
    r.vulnId = m_finding.id;
    r.packageName = m_finding.package.name;
    r.scope = m_scope->currentData().toString();
    r.state = TriageState(m_state->currentData().toInt());
    r.comment = m_comment->text().trimmed();
    if (r.state == TriageState::AcceptedRisk)
        r.expiresAt = QDateTime(m_expiry->date().addDays(1), QTime(0, 0)).toUTC();
    m_save->setEnabled(false);
    m_service->setTriage(r).then(this, [this](const Result<TriageRecord> &saved) {
        m_save->setEnabled(true);
        if (!saved) {
            m_triageStatus->setText(saved.error().message);
            return;
        }
        emit triageChanged(*saved);
        loadTriage();
    });
}

} // namespace bulkhead
