// pollscope: one binary for the desktop app and its headless commands.
//
//   pollscope [FILE] [--play]       the desktop app
//   pollscope check TRACE...        checks a trace's invariants
//   pollscope daemon ...            the libvirtd replica, for a real virsh
//   pollscope demo ...              a short real loop session, exported
//   pollscope run SCENARIO ...      a scenario, headless, with its expectations checked
//
// Subcommands run without a display (QCoreApplication).
#include "checkcommand.h"
#include "commandline.h"
#include "daemoncommand.h"
#include "democommand.h"
#include "runcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <csignal>
#include <cstdio>

namespace {

using namespace pollscope::app;

struct Subcommand
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

const Subcommand kSubcommands[] = {
    {"check", "Check the invariants of exported traces.", runCheckCommand},
    {"daemon", "Run the libvirtd replica until SIGINT or SIGTERM; a real virsh can connect.", runDaemonCommand},
    {"demo", "Run a short real session of the event loop and export its trace.", runDemoCommand},
    {"run", "Run a scenario headless and check its expectations.", runRunCommand},
};

QString topLevelDescription()
{
    QString text = QStringLiteral("See how a real daemon's poll(2) event loop works.\n\nCommands:\n");
    for (const Subcommand &sub : kSubcommands)
        text += QStringLiteral("  %1  %2\n").arg(QString::fromLatin1(sub.name), -8).arg(QString::fromLatin1(sub.summary));
    text += QStringLiteral("\nRun 'pollscope COMMAND --help' for the options of a command.");
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    // Writes past RLIMIT_FSIZE must fail with EFBIG, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pollscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POLLSCOPE_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1) {
        for (const Subcommand &sub : kSubcommands) {
            if (arguments.at(1) == QLatin1String(sub.name)) {
                QStringList rest = arguments.mid(2);
                rest.prepend(arguments.at(0));
                return sub.run(rest);
            }
        }
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(topLevelDescription());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("A command (see above)."),
                                 QStringLiteral("[command]"));
    parser.process(app);

    if (!parser.positionalArguments().isEmpty())
        return usageError(QString(), QStringLiteral("unknown command '%1'").arg(parser.positionalArguments().first()));

    // Until the desktop app exists, running pollscope alone runs the demo.
    QStringList demoArguments{arguments.at(0)};
    return runDemoCommand(demoArguments);
}
