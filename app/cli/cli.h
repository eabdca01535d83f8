#pragma once
// The command-line mode: `bulkhead COMMAND [options]`, headless, on the same core as the GUI.
// Exit codes (documented in docs/cli.md): 0 success, 1 a policy gate matched (--fail-on),
// 2 an error (message on stderr in one sentence), 130 cancelled by a signal.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

class QCommandLineParser;

namespace bulkhead::cli {

enum ExitCode : int { ExitOk = 0, ExitPolicy = 1, ExitError = 2, ExitCancelled = 130 };

struct Command {
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments); // arguments[0] is "bulkhead COMMAND"
};

// The one list of commands (commands.cpp).
const std::vector<Command> &commands();
const Command *findCommand(const QString &name);

// Runs the CLI; argv[1] names the command. Creates its own QCoreApplication.
int run(int argc, char **argv);

// Helpers shared by commands.
void printError(const QString &message);     // "bulkhead: error: <message>" on stderr
void printWarning(const QString &message);   // "bulkhead: warning: <message>" on stderr
void printOut(const QString &text);          // stdout, UTF-8, no newline added
// Parses `arguments` with `parser` (which has a help option). Returns the exit code when the
// command is done already: ExitError after printing a parse error, ExitOk after printing --help.
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments);
// Writes `data` to `path` atomically (temp file + rename), or to stdout when path is empty or "-".
bool writeOutput(const QString &path, const QByteArray &data, QString *error);

} // namespace bulkhead::cli
