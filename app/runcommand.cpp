#include "runcommand.h"

#include "commandline.h"
#include "scenarioreport.h"

#include "rpc/testhypervisor.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/tracenormalizer.h"
#include "trace/tracewriter.h"

#include <QLocale>

#include <cstdio>

namespace pollscope::app {

std::string realLibvirtdTracePath(const std::string &tracePath)
{
    // trace.jsonl -> trace.libvirtd9.jsonl; a name without an extension gets the suffix.
    const size_t slash = tracePath.rfind('/');
    const size_t dot = tracePath.rfind('.');
    const bool hasExtension = dot != std::string::npos && dot > (slash == std::string::npos ? 0 : slash + 1);
    return hasExtension ? tracePath.substr(0, dot) + ".libvirtd9" + tracePath.substr(dot) : tracePath + ".libvirtd9";
}

int runRunCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("run");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("The scenario file (YAML)."),
                                 QStringLiteral("SCENARIO"));
    const QCommandLineOption traceOut(QStringLiteral("trace-out"),
                                      QStringLiteral("Write the trace to <file>; a scenario with real_libvirtd also "
                                                     "writes the real libvirtd's next to it, as NAME.libvirtd9.EXT."),
                                      QStringLiteral("file"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Trace format: jsonl (the default), chrome or binary (the default for a <file> ending in .pstrace)."),
                                    QStringLiteral("format"), QStringLiteral("jsonl"));
    const QCommandLineOption normalize(QStringLiteral("normalize"),
                                       QStringLiteral("Write the trace normalized (stable from run to run, for golden "
                                                      "files): see docs/trace-format.md."));
    parser.addOptions({traceOut, format, normalize});
    if (auto exit = parseOrExit(parser, arguments, command,
                                QStringLiteral("Runs a scenario headless: a real daemon in this process, scripted "
                                               "clients on real sockets. Exit status: 0 when every expectation "
                                               "holds, 1 when one does not, 2 for a bad scenario.")))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty() ? QStringLiteral("no scenario file given")
                                                        : QStringLiteral("one scenario at a time"));
    const auto traceFormat = chosenTraceFormat(parser, format, parser.value(traceOut));
    if (!traceFormat)
        return usageError(command, QStringLiteral("unknown format '%1' (expected jsonl, chrome or binary)").arg(parser.value(format)));
    if (parser.isSet(normalize) && !parser.isSet(traceOut))
        return usageError(command, QStringLiteral("--normalize applies to --trace-out, which is missing"));
    if (parser.isSet(normalize) && parser.isSet(format) && *traceFormat != TraceFormat::JsonLines)
        return usageError(command, QStringLiteral("--normalize writes JSON Lines; it cannot be combined with --format chrome"));

    auto parsed = parseScenarioFile(positional.first().toStdString());
    if (const Error *error = parsed.failure()) {
        std::fprintf(stderr, "%s\n", error->describe().c_str());
        return ExitUsage;
    }
    const Scenario &scenario = parsed.value();
    ScenarioRunOptions options;
    options.locale = QLocale().name().toStdString();
    ScenarioRunner runner(scenario, options);
    const std::string folder = runner.folder();
    const ScenarioRunResult result = runner.run();
    printScenarioReport(result.passed() ? stdout : stderr, scenario, result, options.locale);

    if (parser.isSet(traceOut)) {
        const std::string path = parser.value(traceOut).toStdString();
        const Result<void> written = parser.isSet(normalize)
            ? writeNormalizedTrace(result.session, {folder, TestHypervisor::localHostname()}, path)
            : exportTrace(result.session, path, *traceFormat);
        if (!written) {
            std::fprintf(stderr, "pollscope run: %s\n", written.error().describe().c_str());
            return ExitFailed;
        }
        if (result.realLibvirtd && result.realLibvirtd->ran) {
            // The real daemon's log as it was imported: its paths and pointers are its own.
            const std::string realPath = realLibvirtdTracePath(path);
            const Result<void> realWritten = exportTrace(
                result.realLibvirtd->session, realPath, parser.isSet(normalize) ? TraceFormat::JsonLines : *traceFormat);
            if (!realWritten) {
                std::fprintf(stderr, "pollscope run: %s\n", realWritten.error().describe().c_str());
                return ExitFailed;
            }
        }
    }
    return result.passed() ? ExitOk : ExitFailed;
}

} // namespace pollscope::app
