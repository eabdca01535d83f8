#include "cli/cli.h"

namespace bulkhead::cli {

// Each command lives in cmd_<name>.cpp.
// (declarations are added here as commands land)

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
    };
    return list;
}

} // namespace bulkhead::cli
