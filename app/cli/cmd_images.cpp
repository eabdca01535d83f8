// bulkhead images: the images a local Docker or Podman engine holds (scan one with docker:IMAGE
// or podman:IMAGE).

#include "cli/cli.h"
#include "image/engine/engineclient.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bulkhead::cli {

namespace {

QString humanSize(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("?");
    if (bytes < 1000 * 1000)
        return QStringLiteral("%1kB").arg(double(bytes) / 1000, 0, 'f', 1);
    if (bytes < 1000LL * 1000 * 1000)
        return QStringLiteral("%1MB").arg(double(bytes) / 1e6, 0, 'f', 1);
    return QStringLiteral("%1GB").arg(double(bytes) / 1e9, 0, 'f', 2);
}

QString createdText(qint64 seconds)
{
    return seconds > 0 ? QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate) : QString();
}

// "docker.io/fixture/app:1.0" -> ("docker.io/fixture/app", "1.0"); a ':' before the last '/' is a port.
QPair<QString, QString> splitTag(const QString &name)
{
    const int colon = name.lastIndexOf(u':');
    if (colon > name.lastIndexOf(u'/'))
        return {name.left(colon), name.mid(colon + 1)};
    return {name, QStringLiteral("<none>")};
}

} // namespace

int runImages(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the images of a local Docker or Podman engine. Scan one with 'bulkhead sbom docker:IMAGE'."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("engine"),
                      QStringLiteral("docker or podman (default: the first engine socket found, see docs/cli.md)."),
                      QStringLiteral("ENGINE")});
    parser.addOption({{QStringLiteral("f"), QStringLiteral("format")}, QStringLiteral("table or json (default table)."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    if (const auto done = parseArguments(parser, args))
        return *done;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("'images' takes no arguments; see --help."));
        return ExitError;
    }
    EngineKind kind = EngineKind::Any;
    const QString engine = parser.value(QStringLiteral("engine"));
    if (engine == u"docker")
        kind = EngineKind::Docker;
    else if (engine == u"podman")
        kind = EngineKind::Podman;
    else if (!engine.isEmpty()) {
        printError(QStringLiteral("unknown engine '%1'; choose docker or podman.").arg(engine));
        return ExitError;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != u"table" && format != u"json") {
        printError(QStringLiteral("unknown format '%1'; choose table or json.").arg(format));
        return ExitError;
    }

    auto client = EngineClient::connect(kind);
    if (!client) {
        printError(client.error().message);
        return ExitError;
    }
    auto images = client->listImages();
    if (!images) {
        printError(images.error().message);
        return ExitError;
    }

    if (format == u"json") {
        QJsonArray list;
        for (const EngineImage &image : *images) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), image.id);
            o.insert(QStringLiteral("repoTags"), QJsonArray::fromStringList(image.repoTags));
            o.insert(QStringLiteral("repoDigests"), QJsonArray::fromStringList(image.repoDigests));
            o.insert(QStringLiteral("size"), double(image.size));
            o.insert(QStringLiteral("created"), createdText(image.created));
            list.append(o);
        }
        QJsonObject engineJson;
        engineJson.insert(QStringLiteral("kind"), engineKindName(client->kind()));
        engineJson.insert(QStringLiteral("socket"), QString(QStringLiteral("unix://") + client->http().socketPath()));
        engineJson.insert(QStringLiteral("version"), client->engineVersion());
        engineJson.insert(QStringLiteral("apiVersion"), client->apiVersion());
        QJsonObject doc;
        doc.insert(QStringLiteral("engine"), engineJson);
        doc.insert(QStringLiteral("images"), list);
        printOut(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }

    QVector<QStringList> rows;
    rows.append({QStringLiteral("REPOSITORY"), QStringLiteral("TAG"), QStringLiteral("IMAGE ID"),
                 QStringLiteral("CREATED"), QStringLiteral("SIZE")});
    for (const EngineImage &image : *images) {
        const QString shortId = image.id.section(u':', -1).left(12);
        const QStringList names = image.repoTags.isEmpty() ? QStringList{QStringLiteral("<none>:<none>")}
                                                           : image.repoTags;
        for (const QString &name : names) {
            const auto [repository, tag] = splitTag(name);
            rows.append({repository, tag, shortId, createdText(image.created), humanSize(image.size)});
        }
    }
    QVector<int> widths(rows.first().size(), 0);
    for (const QStringList &row : rows)
        for (int c = 0; c < row.size(); ++c)
            widths[c] = qMax(widths[c], int(row[c].size()));
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (int c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 3) : row[c];
        out += line + u'\n';
    }
    printOut(out);
    return ExitOk;
}

} // namespace bulkhead::cli
