#include "report/tableexporter.h"

#include "report/reportutil.h"

#include <QTextStream>

namespace bulkhead {

using namespace report;

QString TableExporter::id() const { return QStringLiteral("table"); }
QString TableExporter::description() const { return QStringLiteral("human-readable table for a terminal"); }
QString TableExporter::fileExtension() const { return QStringLiteral("txt"); }
QString TableExporter::mimeType() const { return QStringLiteral("text/plain; charset=utf-8"); }

namespace {

// SGR colours (ECMA-48): bold red, red, yellow, blue, default.
QString severityColour(Severity s)
{
    switch (s) {
    case Severity::Critical: return QStringLiteral("\x1b[1;31m");
    case Severity::High: return QStringLiteral("\x1b[31m");
    case Severity::Medium: return QStringLiteral("\x1b[33m");
    case Severity::Low: return QStringLiteral("\x1b[34m");
    case Severity::Unknown: break;
    }
    return {};
}

// Names and instructions come from the image: an escape sequence in them must not reach the
// terminal (it could rewrite the screen). Control characters are shown as U+FFFD.
QString printable(const QString &text)
{
    QString out = text;
    for (QChar &c : out)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QChar(QChar::ReplacementCharacter);
    return out;
}

struct Column {
    QString title;
    int minWidth = 4;   // never shrunk below this when fitting a terminal
};

struct Cell {
    QString text;
    QString colour;     // ANSI prefix when colouring is on; padding counts the text only
};

// Lays out rows in computed widths; when the total exceeds `width`, takes the surplus from the
// widest shrinkable columns, last column first (the instruction is the least important).
QString layout(const QVector<Column> &columns, const QVector<QVector<Cell>> &rawRows, int width)
{
    const int n = columns.size();
    QVector<QVector<Cell>> rows = rawRows;
    for (auto &row : rows)
        for (Cell &cell : row)
            cell.text = printable(cell.text);
    QVector<int> widths(n);
    for (int c = 0; c < n; ++c) {
        widths[c] = columns[c].title.size();
        for (const auto &row : rows)
            widths[c] = qMax(widths[c], int(row[c].text.size()));
    }
    const int gap = 2;
    int total = gap * (n - 1);
    for (int w : widths)
        total += w;
    for (int c = n - 1; width > 0 && total > width && c >= 0; --c) {
        const int minW = qMax(columns[c].minWidth, int(columns[c].title.size()));
        const int cut = qMin(total - width, widths[c] - minW);
        if (cut > 0) {
            widths[c] -= cut;
            total -= cut;
        }
    }
    QString out;
    auto writeRow = [&](const QVector<Cell> &cells) {
        QString line;
        for (int c = 0; c < n; ++c) {
            const QString text = elide(cells[c].text, widths[c]);
            const bool last = c == n - 1;
            if (!cells[c].colour.isEmpty())
                line += cells[c].colour + text + QStringLiteral("\x1b[0m");
            else
                line += text;
            if (!last)
                line += QString(widths[c] - text.size() + gap, u' ');
        }
        out += line + u'\n';
    };
    QVector<Cell> header;
    for (const Column &col : columns)
        header.append(Cell{col.title, {}});
    writeRow(header);
    QVector<Cell> rule;
    for (int c = 0; c < n; ++c)
        rule.append(Cell{QString(widths[c], u'-'), {}});
    writeRow(rule);
    for (const auto &row : rows)
        writeRow(row);
    return out;
}

QString fixedText(const Finding &f)
{
    if (!f.fixedVersion.isEmpty())
        return f.fixedVersion;
    switch (f.fixState) {
    case FixState::WontFix: return QStringLiteral("(won't fix)");
    case FixState::NotFixed: return QStringLiteral("(not fixed)");
    case FixState::Fixed:
    case FixState::Unknown: break;
    }
    return QStringLiteral("(not fixed)");
}

QString layerText(const LayerRef &layer)
{
    return layer.isValid() ? QString::number(layer.index) : QStringLiteral("-");
}

QString osText(const OsInfo &os)
{
    if (!os.isKnown())
        return QStringLiteral("unknown");
    QString s = os.prettyName.isEmpty() ? os.id : os.prettyName;
    const QString idVersion = os.id + u' ' + os.versionId;
    if (!os.versionId.isEmpty() && s != idVersion)
        s += QStringLiteral(" (") + idVersion + u')';
    if (os.distroless)
        s += QStringLiteral(", distroless");
    return s;
}

} // namespace

Result<QByteArray> TableExporter::render(const ScanResult &result, const ExportOptions &options) const
{
    QString out;
    const int width = options.terminalWidth;
    auto headerLine = [&](const QString &label, const QString &value) {
        out += elide(label.leftJustified(10) + printable(value), width) + u'\n';
    };
    headerLine(QStringLiteral("Image:"), imageName(result.image));
    const QString digest = imageDigest(result.image);
    if (!digest.isEmpty())
        headerLine(QStringLiteral("Digest:"), digest);
    headerLine(QStringLiteral("OS:"), osText(result.os));
    headerLine(QStringLiteral("Packages:"), QString::number(result.packages.size()));

    if (!result.vulnerabilitiesScanned) {
        out += u'\n';
        QVector<QVector<Cell>> rows;
        for (const Package &p : sortedPackages(result.packages)) {
            rows.append({Cell{p.name, {}}, Cell{p.version, {}}, Cell{p.ecosystem, {}},
                         Cell{layerText(p.layer), {}}, Cell{shortInstruction(p.layer.createdBy), {}}});
        }
        if (rows.isEmpty())
            out += QStringLiteral("No packages found.\n");
        else
            out += layout({{QStringLiteral("NAME"), 8}, {QStringLiteral("VERSION"), 8},
                           {QStringLiteral("TYPE"), 4}, {QStringLiteral("LAYER"), 5},
                           {QStringLiteral("INSTRUCTION"), 12}},
                          rows, width);
    } else {
        const QVector<int> counts = severityCounts(result.findings);
        QStringList parts;
        for (int s = int(Severity::Critical); s >= int(Severity::Unknown); --s) {
            const Severity sev = Severity(s);
            const QString text = severityName(sev) + u' ' + QString::number(counts[s]);
            parts << (options.colour && counts[s] > 0 && !severityColour(sev).isEmpty()
                          ? severityColour(sev) + text + QStringLiteral("\x1b[0m")
                          : text);
        }
        // Not elided: cutting through an escape sequence would garble the terminal.
        out += QStringLiteral("Findings: ") + QString::number(result.findings.size()) + QStringLiteral(" (")
            + parts.join(QStringLiteral(", ")) + QStringLiteral(")\n\n");
        QVector<QVector<Cell>> rows;
        for (const Finding &f : sortedFindings(result.findings)) {
            const QString colour = options.colour ? severityColour(f.severity) : QString();
            rows.append({Cell{f.package.name, {}}, Cell{f.package.version, {}}, Cell{fixedText(f), {}},
                         Cell{severityName(f.severity), colour}, Cell{f.id, {}},
                         Cell{shortInstruction(f.package.layer.createdBy), {}}});
        }
        if (rows.isEmpty())
            out += QStringLiteral("No vulnerabilities found.\n");
        else
            out += layout({{QStringLiteral("PACKAGE"), 8}, {QStringLiteral("INSTALLED"), 9},
                           {QStringLiteral("FIXED"), 9}, {QStringLiteral("SEVERITY"), 8},
                           {QStringLiteral("ID"), 14}, {QStringLiteral("INSTRUCTION"), 12}},
                          rows, width);
    }
    if (!result.warnings.isEmpty()) {
        out += QStringLiteral("\nWarnings:\n");
        for (const ScanWarning &w : result.warnings)
            out += elide(printable(QStringLiteral("  ") + w.stage + (w.path.isEmpty() ? QString() : u' ' + w.path)
                                   + QStringLiteral(": ") + w.message),
                         width)
                + u'\n';
    }
    return out.toUtf8();
}

} // namespace bulkhead
