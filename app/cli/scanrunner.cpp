#include "cli/scanrunner.h"

#include "cli/cli.h"

#include <QElapsedTimer>
#include <QSet>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace bulkhead::cli {

namespace {

ProgressSink *g_activeProgress = nullptr;

extern "C" void onInterrupt(int)
{
    // Only an atomic store: async-signal-safe.
    if (g_activeProgress)
        g_activeProgress->cancel();
}

} // namespace

void addScanOptions(QCommandLineParser &parser, const QString &defaultFormat, const QStringList &formats)
{
    parser.addPositionalArgument(QStringLiteral("IMAGE"),
                                 QStringLiteral("docker-archive:PATH, oci:DIR[:TAG], oci-archive:PATH[:TAG], docker:IMAGE, "
                                                "podman:IMAGE, registry:REF, sbom:PATH (a CycloneDX or SPDX JSON document), "
                                                "a path (kind detected), or an image reference such as nginx:1.25."));
    parser.addOption({{QStringLiteral("f"), QStringLiteral("format")},
                      QStringLiteral("Output format: %1 (default %2).").arg(formats.join(QStringLiteral(", ")), defaultFormat),
                      QStringLiteral("FORMAT"), defaultFormat});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Write to FILE instead of standard output (written atomically)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("platform"),
                      QStringLiteral("Platform to pick from a multi-platform image, os/arch[/variant] (default: this machine's)."),
                      QStringLiteral("PLATFORM")});
    parser.addOption({QStringLiteral("no-cache"), QStringLiteral("Do not use or fill the per-layer result cache.")});
    parser.addOption({QStringLiteral("cache-dir"),
                      QStringLiteral("Per-layer cache directory (default $BULKHEAD_CACHE_DIR or the user's cache dir)."),
                      QStringLiteral("DIR")});
    parser.addOption({{QStringLiteral("q"), QStringLiteral("quiet")}, QStringLiteral("No progress on standard error.")});
    addRegistryOptions(parser);
}

void addRegistryOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("insecure-registry"),
                      QStringLiteral("Allow HOST[:PORT] without TLS verification or over plain HTTP (repeatable; never the default)."),
                      QStringLiteral("HOST")});
    parser.addOption({QStringLiteral("registry-ca"),
                      QStringLiteral("Trust the CA certificates in FILE for registry HOST[:PORT] (repeatable)."),
                      QStringLiteral("HOST=FILE")});
}

std::optional<RegistryConfig> registryConfigFrom(const QCommandLineParser &parser)
{
    auto config = RegistryConfig::load();
    if (!config) {
        printError(config.error().message);
        return std::nullopt;
    }
    if (auto ok = config->applyFlags(parser.values(QStringLiteral("insecure-registry")),
                                     parser.values(QStringLiteral("registry-ca"))); !ok) {
        printError(ok.error().message);
        return std::nullopt;
    }
    return *config;
}

bool readScanOptions(const QCommandLineParser &parser, ScanCommandOptions *out)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(positional.isEmpty() ? QStringLiteral("an IMAGE argument is required; see --help.")
                                        : QStringLiteral("expected one IMAGE argument, got %1.").arg(positional.size()));
        return false;
    }
    out->scan.image = positional.first();
    out->exporter = exporterFor(parser.value(QStringLiteral("format")));
    if (!out->exporter) {
        printError(QStringLiteral("unknown format '%1'; choose one of %2.")
                       .arg(parser.value(QStringLiteral("format")), exporterIds().join(QStringLiteral(", "))));
        return false;
    }
    if (parser.isSet(QStringLiteral("platform"))) {
        if (!Platform::parse(parser.value(QStringLiteral("platform")), &out->scan.open.platform)) {
            printError(QStringLiteral("'%1' is not a platform; write os/arch[/variant], e.g. linux/arm64.")
                           .arg(parser.value(QStringLiteral("platform"))));
            return false;
        }
    }
    out->scan.useCache = !parser.isSet(QStringLiteral("no-cache"));
    out->scan.cacheDir = parser.value(QStringLiteral("cache-dir"));
    out->output = parser.value(QStringLiteral("output"));
    out->quiet = parser.isSet(QStringLiteral("quiet"));
    out->scan.open.insecureRegistries = parser.values(QStringLiteral("insecure-registry"));
    out->scan.open.registryCas = parser.values(QStringLiteral("registry-ca"));
    if (!registryConfigFrom(parser))
        return false;
    return true;
}

std::optional<int> parseScanCommand(QCommandLineParser &parser, const QStringList &args, ScanCommandOptions *out)
{
    if (const auto done = parseArguments(parser, args))
        return done;
    if (!readScanOptions(parser, out))
        return ExitError;
    return std::nullopt;
}

std::optional<ScanResult> runImageScan(const ScanCommandOptions &options, int *exitCode)
{
    const bool interactive = !options.quiet && isatty(STDERR_FILENO);
    QString lastStage;
    QSet<QString> printedStages;
    QElapsedTimer sinceDraw;
    sinceDraw.start();
    ProgressSink progress([&](const ProgressInfo &info) {
        if (options.quiet)
            return;
        if (interactive) {
            if (info.stage == lastStage && sinceDraw.elapsed() < 100)
                return;
            sinceDraw.restart();
            QString line = info.stage;
            if (info.bytesTotal > 0)
                line += QStringLiteral(" %1%").arg(info.bytesDone * 100 / info.bytesTotal);
            const QByteArray bytes = "\r\033[K" + line.left(100).toUtf8();
            std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        } else if (info.stage != lastStage && !printedStages.contains(info.stage)) {
            // Sources and the layer engine interleave their stages; a log gets each line once.
            printedStages.insert(info.stage);
            const QByteArray bytes = info.stage.toUtf8() + '\n';
            std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        }
        lastStage = info.stage;
    });

    g_activeProgress = &progress;
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    struct sigaction oldInt = {}, oldTerm = {};
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);

    const ImageScanner scanner;
    auto result = scanner.scan(options.scan, progress);

    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    g_activeProgress = nullptr;
    if (interactive) {
        std::fwrite("\r\033[K", 1, 4, stderr);
        std::fflush(stderr);
    }

    if (!result) {
        printError(result.error().message);
        *exitCode = result.error().code == Cancelled ? ExitCancelled : ExitError;
        return std::nullopt;
    }
    if (!options.quiet && !result->warnings.isEmpty())
        printWarning(QStringLiteral("%1 warning(s) during the scan; they are listed in the json output.")
                         .arg(result->warnings.size()));
    return std::move(*result);
}

int writeResult(const ScanCommandOptions &options, const ScanResult &result)
{
    ExportOptions exportOptions;
    const bool toTerminal = options.output.isEmpty() && isatty(STDOUT_FILENO);
    if (toTerminal && options.exporter->id() == u"table") {
        exportOptions.colour = qEnvironmentVariableIsEmpty("NO_COLOR");
        exportOptions.terminalWidth = qEnvironmentVariableIntValue("COLUMNS");
        if (exportOptions.terminalWidth <= 0)
            exportOptions.terminalWidth = 160;
    }
    const auto rendered = options.exporter->render(result, exportOptions);
    if (!rendered) {
        printError(rendered.error().message);
        return ExitError;
    }
    QString error;
    if (!writeOutput(options.output, *rendered, &error)) {
        printError(error);
        return ExitError;
    }
    return ExitOk;
}

} // namespace bulkhead::cli
