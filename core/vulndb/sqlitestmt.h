#pragma once
// SqliteStmt: one prepared statement on a QSQLITE connection's native handle, for the hot paths
// where QSqlQuery's QVariant binding and per-row cache cost more than SQLite itself (bench_vulndb,
// bench_match). Both use the system libsqlite3.
// Contract: bind() numbers parameters from 1 in call order (empty text binds NULL); reset()
// clears the bindings' position for the next run; text columns come back as QString (UTF-8).

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

struct sqlite3;
struct sqlite3_stmt;

namespace bulkhead {

// The native handle of a QSQLITE connection (Qt documents QSqlDriver::handle() for this), or null.
sqlite3 *nativeHandle(const QSqlDatabase &db);

class SqliteStmt {
public:
    SqliteStmt() = default;
    ~SqliteStmt();
    SqliteStmt(const SqliteStmt &) = delete;
    SqliteStmt &operator=(const SqliteStmt &) = delete;

    // `persistent`: the statement is kept for many runs (SQLITE_PREPARE_PERSISTENT).
    bool prepare(sqlite3 *db, const char *sql, bool persistent = false);
    SqliteStmt &bind(const QString &s);
    SqliteStmt &bind(const QByteArray &utf8);
    SqliteStmt &bind(double d);
    SqliteStmt &bindNull();
    // One sqlite3_step(): SQLITE_ROW, SQLITE_DONE or an error code.
    int step(bool *row = nullptr);
    void reset();

    bool isNull(int column) const;
    QString text(int column) const;
    double real(int column) const;
    // Latest error of the statement's connection.
    QString errorMessage() const;

private:
    sqlite3_stmt *m_stmt = nullptr;
    int m_next = 0;
    QVector<QByteArray> m_utf8;   // text bound without a copy, until reset()
};

} // namespace bulkhead
