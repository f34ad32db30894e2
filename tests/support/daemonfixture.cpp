#include "daemonfixture.h"

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

namespace pollscope::test {

DaemonFixture::DaemonFixture(const std::function<void(DaemonConfig &)> &configure, const Clock &clock)
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
    m_server = std::make_unique<Server>(m_tracer, config, clock);
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

int DaemonFixture::stepUntil(EventKind kind, const TraceLog::Predicate &matches, int from,
                             std::chrono::milliseconds timeout)
{
    // Wakes a poll() that would outlast the deadline; the loop then checks once more.
    std::mutex lock;
    std::condition_variable changed;
    bool done = false;
    bool expired = false;
    std::thread watchdog([&] {
        std::unique_lock guard(lock);
        if (!changed.wait_for(guard, timeout, [&] { return done; })) {
            expired = true;
            m_server->loop().interrupt();
        }
    });
    int index = -1;
    for (;;) {
        drain();
        index = m_log.indexOf(kind, matches, from);
        if (index >= 0)
            break;
        {
            std::lock_guard guard(lock);
            if (expired)
                break;
        }
        if (!m_server->runOnce()) {
            drain();
            index = m_log.indexOf(kind, matches, from);
            break;
        }
    }
    {
        std::lock_guard guard(lock);
        done = true;
    }
    changed.notify_all();
    watchdog.join();
    return index;
}

} // namespace pollscope::test
