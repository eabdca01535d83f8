#pragma once
// Streaming SHA-256 on OpenSSL's EVP (uses the CPU's SHA extensions where present), and the
// "sha256:<hex>" digest form of the OCI image spec (descriptor.md, "Digests").

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <memory>

struct evp_md_ctx_st;

namespace bulkhead {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(const char *data, qint64 size);
    void addData(const QByteArray &data) { addData(data.constData(), data.size()); }
    QByteArray result();          // raw 32 bytes; the hasher must not be used afterwards
    QString digest();             // "sha256:<64 hex>"

    static QString digestOf(const QByteArray &data);

private:
    evp_md_ctx_st *m_ctx;
};

// Splits "algorithm:hex" and checks it is a well-formed sha256 (or sha512) digest.
bool isValidDigest(const QString &digest);
// Encoded part of a digest ("sha256:abc" -> "abc"); empty when malformed.
QString digestHex(const QString &digest);

} // namespace bulkhead
