#pragma once
// Lenient reader of OSV JSON records (OSV schema 1.x, https://ossf.github.io/osv-schema/).
// Contract: parseRecord() fails only when the record is unusable (not an object, no id); every
// other defect (an affected entry without package, a range without events…) is dropped or kept
// with a warning line appended to `warnings`.

#include "common/result.h"
#include "vulndb/vulndb.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace bulkhead::osv {

Result<VulnRecord> parseRecord(const QJsonObject &object, QStringList *warnings);
Result<VulnRecord> parseRecord(const QByteArray &json, QStringList *warnings);

QVector<OsvRange> rangesFromJson(const QJsonArray &ranges);
// Compact JSON of `ranges`, byte for byte what QJsonDocument writes for the same OSV ranges.
QByteArray rangesToCompactJson(const QVector<OsvRange> &ranges);

} // namespace bulkhead::osv
