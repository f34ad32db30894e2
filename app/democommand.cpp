#include "democommand.h"

#include "commandline.h"
#include "demo/demosession.h"
#include "trace/tracer.h"
#include "trace/tracewriter.h"

#include <cstdio>

namespace pollscope::app {

int runDemoCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("demo");
    QCommandLineParser parser;
    const QCommandLineOption traceOut(QStringLiteral("trace-out"), QStringLiteral("Write the trace to <file>."),
                                      QStringLiteral("file"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Trace format: jsonl (the default), chrome or binary (the default for a <file> ending in .pstrace)."),
                                    QStringLiteral("format"), QStringLiteral("jsonl"));
    parser.addOptions({traceOut, format});
    if (auto exit = parseOrExit(parser, arguments, command,
                                QStringLiteral("Runs a short real session of the event loop: two pipes written by "
                                               "a second thread, a timer, a removal during dispatch. Prints a "
                                               "summary and exports the trace.")))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(command, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const auto traceFormat = chosenTraceFormat(parser, format, parser.value(traceOut));
    if (!traceFormat)
        return usageError(command, QStringLiteral("unknown format '%1' (expected jsonl, chrome or binary)").arg(parser.value(format)));

    Tracer tracer;
    const TraceSession session = runDemoSession(tracer);
    std::printf("demo: %zu events recorded\n", session.events.size());

    if (parser.isSet(traceOut)) {
        const std::string path = parser.value(traceOut).toStdString();
        if (const Result<void> written = exportTrace(session, path, *traceFormat); !written) {
            std::fprintf(stderr, "pollscope demo: %s\n", written.error().describe().c_str());
            return ExitFailed;
        }
        std::printf("demo: trace written to %s (%s)\n", path.c_str(), traceFormatName(*traceFormat));
    }
    return ExitOk;
}

} // namespace pollscope::app
