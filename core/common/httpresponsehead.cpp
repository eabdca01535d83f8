#include "common/httpresponsehead.h"

namespace bulkhead {

void HttpResponseHead::addLine(const QByteArray &rawLine)
{
    const QByteArray line = rawLine.trimmed();
    if (line.startsWith("HTTP/")) {
        // "HTTP/1.1 200 OK": a new response (after a 1xx) starts a new header block.
        status = line.split(' ').value(1).toInt();
        fields.clear();
        complete = false;
    } else if (line.isEmpty()) {
        if (status >= 200)
            complete = true;
    } else {
        const int colon = line.indexOf(':');
        if (colon > 0)
            fields.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
}

} // namespace bulkhead
