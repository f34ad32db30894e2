#include "runcontext.h"

#include "loopquiescence.h"

#include "trace/stringpool.h"
#include "trace/threadnames.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace pollscope {

namespace {

std::string makeFolder()
{
    char pattern[] = "/tmp/pollscope-scenario-XXXXXX";
    const char *folder = ::mkdtemp(pattern);
    return folder ? folder : std::string();
}

DaemonConfig daemonConfigFor(const Scenario &scenario, const std::string &folder)
{
    const ScenarioDaemon &spec = scenario.daemon;
    DaemonConfig config;
    int unixRw = 0;
    int unixRo = 0;
    for (const ScenarioListener &listener : spec.listen) {
        ListenAddress address;
        if (listener.transport == Transport::Tcp) {
            address.transport = listener.tls ? ListenAddress::Transport::Tls : ListenAddress::Transport::Tcp;
            address.host = listener.host;
            address.port = listener.port;
        } else {
            address.readonly = listener.transport == Transport::UnixReadOnly;
            int &count = address.readonly ? unixRo : unixRw;
            // libvirtd's names, in the scenario's own folder.
            address.path = !listener.path.empty()
                ? listener.path
                : folder + (address.readonly ? "/libvirt-sock-ro" : "/libvirt-sock")
                    + (count > 0 ? "-" + std::to_string(count + 1) : std::string());
            ++count;
        }
        config.listen.push_back(address);
    }
    config.pkiDirectory = spec.pkiDirectory;
    config.tlsNoVerifyCertificate = spec.tlsNoVerifyCertificate;
    config.minWorkers = spec.minWorkers;
    config.maxWorkers = spec.maxWorkers;
    config.maxClients = spec.maxClients;
    config.maxClientRequests = spec.maxClientRequests;
    config.maxMessageLength = spec.maxMessage;
    config.keepaliveIntervalMs = spec.keepaliveIntervalMs;
    config.keepaliveCount = spec.keepaliveCount;
    config.timeoutSeconds = spec.timeoutSeconds;
    config.workerDelayMs = spec.workerDelayMs;
    return config;
}

} // namespace

RunContext::RunContext(const Scenario &scenario, ScenarioRunOptions options)
    : scenario(scenario)
    , options(std::move(options))
    , folder(makeFolder())
    , monitor(tracer, this->options.onEvents)
{
    DaemonConfig config = daemonConfigFor(scenario, folder);
    if (scenario.deterministic) {
        // Workers answer only while the loop sleeps in poll(), as its trace shows:
        // with one worker, each thread then records the same events in the same
        // order on every run.
        config.beforeWorkerDispatch = [this](const MessageHeader &) {
            const uint16_t worker = ThreadNames::currentId();
            const uint64_t flow = FlowScope::current();
            monitor.waitUntil(
                [worker, flow](const std::vector<TraceEvent> &events) { return loopAsleepDuringCall(events, worker, flow); },
                std::chrono::seconds(5));
        };
    }
    if (this->options.onAsk) {
        // Set before the daemon exists: a question may be about its very first steps.
        questions = std::make_unique<QuestionGate>(scenario, clients, tracer, this->options.onAsk);
        if (questions->isNeeded())
            tracer.setGate(questions.get());
        else
            questions.reset();
    }
    server = std::make_unique<Server>(tracer, std::move(config));
    if (questions)
        questions->setStepControl(&server->loop().stepControl());
}

RunContext::~RunContext()
{
    restoreFdLimit();
    server.reset();
    tracer.setGate(nullptr);
    if (!folder.empty()) {
        // Only what the run put there: sockets, and the HOME of external commands.
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }
}

void RunContext::abort()
{
    m_aborted = true;
    {
        std::lock_guard guard(m_lock);
    }
    m_abortSignal.notify_all();
    monitor.abortWaits();
    // A thread held for a question would keep the daemon from stopping.
    if (questions)
        questions->releaseAll();
}

std::chrono::steady_clock::time_point RunContext::loopNow() const
{
    const auto held = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        server->loop().stepControl().heldTime());
    return std::chrono::steady_clock::now() - held;
}

bool RunContext::sleepFor(std::chrono::milliseconds duration)
{
    const auto end = loopNow() + duration;
    std::unique_lock lock(m_lock);
    // While the loop is held the loop clock stands still: each wait then ends with
    // loop time still left, and the next one waits for the rest.
    for (auto left = end - loopNow(); left.count() > 0; left = end - loopNow()) {
        if (m_abortSignal.wait_for(lock, left, [this] { return m_aborted.load(); }))
            return false;
    }
    return !m_aborted.load();
}

void RunContext::fail(const SourceLocation &where, std::string message, std::vector<size_t> context)
{
    std::lock_guard guard(m_lock);
    m_failures.push_back({where, std::move(message), std::move(context)});
}

std::vector<ScenarioFailure> RunContext::takeFailures()
{
    std::lock_guard guard(m_lock);
    return std::move(m_failures);
}

void RunContext::lowerFdLimit(int headroom)
{
    std::lock_guard guard(m_lock);
    rlimit current;
    if (::getrlimit(RLIMIT_NOFILE, &current) < 0)
        return;
    if (!m_savedFdLimit)
        m_savedFdLimit = current;
    // The lowest free fd number: everything below it is in use.
    const int lowestFree = ::dup(0);
    if (lowestFree < 0)
        return;
    ::close(lowestFree);
    rlimit lowered = current;
    lowered.rlim_cur = rlim_t(lowestFree + headroom);
    ::setrlimit(RLIMIT_NOFILE, &lowered);
}

void RunContext::restoreFdLimit()
{
    std::lock_guard guard(m_lock);
    if (m_savedFdLimit) {
        ::setrlimit(RLIMIT_NOFILE, &*m_savedFdLimit);
        m_savedFdLimit.reset();
    }
}

void RunContext::recordStep(const ScenarioStep &step, int daemonClient, EventReason reason,
                            const std::function<void(ClientActionProbe &)> &details)
{
    if (auto event = tracer.probe<EventKind::ClientAction>()) {
        event->setStep(step.index);
        if (daemonClient > 0)
            event->setClient(daemonClient);
        event->setReason(reason);
        if (details)
            details(event);
    }
}

} // namespace pollscope
