#include "severitystyle.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace bulkhead {

QColor SeverityStyle::color(Severity s)
{
    switch (s) {
    case Severity::Critical: return QColor(0xc6, 0x28, 0x28);
    case Severity::High: return QColor(0xef, 0x6c, 0x00);
    case Severity::Medium: return QColor(0xe0, 0xa8, 0x00);
    case Severity::Low: return QColor(0x42, 0x85, 0xd4);
    case Severity::Unknown: break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QString SeverityStyle::label(Severity s)
{
    switch (s) {
    case Severity::Critical: return tr("Critical");
    case Severity::High: return tr("High");
    case Severity::Medium: return tr("Medium");
    case Severity::Low: return tr("Low");
    case Severity::Unknown: break;
    }
    return tr("Unknown");
}

QIcon SeverityStyle::icon(Severity s)
{
    static QHash<int, QIcon> cache;
    auto it = cache.constFind(int(s));
    if (it != cache.constEnd())
        return *it;
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color(s));
    p.drawRoundedRect(QRectF(2, 2, 12, 12), 3, 3);
    p.end();
    QIcon icon(pm);
    cache.insert(int(s), icon);
    return icon;
}

QList<Severity> SeverityStyle::allDescending()
{
    return {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Unknown};
}

} // namespace bulkhead
