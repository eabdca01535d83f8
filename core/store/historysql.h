#pragma once
// The SQL layer under HistoryStore (internal to core/store): the schema migrations and small
// helpers that turn QtSql failures into Result errors.

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

class QSqlError;

namespace bulkhead::history {

// Brings `db` (open, no transaction running) to HistoryStore::SchemaVersion inside one exclusive
// transaction; refuses a file written by a newer schema. `path` is for messages.
Result<void> migrate(QSqlDatabase &db, const QString &path);

Error sqlError(const QString &what, const QSqlError &e);

// Runs a prepared statement; on failure sets `*err` and returns false.
bool exec(QSqlQuery &q, Error *err, const QString &what);

// Prepares, binds and runs one statement on `db`; the query is positioned before the first row.
Result<QSqlQuery> runQuery(const Result<QSqlDatabase> &db, const QString &sql, const QVariantList &binds,
                           const QString &what);

// Rolls back unless committed, so every early return leaves the file unchanged.
class Transaction {
public:
    explicit Transaction(QSqlDatabase &db) : m_db(db), m_active(db.transaction()) {}
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool isActive() const { return m_active; }
    bool commit()
    {
        m_active = false;
        return m_db.commit();
    }

private:
    QSqlDatabase &m_db;
    bool m_active;
};

} // namespace bulkhead::history
