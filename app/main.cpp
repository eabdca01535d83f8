// `bulkhead`: the command line (any subcommand), headless and linked without the GUI libraries
// so that CI machines need no display stack and every command starts fast. Without a subcommand
// it hands over to the desktop app, `bulkhead-gui`, installed next to it.

#include "cli/cli.h"
#include "common/localtimezone.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

// The directory of this executable (/proc/self/exe), with a trailing '/'; empty when unknown.
std::string ownDirectory()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return {};
    std::string path(buf, size_t(n));
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

int launchDesktopApp(char **argv)
{
    const std::string gui = ownDirectory() + "bulkhead-gui";
    argv[0] = const_cast<char *>(gui.c_str());
    ::execv(gui.c_str(), argv);
    std::fprintf(stderr,
                 "bulkhead: error: cannot start the desktop app %s: %s. Run 'bulkhead --help' for the "
                 "command line.\n",
                 gui.c_str(), std::strerror(errno));
    return bulkhead::cli::ExitError;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc <= 1)
        return launchDesktopApp(argv);
    bulkhead::pinLocalTimeZone();   // before any thread: it sets TZ
    return bulkhead::cli::run(argc, argv);
}
