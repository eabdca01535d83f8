#pragma once
// One named QSQLITE connection per (thread, database file): Qt forbids sharing a QSqlDatabase
// across threads, so every thread that touches the vulnerability DB opens its own.
// Contract: open() returns an open connection (WAL, foreign keys on, busy timeout set) or an error.

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>

namespace bulkhead {

class DbConnection {
public:
    // Opens, or reuses, this thread's connection to `path`. `readOnly` opens with
    // QSQLITE_OPEN_READONLY (a separate connection name from the writable one).
    static Result<QSqlDatabase> open(const QString &path, bool readOnly = false);
    // Closes and removes this thread's connections to `path` (needed before renaming the file).
    static void close(const QString &path);
    // Closes every connection this thread opened to any path.
    static void closeAll();
    static QString connectionName(const QString &path, bool readOnly);
};

} // namespace bulkhead
