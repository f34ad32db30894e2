#include "guicommand.h"

#include "commandline.h"
#include "scenarioreport.h"

#include "import/libvirtdlog.h"
#include "mainwindow/datapaths.h"
#include "mainwindow/languages.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/tour.h"
#include "rpc/remoteprocedures.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/callalignment.h"
#include "trace/tracechecker.h"
#include "trace/traceloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLocale>

#include <cstdio>

namespace pollscope::app {

namespace {

QString topLevelDescription()
{
    return QStringLiteral(
        "See how a real daemon's poll(2) event loop works.\n\n"
        "With no FILE, the guided tour of libvirtd's socket handling opens. FILE is a\n"
        "scenario (.yaml), a saved trace (.pstrace, .jsonl, .json) or a real\n"
        "libvirtd's log.\n\n"
        "Commands (run 'pollscope COMMAND --help' for their options):\n"
        "  run       Run a scenario headless and check its expectations.\n"
        "  check     Check the invariants of exported traces.\n"
        "  daemon    Run the libvirtd replica; a real virsh can connect.\n"
        "  demo      Run a short real session of the event loop and export its trace.\n"
        "  import    Turn a real libvirtd's log into a trace.");
}

struct GuiOptions
{
    QString file;
    bool play = false;
    QString compareWith; // shown below FILE, aligned by client message
};

// Parses [FILE] [--play]; handles --help and --version (which exit).
GuiOptions parseGuiOptions(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(topLevelDescription());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption play(QStringLiteral("play"), QStringLiteral("Start the scenario at once."));
    parser.addOption(play);
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("Show the trace or log <file> below FILE, aligned by client "
                                                    "message (then and now: the replica and the real libvirtd)."),
                                     QStringLiteral("file"));
    parser.addOption(compare);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A scenario or a trace to open."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "pollscope: one file at a time\n");
        std::exit(ExitUsage);
    }
    if (parser.isSet(compare) && parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "pollscope: --compare needs FILE, the trace to show above\n");
        std::exit(ExitUsage);
    }
    return {parser.positionalArguments().value(0), parser.isSet(play), parser.value(compare)};
}

bool displayAvailable()
{
    // An explicit platform (offscreen, xcb, wayland) is the user's choice.
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return true;
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

int runScenarioHeadless(const QString &path)
{
    auto parsed = parseScenarioFile(path.toStdString());
    if (const Error *error = parsed.failure()) {
        std::fprintf(stderr, "%s\n", error->describe().c_str());
        return ExitUsage;
    }
    const Scenario &scenario = parsed.value();
    ScenarioRunOptions options;
    options.locale = QLocale().name().toStdString();
    ScenarioRunner runner(scenario, options);
    const ScenarioRunResult result = runner.run();
    printScenarioReport(stdout, scenario, result, options.locale);
    return result.passed() ? ExitOk : ExitFailed;
}

std::optional<TraceSession> readTraceOrLog(const QString &path)
{
    Result<TraceSession> session = loadTraceOrLog(path.toStdString());
    if (!session) {
        std::fprintf(stderr, "pollscope: %s\n", session.error().describe().c_str());
        return std::nullopt;
    }
    if (!session->warning.empty())
        std::fprintf(stderr, "pollscope: %s: %s\n", qPrintable(path), session->warning.c_str());
    return std::move(session).value();
}

// Without a display, --compare prints how the two traces' calls pair up.
int compareHeadless(const QString &top, const QString &bottom)
{
    const auto above = readTraceOrLog(top);
    const auto below = readTraceOrLog(bottom);
    if (!above || !below)
        return ExitUsage;
    const auto callsAbove = clientCalls(*above);
    const auto callsBelow = clientCalls(*below);
    const auto procedure = [](int32_t proc) {
        const char *name = remoteProcedureName(proc);
        return name ? std::string(name) : std::to_string(proc);
    };
    std::printf("pollscope: no display available; the calls of %s (above) and %s (below):\n", qPrintable(top),
                qPrintable(bottom));
    for (const auto &[a, b] : alignCalls(callsAbove, callsBelow)) {
        std::printf("client %d, call %d: %s / %s\n", callsAbove[a].client, callsAbove[a].index + 1,
                    procedure(callsAbove[a].proc).c_str(), procedure(callsBelow[b].proc).c_str());
    }
    return ExitOk;
}

int runHeadless(const GuiOptions &options)
{
    if (options.file.isEmpty()) {
        const QStringList tour = ui::tourScenarios();
        std::printf("pollscope: no display available; running the guided tour headless.\n");
        int status = ExitOk;
        for (const QString &stop : tour)
            status = std::max(status, runScenarioHeadless(stop));
        return tour.isEmpty() ? ExitFailed : status;
    }
    if (!options.compareWith.isEmpty())
        return compareHeadless(options.file, options.compareWith);
    std::printf("pollscope: no display available; running %s headless.\n", qPrintable(options.file));
    if (options.file.endsWith(QLatin1String(".yaml")) || options.file.endsWith(QLatin1String(".yml")))
        return runScenarioHeadless(options.file);
    const auto session = readTraceOrLog(options.file);
    if (!session)
        return ExitUsage;
    const auto violations = checkTrace(*session);
    std::printf("%s: %zu events, %zu violations of the trace invariants\n", qPrintable(options.file),
                session->events.size(), violations.size());
    return violations.empty() ? ExitOk : ExitFailed;
}

// The app's icon at every size app/CMakeLists.txt embeds (:/icons/16x16/ID.png ...).
QIcon applicationIcon()
{
    QIcon icon;
    const QDir sizes(QStringLiteral(":/icons"));
    for (const QString &size : sizes.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        icon.addFile(sizes.filePath(size + QStringLiteral("/" POLLSCOPE_APP_ID ".png")));
    return icon;
}

} // namespace

int runGui(int argc, char **argv)
{
    if (!displayAvailable()) {
        QCoreApplication app(argc, argv);
        return runHeadless(parseGuiOptions(app));
    }
    QApplication app(argc, argv);
    const GuiOptions options = parseGuiOptions(app);
    app.setWindowIcon(applicationIcon());
    // Lets the desktop match the window with its entry (and icon) on Wayland.
    QGuiApplication::setDesktopFileName(QStringLiteral(POLLSCOPE_APP_ID));
    // Before the window exists, so that it is made in the learner's language.
    ui::Languages *languages = ui::Languages::instance();
    languages->switchTo(languages->startupLocale());
    ui::MainWindow window;
    window.show();
    if (!options.compareWith.isEmpty()) {
        if (!window.openComparison(options.file, options.compareWith))
            std::fprintf(stderr, "pollscope: %s\n", qPrintable(window.lastError()));
    } else if (!options.file.isEmpty()) {
        if (!window.openFile(options.file, options.play))
            std::fprintf(stderr, "pollscope: %s\n", qPrintable(window.lastError()));
    } else {
        // No file: the guided tour of the seed.
        window.tour()->start();
    }
    return app.exec();
}

} // namespace pollscope::app
