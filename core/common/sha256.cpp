#include "common/sha256.h"

#include <QRegularExpression>
#include <openssl/evp.h>

namespace bulkhead {

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(m_ctx); }

void Sha256::addData(const char *data, qint64 size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx, data, size_t(size));
}

QByteArray Sha256::result()
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, reinterpret_cast<unsigned char *>(out.data()), &len);
    return out;
}

QString Sha256::digest()
{
    return QStringLiteral("sha256:") + QString::fromLatin1(result().toHex());
}

QString Sha256::digestOf(const QByteArray &data)
{
    Sha256 h;
    h.addData(data);
    return h.digest();
}

bool isValidDigest(const QString &digest)
{
    // OCI image spec descriptor.md: sha256 is 64 lower-case hex characters, sha512 is 128.
    static const QRegularExpression re(QStringLiteral("^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$"));
    return re.match(digest).hasMatch();
}

QString digestHex(const QString &digest)
{
    return isValidDigest(digest) ? digest.section(u':', 1) : QString();
}

} // namespace bulkhead
