#pragma once
// The vulnerability DB schema: ordered migrations recorded in the `schema_version` table.
// Contract: migrate() brings an open database to currentVersion() in one transaction, or fails
// and leaves it unchanged; a database newer than this build is an error (never downgraded).

#include "common/result.h"

#include <QSqlDatabase>

namespace bulkhead::schema {

int currentVersion();
// Version recorded in `db`, 0 when the database is empty.
int versionOf(QSqlDatabase &db);
Result<int> migrate(QSqlDatabase &db);

} // namespace bulkhead::schema
