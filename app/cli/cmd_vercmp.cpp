// bulkhead vercmp ECOSYSTEM A B | --batch: compares versions with core/version's comparators.

#include "cli/cli.h"
#include "version/versioncomparator.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>

namespace bulkhead::cli {

namespace {

// Reads "A<TAB>B[<TAB>anything]" lines from stdin and prints one -1/0/1 per line; blank lines and
// '#' comments give no output. Stops with exit code 2 at the first line that cannot be compared.
int runBatch(const VersionComparator &cmp)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read standard input."));
        return ExitError;
    }
    QByteArray out;
    qint64 lineNumber = 0;
    while (!in.atEnd()) {
        QByteArray raw = in.readLine();
        ++lineNumber;
        while (raw.endsWith('\n') || raw.endsWith('\r'))
            raw.chop(1);
        if (raw.isEmpty() || raw.startsWith('#'))
            continue;
        const qsizetype tab = raw.indexOf('\t');
        if (tab < 0) {
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            printError(QStringLiteral("line %1: expected two versions separated by a TAB.").arg(lineNumber));
            return ExitError;
        }
        qsizetype end = raw.indexOf('\t', tab + 1);
        if (end < 0)
            end = raw.size();
        const QString a = QString::fromUtf8(raw.constData(), tab);
        const QString b = QString::fromUtf8(raw.constData() + tab + 1, end - tab - 1);
        const Result<int> r = cmp.compare(a, b);
        if (!r) {
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            printError(QStringLiteral("line %1: %2").arg(lineNumber).arg(r.error().message));
            return ExitError;
        }
        out += QByteArray::number(*r);
        out += '\n';
        if (out.size() > (1 << 16)) {
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            out.clear();
        }
    }
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    return ExitOk;
}

} // namespace

int runVercmp(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Compares two versions under an ecosystem's rules and prints -1, 0 or 1.\n"
                       "Ecosystems: %1, or OSV names such as Debian, Alpine, PyPI, Maven, "
                       "crates.io, Red Hat.")
            .arg(knownVersionEcosystems().join(QStringLiteral(", "))));
    parser.addHelpOption();
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Read A<TAB>B lines on stdin, print one result per line."));
    parser.addOption(batch);
    parser.addPositionalArgument(QStringLiteral("ecosystem"), QStringLiteral("Ecosystem name."));
    parser.addPositionalArgument(QStringLiteral("versions"),
                                 QStringLiteral("The two versions A and B (not with --batch)."),
                                 QStringLiteral("[A B]"));
    if (const auto done = parseArguments(parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    const bool isBatch = parser.isSet(batch);
    if (pos.isEmpty() || (isBatch && pos.size() != 1) || (!isBatch && pos.size() != 3)) {
        printError(QStringLiteral("usage: bulkhead vercmp ECOSYSTEM A B, or bulkhead vercmp --batch ECOSYSTEM < pairs.tsv"));
        return ExitError;
    }
    const VersionComparator *cmp = comparatorFor(pos.at(0));
    if (!cmp) {
        printError(QStringLiteral("unknown ecosystem '%1'; known: %2.")
                       .arg(pos.at(0), knownVersionEcosystems().join(QStringLiteral(", "))));
        return ExitError;
    }
    if (isBatch)
        return runBatch(*cmp);
    const Result<int> r = cmp->compare(pos.at(1), pos.at(2));
    if (!r) {
        printError(r.error().message);
        return ExitError;
    }
    printOut(QString::number(*r) + QLatin1Char('\n'));
    return ExitOk;
}

} // namespace bulkhead::cli
