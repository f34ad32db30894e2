// The trace stream: every step of the loop and the daemon is recorded here.
//
// Recording costs one relaxed load when tracing is off. When it is on, an event
// is written straight into its slot of a lock-free buffer (see TraceBuffer), so
// any number of threads can emit at once and nothing is lost or reordered. A
// single consumer (an exporter, the GUI adapter) drains the buffer in batches.
//
// With a bound (setBound), memory stays fixed however far the consumer lags: per the
// policy, producers wait or their events are dropped. Drops are counted per thread,
// and the thread's next event is preceded by a `trace_lost` event carrying the count
// (in `length`), so the gap shows where it is.
#pragma once

#include "tracebuffer.h"
#include "traceclock.h"
#include "tracesession.h"

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace pollscope {

class Tracer
{
public:
    Tracer() = default;
    ~Tracer();
    Tracer(const Tracer &) = delete;
    Tracer &operator=(const Tracer &) = delete;

    bool isEnabled() const { return m_enabled.load(std::memory_order_relaxed); }
    void setEnabled(bool enabled) { m_enabled.store(enabled, std::memory_order_relaxed); }

    // An event being written. It is published when the Record goes out of scope.
    // An empty Record (tracing off) converts to false; fill it only when true.
    class Record
    {
    public:
        Record() = default;
        Record(Record &&other) noexcept : m_reservation(other.m_reservation) { other.m_reservation.slot = nullptr; }
        Record(const Record &) = delete;
        Record &operator=(const Record &) = delete;
        Record &operator=(Record &&) = delete;
        ~Record()
        {
            if (m_reservation.slot)
                TraceBuffer::publish(m_reservation);
        }

        explicit operator bool() const { return m_reservation.slot != nullptr; }
        TraceEvent *operator->() const { return m_reservation.slot; }
        TraceEvent &operator*() const { return *m_reservation.slot; }

    private:
        friend class Tracer;
        explicit Record(TraceBuffer::Reservation reservation) : m_reservation(reservation) {}
        TraceBuffer::Reservation m_reservation{nullptr, 0};
    };

    Record record(EventKind kind)
    {
        if (!isEnabled())
            return {};
        return recordSlow(kind);
    }

    // Caps the events waiting for the consumer (0: no cap); before recording starts.
    void setBound(size_t events, TracePolicy policy);
    // The bound that fits a memory budget of `bytes`.
    static size_t eventsForBytes(size_t bytes);
    // The consumer is about to stop: no producer waits any more; what does not fit is lost.
    void close() { m_buffer.close(); }
    // Events dropped so far, all threads.
    uint64_t lostEvents() const { return m_lostTotal.load(std::memory_order_relaxed); }
    int waitingProducers() const { return m_buffer.waitingProducers(); }
    // Takes the drops not yet reported by a `trace_lost` event, by thread id, and
    // counts the events still published but not drained as lost too (without reading
    // them out): for a consumer that has run out of time.
    std::vector<std::pair<uint16_t, uint64_t>> takeUnreportedLosses(bool discardBacklog);

    // A fresh causal-chain id.
    uint64_t newFlow() { return m_nextFlow.fetch_add(1, std::memory_order_relaxed) + 1; }

    // Moves up to `max` recorded events to `out`; one consumer at a time.
    // Their times are CLOCK_MONOTONIC nanoseconds by then (see TraceClock).
    size_t drain(std::vector<TraceEvent> &out, size_t max = SIZE_MAX);
    // Drains everything recorded so far into a session with the thread names.
    TraceSession takeSession(std::string source);

private:
    Record recordSlow(EventKind kind);
    TraceBuffer::Reservation reserveCounted(uint16_t thread);
    void fill(TraceEvent &event, EventKind kind, uint16_t thread);

    std::atomic<bool> m_enabled{true};
    std::atomic<uint64_t> m_nextFlow{0};
    TraceBuffer m_buffer;
    TraceClock m_clock;
    // Drops not yet reported, by thread id: allocated with a bound, zero pages until used.
    uint64_t *m_lost = nullptr;
    std::atomic<uint64_t> m_lostTotal{0};
};

// The causal chain that events recorded by this thread belong to, while the
// scope lives: a worker handling a request, the accept of a client, ...
class FlowScope
{
public:
    explicit FlowScope(uint64_t flow);
    ~FlowScope();
    FlowScope(const FlowScope &) = delete;
    FlowScope &operator=(const FlowScope &) = delete;

    static uint64_t current();

private:
    uint64_t m_saved;
};

} // namespace pollscope
