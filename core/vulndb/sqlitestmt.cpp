#include "vulndb/sqlitestmt.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace bulkhead {

sqlite3 *nativeHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

SqliteStmt::~SqliteStmt()
{
    sqlite3_finalize(m_stmt);
}

bool SqliteStmt::prepare(sqlite3 *db, const char *sql, bool persistent)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_utf8.clear();
    m_next = 0;
    return sqlite3_prepare_v3(db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &m_stmt, nullptr) == SQLITE_OK;
}

SqliteStmt &SqliteStmt::bind(const QString &s)
{
    ++m_next;
    if (s.isEmpty()) {
        sqlite3_bind_null(m_stmt, m_next);
    } else {
        // UTF-8 (the database's encoding) kept alive until reset(): SQLite neither copies it nor
        // converts it again, as it must for UTF-16 text.
        m_utf8.append(s.toUtf8());
        sqlite3_bind_text(m_stmt, m_next, m_utf8.last().constData(), int(m_utf8.last().size()), SQLITE_STATIC);
    }
    return *this;
}

SqliteStmt &SqliteStmt::bind(const QByteArray &utf8)
{
    ++m_next;
    if (utf8.isEmpty())
        sqlite3_bind_null(m_stmt, m_next);
    else
        sqlite3_bind_text(m_stmt, m_next, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStmt &SqliteStmt::bind(double d)
{
    sqlite3_bind_double(m_stmt, ++m_next, d);
    return *this;
}

SqliteStmt &SqliteStmt::bindNull()
{
    sqlite3_bind_null(m_stmt, ++m_next);
    return *this;
}

int SqliteStmt::step(bool *row)
{
    const int rc = sqlite3_step(m_stmt);
    if (row)
        *row = rc == SQLITE_ROW;
    return rc;
}

void SqliteStmt::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_utf8.clear();
    m_next = 0;
}

bool SqliteStmt::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QString SqliteStmt::text(int column) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

double SqliteStmt::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString SqliteStmt::errorMessage() const
{
    return QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt)));
}

} // namespace bulkhead
