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
    parser.addPositionalArgument(QStringLiteral("trace"), QStringLiteral("Trace files (JSON Lines or Chrome format)."),
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
        const auto session = loadTrace(file.toStdString());
        if (!session) {
            std::fprintf(stderr, "pollscope check: %s\n", session.error().describe().c_str());
            status = ExitUsage;
            continue;
        }
        const std::vector<TraceViolation> violations = checkTrace(*session);
        for (const TraceViolation &violation : violations) {
            std::printf("%s: %s: %s\n    %s\n", qPrintable(file), violation.rule.c_str(), violation.message.c_str(),
                        describeEvent(*session, session->events[violation.eventIndex]).c_str());
        }
        std::printf("%s: %zu events, %zu violations\n", qPrintable(file), session->events.size(), violations.size());
        if (!violations.empty() && status == ExitOk)
            status = ExitFailed;
    }
    return status;
}

} // namespace pollscope::app
