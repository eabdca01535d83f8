#include "settingsview.h"

#include "appdataservice.h"
#include "credentials/credentialstore.h"
#include "image/registry/registryclient.h"
#include "image/registry/registryconfig.h"
#include "layers/layercache.h"
#include "store/historystore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
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
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace bulkhead {

namespace {
const QString DbPathKey = QStringLiteral("vulndb/path");
const QString HistoryKey = QStringLiteral("history/path");
const QString CacheKey = QStringLiteral("cache/sizeMiB");
const QString CacheDirKey = QStringLiteral("cache/directory");
// Where the registries list lived before it moved to registries.json (removed on save).
const QString OldRegistriesKey = QStringLiteral("registries");

enum class PathKind { Directory, SaveFile, OpenFile };

QWidget *pathRow(QWidget *parent, QLineEdit *edit, PathKind kind, const QString &title)
{
    auto *w = new QWidget(parent);
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(SettingsView::tr("Browse…"), w);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, kind, title] {
        QString p;
        switch (kind) {
        case PathKind::Directory: p = QFileDialog::getExistingDirectory(edit, title, edit->text()); break;
        case PathKind::SaveFile:
            p = QFileDialog::getSaveFileName(edit, title, edit->text(), QString(), nullptr, QFileDialog::DontConfirmOverwrite);
            break;
        case PathKind::OpenFile: p = QFileDialog::getOpenFileName(edit, title, edit->text()); break;
        }
        if (!p.isEmpty())
            edit->setText(p);
    });
    return w;
}

// The registries of registries.json with the login each one would use. Runs on a worker: the
// keychain answers over D-Bus.
Result<QVector<RegistryRow>> readRegistries()
{
    auto config = RegistryConfig::load();
    if (!config)
        return tl::unexpected(config.error());
    QVector<RegistryRow> rows;
    const CredentialStore store;
    const QStringList hosts = config->hosts();
    for (const QString &host : hosts) {
        RegistryRow row;
        row.host = host;
        if (const auto login = store.lookup(host)) {
            row.username = login->username;
            row.origin = login->origin;
        }
        const RegistryHostSettings tls = config->hostSettings(host);
        if (tls.insecure)
            row.tls = SettingsView::tr("insecure (no certificate check)");
        else if (!tls.caFile.isEmpty())
            row.tls = SettingsView::tr("CA %1").arg(QFileInfo(tls.caFile).fileName());
        rows.append(row);
    }
    return rows;
}

// Like `bulkhead login`: with a password, the login is checked against the registry first and
// stored in the keychain; then the registry goes into registries.json. Runs on a worker.
Result<QString> loginAndAdd(const QString &host, const RegistryHostSettings &tls, const RegistryCredentials &login)
{
    auto config = RegistryConfig::load();
    if (!config)
        return tl::unexpected(config.error());
    config->setSettings(host, tls);
    QString message = SettingsView::tr("Added %1 without a login (anonymous pulls).").arg(host);
    if (!login.isEmpty()) {
        RegistryClient client(host, *config);
        client.setCredentials(login);
        if (auto ok = client.ping(); !ok)
            return fail(SettingsView::tr("Login to %1 failed: %2").arg(host, ok.error().message), ok.error().code);
        if (auto stored = CredentialStore().store(host, login); !stored)
            return fail(SettingsView::tr("The login for %1 works but could not be stored: %2").arg(host, stored.error().message),
                        stored.error().code);
        message = SettingsView::tr("Logged in to %1 as %2; the password is in the system keychain.").arg(host, login.username);
    }
    if (auto saved = config->save(); !saved)
        return tl::unexpected(saved.error());
    return message;
}

// Removes the registry from registries.json and Bulkhead's keychain login for it. Runs on a worker.
Result<QString> removeRegistryAndLogin(const QString &host)
{
    auto config = RegistryConfig::load();
    if (!config)
        return tl::unexpected(config.error());
    config->removeHost(host);
    if (auto saved = config->save(); !saved)
        return tl::unexpected(saved.error());
    auto removed = CredentialStore().remove(host);
    if (!removed)
        return fail(SettingsView::tr("Removed %1; its keychain login could not be removed: %2").arg(host, removed.error().message),
                    removed.error().code);
    return *removed ? SettingsView::tr("Removed %1 and its login from the keychain.").arg(host)
                    : SettingsView::tr("Removed %1.").arg(host);
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
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(DbPathKey, dbPath);
    s.setValue(HistoryKey, historyPath);
    s.setValue(CacheKey, cacheSizeMiB);
    s.setValue(CacheDirKey, cacheDir);
    s.remove(OldRegistriesKey);
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
    , m_updateWatcher(new QFutureWatcher<Result<QVector<FeedOutcome>>>(this))
{
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
    form->addRow(tr("File:"), pathRow(box, m_dbPath, PathKind::SaveFile, tr("Vulnerability database")));
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
    form->addRow(tr("Scan history:"), pathRow(box, m_historyPath, PathKind::SaveFile, tr("Scan history")));
    form->addRow(tr("Layer cache folder:"), pathRow(box, m_cacheDir, PathKind::Directory, tr("Layer cache folder")));
    form->addRow(tr("Layer cache size:"), m_cacheSize);
    form->addRow(tr("In use:"), m_cacheUsage);
    return box;
}

QWidget *SettingsView::buildRegistriesGroup()
{
    auto *box = new QGroupBox(tr("Registries"));
    m_registries = makeTable(box, {tr("Registry"), tr("Login"), tr("TLS")}, 0);
    m_registries->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_regHost = new QLineEdit(box);
    m_regHost->setObjectName(QStringLiteral("registryHost"));
    m_regHost->setPlaceholderText(tr("registry.example.com[:port]"));
    m_regUser = new QLineEdit(box);
    m_regUser->setObjectName(QStringLiteral("registryUser"));
    m_regUser->setPlaceholderText(tr("user (optional)"));
    m_regSecret = new QLineEdit(box);
    m_regSecret->setObjectName(QStringLiteral("registrySecret"));
    m_regSecret->setEchoMode(QLineEdit::Password);
    m_regSecret->setPlaceholderText(tr("password or token"));
    m_regCa = new QLineEdit(box);
    m_regCa->setObjectName(QStringLiteral("registryCa"));
    m_regCa->setPlaceholderText(tr("CA certificate (PEM), if not a public CA"));
    m_regInsecure = new QCheckBox(tr("Insecure (no certificate check, plain HTTP allowed)"), box);
    m_regStatus = new QLabel(box);
    m_regStatus->setObjectName(QStringLiteral("registryStatus"));
    m_regStatus->setWordWrap(true);
    m_regStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_regAdd = new QPushButton(tr("Add"), box);
    m_regAdd->setToolTip(tr("Checks the login against the registry (like 'bulkhead login'), then saves it"));
    m_regRemove = new QPushButton(tr("Remove"), box);
    auto *form = new QFormLayout;
    auto *login = new QHBoxLayout;
    login->addWidget(m_regUser, 1);
    login->addWidget(m_regSecret, 1);
    form->addRow(tr("Registry:"), m_regHost);
    form->addRow(tr("Login:"), login);
    form->addRow(tr("CA file:"), pathRow(box, m_regCa, PathKind::OpenFile, tr("CA certificate")));
    form->addRow(QString(), m_regInsecure);
    auto *note = new QLabel(tr("Shared with the command line: the list and TLS options are in %1, passwords in the "
                               "system keychain. Changes here apply at once.").arg(RegistryConfig::defaultPath()), box);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_registries, 1);
    layout->addLayout(form);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_regStatus, 1);
    bottom->addWidget(m_regAdd);
    bottom->addWidget(m_regRemove);
    layout->addLayout(bottom);
    layout->addWidget(note);
    connect(m_regAdd, &QPushButton::clicked, this, &SettingsView::addRegistry);
    connect(m_regSecret, &QLineEdit::returnPressed, this, &SettingsView::addRegistry);
    connect(m_regRemove, &QPushButton::clicked, this, &SettingsView::removeRegistry);
    connect(m_registries, &QTableWidget::itemSelectionChanged, this, [this] {
        // Selecting a row fills the form, to change its login or TLS options.
        const int row = m_registries->currentRow();
        if (row < 0 || !m_registries->item(row, 0))
            return;
        m_regHost->setText(m_registries->item(row, 0)->text());
        m_regUser->setText(m_registries->item(row, 0)->data(Qt::UserRole).toString());
    });
    return box;
}

void SettingsView::reloadRegistries()
{
    const quint64 generation = ++m_registriesGeneration;
    QtConcurrent::run(&readRegistries).then(this, [this, generation](const Result<QVector<RegistryRow>> &r) {
        if (generation != m_registriesGeneration)
            return;
        m_registries->setRowCount(0);
        if (!r) {
            m_regStatus->setText(r.error().message);
        } else {
            for (const RegistryRow &row : *r) {
                const int n = m_registries->rowCount();
                m_registries->insertRow(n);
                auto *host = readOnly(row.host);
                host->setData(Qt::UserRole, row.username);
                m_registries->setItem(n, 0, host);
                const QString login = row.username.isEmpty() ? tr("anonymous")
                    : row.origin == u"keychain" ? row.username
                                                : tr("%1 (from %2)").arg(row.username, row.origin);
                m_registries->setItem(n, 1, readOnly(login));
                m_registries->setItem(n, 2, readOnly(row.tls.isEmpty() ? tr("system CAs") : row.tls));
            }
        }
        emit registriesLoaded();
    });
}

void SettingsView::addRegistry()
{
    if (isRegistryBusy())
        return;
    const QString typed = m_regHost->text().trimmed();
    if (typed.isEmpty()) {
        m_regStatus->setText(tr("Enter the registry's host name first."));
        return;
    }
    // The name `bulkhead login` stores it under: no scheme or path, Docker Hub's aliases as docker.io.
    const QString host = credentialKey(typed);
    RegistryHostSettings tls;
    tls.caFile = m_regCa->text().trimmed();
    tls.insecure = m_regInsecure->isChecked();
    if (!tls.caFile.isEmpty() && !QFileInfo(tls.caFile).isFile()) {
        m_regStatus->setText(tr("The CA file %1 does not exist.").arg(tls.caFile));
        return;
    }
    RegistryCredentials login;
    login.username = m_regUser->text().trimmed();
    login.secret = m_regSecret->text();
    login.origin = tr("the Settings form");
    if (!login.secret.isEmpty() && login.username.isEmpty()) {
        m_regStatus->setText(tr("Enter the user name that goes with the password."));
        return;
    }
    m_regSecret->clear();
    ++m_registryJobs;
    m_regAdd->setEnabled(false);
    m_regRemove->setEnabled(false);
    m_regStatus->setText(login.isEmpty() ? tr("Adding %1…").arg(host) : tr("Checking the login to %1…").arg(host));
    QtConcurrent::run(&loginAndAdd, host, tls, login).then(this, [this](const Result<QString> &outcome) {
        if (outcome) {
            m_regHost->clear();
            m_regUser->clear();
            m_regCa->clear();
            m_regInsecure->setChecked(false);
        }
        finishRegistryChange(outcome);
    });
}

void SettingsView::removeRegistry()
{
    const int row = m_registries->currentRow();
    if (row < 0 || isRegistryBusy())
        return;
    const QString host = m_registries->item(row, 0)->text();
    ++m_registryJobs;
    m_regAdd->setEnabled(false);
    m_regRemove->setEnabled(false);
    m_regStatus->setText(tr("Removing %1…").arg(host));
    QtConcurrent::run(&removeRegistryAndLogin, host).then(this, [this](const Result<QString> &outcome) {
        finishRegistryChange(outcome);
    });
}

void SettingsView::finishRegistryChange(const Result<QString> &outcome)
{
    --m_registryJobs;
    m_regAdd->setEnabled(true);
    m_regRemove->setEnabled(true);
    const QString message = outcome ? *outcome : outcome.error().message;
    m_regStatus->setText(message);
    reloadRegistries();
    emit registriesChanged();
    emit registryChangeFinished(bool(outcome), message);
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
    reloadRegistries();
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
