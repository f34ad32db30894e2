#include "tracer.h"

#include "threadnames.h"

#include <cstddef>
#include <cstring>
#include <type_traits>

namespace pollscope {

namespace {
thread_local uint64_t t_currentFlow = 0;
} // namespace

Tracer::Record Tracer::recordSlow(EventKind kind)
{
    TraceGate *gate = m_gate.load(std::memory_order_acquire);
    const bool gated = gate && gate->mayHold(kind);
    const TraceBuffer::Reservation reservation = gated ? TraceBuffer::Reservation{new TraceEvent(), 0} : m_buffer.reserve();
    TraceEvent &event = *reservation.slot;
    event.timeNs = TraceClock::stamp();
    event.flow = t_currentFlow;
    event.text = nullptr;
    event.site = nullptr;
    event.kind = kind;
    event.reason = EventReason::None;
    event.thread = ThreadNames::currentId();
    event.present = 0;
    if (gated)
        return Record(reservation.slot, this);
    return Record(reservation);
}

void Tracer::recordPastGate(std::unique_ptr<TraceEvent> event)
{
    TraceGate *gate = m_gate.load(std::memory_order_acquire);
    if (gate && gate->holdBack(*event))
        event->timeNs = TraceClock::stamp(); // recorded now, after what others did meanwhile
    // Every field but seq, which publishes the slot and so is written last, atomically.
    static_assert(std::is_trivially_copyable_v<TraceEvent> && offsetof(TraceEvent, seq) == 0);
    constexpr size_t kAfterSeq = sizeof(TraceEvent::seq);
    const TraceBuffer::Reservation reservation = m_buffer.reserve();
    std::memcpy(reinterpret_cast<char *>(reservation.slot) + kAfterSeq, reinterpret_cast<const char *>(event.get()) + kAfterSeq,
                sizeof(TraceEvent) - kAfterSeq);
    TraceBuffer::publish(reservation);
}

size_t Tracer::drain(std::vector<TraceEvent> &out, size_t max)
{
    const size_t first = out.size();
    const size_t moved = m_buffer.drain(out, max);
    m_clock.toNanoseconds(std::span(out).subspan(first));
    return moved;
}

TraceSession Tracer::takeSession(std::string source)
{
    TraceSession session;
    drain(session.events);
    session.threadNames = ThreadNames::snapshot();
    session.source = std::move(source);
    return session;
}

FlowScope::FlowScope(uint64_t flow)
    : m_saved(t_currentFlow)
{
    t_currentFlow = flow;
}

FlowScope::~FlowScope()
{
    t_currentFlow = m_saved;
}

uint64_t FlowScope::current()
{
    return t_currentFlow;
}

} // namespace pollscope
