// Runs a scenario: starts the daemon replica in this process on sockets in a fresh
// folder, starts the scripted clients on real sockets (one thread each) and the extra
// loop timers, records everything in the trace, and checks the expectations.
#pragma once

#include "scenario/scenario.h"
#include "trace/tracesession.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pollscope {

class StepControl;
struct LoopState;
class RunContext;

struct ScenarioRunOptions
{
    std::string locale = "en";
    // Each batch of new events, in order, on the monitor thread (the app's timeline).
    std::function<void(const std::vector<TraceEvent> &)> onEvents;
    // A step is about to run, on its client's thread.
    std::function<void(const ScenarioStep &step, const std::string &client)> onStep;
    // Asks the learner the question of an `ask` step and returns the chosen index
    // (negative: no answer); without it, questions are skipped (headless runs).
    std::function<int(const ScenarioStep &step)> onAsk;
    // Hold the loop at its first phase boundary (the app's Play starts it).
    bool startPaused = false;
    // A learner steps through the run at their own pace: no step times out and the
    // whole run has no time limit (an abort still ends it).
    bool interactive = false;
};

// Something that did not go as the scenario says: a failed step or expectation.
struct ScenarioFailure
{
    SourceLocation where;
    std::string message;
    std::vector<size_t> context; // indexes of the trace events around it
};

// A scenario's real_libvirtd half: the same client steps against Debian's libvirtd 9.
struct RealLibvirtdResult
{
    bool installed = false; // false: libvirtd is missing and the half was skipped
    bool ran = false;       // the daemon ran the steps and its log was imported
    TraceSession session;   // that log, imported
    std::string logProblem; // empty, or the line where the import stopped
};

struct ScenarioRunResult
{
    std::string setupError; // the daemon could not start, ...
    std::vector<ScenarioFailure> failures;
    TraceSession session;
    int clientActions = 0; // steps the scripted clients took, as the trace records them
    // The seq of the first event matching the scenario's focus, if it has one.
    std::optional<uint64_t> focusSeq;
    int expectationsChecked = 0;
    // Set when the scenario has real_libvirtd and the run was not aborted.
    std::optional<RealLibvirtdResult> realLibvirtd;

    bool passed() const { return setupError.empty() && failures.empty(); }
};

class ScenarioRunner
{
public:
    ScenarioRunner(const Scenario &scenario, ScenarioRunOptions options = {});
    ~ScenarioRunner();
    ScenarioRunner(const ScenarioRunner &) = delete;
    ScenarioRunner &operator=(const ScenarioRunner &) = delete;

    // Runs to the end; blocking.
    ScenarioRunResult run();
    // From another thread: stop the clients and the daemon now.
    void abort();
    // The loop's step control, to pause and step the run from another thread.
    StepControl &stepControl();
    // A copy of the daemon loop's state right now (the seed's eventLoop).
    LoopState loopState() const;
    // The scenario's folder (sockets live there) and the read-write socket's path.
    const std::string &folder() const;
    std::string socketPath() const;

private:
    std::unique_ptr<RunContext> m_context;
};

} // namespace pollscope
