#include "settingsview.h"

#include "store/historystore.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace bulkhead {

namespace {
const QString DbPathKey = QStringLiteral("vulndb/path");
const QString FeedsKey = QStringLiteral("vulndb/feeds");
const QString HistoryKey = QStringLiteral("history/path");
const QString CacheKey = QStringLiteral("cache/sizeMiB");

QWidget *pathRow(QWidget *parent, QLineEdit *edit, bool directory, const QString &title)
{
    auto *w = new QWidget(parent);
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(SettingsView::tr("Browse…"), w);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, directory, title] {
        const QString p = directory ? QFileDialog::getExistingDirectory(edit, title, edit->text())
                                    : QFileDialog::getSaveFileName(edit, title, edit->text(), QString(), nullptr,
                                                                   QFileDialog::DontConfirmOverwrite);
        if (!p.isEmpty())
            edit->setText(p);
    });
    return w;
}
} // namespace

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    a.dbPath = s.value(DbPathKey, QString(data + QStringLiteral("/vulndb.sqlite"))).toString();
    a.historyPath = s.value(HistoryKey, HistoryStore::defaultPath()).toString();
    a.cacheSizeMiB = s.value(CacheKey, 2048).toInt();
    a.feedUrls = s.value(FeedsKey).toStringList();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(DbPathKey, dbPath);
    s.setValue(HistoryKey, historyPath);
    s.setValue(CacheKey, cacheSizeMiB);
    s.setValue(FeedsKey, feedUrls);
}

SettingsView::SettingsView(QWidget *parent)
    : QWidget(parent)
    , m_dbPath(new QLineEdit(this))
    , m_historyPath(new QLineEdit(this))
    , m_cacheSize(new QSpinBox(this))
    , m_feeds(new QPlainTextEdit(this))
{
    m_cacheSize->setRange(0, 1024 * 1024);
    m_cacheSize->setSuffix(tr(" MiB"));
    m_cacheSize->setSpecialValueText(tr("No cache"));
    m_cacheSize->setToolTip(tr("Disk space for cached layer analysis results"));
    m_feeds->setPlaceholderText(tr("One advisory feed URL per line (OSV exports, KEV, EPSS)"));
    m_feeds->setTabChangesFocus(true);

    auto *storage = new QGroupBox(tr("Storage"), this);
    auto *storageForm = new QFormLayout(storage);
    storageForm->addRow(tr("Vulnerability database:"), pathRow(storage, m_dbPath, false, tr("Vulnerability database")));
    storageForm->addRow(tr("Scan history:"), pathRow(storage, m_historyPath, false, tr("Scan history")));
    storageForm->addRow(tr("Layer cache size:"), m_cacheSize);

    auto *feeds = new QGroupBox(tr("Advisory feeds"), this);
    auto *feedsLayout = new QVBoxLayout(feeds);
    feedsLayout->addWidget(m_feeds);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Reset, this);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsView::apply);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, &SettingsView::revert);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(storage);
    layout->addWidget(feeds, 1);
    layout->addWidget(buttons);
    revert();
}

AppSettings SettingsView::settings() const
{
    AppSettings a;
    a.dbPath = m_dbPath->text().trimmed();
    a.historyPath = m_historyPath->text().trimmed();
    a.cacheSizeMiB = m_cacheSize->value();
    for (const QString &line : m_feeds->toPlainText().split(u'\n', Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            a.feedUrls << line.trimmed();
    return a;
}

void SettingsView::setSettings(const AppSettings &s)
{
    m_dbPath->setText(s.dbPath);
    m_historyPath->setText(s.historyPath);
    m_cacheSize->setValue(s.cacheSizeMiB);
    m_feeds->setPlainText(s.feedUrls.join(u'\n'));
}

void SettingsView::apply()
{
    const AppSettings s = settings();
    s.save();
    emit settingsApplied(s);
}

void SettingsView::revert()
{
    setSettings(AppSettings::load());
}

} // namespace bulkhead
