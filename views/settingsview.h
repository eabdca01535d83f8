#pragma once
// Settings: where the vulnerability DB and scan history live, the layer cache size, and the
// advisory feed URLs. Values go to QSettings on apply; settingsApplied() tells the app to reload.

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace bulkhead {

struct AppSettings {
    QString dbPath;
    QString historyPath;
    int cacheSizeMiB = 2048;
    QStringList feedUrls;

    static AppSettings load();   // from QSettings, defaults where unset
    void save() const;
};

class SettingsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsView)
public:
    explicit SettingsView(QWidget *parent = nullptr);
    AppSettings settings() const;           // what the form shows now

public slots:
    void setSettings(const bulkhead::AppSettings &settings);
    void apply();                           // saves and emits settingsApplied
    void revert();                          // reloads from QSettings

signals:
    void settingsApplied(const bulkhead::AppSettings &settings);

private:
    QLineEdit *m_dbPath;
    QLineEdit *m_historyPath;
    QSpinBox *m_cacheSize;
    QPlainTextEdit *m_feeds;
};

} // namespace bulkhead
