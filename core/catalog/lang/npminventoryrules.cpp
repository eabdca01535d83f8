#include "catalog/lang/npminventoryrules.h"

#include "catalog/lang/langutil.h"

#include <QSet>

namespace bulkhead {

namespace {

const QString NodeModules = QStringLiteral("node_modules");

bool isTrue(const Package &p, const QString &key)
{
    return p.metadata.value(key) == u"true";
}

bool fromLockfile(const Package &p)
{
    return isTrue(p, QStringLiteral("fromLockfile"));
}

// Every directory D for which some package lies under D/node_modules/ (any depth of nesting:
// each node_modules level counts, so a project nested in another's tree is covered too).
QSet<QString> dirsWithInstalledTree(const QVector<Package> &packages)
{
    QSet<QString> dirs;
    for (const Package &p : packages) {
        if (p.ecosystem != Ecosystem::Npm || fromLockfile(p))
            continue;
        const QStringList parts = p.foundIn.split(u'/');
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            if (parts[i] == NodeModules)
                dirs.insert(parts.mid(0, i).join(u'/'));
        }
    }
    return dirs;
}

} // namespace

void dropShadowedLockfilePackages(QVector<Package> &packages)
{
    const QSet<QString> installed = dirsWithInstalledTree(packages);
    packages.removeIf([&installed](const Package &p) {
        return p.ecosystem == Ecosystem::Npm && fromLockfile(p) && installed.contains(lang::parentDir(p.foundIn));
    });
}

void dropUnanchoredNpmRootProjects(QVector<Package> &packages)
{
    QSet<QString> anchored = dirsWithInstalledTree(packages);
    for (const Package &p : packages) {
        if (p.ecosystem == Ecosystem::Npm && fromLockfile(p))
            anchored.insert(lang::parentDir(p.foundIn));
    }
    packages.removeIf([&anchored](const Package &p) {
        return p.ecosystem == Ecosystem::Npm && isTrue(p, QStringLiteral("rootProject"))
            && !anchored.contains(lang::parentDir(p.foundIn));
    });
}

void applyNpmInventoryRules(QVector<Package> &packages)
{
    dropUnanchoredNpmRootProjects(packages);
    dropShadowedLockfilePackages(packages);
}

} // namespace bulkhead
