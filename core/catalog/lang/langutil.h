#pragma once
// Small helpers shared by the language-ecosystem catalogers (npm, Python, Java): path pieces of a
// normalised image path ("a/b/c", no leading '/') and the file-type test on FileMeta::mode.

#include <QString>
#include <QtGlobal>

namespace bulkhead::lang {

// True for a regular file, or when the mode carries no file type (callers that know only the path).
bool isRegularFile(quint32 mode);
// "a/b/c.json" -> "c.json"
QString fileName(const QString &path);
// "a/b/c.json" -> "a/b"; "c.json" -> ""
QString parentDir(const QString &path);
// True when one of the path's directory segments equals `segment` ("node_modules").
bool hasDirSegment(const QString &path, const QString &segment);

} // namespace bulkhead::lang
