#pragma once
// Deb822 control-file syntax (Debian Policy 5.1): stanzas of "Field: value" lines separated by
// blank lines, continuation lines starting with a space or tab. Used by dpkg status and DEP-5.

#include <QByteArray>
#include <QString>
#include <QVector>

namespace bulkhead::deb822 {

struct Field {
    QString name;
    QString value; // first line trimmed; continuation lines appended after '\n', leading space removed
};

struct Stanza {
    QVector<Field> fields;
    int line = 0; // 1-based line where the stanza starts
    QStringList malformed; // lines that are neither "Field: value" nor a continuation
    // Value of the first field of that name (field names are case-insensitive), or a null string.
    QString value(QStringView fieldName) const;
    bool has(QStringView fieldName) const { return !value(fieldName).isNull(); }
};

QVector<Stanza> parse(const QByteArray &content);

} // namespace bulkhead::deb822
