// bench_layerscan FILE: scans one layer blob (gzip, zstd or plain tar) with LayerScanner, pipelined
// and single-threaded, and times `igzip -dc`, `zcat` and `cat` on the same file for comparison.
// Best of a few runs each, page cache warm. `--scan-only [--one-thread]` runs one scan only.

#include "catalog/cataloger.h"
#include "layers/fileindex.h"
#include "layers/layercache.h"
#include "layers/layerscanner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace bulkhead;

namespace {

class FileStream final : public ByteStream {
public:
    explicit FileStream(const QString &path) : m_file(path) { m_file.open(QIODevice::ReadOnly); }
    qint64 read(char *data, qint64 maxSize) override { return m_file.read(data, maxSize); }
    QString errorString() const override { return m_file.errorString(); }
    qint64 sizeHint() const override { return m_file.size(); }
    bool isOpen() const { return m_file.isOpen(); }

private:
    QFile m_file;
};

constexpr int kRuns = 3;

double bestOf(const std::function<bool()> &run)
{
    double best = 1e30;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer t;
        t.start();
        if (!run())
            return -1;
        best = std::min(best, t.nsecsElapsed() / 1e9);
    }
    return best;
}

void line(const char *name, double seconds, qint64 stored, qint64 uncompressed)
{
    if (seconds < 0) {
        std::printf("%-28s  (not available)\n", name);
        return;
    }
    std::printf("%-28s %8.3f s  %8.1f MB/s stored  %8.1f MB/s uncompressed\n", name, seconds,
                stored / seconds / 1e6, uncompressed / seconds / 1e6);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_layerscan FILE\n");
        return 2;
    }
    const QString path = args.at(1);
    const CatalogerList catalogers = allCatalogers();

    LayerResult last;
    auto scanWith = [&](bool pipelined) {
        return [&, pipelined]() {
            FileStream stream(path);
            if (!stream.isOpen())
                return false;
            LayerScanner scanner(catalogers);
            scanner.setPipelined(pipelined);
            ProgressSink progress;
            auto r = scanner.scan(stream, LayerExpectation{}, progress);
            if (!r) {
                std::fprintf(stderr, "scan failed: %s\n", qPrintable(r.error().message));
                return false;
            }
            last = *r;
            return true;
        };
    };
    auto shell = [&](const QString &command) {
        return [&, command]() {
            QProcess p;
            p.setStandardOutputFile(QProcess::nullDevice());
            p.start(QStringLiteral("sh"), {QStringLiteral("-c"), command + QStringLiteral(" \"$0\""), path});
            return p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        };
    };

    // --scan-only [--one-thread]: one scan and nothing else (for perf stat / perf record).
    if (args.contains(QStringLiteral("--scan-only")))
        return scanWith(!args.contains(QStringLiteral("--one-thread")))() ? 0 : 1;

    const double pipelined = bestOf(scanWith(true));
    if (pipelined < 0)
        return 1;
    const double single = bestOf(scanWith(false));
    const qint64 stored = last.compressedSize;
    const qint64 plain = last.uncompressedSize;
    std::printf("%s: %.1f MB stored, %.1f MB tar, %lld entries, %d catalogers\n", qPrintable(path),
                stored / 1e6, plain / 1e6, qlonglong(last.entries.size()), int(catalogers.size()));
    line("LayerScanner (pipelined)", pipelined, stored, plain);
    line("LayerScanner (one thread)", single, stored, plain);
    line("igzip -dc", bestOf(shell(QStringLiteral("igzip -dc"))), stored, plain);
    line("zcat", bestOf(shell(QStringLiteral("zcat"))), stored, plain);
    line("zstdcat", bestOf(shell(QStringLiteral("zstd -dcq"))), stored, plain);
    line("cat", bestOf(shell(QStringLiteral("cat"))), stored, plain);
    line("sha256sum", bestOf(shell(QStringLiteral("sha256sum"))), stored, plain);

    // The warm path: what a rescan costs once the layer is cached.
    QTemporaryDir tmp;
    LayerCache cache(tmp.path());
    const QString fingerprint = catalogerFingerprint(catalogers);
    if (!cache.store(fingerprint, last))
        return 1;
    const double load = bestOf([&] { return cache.load(last.diffId, fingerprint).has_value(); });
    const double index = bestOf([&] { return FileIndex({last}).size() > 0; });
    std::printf("%-28s %8.2f ms  (%lld entries, %.1f KB on disk)\n", "LayerCache::load", load * 1e3,
                qlonglong(last.entries.size()), QFileInfo(cache.fileFor(last.diffId, fingerprint)).size() / 1e3);
    std::printf("%-28s %8.2f ms\n", "FileIndex build", index * 1e3);
    return 0;
}
