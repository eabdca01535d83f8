#include "mainwindow.h"

#include <QLabel>

namespace bulkhead {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Bulkhead"));
    auto *label = new QLabel(tr("Bulkhead: container image vulnerability scanner"), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1200, 800);
}

} // namespace bulkhead
