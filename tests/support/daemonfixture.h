// A daemon replica running in the test process on sockets in a fresh temporary
// folder, with its trace, for tests that talk to it over real sockets.
#pragma once

#include "daemon/server.h"
#include "tracelog.h"
#include "trace/tracer.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace pollscope::test {

class DaemonFixture
{
public:
    // `configure` may change the defaults: one read-write and one read-only socket,
    // 5 to 20 workers, keepalive off unless asked for. The loop's timers read `clock`.
    explicit DaemonFixture(const std::function<void(DaemonConfig &)> &configure = {},
                           const Clock &clock = Clock::monotonic());
    ~DaemonFixture();
    DaemonFixture(const DaemonFixture &) = delete;
    DaemonFixture &operator=(const DaemonFixture &) = delete;

    bool start();
    // Shuts the daemon down through its signal pipe, as SIGTERM would, and waits.
    void shutdown();

    Server &server() { return *m_server; }
    Tracer &tracer() { return m_tracer; }
    TraceLog &log() { return m_log; }
    const std::string &folder() const { return m_folder; }
    std::string socketPath() const { return m_folder + "/libvirt-sock"; }
    std::string readonlySocketPath() const { return m_folder + "/libvirt-sock-ro"; }

    // Drains the trace until an event of `kind` matching `matches` appears after
    // index `from`; returns its index in log(), or -1 on timeout.
    int waitFor(EventKind kind, const TraceLog::Predicate &matches = {}, int from = 0,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Drains everything recorded so far into log().
    void drain() { m_log.drainFrom(m_tracer); }

    // EventThread::Caller: runs passes of the loop on this thread until an event of
    // `kind` matching `matches` appears after index `from`; its index, or -1 if the
    // daemon's loop ended first or the deadline passed (an interrupt then ends the
    // poll() in progress). The trace is read between passes: an event recorded
    // before a pass's poll() is seen once that poll has returned.
    int stepUntil(EventKind kind, const TraceLog::Predicate &matches = {}, int from = 0,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

private:
    std::string m_folder;
    Tracer m_tracer;
    TraceLog m_log;
    std::unique_ptr<Server> m_server;
};

} // namespace pollscope::test
