#include "catalog/cataloger.h"

#include "catalog/apkcataloger.h"
#include "catalog/dpkgcataloger.h"
#include "catalog/osreleasecataloger.h"
#include "catalog/rpm/rpmcataloger.h"

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
