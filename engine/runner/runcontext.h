// What the parts of one scenario run share: the daemon, the trace, the clients'
// identities, the abort flag and the list of failures.
#pragma once

#include "clientdirectory.h"
#include "questiongate.h"
#include "scenariorunner.h"
#include "tracemonitor.h"

#include "daemon/server.h"
#include "trace/tracer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <sys/resource.h>

namespace pollscope {

// The event a scripted client's step records, as the step fills it.
using ClientActionProbe = Probe<EventKind::ClientAction>;

class RunContext
{
public:
    RunContext(const Scenario &scenario, ScenarioRunOptions options);
    ~RunContext();

    const Scenario &scenario;
    const ScenarioRunOptions options;
    std::string folder;
    Tracer tracer;
    TraceMonitor monitor;
    std::unique_ptr<Server> server;
    ClientDirectory clients;
    // The questions that hold back the event they are about; null when nobody is
    // asked (headless runs) or no question names its event.
    std::unique_ptr<QuestionGate> questions;
    // Connects happen one at a time, so each scripted client learns which accept was its.
    std::mutex connectLock;

    bool aborted() const { return m_aborted.load(); }
    void abort();
    // The scenario's clock: steady time minus the time the step control has held
    // the loop. Scripted waits read it, so that while the learner pauses or slows the
    // loop the clients wait too, and a run does in loop time what it does at full speed.
    std::chrono::steady_clock::time_point loopNow() const;
    // Sleeps `duration` of loop time, unless the run is aborted meanwhile; false if it was.
    bool sleepFor(std::chrono::milliseconds duration);

    void fail(const SourceLocation &where, std::string message, std::vector<size_t> context = {});
    std::vector<ScenarioFailure> takeFailures();

    // Lowers RLIMIT_NOFILE so only `headroom` more fds can be opened; restore() undoes it.
    void lowerFdLimit(int headroom);
    void restoreFdLimit();

    // Records what a scripted client's step does: `reason` says it, `details` fills the
    // fields and the text its sentence names.
    void recordStep(const ScenarioStep &step, int daemonClient, EventReason reason,
                    const std::function<void(ClientActionProbe &)> &details = {});

private:
    std::atomic<bool> m_aborted{false};
    std::mutex m_lock;
    std::condition_variable m_abortSignal;
    std::vector<ScenarioFailure> m_failures;
    std::optional<rlimit> m_savedFdLimit;
};

} // namespace pollscope
