// bulkhead login REGISTRY -u USER --password-stdin: checks the credentials against the registry,
// then stores them in the system keychain (never in a file) and adds the registry to registries.json.

#include "cli/cli.h"
#include "cli/scanrunner.h"
#include "credentials/credentialstore.h"
#include "image/registry/registryclient.h"

#include <QCommandLineParser>
#include <QFile>

namespace bulkhead::cli {

int runLogin(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Logs in to a registry: verifies the credentials against it, then stores them in the "
                       "system keychain for later pulls."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("REGISTRY"), QStringLiteral("Registry host[:port], e.g. docker.io."));
    parser.addOption({{QStringLiteral("u"), QStringLiteral("username")}, QStringLiteral("User name."),
                      QStringLiteral("USER")});
    parser.addOption({QStringLiteral("password-stdin"), QStringLiteral("Read the password (or token) from standard input.")});
    addRegistryOptions(parser);
    if (const auto done = parseArguments(parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1 || !parser.isSet(QStringLiteral("username")) || !parser.isSet(QStringLiteral("password-stdin"))) {
        printError(QStringLiteral("usage: bulkhead login REGISTRY -u USER --password-stdin (the password is read from "
                                  "standard input, never from the command line)."));
        return ExitError;
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read the password from standard input."));
        return ExitError;
    }
    QByteArray password = in.readAll();
    while (password.endsWith('\n') || password.endsWith('\r'))
        password.chop(1);
    if (password.isEmpty()) {
        printError(QStringLiteral("no password on standard input."));
        return ExitError;
    }
    auto config = registryConfigFrom(parser);
    if (!config)
        return ExitError;

    const QString registry = credentialKey(pos.first());
    RegistryCredentials credentials;
    credentials.username = parser.value(QStringLiteral("username"));
    credentials.secret = QString::fromUtf8(password);
    credentials.origin = QStringLiteral("the command line");
    password.fill('\0');

    RegistryClient client(registry, *config);
    client.setCredentials(credentials);
    if (auto ok = client.ping(); !ok) {
        printError(QStringLiteral("login to %1 failed: %2").arg(registry, ok.error().message));
        return ExitError;
    }
    if (auto stored = CredentialStore().store(registry, credentials); !stored) {
        printError(QStringLiteral("the credentials for %1 are valid but could not be stored: %2")
                       .arg(registry, stored.error().message));
        return ExitError;
    }
    // The desktop app lists the registries of registries.json (Settings > Registries, Images): add
    // this one, with the TLS options given for exactly this host, unless it is there already.
    if (auto file = RegistryConfig::load(); file && !file->hasHost(registry)) {
        file->setSettings(registry, config->hostSettings(registry));
        if (auto saved = file->save(); !saved)
            printWarning(saved.error().message);
    }
    printOut(QStringLiteral("Login succeeded for %1; the credentials are in the system keychain.\n").arg(registry));
    return ExitOk;
}

} // namespace bulkhead::cli
