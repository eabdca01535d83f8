#pragma once
// The three rpmdb backends, read from the bytes of their main file without any database library
// of their own (SQLite through sqlite3_deserialize, Berkeley DB hash and NDB by hand).
// Contract: each reader returns the header blobs it found in database order, plus one sentence
// per problem it stepped over; an Error only when the file is not that format at all. Reads are
// bounds-checked and every page/slot walk is bounded by the file size (no loops, no hangs).

#include "common/result.h"

#include <QByteArray>
#include <QStringList>
#include <QVector>

namespace bulkhead {

struct RpmDbBlobs {
    QVector<QByteArray> headers;
    QStringList problems;
};

// rpm >= 4.16 "sqlite" backend: rpmdb.sqlite, table Packages(hnum, blob).
Result<RpmDbBlobs> readRpmSqlite(const QByteArray &file);
// rpm's legacy "bdb" backend: Packages, a Berkeley DB hash database keyed by header number.
Result<RpmDbBlobs> readRpmBdb(const QByteArray &file);
// rpm's "ndb" backend (SUSE): Packages.db, slot pages pointing at blobs.
Result<RpmDbBlobs> readRpmNdb(const QByteArray &file);

} // namespace bulkhead
