// bulkhead logout REGISTRY: removes Bulkhead's keychain entry for the registry.

#include "cli/cli.h"
#include "credentials/credentialstore.h"

#include <QCommandLineParser>

namespace bulkhead::cli {

int runLogout(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Removes the stored credentials of a registry from the system keychain (the Docker "
                       "configuration is left alone)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("REGISTRY"), QStringLiteral("Registry host[:port]."));
    if (const auto done = parseArguments(parser, arguments))
        return *done;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("usage: bulkhead logout REGISTRY"));
        return ExitError;
    }
    const QString registry = credentialKey(parser.positionalArguments().first());
    auto removed = CredentialStore().remove(registry);
    if (!removed) {
        printError(removed.error().message);
        return ExitError;
    }
    printOut(*removed ? QStringLiteral("Removed the credentials for %1.\n").arg(registry)
                      : QStringLiteral("No credentials were stored for %1.\n").arg(registry));
    return ExitOk;
}

} // namespace bulkhead::cli
