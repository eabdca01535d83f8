#pragma once
// Helpers shared by the tests: where the test data and the built binary are, where the real test
// images built by tests/images/build-images.sh are cached, and running the CLI.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace bulkhead::test {

QString dataDir();                                  // tests/data in the source tree
QString dataPath(const QString &relative);
QString bulkheadBinary();                           // $BULKHEAD_BIN or build/bin/bulkhead
// Directory of the real images built by tests/images/build-images.sh ($BULKHEAD_TEST_IMAGES or
// ~/.cache/bulkhead-test-images). Empty when they were not built (tests then QSKIP with a reason).
QString testImagesDir();

struct RunResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
// Runs the bulkhead binary with `args` (and optional stdin), waiting up to `timeoutMs`.
RunResult runBulkhead(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000,
                      const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

} // namespace bulkhead::test
