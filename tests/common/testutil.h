#pragma once
// Helpers shared by the tests: where the test data and the built binary are, where the real test
// images built by tests/images/build-images.sh are cached, and running the CLI.

#include <QByteArray>
#include <QHash>
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

// Validates a JSON document against an official schema in tests/data/schemas (relative path, e.g.
// "cyclonedx/bom-1.5.schema.json") with validate_offline.py. Returns an empty string when valid,
// else the validator's report (the document is kept on disk and named in it).
QString schemaErrors(const QString &schemaRelative, const QByteArray &document);

} // namespace bulkhead::test
