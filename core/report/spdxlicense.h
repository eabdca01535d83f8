#pragma once
// SPDX licence identifiers and expressions (SPDX 2.3 Annex D "SPDX License Expressions"), checked
// against the SPDX License List 3.28.0, so SBOMs only claim ids that validators accept.

#include <QMap>
#include <QString>
#include <QStringList>

namespace bulkhead {

// The canonical spelling of a licence-list id (matching is case-insensitive, as Annex D says), or
// an empty string when `id` is not on the list. Exception ids ("LLVM-exception") are not licences.
QString canonicalSpdxLicenseId(const QString &id);
QString canonicalSpdxExceptionId(const QString &id);

// Parses an SPDX licence expression; on success returns true and writes the canonical form
// (ids in list spelling, single spaces, AND/OR/WITH upper case). LicenseRef-/DocumentRef- are
// accepted when they use only the idstring characters [A-Za-z0-9.-].
bool normalizeSpdxExpression(const QString &expression, QString *canonical);

// The licence terms of a package: each entry that is a valid SPDX expression, canonicalised,
// else each of its words (apk writes "MIT BSD GPL2+" for three licences). Duplicates removed.
QStringList licenseTerms(const QStringList &licenses);

// Builds one SPDX expression from a package's licence strings. Valid expressions are kept (in
// parentheses when combined), other words become LicenseRef-<sanitized> entries recorded in
// `extracted` (LicenseRef id -> original text). Several entries are joined with AND; an entry
// with spaces that is not an expression (apk "MIT BSD GPL2+") is read as one licence per word.
// Returns an empty string when there is no licence.
QString spdxExpressionFromLicenses(const QStringList &licenses, QMap<QString, QString> *extracted);

// [A-Za-z0-9.-] only (SPDX 2.3 idstring); every other character becomes '-'.
QString sanitizeSpdxIdString(const QString &text);

} // namespace bulkhead
