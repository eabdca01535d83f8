// HttpResponseHead: the header lines libcurl hands to both HTTP clients (registry over TCP/TLS,
// engines over a Unix socket), in the shapes real servers send.
#include "common/httpresponsehead.h"

#include <QtTest>

using namespace bulkhead;

class TestHttpResponseHead : public QObject {
    Q_OBJECT
private slots:
    void finalResponse()
    {
        HttpResponseHead head;
        for (const char *line : {"HTTP/1.1 401 Unauthorized\r\n", "Content-Type: application/json\r\n",
                                 "Www-Authenticate: Bearer realm=\"https://auth\",service=\"r\"\r\n",
                                 "WWW-Authenticate: Basic realm=\"r\"\r\n", "Docker-Distribution-API-Version:  registry/2.0 \r\n"}) {
            head.addLine(QByteArray(line));
            QVERIFY(!head.complete);
        }
        head.addLine("\r\n");
        QVERIFY(head.complete);
        QCOMPARE(head.status, 401);
        QCOMPARE(head.fields.values("www-authenticate").size(), 2);
        QCOMPARE(head.fields.value("docker-distribution-api-version"), QByteArray("registry/2.0"));
        QCOMPARE(head.fields.value("content-type"), QByteArray("application/json"));
    }
    void interimResponsesAreForgotten()
    {
        HttpResponseHead head;
        for (const char *line : {"HTTP/1.1 100 Continue\r\n", "X-Interim: 1\r\n", "\r\n"})
            head.addLine(QByteArray(line));
        QVERIFY(!head.complete);   // a 1xx block does not end the response
        for (const char *line : {"HTTP/2 200\r\n", "api-version: 1.41\r\n", "\r\n"})
            head.addLine(QByteArray(line));
        QVERIFY(head.complete);
        QCOMPARE(head.status, 200);
        QVERIFY(!head.fields.contains("x-interim"));
        QCOMPARE(head.fields.value("api-version"), QByteArray("1.41"));
    }
    void brokenLinesAreIgnored()
    {
        HttpResponseHead head;
        for (const char *line : {"HTTP/1.1\r\n", ": no name\r\n", "no colon at all\r\n"})
            head.addLine(QByteArray(line));
        QCOMPARE(head.status, 0);
        QVERIFY(head.fields.isEmpty());
        head.addLine("\r\n");
        QVERIFY(!head.complete);   // no final status seen
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseHead)
#include "tst_httpresponsehead.moc"
