#pragma once
// Rules the inventory assembly applies to npm packages once every file has been catalogued,
// because no single file can decide them (parse() sees one file at a time). Pure functions on
// the packages of one image; the order of the other packages is kept.

#include "catalog/package.h"

#include <QVector>

namespace bulkhead {

// A lockfile only stands in for packages that are not installed: drops every npm package with
// metadata["fromLockfile"]="true" whose lockfile directory D has an installed tree, i.e. some npm
// package not from a lockfile was found under "D/node_modules/".
void dropShadowedLockfilePackages(QVector<Package> &packages);

// A package.json outside node_modules is a project only when a node_modules tree or a lockfile
// sits next to it: drops every npm package with metadata["rootProject"]="true" in directory D
// unless some other npm package was found under "D/node_modules/" or in a lockfile in D.
// Run this before dropShadowedLockfilePackages(), which removes some of that evidence.
void dropUnanchoredNpmRootProjects(QVector<Package> &packages);

// Both rules, in the right order.
void applyNpmInventoryRules(QVector<Package> &packages);

} // namespace bulkhead
