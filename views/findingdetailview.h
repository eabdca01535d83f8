#pragma once
// The detail pane of one finding: description, CVSS vector broken into metrics, EPSS, KEV,
// versions, links, aliases, and the triage controls with their audit history.

#include "match/finding.h"
#include "store/historystore.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextBrowser;
class QGroupBox;

namespace bulkhead {

class HistoryService;

class FindingDetailView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingDetailView)
public:
    explicit FindingDetailView(QWidget *parent = nullptr);

    // Not owned; must outlive this view. Without it the triage controls are disabled.
    void setHistoryService(HistoryService *service);
    // `repository` scopes triage decisions ("this image repository" vs all images).
    void setFinding(const Finding &finding, const QString &repository);
    void clear();

    QString html() const;                        // what the pane shows (for tests)
    // Metric names and values of a CVSS v2/v3/v4 vector, in vector order, translated.
    static QVector<QPair<QString, QString>> cvssMetrics(const QString &vector);

signals:
    void triageChanged(const bulkhead::TriageRecord &record);

private:
    void render();
    void loadTriage();
    void saveTriage();
    void showTriage(const TriageRecord &current, const QVector<TriageRecord> &history);
    void updateTriageControls();

    HistoryService *m_service = nullptr;
    Finding m_finding;
    QString m_repository;
    bool m_hasFinding = false;
    quint64 m_generation = 0;

    QTextBrowser *m_text;
    QGroupBox *m_triageBox;
    QComboBox *m_state;
    QComboBox *m_scope;
    QDateEdit *m_expiry;
    QLineEdit *m_comment;
    QPushButton *m_save;
    QLabel *m_triageStatus;
    QListWidget *m_history;
};

} // namespace bulkhead
