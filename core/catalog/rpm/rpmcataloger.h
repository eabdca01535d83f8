#pragma once
// Installed RPMs from the rpm database in any of its three backends: rpmdb.sqlite (rpm >= 4.16),
// Packages (Berkeley DB hash, older rpm) and Packages.db (NDB, SUSE), under var/lib/rpm/ or
// usr/lib/sysimage/rpm/. Contract: packages come without PURL and layer; gpg-pubkey entries are
// skipped; facts.ownedPaths holds every file of every package and facts.properties["owns:<name>"]
// the newline-separated files of each; unreadable headers become warnings.

#include "catalog/cataloger.h"

namespace bulkhead {

class RpmCataloger final : public Cataloger {
public:
    QString id() const override { return QStringLiteral("rpm"); }
    int version() const override { return 1; }
    bool wants(const FileMeta &file) const override;
    // rpm databases of large distributions run to a few hundred MB (Packages of RHEL hosts).
    qint64 maxFileSize() const override { return 512 * 1024 * 1024; }
    Result<FileFacts> parse(const FileMeta &file, const QByteArray &content) const override;

    static QString ownsKey(const QString &packageName) { return QStringLiteral("owns:") + packageName; }

    // Which of the databases in one directory rpm reads, when an image holds more than one (a
    // Berkeley DB left behind by the move to SQLite, or by a rebuilddb to another backend): the
    // higher rank wins: rpmdb.sqlite 3, Packages.db 2, Packages 1; 0 for any other path.
    static int backendRank(const QString &path);
};

} // namespace bulkhead
