#include "cli/cli.h"

namespace bulkhead::cli {

// Each command lives in cmd_<name>.cpp.
// (declarations are added here as commands land)
int runSbom(const QStringList &args);
int runVercmp(const QStringList &args);
int runDb(const QStringList &args);
int runImages(const QStringList &args);

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"sbom", "List the packages of an image with the layer that introduced each", &runSbom},
        {"vercmp", "Compare two versions under an ecosystem's rules (-1, 0, 1)", &runVercmp},
        {"images", "List the images of a local Docker or Podman engine", &runImages},
        {"db", "Manage the vulnerability database (import, status, update, export-bundle)", &runDb},
    };
    return list;
}

} // namespace bulkhead::cli
