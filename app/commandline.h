// What every subcommand shares: exit codes, and turning a parse of the command line
// into either "go on" or an exit code with a message already printed.
#pragma once

#include "trace/traceformat.h"

#include <QCommandLineParser>
#include <QStringList>

#include <cstddef>

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

// The trace format --format names, or else the one the file's name implies (binary
// for .pstrace, else JSON Lines); nullopt for a name that is no format.
std::optional<TraceFormat> chosenTraceFormat(const QCommandLineParser &parser, const QCommandLineOption &format,
                                             const QString &path);
// The words of --format's help and errors.
inline constexpr const char *kTraceFormatChoices = "jsonl, chrome or binary";

// "64M", "64MiB", "1G", "4096": a size in bytes (K, M, G are powers of 1024); nullopt
// for anything else or 0.
std::optional<size_t> parseByteSize(const QString &text);

// Prints "pollscope COMMAND: message" to stderr and returns ExitUsage.
int usageError(const QString &command, const QString &message);

} // namespace pollscope::app
