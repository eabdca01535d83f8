#pragma once
// A non-fatal problem met during a scan (a bad file inside a layer, a skipped hostile entry).
// Collected on the result and shown to the user; never fails the scan by itself.

#include <QString>
#include <QVector>

namespace bulkhead {

struct ScanWarning {
    QString stage;    // "layers", "catalog:dpkg", "match", ...
    QString path;     // file or layer concerned, may be empty
    QString message;  // user-readable sentence
    bool operator==(const ScanWarning &o) const
    {
        return stage == o.stage && path == o.path && message == o.message;
    }
};

using ScanWarnings = QVector<ScanWarning>;

} // namespace bulkhead
