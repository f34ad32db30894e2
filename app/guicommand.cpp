#include "guicommand.h"

#include "commandline.h"
#include "scenarioreport.h"

#include "mainwindow/datapaths.h"
#include "mainwindow/languages.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/tour.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
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
        "scenario (.yaml) or a saved trace (.jsonl, .json).\n\n"
        "Commands (run 'pollscope COMMAND --help' for their options):\n"
        "  run       Run a scenario headless and check its expectations.\n"
        "  check     Check the invariants of exported traces.\n"
        "  daemon    Run the libvirtd replica; a real virsh can connect.\n"
        "  demo      Run a short real session of the event loop and export its trace.");
}

struct GuiOptions
{
    QString file;
    bool play = false;
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
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A scenario or a trace to open."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "pollscope: one file at a time\n");
        std::exit(ExitUsage);
    }
    return {parser.positionalArguments().value(0), parser.isSet(play)};
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
    std::printf("pollscope: no display available; running %s headless.\n", qPrintable(options.file));
    if (options.file.endsWith(QLatin1String(".yaml")) || options.file.endsWith(QLatin1String(".yml")))
        return runScenarioHeadless(options.file);
    const auto session = loadTrace(options.file.toStdString());
    if (!session) {
        std::fprintf(stderr, "pollscope: %s\n", session.error().describe().c_str());
        return ExitUsage;
    }
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
    if (!options.file.isEmpty()) {
        if (!window.openFile(options.file, options.play))
            std::fprintf(stderr, "pollscope: %s\n", qPrintable(window.lastError()));
    } else {
        // No file: the guided tour of the seed.
        window.tour()->start();
    }
    return app.exec();
}

} // namespace pollscope::app
