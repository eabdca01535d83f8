#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace bulkhead::test {

QString dataDir() { return QStringLiteral(BULKHEAD_TEST_DATA); }

QString dataPath(const QString &relative) { return dataDir() + u'/' + relative; }

QString bulkheadBinary()
{
    const QString env = qEnvironmentVariable("BULKHEAD_BIN");
    return env.isEmpty() ? QStringLiteral(BULKHEAD_BIN_DEFAULT) : env;
}

QString testImagesDir()
{
    QString dir = qEnvironmentVariable("BULKHEAD_TEST_IMAGES");
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.cache/bulkhead-test-images");
    return QFileInfo::exists(dir + QStringLiteral("/READY")) ? dir : QString();
}

RunResult runBulkhead(const QStringList &args, const QByteArray &input, int timeoutMs,
                      const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(bulkheadBinary(), args);
    RunResult r;
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timeout";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace bulkhead::test
