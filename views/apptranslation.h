#pragma once
// Loads the app's translation (embedded :/i18n/bulkhead_<lang>.qm) and Qt's own for `locale`.

#include <QLocale>

class QCoreApplication;

namespace bulkhead {

// Installs the translators on `app` (they are parented to it); returns whether the app's own
// translation for `locale` was found. English needs none and returns false.
bool loadTranslations(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace bulkhead
