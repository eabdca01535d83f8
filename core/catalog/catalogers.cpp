#include "catalog/cataloger.h"
#include "catalog/lang/javaarchivecataloger.h"
#include "catalog/lang/npmlockcataloger.h"
#include "catalog/lang/npmpackagecataloger.h"
#include "catalog/lang/pythonpackagecataloger.h"

#include "catalog/apkcataloger.h"
#include "catalog/binary/gobinarycataloger.h"
#include "catalog/binary/rustbinarycataloger.h"
#include "catalog/dpkgcataloger.h"
#include "catalog/osreleasecataloger.h"
#include "catalog/rpm/rpmcataloger.h"
#include "catalog/pkgmgr/composercataloger.h"
#include "catalog/pkgmgr/dotnetdepscataloger.h"
#include "catalog/pkgmgr/gemspeccataloger.h"

#include <QCryptographicHash>

namespace bulkhead {

CatalogerList allCatalogers()
{
    // The one authoritative list of catalogers; order does not matter (each file may be
    // claimed by several). Filled in as catalogers land.
    CatalogerList list;
    list.push_back(std::make_shared<OsReleaseCataloger>());
    list.push_back(std::make_shared<DpkgCataloger>());
    list.push_back(std::make_shared<ApkCataloger>());
    list.push_back(std::make_shared<RpmCataloger>());
    list.push_back(std::make_shared<NpmPackageCataloger>());
    list.push_back(std::make_shared<NpmLockCataloger>());
    list.push_back(std::make_shared<PythonPackageCataloger>());
    list.push_back(std::make_shared<JavaArchiveCataloger>());
    list.push_back(std::make_shared<GoBinaryCataloger>());
    list.push_back(std::make_shared<RustBinaryCataloger>());
    list.push_back(std::make_shared<GemspecCataloger>());
    list.push_back(std::make_shared<ComposerCataloger>());
    list.push_back(std::make_shared<DotnetDepsCataloger>());
    return list;
}

QString catalogerFingerprint(const CatalogerList &catalogers)
{
    QByteArray text;
    for (const auto &c : catalogers)
        text += c->id().toUtf8() + ':' + QByteArray::number(c->version()) + ';';
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace bulkhead
