#pragma once
// Settings: the vulnerability DB (status, "Update now" with progress and cancel), the advisory
// feed URLs (the CLI's feeds.ini), the layer cache (location, size, usage), the scan history file
// and the registries list (entries in QSettings, secrets in the keychain via CredentialStore).
// Values go to QSettings (and feeds.ini) on apply; settingsApplied() tells the app to reload.

#include "vulndb/feedupdater.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bulkhead {

class AppDataService;
class CredentialStore;
struct VulnDbStatus;

struct RegistryEntry {
    QString host;        // "registry.example.com:5000"
    QString username;    // the password is in the keychain under registryCredentialKey()
    bool operator==(const RegistryEntry &o) const { return host == o.host && username == o.username; }
};

struct AppSettings {
    QString dbPath;
    QString historyPath;
    QString cacheDir;
    int cacheSizeMiB = 2048;             // 0 = no layer cache
    QVector<FeedConfig> feeds;           // as configuredFeeds() reads them
    QVector<RegistryEntry> registries;

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

    // Not owned; replaces the keychain store (tests, other back ends).
    void setCredentialStore(CredentialStore *store);

    // Parts exposed for tests.
    QTableWidget *sourcesTable() const { return m_sources; }
    QTableWidget *feedsTable() const { return m_feeds; }
    QTableWidget *registriesTable() const { return m_registries; }
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

signals:
    void settingsApplied(const bulkhead::AppSettings &settings);
    void dbStatusLoaded();
    void dbUpdateFinished(bool ok, const QString &message);

private:
    QWidget *buildDbGroup();
    QWidget *buildFeedsGroup();
    QWidget *buildStorageGroup();
    QWidget *buildRegistriesGroup();
    void showDbStatus(const VulnDbStatus &status);
    void addRegistry();
    void removeRegistry();

    AppDataService *m_data;
    CredentialStore *m_credentials;
    std::unique_ptr<CredentialStore> m_keychain;
    QFutureWatcher<Result<QVector<FeedOutcome>>> *m_updateWatcher;
    quint64 m_statusGeneration = 0;

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
    QLabel *m_regStatus = nullptr;
};

} // namespace bulkhead
