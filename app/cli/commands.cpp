#include "cli/cli.h"

namespace bulkhead::cli {

// Each command lives in cmd_<name>.cpp.
// (declarations are added here as commands land)
int runSbom(const QStringList &args);
int runVercmp(const QStringList &args);
int runDb(const QStringList &args);
int runLogin(const QStringList &args);
int runLogout(const QStringList &args);
int runTags(const QStringList &args);
int runScan(const QStringList &args);
int runImages(const QStringList &args);

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"scan", "Find the known vulnerabilities of an image or SBOM", &runScan},
        {"sbom", "List the packages of an image with the layer that introduced each", &runSbom},
        {"vercmp", "Compare two versions under an ecosystem's rules (-1, 0, 1)", &runVercmp},
        {"images", "List the images of a local Docker or Podman engine", &runImages},
        {"db", "Manage the vulnerability database (import, status, update, export-bundle)", &runDb},
        {"login", "Check registry credentials and store them in the system keychain", &runLogin},
        {"logout", "Remove a registry's credentials from the system keychain", &runLogout},
        {"tags", "List the tags of a registry repository (or --catalog: its repositories)", &runTags},
    };
    return list;
}

} // namespace bulkhead::cli
