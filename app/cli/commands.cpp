#include "cli/cli.h"

namespace bulkhead::cli {

// Each command lives in cmd_<name>.cpp.
// (declarations are added here as commands land)
int runDb(const QStringList &args);

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"db", "manage the vulnerability database (import, status, update, export-bundle)", &runDb},
    };
    return list;
}

} // namespace bulkhead::cli
