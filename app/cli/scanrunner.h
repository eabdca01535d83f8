#pragma once
// What `bulkhead sbom` and `bulkhead scan` share: the image options, progress on stderr, Ctrl-C
// cancellation, and writing the chosen format.

#include "image/registry/registryconfig.h"
#include "report/exporter.h"
#include "scan/imagescanner.h"

#include <QCommandLineParser>
#include <optional>

namespace bulkhead::cli {

// Adds --format, --output, --platform, --no-cache, --cache-dir, --quiet and the registry options to the parser.
void addScanOptions(QCommandLineParser &parser, const QString &defaultFormat, const QStringList &formats);

struct ScanCommandOptions {
    ScanOptions scan;
    const Exporter *exporter = nullptr;
    QString output;
    bool quiet = false;
};

// --insecure-registry HOST and --registry-ca HOST=FILE (repeatable), for every command that talks
// to registries; registryConfigFrom() merges them over registries.json (prints errors itself).
void addRegistryOptions(QCommandLineParser &parser);
std::optional<RegistryConfig> registryConfigFrom(const QCommandLineParser &parser);

// Validates the parsed options (one IMAGE argument, a known format and platform). On error prints
// it and returns false.
bool readScanOptions(const QCommandLineParser &parser, ScanCommandOptions *out);

// Parses `args` with `parser` (set up by the command), answers --help and reads the scan options.
// Returns the exit code when the command is done (help shown: ExitOk; bad options: ExitError,
// already printed), nullopt when it should go on with *out filled.
std::optional<int> parseScanCommand(QCommandLineParser &parser, const QStringList &args, ScanCommandOptions *out);

// Runs the scan with progress on stderr (unless quiet or stderr is not a terminal: then one line
// per stage) and SIGINT/SIGTERM cancellation. Prints the error and returns nullopt on failure;
// *exitCode is set to ExitError or ExitCancelled then.
std::optional<ScanResult> runImageScan(const ScanCommandOptions &options, int *exitCode);

// Renders and writes the result; returns an exit code (ExitOk or ExitError).
int writeResult(const ScanCommandOptions &options, const ScanResult &result);

} // namespace bulkhead::cli
