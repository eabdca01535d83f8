#include "enginecli.h"

#include <QProcess>

namespace bulkhead::test {

QByteArray runEngineCli(const QString &engine, const QString &socket, const QStringList &args, QString *error)
{
    QStringList full;
    if (engine == u"docker")
        full << QStringLiteral("-H") << QStringLiteral("unix://") + socket;
    else
        full << QStringLiteral("--remote") << QStringLiteral("--url") << QStringLiteral("unix://") + socket;
    // Loading the 118 MB app image into vfs storage takes up to a minute on a busy machine.
    QProcess p;
    p.start(engine, full + args);
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = engine + u' ' + args.join(u' ') + QStringLiteral(" failed: ") + QString::fromLocal8Bit(p.readAllStandardError())
            + p.errorString();
        return {};
    }
    const QByteArray out = p.readAllStandardOutput();
    return out.isNull() ? QByteArray("") : out;
}

} // namespace bulkhead::test
