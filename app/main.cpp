// Bulkhead: no subcommand opens the desktop app; any argument runs the headless CLI.

#include "cli/cli.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    if (argc > 1)
        return bulkhead::cli::run(argc, argv);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bulkhead"));
    QApplication::setOrganizationName(QStringLiteral("bulkhead"));
    QApplication::setApplicationVersion(QStringLiteral(BULKHEAD_VERSION));
    bulkhead::MainWindow window;
    window.show();
    return app.exec();
}
