#include "report/exporter.h"

#include "report/cyclonedxexporter.h"
#include "report/jsonexporter.h"
#include "report/sarifexporter.h"
#include "report/spdxexporter.h"
#include "report/tableexporter.h"

namespace bulkhead {

QString findingKey(const Finding &finding)
{
    return finding.id + u'|' + finding.package.key() + u'|' + finding.package.version;
}

// The one list of output formats (no static self-registration: static libraries drop it).
const QVector<const Exporter *> &exporters()
{
    static const TableExporter table;
    static const JsonExporter json;
    static const CycloneDxExporter cyclonedx;
    static const SpdxExporter spdx;
    static const SarifExporter sarif;
    static const QVector<const Exporter *> all{&table, &json, &cyclonedx, &spdx, &sarif};
    return all;
}

const Exporter *exporterFor(const QString &id)
{
    for (const Exporter *e : exporters())
        if (e->id().compare(id.trimmed(), Qt::CaseInsensitive) == 0)
            return e;
    return nullptr;
}

QStringList exporterIds()
{
    QStringList ids;
    for (const Exporter *e : exporters())
        ids << e->id();
    return ids;
}

} // namespace bulkhead
