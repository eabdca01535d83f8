#include "store/historycodec.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace bulkhead::history {

namespace {

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const auto &e : v.toArray())
        out << e.toString();
    return out;
}

} // namespace

QString toText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromText(const QVariant &v)
{
    const QString s = v.toString();
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    return t.toUTC();
}

QString jsonText(const QJsonValue &v)
{
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

QJsonArray listJson(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

QStringList listFrom(const QVariant &v)
{
    QStringList out;
    const auto arr = QJsonDocument::fromJson(v.toString().toUtf8()).array();
    out.reserve(arr.size());
    for (const auto &e : arr)
        out << e.toString();
    return out;
}

QJsonObject mapJson(const QMap<QString, QString> &m)
{
    QJsonObject o;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QMap<QString, QString> mapFrom(const QJsonObject &o)
{
    QMap<QString, QString> m;
    for (auto it = o.begin(); it != o.end(); ++it)
        m.insert(it.key(), it.value().toString());
    return m;
}

QJsonObject configJson(const ImageConfig &c)
{
    QJsonObject o;
    o[u"created"] = c.created;
    o[u"author"] = c.author;
    o[u"os"] = c.platform.os;
    o[u"architecture"] = c.platform.architecture;
    o[u"variant"] = c.platform.variant;
    o[u"user"] = c.user;
    o[u"env"] = listJson(c.env);
    o[u"entrypoint"] = listJson(c.entrypoint);
    o[u"cmd"] = listJson(c.cmd);
    o[u"workingDir"] = c.workingDir;
    o[u"exposedPorts"] = listJson(c.exposedPorts);
    o[u"volumes"] = listJson(c.volumes);
    o[u"labels"] = mapJson(c.labels);
    o[u"stopSignal"] = c.stopSignal;
    o[u"healthcheck"] = listJson(c.healthcheck);
    o[u"diffIds"] = listJson(c.diffIds);
    QJsonArray hist;
    for (const auto &h : c.history) {
        QJsonObject e;
        e[u"created"] = h.created;
        e[u"createdBy"] = h.createdBy;
        e[u"author"] = h.author;
        e[u"comment"] = h.comment;
        e[u"emptyLayer"] = h.emptyLayer;
        hist.append(e);
    }
    o[u"history"] = hist;
    return o;
}


ImageConfig configFrom(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    ImageConfig c;
    c.created = o[u"created"].toString();
    c.author = o[u"author"].toString();
    c.platform.os = o[u"os"].toString();
    c.platform.architecture = o[u"architecture"].toString();
    c.platform.variant = o[u"variant"].toString();
    c.user = o[u"user"].toString();
    c.env = strings(o[u"env"]);
    c.entrypoint = strings(o[u"entrypoint"]);
    c.cmd = strings(o[u"cmd"]);
    c.workingDir = o[u"workingDir"].toString();
    c.exposedPorts = strings(o[u"exposedPorts"]);
    c.volumes = strings(o[u"volumes"]);
    c.labels = mapFrom(o[u"labels"].toObject());
    c.stopSignal = o[u"stopSignal"].toString();
    c.healthcheck = strings(o[u"healthcheck"]);
    c.diffIds = strings(o[u"diffIds"]);
    for (const auto &v : o[u"history"].toArray()) {
        const QJsonObject e = v.toObject();
        HistoryEntry h;
        h.created = e[u"created"].toString();
        h.createdBy = e[u"createdBy"].toString();
        h.author = e[u"author"].toString();
        h.comment = e[u"comment"].toString();
        h.emptyLayer = e[u"emptyLayer"].toBool();
        c.history.append(h);
    }
    return c;
}

QJsonObject packageJson(const Package &p)
{
    QJsonObject o;
    o[u"ecosystem"] = p.ecosystem;
    o[u"name"] = p.name;
    o[u"version"] = p.version;
    o[u"arch"] = p.arch;
    o[u"sourceName"] = p.sourceName;
    o[u"sourceVersion"] = p.sourceVersion;
    o[u"licenses"] = listJson(p.licenses);
    o[u"purl"] = p.purl;
    o[u"extraPurls"] = listJson(p.extraPurls);
    o[u"foundIn"] = p.foundIn;
    o[u"cataloger"] = p.cataloger;
    o[u"layerIndex"] = p.layer.index;
    o[u"layerDigest"] = p.layer.digest;
    o[u"layerDiffId"] = p.layer.diffId;
    o[u"layerCreatedBy"] = p.layer.createdBy;
    o[u"metadata"] = mapJson(p.metadata);
    return o;
}

Package packageFrom(const QJsonObject &o)
{
    Package p;
    p.ecosystem = o[u"ecosystem"].toString();
    p.name = o[u"name"].toString();
    p.version = o[u"version"].toString();
    p.arch = o[u"arch"].toString();
    p.sourceName = o[u"sourceName"].toString();
    p.sourceVersion = o[u"sourceVersion"].toString();
    p.licenses = strings(o[u"licenses"]);
    p.purl = o[u"purl"].toString();
    p.extraPurls = strings(o[u"extraPurls"]);
    p.foundIn = o[u"foundIn"].toString();
    p.cataloger = o[u"cataloger"].toString();
    p.layer.index = o[u"layerIndex"].toInt(-1);
    p.layer.digest = o[u"layerDigest"].toString();
    p.layer.diffId = o[u"layerDiffId"].toString();
    p.layer.createdBy = o[u"layerCreatedBy"].toString();
    p.metadata = mapFrom(o[u"metadata"].toObject());
    return p;
}

QByteArray packageFingerprint(const Package &p)
{
    return QJsonDocument(packageJson(p)).toJson(QJsonDocument::Compact);
}

QJsonArray cvssJson(const QVector<CvssScore> &scores)
{
    QJsonArray a;
    for (const auto &c : scores) {
        QJsonObject o;
        o[u"version"] = c.version;
        o[u"vector"] = c.vector;
        o[u"baseScore"] = c.baseScore;
        o[u"source"] = c.source;
        a.append(o);
    }
    return a;
}

QVector<CvssScore> cvssFrom(const QVariant &v)
{
    QVector<CvssScore> out;
    for (const auto &e : QJsonDocument::fromJson(v.toString().toUtf8()).array()) {
        const QJsonObject o = e.toObject();
        CvssScore c;
        c.version = o[u"version"].toString();
        c.vector = o[u"vector"].toString();
        c.baseScore = o[u"baseScore"].toDouble(-1);
        c.source = o[u"source"].toString();
        out.append(c);
    }
    return out;
}

} // namespace bulkhead::history
