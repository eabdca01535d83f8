#pragma once
// Settings: the vulnerability DB (status, "Update now" with progress and cancel), the advisory
// feed URLs (the CLI's feeds.ini), the layer cache (location, size, usage), the scan history file
// and the registries list. Values go to QSettings (and feeds.ini) on apply; settingsApplied()
// tells the app to reload. Registries are the CLI's: registries.json (RegistryConfig) for the
// list and TLS options, the system keychain (core CredentialStore) for logins, changed at once on
// Add/Remove on a worker thread (keychain and network calls never run on the GUI thread).

#include "vulndb/feedupdater.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bulkhead {

class AppDataService;
struct VulnDbStatus;

// One row of Settings > Registries, read on a worker.
struct RegistryRow {
    QString host;        // "registry.example.com:5000", a key of registries.json
    QString username;    // empty when anonymous
    QString origin;      // where the login comes from: "keychain", "~/.docker/config.json"
    QString tls;         // "custom CA …", "insecure", empty for the system's CAs
};

struct AppSettings {
    QString dbPath;
    QString historyPath;
    QString cacheDir;
    int cacheSizeMiB = 2048;             // 0 = no layer cache
    QVector<FeedConfig> feeds;           // as configuredFeeds() reads them

    static AppSettings load();   // from QSettings and feeds.ini, defaults where unset
    void save() const;
};

// Writes `feeds` to the [feeds] section of the INI file as differences from defaultFeeds(), so
// `bulkhead db update` reads the same list (docs/vulndb.md, "Feeds and the config file").
void saveFeedConfig(const QVector<FeedConfig> &feeds, const QString &configPath = feedConfigPath());

class SettingsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsView)
public:
    explicit SettingsView(QWidget *parent = nullptr);
    ~SettingsView() override;
    AppSettings settings() const;           // what the form shows now

    // Parts exposed for tests.
    QTableWidget *sourcesTable() const { return m_sources; }
    QTableWidget *feedsTable() const { return m_feeds; }
    QTableWidget *registriesTable() const { return m_registries; }
    QLabel *registryStatusLabel() const { return m_regStatus; }
    // The registry form: host, user, password, CA file; the insecure box; Add and Remove.
    QLineEdit *registryHostEdit() const { return m_regHost; }
    QLineEdit *registryUserEdit() const { return m_regUser; }
    QLineEdit *registrySecretEdit() const { return m_regSecret; }
    QLineEdit *registryCaEdit() const { return m_regCa; }
    QCheckBox *registryInsecureBox() const { return m_regInsecure; }
    QPushButton *addRegistryButton() const { return m_regAdd; }
    QPushButton *removeRegistryButton() const { return m_regRemove; }
    bool isRegistryBusy() const { return m_registryJobs > 0; }
    QLabel *dbStatusLabel() const { return m_dbStatus; }
    QPushButton *updateButton() const { return m_update; }
    QPushButton *cancelUpdateButton() const { return m_cancelUpdate; }
    bool isUpdating() const;

public slots:
    void setSettings(const bulkhead::AppSettings &settings);
    void apply();                           // saves and emits settingsApplied
    void revert();                          // reloads from QSettings
    void refreshStatus();                   // DB status and cache usage, on a worker
    void startDbUpdate();
    void cancelDbUpdate();
    void reloadRegistries();                // registries.json and the logins, on a worker
    void addRegistry();                     // checks the login, stores it, adds the registry
    void removeRegistry();                  // the selected one and its keychain login

signals:
    void settingsApplied(const bulkhead::AppSettings &settings);
    void dbStatusLoaded();
    void dbUpdateFinished(bool ok, const QString &message);
    // Settings > Registries changed registries.json or a login (the Images list reloads).
    void registriesChanged();
    // After reloadRegistries() filled the table.
    void registriesLoaded();
    // After an Add or Remove finished; `message` is what the form shows.
    void registryChangeFinished(bool ok, const QString &message);

private:
    QWidget *buildDbGroup();
    QWidget *buildFeedsGroup();
    QWidget *buildStorageGroup();
    QWidget *buildRegistriesGroup();
    void showDbStatus(const VulnDbStatus &status);
    void finishRegistryChange(const Result<QString> &outcome);

    AppDataService *m_data;
    QFutureWatcher<Result<QVector<FeedOutcome>>> *m_updateWatcher;
    quint64 m_statusGeneration = 0;
    quint64 m_registriesGeneration = 0;
    int m_registryJobs = 0;

    QLineEdit *m_dbPath = nullptr;
    QLabel *m_dbStatus = nullptr;
    QTableWidget *m_sources = nullptr;
    QPushButton *m_update = nullptr;
    QPushButton *m_cancelUpdate = nullptr;
    QProgressBar *m_updateProgress = nullptr;
    QLabel *m_updateText = nullptr;
    QTableWidget *m_feeds = nullptr;
    QLineEdit *m_historyPath = nullptr;
    QLineEdit *m_cacheDir = nullptr;
    QSpinBox *m_cacheSize = nullptr;
    QLabel *m_cacheUsage = nullptr;
    QTableWidget *m_registries = nullptr;
    QLineEdit *m_regHost = nullptr;
    QLineEdit *m_regUser = nullptr;
    QLineEdit *m_regSecret = nullptr;
    QLineEdit *m_regCa = nullptr;
    QCheckBox *m_regInsecure = nullptr;
    QPushButton *m_regAdd = nullptr;
    QPushButton *m_regRemove = nullptr;
    QLabel *m_regStatus = nullptr;
};

} // namespace bulkhead
