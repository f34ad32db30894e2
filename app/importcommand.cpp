#include "importcommand.h"

#include "commandline.h"
#include "import/libvirtdlog.h"
#include "trace/tracewriter.h"

#include <cstdio>

namespace pollscope::app {

int runImportCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("import");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("log"),
                                 QStringLiteral("A libvirtd log written with log_filters \"1:event 1:rpc\"."),
                                 QStringLiteral("LOG"));
    const QCommandLineOption traceOut(QStringLiteral("trace-out"), QStringLiteral("Write the trace to <file>."),
                                      QStringLiteral("file"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Trace format: jsonl (the default), chrome or binary (the default for a <file> ending in .pstrace)."),
                                    QStringLiteral("format"), QStringLiteral("jsonl"));
    parser.addOptions({traceOut, format});
    if (auto exit = parseOrExit(parser, arguments, command,
                                QStringLiteral("Turns the log of a real libvirtd (libvirt 9) into a pollscope trace "
                                               "and prints what became of its lines. Exit status: 0 when the whole "
                                               "log was read, 1 when it stops early or is cut short, 2 when it "
                                               "cannot be read.")))
        return *exit;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError(command, files.isEmpty() ? QStringLiteral("no log file given")
                                                   : QStringLiteral("one log file at a time"));
    const auto traceFormat = chosenTraceFormat(parser, format, parser.value(traceOut));
    if (!traceFormat)
        return usageError(command, QStringLiteral("unknown format '%1' (expected jsonl, chrome or binary)").arg(parser.value(format)));

    const auto imported = importLibvirtdLog(files.first().toStdString());
    if (!imported) {
        std::fprintf(stderr, "pollscope import: %s\n", imported.error().describe().c_str());
        return ExitUsage;
    }
    const LibvirtdLogCounts &counts = imported->counts;
    std::printf("import: %zu lines: %zu steps, %zu folded into them, %zu kept as notes; %zu events\n", counts.lines,
                counts.steps, counts.folded, counts.notes, imported->session.events.size());
    if (!imported->problem.empty())
        std::fprintf(stderr, "pollscope import: %s\n", imported->problem.c_str());

    if (parser.isSet(traceOut)) {
        const std::string path = parser.value(traceOut).toStdString();
        if (const Result<void> written = exportTrace(imported->session, path, *traceFormat); !written) {
            std::fprintf(stderr, "pollscope import: %s\n", written.error().describe().c_str());
            return ExitFailed;
        }
        std::printf("import: trace written to %s (%s)\n", path.c_str(), traceFormatName(*traceFormat));
    }
    return imported->problem.empty() ? ExitOk : ExitFailed;
}

} // namespace pollscope::app
