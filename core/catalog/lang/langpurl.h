#pragma once
// Package URLs for the language ecosystems (npm, PyPI, Maven), following the purl-spec
// (docs/standard/specification.md "Character encoding" and the npm/pypi/maven type definitions).
// To be folded into the shared catalog purl builder; kept small and self-contained until then.

#include <QString>

namespace bulkhead::langpurl {

// Percent-encodes one purl component: everything except A-Z a-z 0-9 . - _ ~ and ':' (the spec
// says the colon is never encoded) is UTF-8 percent-encoded with upper-case hex.
QString encodeComponent(const QString &component);

// pkg:npm/[%40scope/]name@version. A scoped name "@scope/name" becomes namespace "@scope";
// the npm type lower-cases namespace and name.
QString npm(const QString &name, const QString &version);

// pkg:pypi/name@version. The pypi type lower-cases the name and replaces '_' with '-'.
QString pypi(const QString &name, const QString &version);

// pkg:maven/groupId/artifactId@version; no namespace when the groupId is unknown.
QString maven(const QString &groupId, const QString &artifactId, const QString &version);

} // namespace bulkhead::langpurl
