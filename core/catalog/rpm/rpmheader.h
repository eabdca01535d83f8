#pragma once
// RPM header blobs (the "header structure" of the RPM file format spec, as stored in every rpmdb
// backend): a big-endian index count and data length, the index entries, then the data store.
// Contract: RpmHeader::parse() bounds-checks every entry against the blob before accepting it, so
// the accessors never read outside the data; a hostile blob gives an Error, never a crash.

#include "common/result.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>
#include <QVector>
#include <optional>

namespace bulkhead {

namespace RpmTag {
enum : quint32 {
    SigMd5 = 261,
    Name = 1000,
    Version = 1001,
    Release = 1002,
    Epoch = 1003,
    Summary = 1004,
    Size = 1009,
    Vendor = 1011,
    License = 1014,
    Arch = 1022,
    OldFileNames = 1027,
    FileModes = 1030,
    SourceRpm = 1044,
    DirIndexes = 1116,
    BaseNames = 1117,
    DirNames = 1118,
    ModularityLabel = 5096,
};
} // namespace RpmTag

class RpmHeader {
public:
    // Index entry types (rpm's rpmTagType).
    enum Type : quint32 { Null = 0, Char = 1, Int8 = 2, Int16 = 3, Int32 = 4, Int64 = 5, String = 6,
        Bin = 7, StringArray = 8, I18nString = 9 };

    // A header blob as rpmdb stores it; an 8-byte header magic (8e ad e8 01 + 4 reserved bytes,
    // as in .rpm files) in front is accepted and skipped.
    static Result<RpmHeader> parse(const QByteArray &blob);

    bool has(quint32 tag) const { return m_entries.contains(tag); }
    // STRING, I18NSTRING (first translation) or the first element of a STRING_ARRAY.
    QString string(quint32 tag) const;
    QStringList stringArray(quint32 tag) const;
    // INT8/16/32/64 entries widened; empty when absent or of another type.
    QVector<qint64> integers(quint32 tag) const;
    std::optional<qint64> integer(quint32 tag) const;
    QByteArray binary(quint32 tag) const;

private:
    struct Entry {
        quint32 type = 0;
        quint32 offset = 0; // into m_data
        quint32 count = 0;
        quint32 length = 0; // bytes the entry covers in m_data (validated)
    };
    QByteArray m_data;
    QHash<quint32, Entry> m_entries;
};

// The facts Bulkhead keeps from one installed RPM.
struct RpmPackageInfo {
    QString name;
    std::optional<qint64> epoch;
    QString version;
    QString release;
    QString arch;
    QString sourceRpm;
    QString license;
    QString vendor;
    QString summary;
    QString modularityLabel;
    qint64 size = -1;
    QStringList files;       // regular files and links, absolute paths without the leading '/'
    int droppedPaths = 0;    // file entries refused (bad index, "..", empty)

    // "[epoch:]version-release".
    QString evr() const;
    bool isGpgPubkey() const { return name == u"gpg-pubkey"; }
};

// Reads the package fields and the file list (DIRNAMES/BASENAMES/DIRINDEXES or the old
// OLDFILENAMES); directories (FILEMODES S_IFDIR) are left out of files.
Result<RpmPackageInfo> rpmPackageInfo(const RpmHeader &header);

// "glibc-2.34-2.cm2.src.rpm" → ("glibc", "2.34-2.cm2"); empty pair when it is not N-V-R.src.rpm.
QPair<QString, QString> splitSourceRpm(const QString &sourceRpm);

} // namespace bulkhead
