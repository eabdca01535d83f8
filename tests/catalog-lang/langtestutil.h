#pragma once
// Helpers for the language cataloger tests: run a cataloger over a real data file under a chosen
// image path, and print packages as one comparable line each.

#include "catalog/cataloger.h"
#include "testutil.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <sys/stat.h>

namespace bulkhead::test {

inline QByteArray readData(const QString &relative)
{
    QFile f(dataPath(QStringLiteral("catalog-lang/") + relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

inline FileMeta regularFile(const QString &imagePath, qint64 size = 0)
{
    FileMeta m;
    m.path = imagePath;
    m.size = size;
    m.mode = S_IFREG | 0644;
    return m;
}

// "name|version|purl|licence,licence|foundIn"
inline QString line(const Package &p)
{
    return p.name + u'|' + p.version + u'|' + p.purl + u'|' + p.licenses.join(u',') + u'|' + p.foundIn;
}

inline QStringList lines(const QVector<Package> &packages)
{
    QStringList out;
    for (const Package &p : packages)
        out << line(p);
    out.sort();
    return out;
}

// Runs `cataloger` on every file below data folder `relativeDir` that it wants, using the path
// relative to that folder as the image path. Parse errors become test failures.
inline FileFacts catalogTree(const Cataloger &cataloger, const QString &relativeDir)
{
    FileFacts all;
    const QString root = dataPath(QStringLiteral("catalog-lang/") + relativeDir);
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString full = it.next();
        const FileMeta meta = regularFile(full.mid(root.size() + 1), QFileInfo(full).size());
        if (!cataloger.wants(meta))
            continue;
        QFile f(full);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(full));
        const auto facts = cataloger.parse(meta, f.readAll());
        if (!facts) {
            qWarning("%s: %s", qPrintable(meta.path), qPrintable(facts.error().message));
            continue;
        }
        all.packages += facts->packages;
        all.warnings += facts->warnings;
    }
    return all;
}

} // namespace bulkhead::test
