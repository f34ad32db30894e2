#include "checkcommand.h"

#include "commandline.h"
#include "trace/tracechecker.h"
#include "trace/traceloader.h"

#include <cstdio>

namespace pollscope::app {

int runCheckCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("check");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("trace"), QStringLiteral("Trace files (binary, JSON Lines or Chrome format)."),
                                 QStringLiteral("TRACE..."));
    if (auto exit = parseOrExit(parser, arguments, command,
                                QStringLiteral("Checks the invariants of traces (listed in docs/trace-format.md) and "
                                               "prints each violation with its event. Exit status: 0 when all hold, "
                                               "1 when one does not, 2 when a file cannot be read.")))
        return *exit;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(command, QStringLiteral("no trace file given"));

    int status = ExitOk;
    for (const QString &file : files) {
        // Kept compactly: a trace of tens of millions of events fits in memory.
        CompactEvents events;
        const auto session = loadTrace(file.toStdString(), [&events](const TraceEvent &event) { events.append(event); });
        if (!session) {
            std::fprintf(stderr, "pollscope check: %s\n", session.error().describe().c_str());
            status = ExitUsage;
            continue;
        }
        // A file cut off is checked as far as it goes; the cut itself is no violation.
        if (!session->warning.empty())
            std::fprintf(stderr, "pollscope check: %s: %s\n", qPrintable(file), session->warning.c_str());
        const std::vector<TraceViolation> violations = checkTrace(events, *session);
        for (const TraceViolation &violation : violations) {
            std::printf("%s: %s: %s\n    %s\n", qPrintable(file), violation.rule.c_str(), violation.message.c_str(),
                        describeEvent(*session, events.at(violation.eventIndex)).c_str());
        }
        std::printf("%s: %zu events, %zu violations%s\n", qPrintable(file), events.size(), violations.size(),
                    session->origin == kLibvirtdLogOrigin ? " (the rules that hold for libvirtd 9, imported from its log)"
                                                          : "");
        if (!violations.empty() && status == ExitOk)
            status = ExitFailed;
    }
    return status;
}

} // namespace pollscope::app
