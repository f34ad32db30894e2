#include "scenariorunner.h"

#include "conditionmatcher.h"
#include "expectationcheck.h"
#include "loopquiescence.h"
#include "reallibvirtdrun.h"
#include "runcontext.h"
#include "scriptedclient.h"

#include "import/reallibvirtd.h"
#include "trace/stringpool.h"
#include "trace/threadnames.h"

#include <algorithm>
#include <map>
#include <thread>

namespace pollscope {

namespace {

void onScenarioTimer(int, void *) {}

// Ends the timer thread's waits once the clients are done, without aborting the run.
class TimerStop
{
public:
    // Sleeps until the run's loop clock reaches `until` (see RunContext::loopNow).
    bool sleepUntil(RunContext &context, std::chrono::steady_clock::time_point until)
    {
        std::unique_lock lock(m_lock);
        for (auto left = until - context.loopNow(); left.count() > 0; left = until - context.loopNow()) {
            if (m_signal.wait_for(lock, left, [&] { return m_stopped || context.aborted(); }))
                break;
        }
        return !m_stopped && !context.aborted();
    }
    bool stopped()
    {
        std::lock_guard guard(m_lock);
        return m_stopped;
    }
    void stop()
    {
        {
            std::lock_guard guard(m_lock);
            m_stopped = true;
        }
        m_signal.notify_all();
    }

private:
    std::mutex m_lock;
    std::condition_variable m_signal;
    bool m_stopped = false;
};

// Waits until the timer has fired `fires` times (a change with after_fires), or the
// run ends: counted in the trace, so the change comes after exactly those fires
// however slowly the machine runs the loop.
bool waitForFires(RunContext &context, TimerStop &stop, int timer, int fires)
{
    size_t scanned = 0;
    int fired = 0;
    const auto firedEnough = [&](const std::vector<TraceEvent> &events) {
        for (; scanned < events.size(); ++scanned) {
            const TraceEvent &event = events[scanned];
            if (event.kind == EventKind::DispatchTimeoutBegin && event.has(TraceField::Timer) && event.timer == timer)
                ++fired;
        }
        return fired >= fires;
    };
    // In slices, so that the end of the run is noticed.
    while (!stop.stopped() && !context.aborted()) {
        if (context.monitor.waitUntil(firedEnough, std::chrono::milliseconds(100)))
            return true;
    }
    return false;
}

// Adds, changes and removes the scenario's extra timers on the daemon's loop, at
// their times, from a thread of its own (so each change also wakes the loop).
void runTimers(RunContext &context, TimerStop &stop, std::chrono::steady_clock::time_point start)
{
    ThreadNames::setCurrent("timers");
    struct Action
    {
        std::chrono::milliseconds at;
        const ScenarioTimer *timer;
        const TimerChange *change; // null: the timer's creation
    };
    std::vector<Action> actions;
    for (const ScenarioTimer &timer : context.scenario.timers) {
        actions.push_back({timer.start, &timer, nullptr});
        for (const TimerChange &change : timer.changes)
            actions.push_back({timer.start + change.at, &timer, &change});
    }
    std::stable_sort(actions.begin(), actions.end(), [](const Action &a, const Action &b) { return a.at < b.at; });
    std::map<const ScenarioTimer *, int> ids;
    EventPoll &loop = context.server->loop();
    for (const Action &action : actions) {
        if (!stop.sleepUntil(context, start + action.at))
            return;
        if (!action.change) {
            ids[action.timer] = loop.addTimeout(action.timer->frequency, onScenarioTimer, nullptr, nullptr,
                                                internString(action.timer->name), CallbackRole::ScenarioTimer);
            continue;
        }
        if (action.change->afterFires && !waitForFires(context, stop, ids[action.timer], *action.change->afterFires))
            return;
        if (action.change->remove) {
            loop.removeTimeout(ids[action.timer]);
        } else if (action.change->frequency) {
            loop.updateTimeout(ids[action.timer], *action.change->frequency);
        }
    }
}

} // namespace

ScenarioRunner::ScenarioRunner(const Scenario &scenario, ScenarioRunOptions options)
    : m_context(std::make_unique<RunContext>(scenario, std::move(options)))
{
}

ScenarioRunner::~ScenarioRunner() = default;

StepControl &ScenarioRunner::stepControl()
{
    return m_context->server->loop().stepControl();
}

LoopState ScenarioRunner::loopState() const
{
    return m_context->server->loop().state();
}

const std::string &ScenarioRunner::folder() const
{
    return m_context->folder;
}

std::string ScenarioRunner::socketPath() const
{
    return m_context->server->unixSocketPath(false);
}

void ScenarioRunner::abort()
{
    m_context->abort();
    // A held loop must be let go, or the daemon could not stop.
    stepControl().resume();
}

ScenarioRunResult ScenarioRunner::run()
{
    RunContext &context = *m_context;
    const Scenario &scenario = context.scenario;
    ScenarioRunResult result;
    ThreadNames::setCurrent("main");
    context.monitor.start();
    // Hold the event thread at its first iteration while the listeners are enabled:
    // the loop is then certainly not running, so every thread's trace of the
    // start-up is the same on every run (and the app can start paused).
    const bool holdAtStart = scenario.deterministic || context.options.startPaused;
    const uint64_t holdsBefore = stepControl().holds();
    if (holdAtStart)
        stepControl().pause();
    if (context.folder.empty() || !context.server->start()) {
        result.setupError = context.folder.empty() ? "cannot create a folder for the scenario's sockets"
                                                   : "the daemon cannot start: " + context.server->error();
        stepControl().resume();
        context.monitor.stop();
        result.session.events = context.monitor.takeEvents();
        result.session.threadNames = ThreadNames::snapshot();
        result.session.source = scenario.file;
        return result;
    }

    if (holdAtStart && !context.options.startPaused) {
        stepControl().waitForHold(holdsBefore, std::chrono::seconds(10));
        stepControl().resume();
    }

    if (scenario.realLibvirtd && !RealLibvirtd::findProgram()) {
        // Said in the trace, as a missing virsh is: the real half will not run.
        if (auto note = context.tracer.probe<EventKind::Note>()) {
            note->setReason(EventReason::CommandNotInstalled);
            note->setText(internString(std::string("libvirtd (package ") + RealLibvirtd::kPackage + ")"));
        }
    }
    const auto start = context.loopNow();
    std::vector<std::unique_ptr<ScriptedClient>> clients;
    std::vector<std::chrono::milliseconds> starts;
    for (const ScenarioClient &spec : scenario.clients) {
        for (int i = 0; i < spec.burst; ++i) {
            const std::string name = spec.burst == 1 ? spec.name : spec.name + "-" + std::to_string(i + 1);
            clients.push_back(std::make_unique<ScriptedClient>(context, spec, name));
            starts.push_back(spec.start + spec.stagger * i);
        }
    }
    TimerStop timerStop;
    std::thread timers([&] { runTimers(context, timerStop, start); });
    std::vector<std::thread> threads;
    for (size_t i = 0; i < clients.size(); ++i)
        threads.emplace_back([&, i] { clients[i]->run(starts[i]); });

    // A watchdog ends a run that takes longer than the scenario allows.
    std::mutex doneLock;
    std::condition_variable doneSignal;
    bool done = false;
    std::thread watchdog([&] {
        std::unique_lock lock(doneLock);
        if (context.options.interactive) {
            doneSignal.wait(lock, [&] { return done; });
            return;
        }
        if (!doneSignal.wait_for(lock, scenario.timeout, [&] { return done; })) {
            context.fail({scenario.file, 1, 1}, "the scenario did not finish within "
                                                    + std::to_string(scenario.timeout.count()) + " ms");
            abort();
            for (auto &client : clients)
                client->interrupt();
        }
    });
    for (std::thread &thread : threads)
        thread.join();
    {
        std::lock_guard guard(doneLock);
        done = true;
    }
    doneSignal.notify_all();
    watchdog.join();
    timerStop.stop();
    timers.join();

    stepControl().resume();
    if (scenario.deterministic && !context.aborted()) {
        // Let the daemon finish with every client that hung up, and go back to sleep
        // in poll(), before the shutdown request arrives: otherwise the two may meet in
        // one poll() on one run and not on the next.
        context.monitor.waitUntil(daemonSettled, std::chrono::seconds(10));
    }
    context.server->requestShutdown();
    context.server->waitForShutdown();
    context.restoreFdLimit();
    context.monitor.stop();

    result.session.events = context.monitor.takeEvents();
    result.session.threadNames = ThreadNames::snapshot();
    result.session.source = scenario.file;
    if (scenario.realLibvirtd && !context.aborted())
        result.realLibvirtd = runAgainstRealLibvirtd(context);
    result.failures = context.takeFailures();
    const std::vector<ScenarioFailure> unmet = checkExpectations(scenario, result.session.events, context.clients);
    result.failures.insert(result.failures.end(), unmet.begin(), unmet.end());
    result.expectationsChecked = int(scenario.expectations.size());
    if (scenario.focus) {
        const ConditionMatcher focus(*scenario.focus, context.clients);
        for (const TraceEvent &event : result.session.events) {
            if (focus.matches(event)) {
                result.focusSeq = event.seq;
                break;
            }
        }
    }
    for (const TraceEvent &event : result.session.events)
        result.clientActions += event.kind == EventKind::ClientAction;
    return result;
}

} // namespace pollscope
