#include "vulndb/dbconnection.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace bulkhead {

namespace {
const QString kPrefix = QStringLiteral("bulkhead-vulndb-");

QString threadTag()
{
    return QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}
} // namespace

QString DbConnection::connectionName(const QString &path, bool readOnly)
{
    return kPrefix + threadTag() + (readOnly ? QStringLiteral("-ro-") : QStringLiteral("-rw-"))
           + QFileInfo(path).absoluteFilePath();
}

Result<QSqlDatabase> DbConnection::open(const QString &path, bool readOnly)
{
    const QString name = connectionName(path, readOnly);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    if (readOnly && !QFileInfo::exists(path))
        return fail(QStringLiteral("The vulnerability database %1 does not exist; run 'bulkhead db update' "
                                   "or 'bulkhead db import' first.").arg(path), NotFound);
    if (!readOnly)
        QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000")
                                  : QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return fail(QStringLiteral("Cannot open the vulnerability database %1: %2.")
                        .arg(path, db.lastError().text()), IoError);
    QSqlQuery q(db);
    if (!readOnly)
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
    q.exec(QStringLiteral("PRAGMA cache_size=-32000"));
    // A file that is not SQLite opens fine and fails on the first read; check it now.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const QString why = q.lastError().text();
        q.finish();
        db.close();
        return fail(QStringLiteral("%1 is not a usable SQLite database: %2.").arg(path, why), InvalidInput);
    }
    return db;
}

void DbConnection::close(const QString &path)
{
    for (bool ro : {false, true}) {
        const QString name = connectionName(path, ro);
        if (!QSqlDatabase::contains(name))
            continue;
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

void DbConnection::closeAll()
{
    const QString mine = kPrefix + threadTag() + u'-';
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (!name.startsWith(mine))
            continue;
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

} // namespace bulkhead
