#include "vulndb/dbfile.h"

#include "vulndb/dbconnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace bulkhead::dbfile {

void removeWithCompanions(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

Result<void> snapshot(const QString &dbPath, const QString &targetPath)
{
    removeWithCompanions(targetPath);
    if (!QFileInfo::exists(dbPath))
        return {};
    auto db = DbConnection::open(dbPath, true);
    if (!db)
        return tl::unexpected(db.error());
    QSqlQuery q(*db);
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(targetPath);
    if (!q.exec())
        return fail(QStringLiteral("Cannot copy the vulnerability database to %1: %2.")
                        .arg(targetPath, q.lastError().text()), IoError);
    return {};
}

Result<void> install(const QString &sidePath, const QString &dbPath)
{
    {
        auto side = DbConnection::open(sidePath, false);
        if (!side)
            return tl::unexpected(side.error());
        QSqlQuery q(*side);
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != u"ok")
            return fail(QStringLiteral("The new vulnerability database failed its integrity check; the old one is kept."),
                        IoError);
        q.finish();
        // Leave no WAL behind: the renamed file must be complete on its own.
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        q.exec(QStringLiteral("PRAGMA journal_mode=DELETE"));
    }
    DbConnection::close(sidePath);
    DbConnection::close(dbPath);
    // The side copy may have been written without fsync (VulnDbWriter::Mode::Scratch): make its
    // contents durable before the rename makes them the installed database.
    {
        QFile side(sidePath);
        if (!side.open(QIODevice::ReadWrite) || ::fsync(side.handle()) != 0)
            return fail(QStringLiteral("Cannot flush the new vulnerability database %1 to disk.").arg(sidePath), IoError);
    }
    QDir().mkpath(QFileInfo(dbPath).absolutePath());
    // rename(2) replaces the target atomically on POSIX; QFile::rename refuses to overwrite.
    if (std::rename(QFile::encodeName(sidePath).constData(), QFile::encodeName(dbPath).constData()) != 0)
        return fail(QStringLiteral("Cannot install the new vulnerability database at %1: %2.")
                        .arg(dbPath, QString::fromLocal8Bit(std::strerror(errno))), IoError);
    // The old file's WAL companions no longer match the renamed file.
    QFile::remove(dbPath + QStringLiteral("-wal"));
    QFile::remove(dbPath + QStringLiteral("-shm"));
    return {};
}

} // namespace bulkhead::dbfile
