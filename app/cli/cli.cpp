#include "cli/cli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace bulkhead::cli {

void printError(const QString &message)
{
    const QByteArray line = "bulkhead: error: " + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void printWarning(const QString &message)
{
    const QByteArray line = "bulkhead: warning: " + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        QString message = parser.errorText(); // Qt's text may or may not end with a period
        if (!message.endsWith(u'.'))
            message += u'.';
        printError(message);
        return ExitError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the program as started ("./build/bin/bulkhead"); say "bulkhead COMMAND".
        QString text = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        if (!arguments.isEmpty() && !program.isEmpty() && text.startsWith(QStringLiteral("Usage: ") + program))
            text.replace(7, program.size(), arguments.first());
        printOut(text);
        return ExitOk;
    }
    return std::nullopt;
}

bool writeOutput(const QString &path, const QByteArray &data, QString *error)
{
    if (path.isEmpty() || path == u"-") {
        const size_t n = std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
        std::fflush(stdout);
        if (n != size_t(data.size())) {
            *error = QStringLiteral("could not write to standard output");
            return false;
        }
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

static int printUsage(FILE *to)
{
    QString text = QStringLiteral("Usage: bulkhead [COMMAND] [OPTIONS]\n\n"
                                  "Without a command, opens the desktop app.\n\nCommands:\n");
    for (const auto &c : commands())
        text += QStringLiteral("  %1%2\n").arg(QString::fromLatin1(c.name).leftJustified(12), QString::fromLatin1(c.summary));
    text += QStringLiteral("\nRun 'bulkhead COMMAND --help' for the options of a command.\n"
                           "Exit codes: 0 success, 1 --fail-on matched, 2 error.\n");
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), to);
    return 0;
}

const Command *findCommand(const QString &name)
{
    for (const auto &c : commands())
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bulkhead"));
    QCoreApplication::setOrganizationName(QStringLiteral("bulkhead"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BULKHEAD_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2)
        return printUsage(stdout);
    const QString name = args.at(1);
    if (name == u"--help" || name == u"-h" || name == u"help")
        return printUsage(stdout);
    if (name == u"--version" || name == u"-v" || name == u"version") {
        printOut(QStringLiteral("bulkhead %1\n").arg(QStringLiteral(BULKHEAD_VERSION)));
        return ExitOk;
    }
    const Command *command = findCommand(name);
    if (!command) {
        printError(QStringLiteral("unknown command '%1'; run 'bulkhead --help' for the list.").arg(name));
        return ExitError;
    }
    // QCommandLineParser wants the program name first: "bulkhead sbom".
    args.removeAt(1);
    args[0] = QStringLiteral("bulkhead ") + name;
    return command->run(args);
}

} // namespace bulkhead::cli
