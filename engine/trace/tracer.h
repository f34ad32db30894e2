// The trace stream: every step of the loop and the daemon is recorded here.
//
// Recording costs one relaxed load when tracing is off. When it is on, an event
// is written straight into its slot of a lock-free buffer (see TraceBuffer), so
// any number of threads can emit at once and nothing is lost or reordered. A
// single consumer (an exporter, the GUI adapter) drains the buffer in batches.
#pragma once

#include "tracebuffer.h"
#include "traceclock.h"
#include "tracesession.h"

#include <atomic>
#include <cstdint>

namespace pollscope {

class Tracer
{
public:
    Tracer() = default;
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

    // A fresh causal-chain id.
    uint64_t newFlow() { return m_nextFlow.fetch_add(1, std::memory_order_relaxed) + 1; }

    // Moves up to `max` recorded events to `out`; one consumer at a time.
    // Their times are CLOCK_MONOTONIC nanoseconds by then (see TraceClock).
    size_t drain(std::vector<TraceEvent> &out, size_t max = SIZE_MAX);
    // Drains everything recorded so far into a session with the thread names.
    TraceSession takeSession(std::string source);

private:
    Record recordSlow(EventKind kind);

    std::atomic<bool> m_enabled{true};
    std::atomic<uint64_t> m_nextFlow{0};
    TraceBuffer m_buffer;
    TraceClock m_clock;
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
