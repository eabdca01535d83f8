#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
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

QString schemaErrors(const QString &schemaRelative, const QByteArray &document)
{
    QTemporaryDir dir;
    const QString docPath = dir.filePath(QStringLiteral("doc.json"));
    QFile f(docPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(document) != document.size())
        return QStringLiteral("cannot write %1").arg(docPath);
    f.close();
    const QString schemas = dataPath(QStringLiteral("schemas"));
    QProcess p;
    p.setWorkingDirectory(schemas);
    p.start(QStringLiteral("python3"), {schemas + QStringLiteral("/validate_offline.py"), schemas + u'/' + schemaRelative, docPath});
    if (!p.waitForFinished(120000))
        return QStringLiteral("the schema validator did not finish: ") + p.errorString();
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return {};
    dir.setAutoRemove(false);
    return QStringLiteral("document kept in %1\n").arg(docPath)
        + QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

} // namespace bulkhead::test
