#include "daemonfixture.h"

#include <cstdlib>
#include <filesystem>
#include <thread>

namespace pollscope::test {

DaemonFixture::DaemonFixture(const std::function<void(DaemonConfig &)> &configure)
{
    char pattern[] = "/tmp/pollscope-test-XXXXXX";
    m_folder = ::mkdtemp(pattern);
    DaemonConfig config;
    ListenAddress rw;
    rw.path = socketPath();
    ListenAddress ro;
    ro.path = readonlySocketPath();
    ro.readonly = true;
    config.listen = {rw, ro};
    config.keepaliveIntervalMs = 0;
    if (configure)
        configure(config);
    m_server = std::make_unique<Server>(m_tracer, config);
}

DaemonFixture::~DaemonFixture()
{
    shutdown();
    m_server.reset();
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
}

bool DaemonFixture::start()
{
    return m_server->start();
}

void DaemonFixture::shutdown()
{
    if (m_server && m_server->isRunning()) {
        m_server->requestShutdown();
        m_server->waitForShutdown();
    }
    drain();
}

int DaemonFixture::waitFor(EventKind kind, const TraceLog::Predicate &matches, int from,
                           std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        drain();
        const int index = m_log.indexOf(kind, matches, from);
        if (index >= 0)
            return index;
        if (std::chrono::steady_clock::now() >= deadline)
            return -1;
        // Wait for the daemon to record more: a condition polled, not a guess.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace pollscope::test
