// pollscope: one binary for the desktop app and its headless commands.
//
//   pollscope [FILE] [--play]       the desktop app (headless where there is no display)
//   pollscope check TRACE...        checks a trace's invariants
//   pollscope convert IN OUT        a trace in another format
//   pollscope daemon ...            the libvirtd replica, for a real virsh (--real: the real libvirtd)
//   pollscope demo ...              a short real loop session, exported
//   pollscope import LOG ...        a real libvirtd's log, as a trace
//   pollscope run SCENARIO ...      a scenario, headless, with its expectations checked
//
// Subcommands run without a display (QCoreApplication).
#include "checkcommand.h"
#include "convertcommand.h"
#include "daemoncommand.h"
#include "democommand.h"
#include "guicommand.h"
#include "importcommand.h"
#include "runcommand.h"

#include <QCoreApplication>

#include <csignal>
#include <cstring>

namespace {

struct Subcommand
{
    const char *name;
    int (*run)(const QStringList &arguments);
};

const Subcommand kSubcommands[] = {
    {"check", pollscope::app::runCheckCommand},
    {"convert", pollscope::app::runConvertCommand},
    {"daemon", pollscope::app::runDaemonCommand},
    {"demo", pollscope::app::runDemoCommand},
    {"import", pollscope::app::runImportCommand},
    {"run", pollscope::app::runRunCommand},
};

} // namespace

int main(int argc, char **argv)
{
    // Writes past RLIMIT_FSIZE must fail with EFBIG, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication::setOrganizationName(QStringLiteral("pollscope"));
    QCoreApplication::setApplicationName(QStringLiteral("pollscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POLLSCOPE_VERSION));

    if (argc > 1) {
        for (const Subcommand &sub : kSubcommands) {
            if (std::strcmp(argv[1], sub.name) != 0)
                continue;
            QCoreApplication app(argc, argv);
            QStringList arguments = QCoreApplication::arguments();
            arguments.removeAt(1);
            return sub.run(arguments);
        }
    }
    return pollscope::app::runGui(argc, argv);
}
