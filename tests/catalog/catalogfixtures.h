#pragma once
// Shared by the catalog tests: reading tests/data/catalog files and txtar members.

#include "testutil.h"

#include <QByteArray>
#include <QFile>

namespace bulkhead::test {

inline QByteArray catalogFixture(const QString &relative)
{
    QFile f(dataPath(QStringLiteral("catalog/") + relative));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// txtar (golang.org/x/tools/txtar): "-- name --" lines start each member.
inline QByteArray txtarMember(const QByteArray &archive, const QByteArray &name)
{
    const QByteArray marker = "-- " + name + " --\n";
    const int start = archive.indexOf(marker);
    if (start < 0)
        return {};
    const int from = start + marker.size();
    const int next = archive.indexOf("\n-- ", from);
    return next < 0 ? archive.mid(from) : archive.mid(from, next + 1 - from);
}

} // namespace bulkhead::test
