#include "catalog/deb822.h"

#include <QStringList>

namespace bulkhead::deb822 {

QString Stanza::value(QStringView fieldName) const
{
    for (const Field &f : fields) {
        if (QStringView(f.name).compare(fieldName, Qt::CaseInsensitive) == 0)
            return f.value.isNull() ? QStringLiteral("") : f.value;
    }
    return {};
}

QVector<Stanza> parse(const QByteArray &content)
{
    QVector<Stanza> out;
    Stanza current;
    bool open = false;
    int lineNo = 0;
    const auto flush = [&] {
        if (open && (!current.fields.isEmpty() || !current.malformed.isEmpty()))
            out.append(current);
        current = Stanza();
        open = false;
    };
    for (const QByteArray &raw : content.split('\n')) {
        ++lineNo;
        QString line = QString::fromUtf8(raw);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            flush();
            continue;
        }
        if (!open) {
            open = true;
            current.line = lineNo;
        }
        if (line.startsWith(u' ') || line.startsWith(u'\t')) {
            if (current.fields.isEmpty()) {
                current.malformed << line;
                continue;
            }
            QString &v = current.fields.last().value;
            v += u'\n' + line.mid(1);
            continue;
        }
        if (line.startsWith(u'#'))
            continue; // comments are allowed in control files (Policy 5.1)
        const int colon = line.indexOf(u':');
        if (colon <= 0) {
            current.malformed << line;
            continue;
        }
        current.fields.append(Field { line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    flush();
    return out;
}

} // namespace bulkhead::deb822
