// The daemon replica in a process of its own, configured like `pollscope daemon`,
// with a choice of what happens to its trace, for the trace-cost benchmark:
//   off     tracing disabled (Tracer::setEnabled(false)), as `pollscope daemon`
//           runs without --trace-out;
//   memory  tracing on; a TraceMonitor drains the tracer every 5 ms and hands the
//           batches on, as the app's live daemon session does;
//   jsonl   tracing on; a TraceFileRecorder streams JSON Lines to a file, as
//           `pollscope daemon --trace-out FILE` does.
// It serves until SIGINT or SIGTERM.
#include "daemon/server.h"
#include "runner/tracemonitor.h"
#include "trace/threadnames.h"
#include "trace/tracefilerecorder.h"
#include "trace/tracer.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <sys/resource.h>

using namespace pollscope;

namespace {

int usage()
{
    std::fprintf(stderr, "usage: bench_daemonhost --listen PATH [--max-clients N] [--trace off|memory|jsonl]"
                         " [--trace-file FILE]\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    std::string path;
    std::string mode = "off";
    std::string traceFile;
    int maxClients = 20;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc)
            return usage();
        if (arg == "--listen")
            path = argv[++i];
        else if (arg == "--trace")
            mode = argv[++i];
        else if (arg == "--trace-file")
            traceFile = argv[++i];
        else if (arg == "--max-clients")
            maxClients = std::atoi(argv[++i]);
        else
            return usage();
    }
    if (path.empty() || (mode != "off" && mode != "memory" && mode != "jsonl") || (mode == "jsonl" && traceFile.empty()))
        return usage();
    rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }

    ThreadNames::setCurrent("main");
    Tracer tracer;
    tracer.setEnabled(mode != "off");
    std::atomic<uint64_t> events{0};
    TraceMonitor monitor(tracer, [&events](const std::vector<TraceEvent> &batch) { events += batch.size(); }, false);
    TraceFileRecorder recorder(tracer);
    if (mode == "memory")
        monitor.start();
    if (mode == "jsonl" && !recorder.start(traceFile, TraceFormat::JsonLines, "bench_daemonhost")) {
        std::fprintf(stderr, "bench_daemonhost: %s\n", recorder.error().c_str());
        return 1;
    }

    DaemonConfig config;
    config.handleSignals = true;
    config.maxClients = maxClients;
    config.listen.push_back(ListenAddress::parse("unix:" + path, false).value());
    Server server(tracer, config);
    if (!server.start()) {
        std::fprintf(stderr, "bench_daemonhost: %s\n", server.error().c_str());
        return 1;
    }
    std::printf("bench_daemonhost: listening on %s (trace %s)\n", path.c_str(), mode.c_str());
    std::fflush(stdout);
    server.waitForShutdown();
    if (mode == "memory") {
        monitor.stop();
        std::printf("bench_daemonhost: %llu events recorded\n", (unsigned long long)events.load());
    }
    if (mode == "jsonl" && !recorder.finish()) {
        std::fprintf(stderr, "bench_daemonhost: %s\n", recorder.error().c_str());
        return 1;
    }
    std::printf("bench_daemonhost: stopped\n");
    return 0;
}
