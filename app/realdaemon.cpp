#include "realdaemon.h"

#include "commandline.h"
#include "import/libvirtdlog.h"
#include "import/logfollower.h"
#include "import/reallibvirtd.h"
#include "trace/tracechecker.h"
#include "trace/tracewriter.h"

#include <signal.h>

#include <cstdio>
#include <ctime>

namespace pollscope::app {

namespace {

constexpr long kFollowIntervalNs = 100'000'000;

// The steps a terminal shows: a client's life and its messages, not the loop's churn.
bool isClientStep(EventKind kind)
{
    switch (eventKindInfo(kind).callStep) {
    case CallStep::Accept:
    case CallStep::Received:
    case CallStep::Reply:
    case CallStep::Sent:
    case CallStep::Close:
    case CallStep::Free:
        return true;
    default:
        return false;
    }
}

} // namespace

int runRealDaemon(const QString &traceOut, const QString &format)
{
    const QString command = QStringLiteral("daemon");
    const auto traceFormat = traceFormatFromName(format.toStdString());
    if (!traceFormat)
        return usageError(command, QStringLiteral("unknown format '%1' (expected jsonl, chrome or binary)").arg(format));

    // SIGINT and SIGTERM are waited for, between reads of the log.
    sigset_t quit;
    sigemptyset(&quit);
    sigaddset(&quit, SIGINT);
    sigaddset(&quit, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &quit, nullptr);

    RealLibvirtd daemon;
    if (const Result<void> started = daemon.start(); !started) {
        std::fprintf(stderr, "pollscope daemon: %s\n", started.error().message.c_str());
        return ExitFailed;
    }
    std::printf("pollscope daemon: real libvirtd (pid %d) in %s\n", int(daemon.pid()), daemon.folder().c_str());
    std::printf("pollscope daemon: try  virsh -c '%s' list --all\n", daemon.uri().c_str());
    std::printf("pollscope daemon: serving until SIGINT or SIGTERM\n");
    std::fflush(stdout);

    LogFollower follower(daemon.logPath());
    LibvirtdLogReader reader(daemon.logPath());
    TraceSession session;
    session.source = daemon.logPath();
    session.origin = kLibvirtdLogOrigin;
    const auto follow = [&] {
        std::vector<std::string> lines;
        follower.readNewLines(lines);
        for (const std::string &line : lines) {
            if (!reader.addLine(line))
                break;
        }
        const size_t first = session.events.size();
        reader.takeEvents(session.events);
        session.threadNames = reader.threadNames();
        for (size_t i = first; i < session.events.size(); ++i) {
            if (isClientStep(session.events[i].kind))
                std::printf("%s\n", describeEvent(session, session.events[i]).c_str());
        }
        std::fflush(stdout);
    };

    const timespec interval{0, kFollowIntervalNs};
    bool exitedByItself = false;
    while (sigtimedwait(&quit, nullptr, &interval) < 0) {
        follow();
        if (daemon.hasExited()) {
            exitedByItself = true;
            break;
        }
    }
    daemon.stop();
    follow();
    const std::string rest = follower.takePartialLine();
    if (!rest.empty())
        reader.addLine(rest);
    reader.finish(!rest.empty());
    reader.takeEvents(session.events);
    session.threadNames = reader.threadNames();
    if (exitedByItself)
        std::fprintf(stderr, "pollscope daemon: libvirtd exited by itself\n");

    if (!traceOut.isEmpty()) {
        if (const Result<void> written = exportTrace(session, traceOut.toStdString(), *traceFormat); !written) {
            std::fprintf(stderr, "pollscope daemon: %s\n", written.error().describe().c_str());
            return ExitFailed;
        }
        std::printf("pollscope daemon: trace written to %s\n", qPrintable(traceOut));
    }
    std::printf("pollscope daemon: stopped; %s removed\n", session.source.substr(0, session.source.rfind('/')).c_str());
    return exitedByItself ? ExitFailed : ExitOk;
}

} // namespace pollscope::app
