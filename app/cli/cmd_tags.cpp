// bulkhead tags REPOSITORY | --catalog REGISTRY: lists a repository's tags, or a registry's
// repositories, following the registry's pagination.

#include "cli/cli.h"
#include "cli/scanrunner.h"
#include "credentials/credentialstore.h"
#include "image/imagereference.h"
#include "image/registry/registryclient.h"

#include <QCommandLineParser>

namespace bulkhead::cli {

int runTags(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the tags of a repository in a registry (e.g. 127.0.0.1:5000/app, nginx), or with "
                       "--catalog the repositories of a registry."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("REPOSITORY"),
                                 QStringLiteral("Repository reference, or a registry host with --catalog."));
    parser.addOption({QStringLiteral("catalog"), QStringLiteral("List the registry's repositories instead.")});
    parser.addOption({QStringLiteral("page-size"), QStringLiteral("Ask the registry for pages of N entries."),
                      QStringLiteral("N")});
    addRegistryOptions(parser);
    if (const auto done = parseArguments(parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        printError(QStringLiteral("usage: bulkhead tags REPOSITORY, or bulkhead tags --catalog REGISTRY"));
        return ExitError;
    }
    int pageSize = 0;
    if (parser.isSet(QStringLiteral("page-size"))) {
        bool ok = false;
        pageSize = parser.value(QStringLiteral("page-size")).toInt(&ok);
        if (!ok || pageSize <= 0) {
            printError(QStringLiteral("--page-size wants a positive number."));
            return ExitError;
        }
    }
    auto config = registryConfigFrom(parser);
    if (!config)
        return ExitError;

    QString registry;
    QString repository;
    const bool catalog = parser.isSet(QStringLiteral("catalog"));
    if (catalog) {
        registry = credentialKey(pos.first());
    } else {
        auto ref = ImageReference::parse(pos.first());
        if (!ref) {
            printError(ref.error().message);
            return ExitError;
        }
        registry = ref->registry();
        repository = ref->repository();
    }
    RegistryClient client(registry, *config);
    QStringList notes;
    client.setCredentials(CredentialStore().lookup(registry, &notes));
    client.setCredentialNotes(notes);
    auto list = catalog ? client.catalog(pageSize) : client.tags(repository, pageSize);
    if (!list) {
        printError(list.error().message);
        return ExitError;
    }
    printOut(list->isEmpty() ? QString() : list->join(u'\n') + u'\n');
    return ExitOk;
}

} // namespace bulkhead::cli
