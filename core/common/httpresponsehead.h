#pragma once
// The status and header fields of an HTTP response as libcurl's CURLOPT_HEADERFUNCTION hands
// them over, one line per call (RFC 9112 §2-§5). Interim 1xx responses are forgotten when the
// next status line arrives; `complete` turns true at the blank line that ends a final response.

#include <QByteArray>
#include <QMultiMap>

namespace bulkhead {

struct HttpResponseHead {
    int status = 0;
    bool complete = false;
    QMultiMap<QByteArray, QByteArray> fields;   // names in lower case, values trimmed

    void addLine(const QByteArray &line);
    QByteArray value(const QByteArray &lowerCaseName) const { return fields.value(lowerCaseName); }
};

} // namespace bulkhead
