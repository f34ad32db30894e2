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
#include <memory>
#include <utility>
#include <vector>

namespace pollscope {

// Holds an event back before it is recorded: the app's questions ask the learner to
// predict a step, and that step must be in no view until they have answered. Events
// of the kinds a gate may hold now are filled off the buffer and shown to the gate
// once complete, so they take their place in the order when their Record ends rather
// than when it begins; a gate that holds one blocks the recording thread until it
// lets go, and the event is then recorded, stamped at that moment, after every event
// the other threads recorded meanwhile.
template<EventKind Kind>
class Probe;

class TraceGate
{
public:
    virtual ~TraceGate() = default;
    // Any thread; cheap: whether an event of this kind could be held.
    virtual bool mayHold(EventKind kind) const = 0;
    // The recording thread, with whatever locks it holds: returns once the event may
    // be recorded; true if it was held back meanwhile.
    virtual bool holdBack(const TraceEvent &event) = 0;
};

class Tracer
{
public:
    Tracer() = default;
    ~Tracer();
    Tracer(const Tracer &) = delete;
    Tracer &operator=(const Tracer &) = delete;

    bool isEnabled() const { return m_enabled.load(std::memory_order_relaxed); }
    void setEnabled(bool enabled) { m_enabled.store(enabled, std::memory_order_relaxed); }

    // An event being written in its buffer slot, by a probe (probe.h). It is published
    // when the SlotRecord goes out of scope. An empty one (tracing off, or the event
    // dropped) converts to false; fill it only when true.
    class SlotRecord
    {
    public:
        SlotRecord() = default;
        SlotRecord(SlotRecord &&other) noexcept
            : m_reservation(other.m_reservation)
            , m_gatedBy(other.m_gatedBy)
        {
            other.m_reservation.slot = nullptr;
            other.m_gatedBy = nullptr;
        }
        SlotRecord(const SlotRecord &) = delete;
        SlotRecord &operator=(const SlotRecord &) = delete;
        SlotRecord &operator=(SlotRecord &&) = delete;
        ~SlotRecord()
        {
            if (m_gatedBy)
                m_gatedBy->recordPastGate(std::unique_ptr<TraceSlot>(m_reservation.slot));
            else if (m_reservation.slot)
                TraceBuffer::publish(m_reservation);
        }

        explicit operator bool() const { return m_reservation.slot != nullptr; }
        TraceSlot *operator->() const { return m_reservation.slot; }

    private:
        friend class Tracer;
        explicit SlotRecord(TraceBuffer::Reservation reservation) : m_reservation(reservation) {}
        // An event a gate may hold: filled apart, recorded by recordPastGate.
        SlotRecord(TraceSlot *staged, Tracer *gatedBy) : m_reservation{staged, 0}, m_gatedBy(gatedBy) {}
        TraceBuffer::Reservation m_reservation{nullptr, 0};
        Tracer *m_gatedBy = nullptr;
    };

    // An event whose kind is picked at run time, filled in full and recorded when the
    // Record goes out of scope: it takes its place in the order then, with the time
    // it was begun. Its fields must be among its kind's (eventkind.h). Converts to
    // false when tracing is off.
    class Record
    {
    public:
        Record() = default;
        Record(Record &&other) noexcept
            : m_tracer(std::exchange(other.m_tracer, nullptr))
            , m_event(other.m_event)
        {
        }
        Record(const Record &) = delete;
        Record &operator=(const Record &) = delete;
        Record &operator=(Record &&) = delete;
        ~Record()
        {
            if (m_tracer)
                m_tracer->commit(m_event);
        }

        explicit operator bool() const { return m_tracer != nullptr; }
        TraceEvent *operator->() { return &m_event; }
        TraceEvent &operator*() { return m_event; }

    private:
        friend class Tracer;
        explicit Record(Tracer *tracer) : m_tracer(tracer) {}
        Tracer *m_tracer = nullptr;
        TraceEvent m_event;
    };

    // A step whose kind is known where it is recorded: its fields are checked when
    // compiled and written straight into the buffer (probe.h). record() is for code
    // that picks the kind at run time.
    template<EventKind Kind>
    Probe<Kind> probe();

    SlotRecord reserveSlot(EventKind kind)
    {
        if (!isEnabled())
            return {};
        return reserveSlotSlow(kind);
    }

    Record record(EventKind kind);

    // Sets the gate events pass before they are recorded, or none (nullptr). The
    // gate must outlive its use: unset it before destroying it.
    void setGate(TraceGate *gate) { m_gate.store(gate, std::memory_order_release); }

    // Caps the events waiting for the consumer (0: no cap); before recording starts.
    void setBound(size_t events, TracePolicy policy);
    // The bound that fits a memory budget of `bytes`.
    static size_t eventsForBytes(size_t bytes);
    // The consumer is about to stop: no producer waits any more; what does not fit is lost.
    void close() { m_buffer.close(); }
    // Events dropped so far, all threads.
    uint64_t lostEvents() const { return m_lostTotal.load(std::memory_order_relaxed); }
    int waitingProducers() const { return m_buffer.waitingProducers(); }
    // The events of one thread id that no `trace_lost` has reported.
    struct UnreportedLoss
    {
        uint16_t thread;
        uint64_t count;
        int64_t sinceNs; // CLOCK_MONOTONIC: when the first of them was recorded or dropped
    };
    // Takes the drops not yet reported by a `trace_lost` event, by thread id, and
    // counts the events still published but not drained as lost too (reading only
    // their thread, stamp and, for a `trace_lost`, its count): for a consumer that has
    // run out of time.
    std::vector<UnreportedLoss> takeUnreportedLosses(bool discardBacklog);

    // A fresh causal-chain id.
    uint64_t newFlow() { return m_nextFlow.fetch_add(1, std::memory_order_relaxed) + 1; }

    // Moves up to `max` recorded events to `out`; one consumer at a time.
    // Their times are CLOCK_MONOTONIC nanoseconds by then (see TraceClock).
    size_t drain(std::vector<TraceEvent> &out, size_t max = SIZE_MAX);
    // The same without the copy: hands `visit` each slot in place, and its time in
    // CLOCK_MONOTONIC nanoseconds, as visit(const TraceSlot &, int64_t timeNs).
    template<typename Visit>
    size_t drainSlots(Visit &&visit, size_t max = SIZE_MAX)
    {
        TraceClock::Conversion toNanoseconds = m_clock.startConversion();
        return m_buffer.drainSlots([&](const TraceSlot &slot) { visit(slot, toNanoseconds(slot.timeNs, slot.thread)); },
                                   max);
    }
    // Drains everything recorded so far into a session with the thread names.
    TraceSession takeSession(std::string source);

private:
    SlotRecord reserveSlotSlow(EventKind kind);
    void recordPastGate(std::unique_ptr<TraceSlot> staged);
    void commit(TraceEvent &event);
    // A slot for the thread's next event, after its `trace_lost` if it has drops to
    // report; empty if the event is dropped.
    TraceBuffer::Reservation reserveAfterGap(uint16_t thread);
    // Records the `trace_lost` of the thread's gap, if any; false if even that is dropped.
    [[gnu::cold]] bool recordGap(uint16_t thread);
    TraceBuffer::Reservation reserveCounted(uint16_t thread);
    template<typename Event>
    static void fill(Event &event, EventKind kind, uint16_t thread);

    std::atomic<bool> m_enabled{true};
    std::atomic<TraceGate *> m_gate{nullptr};
    std::atomic<uint64_t> m_nextFlow{0};
    TraceBuffer m_buffer;
    TraceClock m_clock;
    // Drops not yet reported, by thread id: allocated with a bound, zero pages until used.
    uint64_t *m_lost = nullptr;
    std::atomic<uint64_t> m_lostTotal{0};
    // When each thread's current gap began (a TraceClock stamp), for its trace_lost.
    int64_t *m_firstLostStamp = nullptr;
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

// Tracer::probe() and the Probe it returns.
#include "probe.h"
