// Bulkhead: no subcommand opens the desktop app; any argument runs the headless CLI.

#include "apptranslation.h"
#include "cli/cli.h"
#include "common/localtimezone.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    bulkhead::pinLocalTimeZone();   // before any thread: it sets TZ
    if (argc > 1)
        return bulkhead::cli::run(argc, argv);

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
