#pragma once
// How HistoryStore writes values into SQLite columns and reads them back (internal to
// core/store): times as UTC ISO text, lists and maps as compact JSON, the image config, packages
// and CVSS scores as JSON objects. Every *From() accepts what the matching *Json()/toText() wrote
// and gives back an equal value; empty or broken input gives an empty value.

#include "catalog/package.h"
#include "image/imageinfo.h"
#include "match/finding.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QVariant>

namespace bulkhead::history {

QString toText(const QDateTime &t);
QDateTime fromText(const QVariant &v);
QString jsonText(const QJsonValue &v);

QJsonArray listJson(const QStringList &l);
QStringList listFrom(const QVariant &v);
QJsonObject mapJson(const QMap<QString, QString> &m);
QMap<QString, QString> mapFrom(const QJsonObject &o);

QJsonObject configJson(const ImageConfig &c);
ImageConfig configFrom(const QString &text);

QJsonObject packageJson(const Package &p);
Package packageFrom(const QJsonObject &o);
// Exact identity of a package value: a finding's package is stored as a reference to the scan's
// package row only when every field agrees, so loadScan() gives back exactly what was saved.
QByteArray packageFingerprint(const Package &p);

QJsonArray cvssJson(const QVector<CvssScore> &scores);
QVector<CvssScore> cvssFrom(const QVariant &v);

} // namespace bulkhead::history
