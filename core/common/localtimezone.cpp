#include "common/localtimezone.h"

#include <QByteArray>
#include <QtGlobal>

namespace bulkhead {

void pinLocalTimeZone()
{
    if (!qEnvironmentVariableIsSet("TZ"))
        qputenv("TZ", QByteArrayLiteral(":/etc/localtime"));
}

} // namespace bulkhead
