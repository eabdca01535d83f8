#pragma once
// How severities look everywhere in the app. The colours are mid-tone so they read on light and
// dark palettes; text is never drawn in them (they mark swatches, bars and slices only).

#include "match/finding.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace bulkhead {

class SeverityStyle {
    Q_DECLARE_TR_FUNCTIONS(SeverityStyle)
public:
    static QColor color(Severity s);
    static QString label(Severity s);     // translated "Critical", "High", ...
    static QIcon icon(Severity s);        // a rounded swatch, cached
    static QList<Severity> allDescending(); // Critical .. Unknown
};

} // namespace bulkhead
