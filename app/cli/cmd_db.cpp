// `bulkhead db import|status|update|export-bundle`: manage the local vulnerability database.
// The work lives in core/vulndb; this file parses options and prints.

#include "cli/cli.h"

#include "vulndb/bundle.h"
#include "vulndb/feedupdater.h"
#include "vulndb/importer.h"
#include "vulndb/vulndb.h"
#include "vulndb/vulndbwriter.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>

namespace bulkhead::cli {

namespace {

constexpr int kStaleDays = 7;
constexpr int kMaxWarningsShown = 20;

const QString kUsage = QStringLiteral(
    "Usage: bulkhead db SUBCOMMAND [OPTIONS]\n\n"
    "Subcommands:\n"
    "  import PATH...        import OSV JSON files/directories/all.zip archives, a CISA KEV catalog,\n"
    "                        a FIRST EPSS CSV (.csv or .csv.gz) or a bundle (detected by content)\n"
    "  status                show the database path, schema version and the age of every source\n"
    "  update                download the configured feeds and swap the new database in atomically\n"
    "  export-bundle FILE    write the database as one file for 'bulkhead db import' elsewhere\n\n"
    "Common option: --db PATH (default $BULKHEAD_DB or %1).\n"
    "Feed URLs are read from %2, section [feeds], key = feed name, value = URL\n"
    "(an empty value disables a feed). Feeds: %3.\n");

QString feedNames()
{
    QStringList names;
    for (const FeedConfig &f : defaultFeeds())
        names << f.name;
    return names.join(QStringLiteral(", "));
}

void addDbOption(QCommandLineParser &p)
{
    p.addHelpOption();
    p.addOption(QCommandLineOption(QStringLiteral("db"), QStringLiteral("Vulnerability database file."), QStringLiteral("PATH")));
}

QString dbPathFrom(const QCommandLineParser &p)
{
    return p.isSet(QStringLiteral("db")) ? p.value(QStringLiteral("db")) : VulnDb::defaultPath();
}

QString humanBytes(qint64 n)
{
    if (n < 0)
        return QStringLiteral("?");
    if (n < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(double(n) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(n) / (1024.0 * 1024.0), 0, 'f', 1);
}

// Prints progress on stderr at most once a second per stage, plus every stage's first report.
ProgressSink::Callback stderrProgress()
{
    auto timer = std::make_shared<QElapsedTimer>();
    auto lastKey = std::make_shared<QString>();
    return [timer, lastKey](const ProgressInfo &info) {
        const QString key = info.stage + info.detail;
        if (key == *lastKey && timer->isValid() && timer->elapsed() < 1000)
            return;
        *lastKey = key;
        timer->restart();
        QString line = QStringLiteral("%1 %2").arg(info.stage, info.detail);
        if (info.bytesDone > 0 || info.bytesTotal > 0)
            line += QStringLiteral(": %1 of %2").arg(humanBytes(info.bytesDone), humanBytes(info.bytesTotal));
        if (info.stepDone > 0)
            line += QStringLiteral(" (%1 records)").arg(info.stepDone);
        const QByteArray bytes = "bulkhead: " + line.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    };
}

void printWarnings(const QStringList &warnings)
{
    for (int i = 0; i < warnings.size() && i < kMaxWarningsShown; ++i)
        printWarning(warnings[i]);
    if (warnings.size() > kMaxWarningsShown)
        printWarning(QStringLiteral("... and %1 more warnings.").arg(warnings.size() - kMaxWarningsShown));
}

QString statsLine(const QString &what, const ImportStats &s)
{
    return QStringLiteral("%1 (%2, source %3): %4 records, %5 new, %6 updated, %7 older skipped, %8 broken\n")
        .arg(what, feedKindName(s.kind), s.source)
        .arg(s.records).arg(s.inserted).arg(s.updated).arg(s.skipped).arg(s.broken);
}

int runImport(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Import vulnerability data into the local database."));
    addDbOption(p);
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files, directories, zips, KEV json, EPSS csv(.gz) or a bundle."));
    if (const auto done = parseArguments(p, args))
        return *done;
    const QStringList paths = p.positionalArguments();
    if (paths.isEmpty()) {
        printError(QStringLiteral("'db import' needs at least one PATH."));
        return ExitError;
    }
    const QString dbPath = dbPathFrom(p);
    ProgressSink progress(stderrProgress());
    int exit = ExitOk;
    for (const QString &path : paths) {
        if (!QFileInfo::exists(path)) {
            printError(QStringLiteral("%1 does not exist.").arg(path));
            exit = ExitError;
            continue;
        }
        if (detectFeedKind(path) == FeedKind::Bundle) {
            auto info = importBundle(path, dbPath, &progress);
            if (!info) {
                printError(info.error().message);
                exit = ExitError;
                continue;
            }
            printOut(QStringLiteral("%1: installed bundle created %2 (schema %3, %4) as %5\n")
                         .arg(path, info->createdAt).arg(info->schemaVersion).arg(humanBytes(info->databaseBytes), dbPath));
            continue;
        }
        auto writer = VulnDbWriter::open(dbPath);
        if (!writer) {
            printError(writer.error().message);
            return ExitError;
        }
        Importer importer(**writer, &progress);
        auto stats = importer.importPath(path);
        if (!stats) {
            printError(stats.error().message);
            exit = ExitError;
            continue;
        }
        printWarnings(stats->warnings);
        printOut(statsLine(path, *stats));
    }
    return exit;
}

QString ageText(const QDateTime &when)
{
    if (!when.isValid())
        return QStringLiteral("never");
    const qint64 secs = when.secsTo(QDateTime::currentDateTimeUtc());
    if (secs < 3600)
        return QStringLiteral("%1 min").arg(secs / 60);
    if (secs < 86400 * 2)
        return QStringLiteral("%1 h").arg(secs / 3600);
    return QStringLiteral("%1 days").arg(secs / 86400);
}

int runStatus(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Show the state of the local vulnerability database."));
    addDbOption(p);
    if (const auto done = parseArguments(p, args))
        return *done;
    const QString dbPath = dbPathFrom(p);
    auto db = VulnDb::open(dbPath);
    if (!db) {
        printError(db.error().message);
        return ExitError;
    }
    auto sources = db->sources();
    auto count = db->vulnerabilityCount();
    if (!sources || !count) {
        printError(!sources ? sources.error().message : count.error().message);
        return ExitError;
    }
    QString out = QStringLiteral("Database: %1\nSchema version: %2\nSize: %3\nVulnerabilities: %4\n")
                      .arg(dbPath).arg(db->schemaVersion()).arg(humanBytes(QFileInfo(dbPath).size())).arg(*count);
    if (sources->isEmpty()) {
        printOut(out + QStringLiteral("Sources: none\n"));
        printWarning(QStringLiteral("the database is empty; run 'bulkhead db update' or 'bulkhead db import'."));
        return ExitOk;
    }
    out += QStringLiteral("%1 %2 %3 %4\n").arg(QStringLiteral("SOURCE").leftJustified(24), QStringLiteral("RECORDS").rightJustified(9),
                                               QStringLiteral("UPDATED").leftJustified(21), QStringLiteral("AGE"));
    QStringList warnings;
    for (const SourceInfo &s : *sources) {
        out += QStringLiteral("%1 %2 %3 %4\n")
                   .arg(s.name.leftJustified(24), QString::number(s.recordCount).rightJustified(9),
                        (s.importedAt.isValid() ? s.importedAt.toUTC().toString(Qt::ISODate) : QStringLiteral("-")).leftJustified(21),
                        ageText(s.importedAt));
        if (s.recordCount == 0)
            warnings << QStringLiteral("source %1 is empty.").arg(s.name);
        else if (!s.importedAt.isValid() || s.importedAt.daysTo(QDateTime::currentDateTimeUtc()) > kStaleDays)
            warnings << QStringLiteral("source %1 is older than %2 days (%3); run 'bulkhead db update'.")
                            .arg(s.name).arg(kStaleDays).arg(ageText(s.importedAt));
    }
    printOut(out);
    for (const QString &w : warnings)
        printWarning(w);
    return ExitOk;
}

int runUpdate(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Download the vulnerability feeds and rebuild the database atomically."));
    addDbOption(p);
    p.addOption(QCommandLineOption(QStringLiteral("feed-url"), QStringLiteral("Override (or add) a feed: NAME=URL. Repeatable."),
                                   QStringLiteral("NAME=URL")));
    p.addOption(QCommandLineOption(QStringLiteral("feeds"), QStringLiteral("Only update these feeds (comma-separated names)."),
                                   QStringLiteral("NAMES")));
    p.addOption(QCommandLineOption(QStringLiteral("config"), QStringLiteral("Feed configuration INI file."), QStringLiteral("FILE")));
    p.addOption(QCommandLineOption(QStringLiteral("timeout"), QStringLiteral("Seconds without data before a transfer fails (default 120)."),
                                   QStringLiteral("SECONDS")));
    if (const auto done = parseArguments(p, args))
        return *done;
    const QString dbPath = dbPathFrom(p);
    QVector<FeedConfig> feeds = configuredFeeds(p.isSet(QStringLiteral("config")) ? p.value(QStringLiteral("config")) : feedConfigPath());
    for (const QString &spec : p.values(QStringLiteral("feed-url"))) {
        const int eq = spec.indexOf(u'=');
        const QUrl url(eq > 0 ? spec.mid(eq + 1) : QString());
        if (eq <= 0 || !url.isValid() || url.scheme().isEmpty()) {
            printError(QStringLiteral("--feed-url expects NAME=URL, got '%1'.").arg(spec));
            return ExitError;
        }
        const QString name = spec.left(eq);
        auto it = std::find_if(feeds.begin(), feeds.end(), [&name](const FeedConfig &f) { return f.name == name; });
        if (it != feeds.end())
            it->url = url;
        else
            feeds.append(FeedConfig{name, url});
    }
    if (p.isSet(QStringLiteral("feeds"))) {
        const QStringList wanted = p.value(QStringLiteral("feeds")).split(u',', Qt::SkipEmptyParts);
        for (const QString &w : wanted)
            if (std::none_of(feeds.cbegin(), feeds.cend(), [&w](const FeedConfig &f) { return f.name == w; })) {
                printError(QStringLiteral("unknown feed '%1'; known feeds: %2.").arg(w, feedNames()));
                return ExitError;
            }
        feeds.erase(std::remove_if(feeds.begin(), feeds.end(), [&wanted](const FeedConfig &f) { return !wanted.contains(f.name); }),
                    feeds.end());
    }
    UpdateOptions options;
    if (p.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const int secs = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || secs <= 0) {
            printError(QStringLiteral("--timeout expects a positive number of seconds."));
            return ExitError;
        }
        options.timeoutMs = secs * 1000;
    }
    ProgressSink progress(stderrProgress());
    FeedUpdater updater(dbPath, &progress);
    auto outcomes = updater.update(feeds, options);
    if (!outcomes) {
        printError(outcomes.error().message + QStringLiteral(" The previous database is unchanged."));
        return ExitError;
    }
    QString out;
    for (const FeedOutcome &o : *outcomes) {
        if (o.notModified)
            out += QStringLiteral("%1: not modified\n").arg(o.name);
        else
            out += QStringLiteral("%1: %2 downloaded, %3 records, %4 new, %5 updated, %6 broken\n")
                       .arg(o.name, humanBytes(o.bytes)).arg(o.stats.records).arg(o.stats.inserted)
                       .arg(o.stats.updated).arg(o.stats.broken);
        printWarnings(o.stats.warnings);
    }
    printOut(out + QStringLiteral("Database updated: %1\n").arg(dbPath));
    return ExitOk;
}

int runExportBundle(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Write the vulnerability database as one bundle file."));
    addDbOption(p);
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Bundle to write."));
    if (const auto done = parseArguments(p, args))
        return *done;
    if (p.positionalArguments().size() != 1) {
        printError(QStringLiteral("'db export-bundle' needs exactly one FILE."));
        return ExitError;
    }
    const QString file = p.positionalArguments().first();
    auto info = exportBundle(dbPathFrom(p), file);
    if (!info) {
        printError(info.error().message);
        return ExitError;
    }
    printOut(QStringLiteral("Wrote %1 (schema %2, database %3, %4)\n")
                 .arg(file).arg(info->schemaVersion).arg(humanBytes(info->databaseBytes), info->sha256));
    return ExitOk;
}

} // namespace

int runDb(const QStringList &arguments)
{
    const QString usage = kUsage.arg(VulnDb::defaultPath(), feedConfigPath(), feedNames());
    if (arguments.size() < 2 || arguments[1] == u"--help" || arguments[1] == u"-h") {
        printOut(usage);
        return arguments.size() < 2 ? ExitError : ExitOk;
    }
    const QString sub = arguments[1];
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments[0] + u' ' + sub);
    if (sub == u"import")
        return runImport(rest);
    if (sub == u"status")
        return runStatus(rest);
    if (sub == u"update")
        return runUpdate(rest);
    if (sub == u"export-bundle")
        return runExportBundle(rest);
    printError(QStringLiteral("unknown db subcommand '%1'; use import, status, update or export-bundle.").arg(sub));
    return ExitError;
}

} // namespace bulkhead::cli
