#include "reallibvirtdrun.h"

#include "runcontext.h"
#include "runstep.h"

#include "import/libvirtdlog.h"
#include "import/reallibvirtd.h"

#include <algorithm>
#include <thread>

namespace pollscope {

namespace {

class RealClient
{
public:
    RealClient(RunContext &context, const RealLibvirtd &daemon, std::string name)
        : m_context(context), m_daemon(daemon), m_name(std::move(name))
    {
    }

    void run(const ScenarioClient &spec, std::chrono::milliseconds start)
    {
        if (m_context.sleepFor(start))
            runSteps(spec.steps);
    }

private:
    bool runSteps(const StepList &steps)
    {
        for (const ScenarioStep &step : steps) {
            if (m_context.aborted())
                return false;
            if (m_context.options.onStep)
                m_context.options.onStep(step, m_name);
            bool went = true;
            if (const auto *run = std::get_if<steps::Run>(&step.action)) {
                went = runCommand(step, *run);
            } else if (const auto *sleep = std::get_if<steps::Sleep>(&step.action)) {
                went = m_context.sleepFor(sleep->duration);
            } else if (const auto *repeat = std::get_if<steps::Repeat>(&step.action)) {
                for (int i = 0; went && i < repeat->times; ++i)
                    went = runSteps(repeat->steps);
            }
            if (!went)
                return false;
        }
        return true;
    }

    bool runCommand(const ScenarioStep &step, const steps::Run &run)
    {
        // Skipped where the program is missing, as against the replica.
        const auto path = findExecutable(run.program);
        if (!path)
            return true;
        const std::string socket = m_daemon.socketPath();
        const std::vector<std::string> arguments =
            substitutePlaceholders(run, {{"{uri}", m_daemon.uri()}, {"{socket}", socket}, {"{socket-ro}", socket + "-ro"}});
        const std::string commandLine = commandLineOf(run, arguments);
        const CommandResult result = runExternalCommand(
            *path, arguments, commandEnvironment(m_context.folder + "/home-real-" + m_name), run.timeout);
        if (const std::string failure = commandFailure(run, commandLine, result); !failure.empty()) {
            m_context.fail(step.where, "against the real libvirtd: " + failure);
            return false;
        }
        return true;
    }

    RunContext &m_context;
    const RealLibvirtd &m_daemon;
    std::string m_name;
};

} // namespace

RealLibvirtdResult runAgainstRealLibvirtd(RunContext &context)
{
    const Scenario &scenario = context.scenario;
    RealLibvirtdResult outcome;
    outcome.installed = RealLibvirtd::findProgram().has_value();
    if (!outcome.installed || !scenario.realLibvirtd)
        return outcome;
    RealLibvirtd daemon;
    if (const Result<void> started = daemon.start(); !started) {
        context.fail(scenario.realLibvirtd->where, "the real libvirtd did not start: " + started.error().message);
        return outcome;
    }
    std::vector<std::unique_ptr<RealClient>> clients;
    std::vector<std::thread> threads;
    for (const ScenarioClient &spec : scenario.clients) {
        const auto &names = scenario.realLibvirtd->clients;
        if (std::find(names.begin(), names.end(), spec.name) == names.end())
            continue;
        for (int i = 0; i < spec.burst; ++i) {
            const std::string name = spec.burst == 1 ? spec.name : spec.name + "-" + std::to_string(i + 1);
            clients.push_back(std::make_unique<RealClient>(context, daemon, name));
            threads.emplace_back([&spec, &client = *clients.back(), start = spec.start + spec.stagger * i] {
                client.run(spec, start);
            });
        }
    }
    for (std::thread &thread : threads)
        thread.join();
    // Its log is whole once it has quit: the last clients' disposal is in it.
    daemon.quit();
    Result<LibvirtdLogImport> imported = importLibvirtdLog(daemon.logPath());
    daemon.stop();
    if (!imported) {
        context.fail(scenario.realLibvirtd->where, "the real libvirtd's log: " + imported.error().describe());
        return outcome;
    }
    outcome.session = std::move(imported->session);
    outcome.logProblem = std::move(imported->problem);
    outcome.ran = true;
    return outcome;
}

} // namespace pollscope
