// bulkhead scan IMAGE: the image's packages matched against the local vulnerability database.

#include "cli/cli.h"
#include "cli/scanrunner.h"
#include "match/findingfilter.h"

namespace bulkhead::cli {

int runScan(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Find the known vulnerabilities of an image (or of an SBOM given as sbom:PATH).\n"
                       "Exit status: 0 no finding at the --fail-on level, 1 some finding is, 2 error."));
    parser.addHelpOption();
    addScanOptions(parser, QStringLiteral("table"),
                   {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("sarif"), QStringLiteral("cyclonedx")});
    parser.addOption({QStringLiteral("severity"),
                      QStringLiteral("Report only these severities, comma-separated (unknown, low, medium, high, critical)."),
                      QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("ignore-unfixed"), QStringLiteral("Leave out findings that have no fixed version yet.")});
    parser.addOption({QStringLiteral("fail-on"),
                      QStringLiteral("Exit with status 1 when a reported finding is at SEVERITY or above."),
                      QStringLiteral("SEVERITY")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("Vulnerability database (default $BULKHEAD_DB or the user's data dir)."),
                      QStringLiteral("PATH")});
    ScanCommandOptions options;
    if (const auto done = parseScanCommand(parser, args, &options))
        return *done;
    if (options.exporter->id() == u"spdx") {
        printError(QStringLiteral("SPDX has no place for vulnerabilities; use 'bulkhead sbom --format spdx' for the inventory."));
        return ExitError;
    }

    FindingFilter filter;
    QString bad;
    if (parser.isSet(QStringLiteral("severity"))
        && (!parseSeverityList(parser.value(QStringLiteral("severity")), &filter.severities, &bad) || filter.severities.isEmpty())) {
        printError(QStringLiteral("'%1' is not a severity; use unknown, low, medium, high or critical.")
                       .arg(bad.isEmpty() ? parser.value(QStringLiteral("severity")) : bad));
        return ExitError;
    }
    filter.ignoreUnfixed = parser.isSet(QStringLiteral("ignore-unfixed"));
    Severity failOn = Severity::Unknown;
    const bool gate = parser.isSet(QStringLiteral("fail-on"));
    if (gate && !parseSeverity(parser.value(QStringLiteral("fail-on")), &failOn)) {
        printError(QStringLiteral("'%1' is not a severity; use unknown, low, medium, high or critical.")
                       .arg(parser.value(QStringLiteral("fail-on"))));
        return ExitError;
    }
    options.scan.matchVulnerabilities = true;
    options.scan.dbPath = parser.value(QStringLiteral("db"));

    int exitCode = ExitOk;
    auto result = runImageScan(options, &exitCode);
    if (!result)
        return exitCode;
    result->findings = filterFindings(result->findings, filter);
    const int written = writeResult(options, *result);
    if (written != ExitOk)
        return written;
    return gate && anyAtOrAbove(result->findings, failOn) ? ExitPolicy : ExitOk;
}

} // namespace bulkhead::cli
