// `bulkhead-gui [IMAGE-FILE...]`: the desktop app (`bulkhead` without a subcommand starts it too).
// Files given on the command line (e.g. by the desktop entry's "Open with") are scanned at once.

#include "apptranslation.h"
#include "common/localtimezone.h"
#include "imagesview.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

int main(int argc, char **argv)
{
    bulkhead::pinLocalTimeZone();   // before any thread: it sets TZ
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bulkhead"));
    QApplication::setOrganizationName(QStringLiteral("bulkhead"));
    QApplication::setApplicationVersion(QStringLiteral(BULKHEAD_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/bulkhead/bulkhead.svg")));
    QApplication::setDesktopFileName(QStringLiteral("bulkhead"));
    bulkhead::loadTranslations(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Bulkhead, the desktop app."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("main", "Image tarballs or OCI folders to scan."),
                                 QStringLiteral("[FILE...]"));
    parser.process(app);

    bulkhead::MainWindow window;
    // The window owns its scan service and, here, the history service on the configured file.
    window.useOwnHistoryService();
    window.show();
    const QStringList files = parser.positionalArguments();
    QTimer::singleShot(0, &window, [&window, files] {
        for (const QString &file : files)
            emit window.imageRequested(bulkhead::ImagesView::specForPath(QFileInfo(file).absoluteFilePath()));
    });
    return app.exec();
}
