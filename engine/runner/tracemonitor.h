// Watches a running scenario's trace: a thread drains the tracer every few
// milliseconds, keeps every event, hands each batch to a listener (the app's
// timeline), and wakes the steps that wait for a trace condition.
#pragma once

#include "trace/tracer.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pollscope {

class TraceMonitor
{
public:
    using BatchListener = std::function<void(const std::vector<TraceEvent> &)>;
    // Returns true when the events seen so far satisfy what the caller waits for.
    using Predicate = std::function<bool(const std::vector<TraceEvent> &)>;

    // With `keepEvents` false the monitor only forwards batches (a long live daemon
    // session); waits and takeEvents() then see nothing.
    TraceMonitor(Tracer &tracer, BatchListener listener, bool keepEvents = true);
    ~TraceMonitor();

    // Before start(): the thread drains only while `ready` returns true, so that a
    // listener that falls behind (the GUI) leaves events in the tracer, whose bound
    // then decides: in drop mode they are let go and counted (trace_lost) there,
    // instead of piling up past any budget on the listener's side.
    void setReady(std::function<bool()> ready) { m_ready = std::move(ready); }

    void start();
    // Drains what is left and stops the thread.
    void stop();

    // Waits until `satisfied` holds for the events so far; false on timeout or abort.
    bool waitUntil(const Predicate &satisfied, std::chrono::milliseconds timeout);
    // Wakes every waiter for good (the run is being aborted).
    void abortWaits();
    // Runs `read` on the events so far, under the monitor's lock.
    void inspect(const std::function<void(const std::vector<TraceEvent> &)> &read);
    // Every event, once stopped.
    std::vector<TraceEvent> takeEvents();

private:
    void drainOnce();

    Tracer &m_tracer;
    BatchListener m_listener;
    std::function<bool()> m_ready;
    std::thread m_thread;
    std::mutex m_lock;
    std::condition_variable m_changed;
    std::vector<TraceEvent> m_events;
    bool m_keepEvents;
    bool m_stopping = false;
    bool m_aborted = false;
    std::mutex m_drainLock; // one drainer at a time: the tracer has a single consumer
};

} // namespace pollscope
