#include "convertcommand.h"

#include "commandline.h"
#include "trace/traceloader.h"
#include "trace/tracewriter.h"

#include <cstdio>

namespace pollscope::app {

int runConvertCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("convert");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("in"), QStringLiteral("A trace (binary, JSON Lines or Chrome format)."),
                                 QStringLiteral("IN"));
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("OUT"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Format of OUT: jsonl (the default), chrome or binary (the default "
                                                   "for an OUT ending in .pstrace)."),
                                    QStringLiteral("format"));
    parser.addOptions({format});
    if (auto exit = parseOrExit(parser, arguments, command,
                                QStringLiteral("Writes a trace in another format: a binary trace as JSON Lines to "
                                               "read, or as Chrome's format for Perfetto. Exit status: 0 when it "
                                               "is written, 1 when IN was cut off (what it holds is written) or "
                                               "OUT cannot be written, 2 when IN cannot be read.")))
        return *exit;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2)
        return usageError(command, QStringLiteral("give the trace to read and the file to write"));
    const auto traceFormat = chosenTraceFormat(parser, format, files[1]);
    if (!traceFormat)
        return usageError(command, QStringLiteral("unknown format '%1' (expected jsonl, chrome or binary)").arg(parser.value(format)));

    const auto session = loadTrace(files[0].toStdString());
    if (!session) {
        std::fprintf(stderr, "pollscope convert: %s\n", session.error().describe().c_str());
        return ExitUsage;
    }
    if (!session->warning.empty())
        std::fprintf(stderr, "pollscope convert: %s: %s\n", qPrintable(files[0]), session->warning.c_str());
    if (const Result<void> written = exportTrace(*session, files[1].toStdString(), *traceFormat); !written) {
        std::fprintf(stderr, "pollscope convert: %s\n", written.error().describe().c_str());
        return ExitFailed;
    }
    std::printf("convert: %zu events written to %s (%s)\n", session->events.size(), qPrintable(files[1]),
                traceFormatName(*traceFormat));
    return session->warning.empty() ? ExitOk : ExitFailed;
}

} // namespace pollscope::app
