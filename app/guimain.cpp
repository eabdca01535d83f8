// `bulkhead-gui`: the desktop app (`bulkhead` without a subcommand starts it too).

#include "apptranslation.h"
#include "common/localtimezone.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    bulkhead::pinLocalTimeZone();   // before any thread: it sets TZ
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bulkhead"));
    QApplication::setOrganizationName(QStringLiteral("bulkhead"));
    QApplication::setApplicationVersion(QStringLiteral(BULKHEAD_VERSION));
    bulkhead::loadTranslations(&app);
    bulkhead::MainWindow window;
    // The window owns its scan service and, here, the history service on the configured file.
    window.useOwnHistoryService();
    window.show();
    return app.exec();
}
