#include "image/imageinfo.h"

#include <QSysInfo>

namespace bulkhead {

Platform Platform::host()
{
    // QSysInfo names CPUs the way Qt does; OCI uses GOARCH names (image-index.md, "platform").
    const QString cpu = QSysInfo::currentCpuArchitecture();
    Platform p;
    p.os = QStringLiteral("linux");
    if (cpu == u"x86_64")
        p.architecture = QStringLiteral("amd64");
    else if (cpu == u"arm64")
        p.architecture = QStringLiteral("arm64"), p.variant = QStringLiteral("v8");
    else if (cpu == u"i386")
        p.architecture = QStringLiteral("386");
    else if (cpu.startsWith(u"arm"))
        p.architecture = QStringLiteral("arm"), p.variant = QStringLiteral("v7");
    else
        p.architecture = cpu;
    return p;
}

bool Platform::parse(const QString &text, Platform *out)
{
    const QStringList parts = text.trimmed().split(u'/');
    for (const auto &part : parts)
        if (part.isEmpty())
            return false;
    Platform p;
    if (parts.size() == 1) {
        p.os = QStringLiteral("linux");
        p.architecture = parts[0];
    } else if (parts.size() == 2 || parts.size() == 3) {
        p.os = parts[0];
        p.architecture = parts[1];
        if (parts.size() == 3)
            p.variant = parts[2];
    } else {
        return false;
    }
    *out = p;
    return true;
}

QString Platform::toString() const
{
    QString s = os + u'/' + architecture;
    if (!variant.isEmpty())
        s += u'/' + variant;
    return s;
}

bool Platform::matches(const Platform &candidate) const
{
    if (os != candidate.os || architecture != candidate.architecture)
        return false;
    // arm64 images usually omit the variant (v8 is implied); only a conflicting variant excludes.
    if (variant.isEmpty() || candidate.variant.isEmpty())
        return true;
    return variant == candidate.variant;
}

} // namespace bulkhead
