#pragma once
// Cataloger: turns the bytes of the few files it asks for into packages (and other facts).
// Contract: wants() is a cheap, thread-safe predicate on file metadata; parse() is stateless and
// thread-safe, returns the facts found in one file or an Error (a warning on the scan, never a
// failed scan). version() goes into layer-cache keys: bump it whenever parse() output changes.

#include "catalog/package.h"
#include "common/result.h"
#include "common/warning.h"

#include <QByteArray>
#include <QMap>
#include <memory>
#include <vector>

namespace bulkhead {

struct FileMeta {
    QString path;        // normalised, relative to the image root, no leading '/' ("var/lib/dpkg/status")
    qint64 size = 0;
    quint32 mode = 0;    // POSIX mode bits including the file type (S_IFREG ...)
};

// What one file tells a cataloger. Serialisable (it is cached per layer).
struct FileFacts {
    QVector<Package> packages;          // packages found in this file (layer left unset)
    QMap<QString, QString> properties;  // e.g. os-release key/values
    QStringList ownedPaths;             // paths owned by an OS package (dpkg .list, rpm/apk file lists)
    ScanWarnings warnings;
    bool isEmpty() const { return packages.isEmpty() && properties.isEmpty() && ownedPaths.isEmpty(); }
};

class Cataloger {
public:
    virtual ~Cataloger() = default;
    virtual QString id() const = 0;          // short stable id: "dpkg", "apk", "os-release", ...
    virtual int version() const = 0;
    virtual bool wants(const FileMeta &file) const = 0;
    // Files larger than this are not read (a warning is recorded instead).
    virtual qint64 maxFileSize() const { return 64 * 1024 * 1024; }
    virtual Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const = 0;
};

using CatalogerList = std::vector<std::shared_ptr<const Cataloger>>;

// The one authoritative list of catalogers (catalog/catalogers.cpp).
CatalogerList allCatalogers();
// A string that changes whenever any cataloger in the list changes (for cache keys).
QString catalogerFingerprint(const CatalogerList &catalogers);

} // namespace bulkhead
