// bulkhead sbom IMAGE: the package inventory of an image (no vulnerability matching).

#include "cli/cli.h"
#include "cli/scanrunner.h"

namespace bulkhead::cli {

int runSbom(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the packages in an image, each with the layer that introduced it."));
    parser.addHelpOption();
    addScanOptions(parser, QStringLiteral("table"),
                   {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("cyclonedx"), QStringLiteral("spdx")});
    ScanCommandOptions options;
    if (const auto done = parseScanCommand(parser, args, &options))
        return *done;
    if (options.exporter->id() == u"sarif") {
        printError(QStringLiteral("SARIF describes findings; use 'bulkhead scan' for it."));
        return ExitError;
    }
    int exitCode = ExitOk;
    const auto result = runImageScan(options, &exitCode);
    if (!result)
        return exitCode;
    return writeResult(options, *result);
}

} // namespace bulkhead::cli
