// What every subcommand shares: exit codes, and turning a parse of the command line
// into either "go on" or an exit code with a message already printed.
#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace pollscope::app {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailed = 1,   // the command ran and something did not hold
    ExitUsage = 2,    // bad options or bad input files
};

// Parses `arguments` (argv[0] first, then the subcommand's own arguments).
// Handles --help. Returns an exit code if the caller should stop now.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                               const QString &description);

// Prints "pollscope COMMAND: message" to stderr and returns ExitUsage.
int usageError(const QString &command, const QString &message);

} // namespace pollscope::app
