#include "tracer.h"

#include "threadnames.h"

namespace pollscope {

namespace {
thread_local uint64_t t_currentFlow = 0;
} // namespace

Tracer::Record Tracer::recordSlow(EventKind kind)
{
    const TraceBuffer::Reservation reservation = m_buffer.reserve();
    TraceEvent &event = *reservation.slot;
    event.timeNs = TraceClock::stamp();
    event.flow = t_currentFlow;
    event.text = nullptr;
    event.site = nullptr;
    event.kind = kind;
    event.reason = EventReason::None;
    event.thread = ThreadNames::currentId();
    event.present = 0;
    return Record(reservation);
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
