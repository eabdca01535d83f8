#include "settingsview.h"

#include "appdataservice.h"
#include "credentialstore.h"
#include "layers/layercache.h"
#include "store/historystore.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace bulkhead {

namespace {
const QString DbPathKey = QStringLiteral("vulndb/path");
const QString HistoryKey = QStringLiteral("history/path");
const QString CacheKey = QStringLiteral("cache/sizeMiB");
const QString CacheDirKey = QStringLiteral("cache/directory");
const QString RegistriesKey = QStringLiteral("registries");

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

QTableWidget *makeTable(QWidget *parent, const QStringList &headers, int stretchColumn)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    for (int c = 0; c < headers.size(); ++c)
        t->horizontalHeader()->setSectionResizeMode(c, c == stretchColumn ? QHeaderView::Stretch
                                                                          : QHeaderView::ResizeToContents);
    return t;
}

QTableWidgetItem *readOnly(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

// "3 h ago", "12 days ago": how old the newest data is, which is what decides an update.
QString ageText(const QDateTime &when)
{
    if (!when.isValid())
        return SettingsView::tr("never");
    const qint64 secs = qMax<qint64>(0, when.secsTo(QDateTime::currentDateTimeUtc()));
    if (secs < 60)
        return SettingsView::tr("just now");
    if (secs < 3600)
        return SettingsView::tr("%n minute(s) ago", nullptr, int(secs / 60));
    if (secs < 2 * 86400)
        return SettingsView::tr("%n hour(s) ago", nullptr, int(secs / 3600));
    return SettingsView::tr("%n day(s) ago", nullptr, int(secs / 86400));
}
} // namespace

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    a.dbPath = s.value(DbPathKey, VulnDb::defaultPath()).toString();
    a.historyPath = s.value(HistoryKey, HistoryStore::defaultPath()).toString();
    a.cacheSizeMiB = s.value(CacheKey, int(LayerCache::DefaultMaxBytes / (1024 * 1024))).toInt();
    a.cacheDir = s.value(CacheDirKey, LayerCache().directory()).toString();
    a.feeds = configuredFeeds(feedConfigPath());
    const int n = s.beginReadArray(RegistriesKey);
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        a.registries.append(RegistryEntry{s.value(QStringLiteral("host")).toString(),
                                          s.value(QStringLiteral("username")).toString()});
    }
    s.endArray();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(DbPathKey, dbPath);
    s.setValue(HistoryKey, historyPath);
    s.setValue(CacheKey, cacheSizeMiB);
    s.setValue(CacheDirKey, cacheDir);
    s.remove(RegistriesKey);
    s.beginWriteArray(RegistriesKey, int(registries.size()));
    for (int i = 0; i < registries.size(); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("host"), registries[i].host);
        s.setValue(QStringLiteral("username"), registries[i].username);
    }
    s.endArray();
    saveFeedConfig(feeds);
}

void saveFeedConfig(const QVector<FeedConfig> &feeds, const QString &configPath)
{
    QSettings ini(configPath, QSettings::IniFormat);
    ini.beginGroup(QStringLiteral("feeds"));
    ini.remove(QString());
    const QVector<FeedConfig> defaults = defaultFeeds();
    for (const FeedConfig &d : defaults) {
        auto it = std::find_if(feeds.cbegin(), feeds.cend(), [&d](const FeedConfig &f) { return f.name == d.name; });
        if (it == feeds.cend())
            ini.setValue(d.name, QString());          // empty value = disabled
        else if (it->url != d.url)
            ini.setValue(d.name, it->url.toString());
    }
    for (const FeedConfig &f : feeds)
        if (std::none_of(defaults.cbegin(), defaults.cend(), [&f](const FeedConfig &d) { return d.name == f.name; }))
            ini.setValue(f.name, f.url.toString());
    ini.endGroup();
    ini.sync();
}

SettingsView::SettingsView(QWidget *parent)
    : QWidget(parent)
    , m_data(new AppDataService(this))
    , m_keychain(std::make_unique<KeychainCredentialStore>())
    , m_updateWatcher(new QFutureWatcher<Result<QVector<FeedOutcome>>>(this))
{
    m_credentials = m_keychain.get();

    auto *content = new QWidget;
    auto *columns = new QHBoxLayout(content);
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    left->addWidget(buildDbGroup(), 2);
    left->addWidget(buildFeedsGroup(), 3);
    right->addWidget(buildStorageGroup());
    right->addWidget(buildRegistriesGroup(), 1);
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Reset, this);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsView::apply);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, &SettingsView::revert);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);

    connect(m_updateWatcher, &QFutureWatcherBase::progressValueChanged, m_updateProgress, &QProgressBar::setValue);
    connect(m_updateWatcher, &QFutureWatcherBase::progressTextChanged, m_updateText, &QLabel::setText);
    connect(m_updateWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_update->setEnabled(true);
        m_cancelUpdate->setVisible(false);
        m_updateProgress->setVisible(false);
        const QFuture<Result<QVector<FeedOutcome>>> f = m_updateWatcher->future();
        QString message;
        bool ok = false;
        if (f.isCanceled() || f.resultCount() == 0) {
            message = tr("Update cancelled; the database is unchanged.");
        } else if (const auto r = f.result(); !r) {
            message = tr("Update failed: %1 The database is unchanged.").arg(r.error().message);
        } else {
            ok = true;
            qint64 records = 0;
            int notModified = 0;
            for (const FeedOutcome &o : *r) {
                records += o.stats.records;
                notModified += o.notModified ? 1 : 0;
            }
            message = tr("Updated %n feed(s): %1 records imported, %2 unchanged.", nullptr, int(r->size()))
                          .arg(records).arg(notModified);
        }
        m_updateText->setText(message);
        refreshStatus();
        emit dbUpdateFinished(ok, message);
    });
    revert();
}

SettingsView::~SettingsView()
{
    m_updateWatcher->cancel();
}

void SettingsView::setCredentialStore(CredentialStore *store)
{
    m_credentials = store ? store : m_keychain.get();
}

QWidget *SettingsView::buildDbGroup()
{
    auto *box = new QGroupBox(tr("Vulnerability database"));
    m_dbPath = new QLineEdit(box);
    m_dbStatus = new QLabel(tr("Reading the database…"), box);
    m_dbStatus->setObjectName(QStringLiteral("dbStatus"));
    m_dbStatus->setWordWrap(true);
    m_dbStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sources = makeTable(box, {tr("Source"), tr("Records"), tr("Imported (UTC)"), tr("Age")}, 0);
    m_update = new QPushButton(tr("Update now"), box);
    m_update->setToolTip(tr("Download the advisory feeds below and rebuild the database (like 'bulkhead db update')"));
    m_cancelUpdate = new QPushButton(tr("Cancel"), box);
    m_cancelUpdate->setVisible(false);
    m_updateProgress = new QProgressBar(box);
    m_updateProgress->setRange(0, 1000);
    m_updateProgress->setTextVisible(false);
    m_updateProgress->setVisible(false);
    m_updateText = new QLabel(box);
    m_updateText->setWordWrap(true);
    auto *refresh = new QPushButton(tr("Refresh"), box);

    auto *form = new QFormLayout;
    form->addRow(tr("File:"), pathRow(box, m_dbPath, false, tr("Vulnerability database")));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_update);
    buttons->addWidget(m_cancelUpdate);
    buttons->addWidget(m_updateProgress, 1);
    buttons->addStretch();
    buttons->addWidget(refresh);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(m_dbStatus);
    layout->addWidget(m_sources, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_updateText);

    connect(m_update, &QPushButton::clicked, this, &SettingsView::startDbUpdate);
    connect(m_cancelUpdate, &QPushButton::clicked, this, &SettingsView::cancelDbUpdate);
    connect(refresh, &QPushButton::clicked, this, &SettingsView::refreshStatus);
    connect(m_dbPath, &QLineEdit::editingFinished, this, &SettingsView::refreshStatus);
    return box;
}

QWidget *SettingsView::buildFeedsGroup()
{
    auto *box = new QGroupBox(tr("Advisory feeds"));
    m_feeds = makeTable(box, {tr("Name"), tr("URL")}, 1);
    m_feeds->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    auto *note = new QLabel(tr("Saved to %1, which 'bulkhead db update' reads too.").arg(feedConfigPath()), box);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *add = new QPushButton(tr("Add"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    auto *defaults = new QPushButton(tr("Restore defaults"), box);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(defaults);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_feeds, 1);
    layout->addLayout(buttons);
    layout->addWidget(note);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_feeds->rowCount();
        m_feeds->insertRow(row);
        m_feeds->setItem(row, 0, new QTableWidgetItem(tr("new-feed")));
        m_feeds->setItem(row, 1, new QTableWidgetItem(QStringLiteral("https://")));
        m_feeds->editItem(m_feeds->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_feeds->currentRow() >= 0)
            m_feeds->removeRow(m_feeds->currentRow());
    });
    connect(defaults, &QPushButton::clicked, this, [this] {
        AppSettings s = settings();
        s.feeds = defaultFeeds();
        setSettings(s);
    });
    return box;
}

QWidget *SettingsView::buildStorageGroup()
{
    auto *box = new QGroupBox(tr("Storage"));
    m_historyPath = new QLineEdit(box);
    m_cacheDir = new QLineEdit(box);
    m_cacheSize = new QSpinBox(box);
    m_cacheSize->setRange(0, 1024 * 1024);
    m_cacheSize->setSuffix(tr(" MiB"));
    m_cacheSize->setSpecialValueText(tr("No cache"));
    m_cacheSize->setToolTip(tr("Disk space for cached layer analysis results"));
    m_cacheUsage = new QLabel(box);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Scan history:"), pathRow(box, m_historyPath, false, tr("Scan history")));
    form->addRow(tr("Layer cache folder:"), pathRow(box, m_cacheDir, true, tr("Layer cache folder")));
    form->addRow(tr("Layer cache size:"), m_cacheSize);
    form->addRow(tr("In use:"), m_cacheUsage);
    return box;
}

QWidget *SettingsView::buildRegistriesGroup()
{
    auto *box = new QGroupBox(tr("Registries"));
    m_registries = makeTable(box, {tr("Registry"), tr("User")}, 0);
    m_registries->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_regHost = new QLineEdit(box);
    m_regHost->setPlaceholderText(tr("registry.example.com"));
    m_regUser = new QLineEdit(box);
    m_regUser->setPlaceholderText(tr("user"));
    m_regSecret = new QLineEdit(box);
    m_regSecret->setEchoMode(QLineEdit::Password);
    m_regSecret->setPlaceholderText(tr("password or token"));
    m_regStatus = new QLabel(box);
    m_regStatus->setWordWrap(true);
    auto *add = new QPushButton(tr("Add"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    auto *entry = new QHBoxLayout;
    entry->addWidget(m_regHost, 2);
    entry->addWidget(m_regUser, 1);
    entry->addWidget(m_regSecret, 1);
    entry->addWidget(add);
    auto *note = new QLabel(tr("Passwords are kept in the system keychain, not in the settings file."), box);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_registries, 1);
    layout->addLayout(entry);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_regStatus, 1);
    bottom->addWidget(remove);
    layout->addLayout(bottom);
    layout->addWidget(note);
    connect(add, &QPushButton::clicked, this, &SettingsView::addRegistry);
    connect(m_regSecret, &QLineEdit::returnPressed, this, &SettingsView::addRegistry);
    connect(remove, &QPushButton::clicked, this, &SettingsView::removeRegistry);
    return box;
}

void SettingsView::addRegistry()
{
    const QString host = m_regHost->text().trimmed();
    const QString user = m_regUser->text().trimmed();
    if (host.isEmpty()) {
        m_regStatus->setText(tr("Enter the registry's host name first."));
        return;
    }
    for (int r = 0; r < m_registries->rowCount(); ++r)
        if (m_registries->item(r, 0)->text() == host && m_registries->item(r, 1)->text() == user) {
            m_registries->removeRow(r);
            break;
        }
    const int row = m_registries->rowCount();
    m_registries->insertRow(row);
    m_registries->setItem(row, 0, readOnly(host));
    m_registries->setItem(row, 1, readOnly(user));
    const QString secret = m_regSecret->text();
    m_regSecret->clear();
    m_regHost->clear();
    m_regUser->clear();
    if (secret.isEmpty()) {
        m_regStatus->setText(tr("Added %1 without a password (anonymous pulls).").arg(host));
        return;
    }
    m_regStatus->setText(tr("Saving the password for %1 in the keychain…").arg(host));
    m_credentials->storeSecret(registryCredentialKey(host, user), secret, this, [this, host](const QString &error) {
        m_regStatus->setText(error.isEmpty() ? tr("Password for %1 saved in the keychain.").arg(host)
                                             : tr("Could not save the password for %1: %2").arg(host, error));
    });
}

void SettingsView::removeRegistry()
{
    const int row = m_registries->currentRow();
    if (row < 0)
        return;
    const QString host = m_registries->item(row, 0)->text();
    const QString user = m_registries->item(row, 1)->text();
    m_registries->removeRow(row);
    m_credentials->removeSecret(registryCredentialKey(host, user), this, [this, host](const QString &error) {
        m_regStatus->setText(error.isEmpty() ? tr("Removed %1 and its password.").arg(host)
                                             : tr("Removed %1; the keychain said: %2").arg(host, error));
    });
}

AppSettings SettingsView::settings() const
{
    AppSettings a;
    a.dbPath = m_dbPath->text().trimmed();
    a.historyPath = m_historyPath->text().trimmed();
    a.cacheDir = m_cacheDir->text().trimmed();
    a.cacheSizeMiB = m_cacheSize->value();
    for (int r = 0; r < m_feeds->rowCount(); ++r) {
        const QString name = m_feeds->item(r, 0) ? m_feeds->item(r, 0)->text().trimmed() : QString();
        const QUrl url(m_feeds->item(r, 1) ? m_feeds->item(r, 1)->text().trimmed() : QString());
        if (!name.isEmpty() && url.isValid() && !url.scheme().isEmpty())
            a.feeds.append(FeedConfig{name, url});
    }
    for (int r = 0; r < m_registries->rowCount(); ++r)
        a.registries.append(RegistryEntry{m_registries->item(r, 0)->text(), m_registries->item(r, 1)->text()});
    return a;
}

void SettingsView::setSettings(const AppSettings &s)
{
    m_dbPath->setText(s.dbPath);
    m_historyPath->setText(s.historyPath);
    m_cacheDir->setText(s.cacheDir);
    m_cacheSize->setValue(s.cacheSizeMiB);
    m_feeds->setRowCount(0);
    for (const FeedConfig &f : s.feeds) {
        const int row = m_feeds->rowCount();
        m_feeds->insertRow(row);
        m_feeds->setItem(row, 0, new QTableWidgetItem(f.name));
        m_feeds->setItem(row, 1, new QTableWidgetItem(f.url.toString()));
    }
    m_registries->setRowCount(0);
    for (const RegistryEntry &e : s.registries) {
        const int row = m_registries->rowCount();
        m_registries->insertRow(row);
        m_registries->setItem(row, 0, readOnly(e.host));
        m_registries->setItem(row, 1, readOnly(e.username));
    }
    refreshStatus();
}

void SettingsView::apply()
{
    const AppSettings s = settings();
    s.save();
    refreshStatus();
    emit settingsApplied(s);
}

void SettingsView::revert()
{
    setSettings(AppSettings::load());
}

void SettingsView::refreshStatus()
{
    const quint64 generation = ++m_statusGeneration;
    m_data->dbStatus(m_dbPath->text().trimmed()).then(this, [this, generation](const Result<VulnDbStatus> &r) {
        if (generation != m_statusGeneration)
            return;
        if (r)
            showDbStatus(*r);
        else {
            m_dbStatus->setText(r.error().message);
            m_sources->setRowCount(0);
        }
        emit dbStatusLoaded();
    });
    m_data->directorySize(m_cacheDir->text().trimmed()).then(this, [this, generation](qint64 bytes) {
        if (generation == m_statusGeneration)
            m_cacheUsage->setText(QLocale().formattedDataSize(bytes));
    });
}

void SettingsView::showDbStatus(const VulnDbStatus &st)
{
    m_sources->setRowCount(0);
    if (!st.exists) {
        m_dbStatus->setText(tr("No database at this path yet. Use \"Update now\" to download the feeds."));
        return;
    }
    const QLocale locale;
    m_dbStatus->setText(tr("%1 vulnerabilities from %n source(s), %2 on disk, schema %3; newest data %4.",
                           nullptr, int(st.sources.size()))
                            .arg(locale.toString(st.vulnerabilityCount), locale.formattedDataSize(st.fileBytes))
                            .arg(st.schemaVersion)
                            .arg(ageText(st.newestImport)));
    for (const SourceInfo &s : st.sources) {
        const int row = m_sources->rowCount();
        m_sources->insertRow(row);
        m_sources->setItem(row, 0, readOnly(s.name));
        auto *count = readOnly(locale.toString(s.recordCount));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_sources->setItem(row, 1, count);
        m_sources->setItem(row, 2, readOnly(s.importedAt.isValid() ? s.importedAt.toUTC().toString(Qt::ISODate)
                                                                   : QStringLiteral("–")));
        m_sources->setItem(row, 3, readOnly(ageText(s.importedAt)));
    }
}

bool SettingsView::isUpdating() const
{
    return m_updateWatcher->isRunning();
}

void SettingsView::startDbUpdate()
{
    if (isUpdating())
        return;
    const AppSettings s = settings();
    if (s.feeds.isEmpty()) {
        m_updateText->setText(tr("No feed is configured; add one under Advisory feeds."));
        return;
    }
    m_update->setEnabled(false);
    m_cancelUpdate->setVisible(true);
    m_updateProgress->setValue(0);
    m_updateProgress->setVisible(true);
    m_updateText->setText(tr("Starting the update…"));
    m_updateWatcher->setFuture(m_data->updateDb(s.dbPath, s.feeds));
}

void SettingsView::cancelDbUpdate()
{
    if (!isUpdating())
        return;
    m_updateText->setText(tr("Cancelling…"));
    m_updateWatcher->cancel();
}

} // namespace bulkhead
