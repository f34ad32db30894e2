#include "tracer.h"

#include "threadnames.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <span>
#include <type_traits>

namespace pollscope {

namespace {

thread_local uint64_t t_currentFlow = 0;

constexpr size_t kThreadIds = size_t(std::numeric_limits<uint16_t>::max()) + 1;

std::atomic_ref<uint64_t> lostOf(uint64_t *lost, uint16_t thread)
{
    return std::atomic_ref<uint64_t>(lost[thread]);
}

} // namespace

Tracer::~Tracer()
{
    std::free(m_lost);
    std::free(m_firstLostStamp);
}

void Tracer::setBound(size_t events, TracePolicy policy)
{
    m_buffer.setBound(events, policy);
    if (events && !m_lost) {
        m_lost = static_cast<uint64_t *>(std::calloc(kThreadIds, sizeof(uint64_t)));
        m_firstLostStamp = static_cast<int64_t *>(std::calloc(kThreadIds, sizeof(int64_t)));
        if (!m_lost || !m_firstLostStamp)
            throw std::bad_alloc();
    }
}

size_t Tracer::eventsForBytes(size_t bytes)
{
    return std::max<size_t>(bytes / sizeof(TraceSlot), 1);
}

template<typename Event>
void Tracer::fill(Event &event, EventKind kind, uint16_t thread)
{
    event.timeNs = TraceClock::stamp();
    event.flow = t_currentFlow;
    event.text = nullptr;
    event.kind = kind;
    event.reason = EventReason::None;
    event.thread = thread;
    event.present = 0;
}

inline TraceBuffer::Reservation Tracer::reserveCounted(uint16_t thread)
{
    const TraceBuffer::Reservation reservation = m_buffer.reserve();
    if (!reservation.slot) {
        // The first drop of the thread's gap. Threads that share a name share the
        // id, and then the stamp, hence atomic.
        if (lostOf(m_lost, thread).fetch_add(1, std::memory_order_relaxed) == 0)
            std::atomic_ref<int64_t>(m_firstLostStamp[thread]).store(TraceClock::stamp(), std::memory_order_relaxed);
        m_lostTotal.fetch_add(1, std::memory_order_relaxed);
    }
    return reservation;
}

bool Tracer::recordGap(uint16_t thread)
{
    const uint64_t lost = lostOf(m_lost, thread).exchange(0, std::memory_order_relaxed);
    if (!lost)
        return true;
    const TraceBuffer::Reservation gap = m_buffer.reserve();
    if (!gap.slot) {
        lostOf(m_lost, thread).fetch_add(lost + 1, std::memory_order_relaxed);
        m_lostTotal.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    fill(*gap.slot, EventKind::TraceLost, thread);
    // In seq order where the thread goes on, in time where its gap began.
    gap.slot->timeNs = std::atomic_ref<int64_t>(m_firstLostStamp[thread]).load(std::memory_order_relaxed);
    gap.slot->set<EventKind::TraceLost, TraceField::LengthIndex>(int64_t(lost));
    TraceBuffer::publish(gap);
    return true;
}

inline TraceBuffer::Reservation Tracer::reserveAfterGap(uint16_t thread)
{
    // The first event after a gap: say first how many were lost in it.
    if (m_lost && lostOf(m_lost, thread).load(std::memory_order_relaxed) != 0 && !recordGap(thread))
        return {nullptr, 0};
    return m_lost ? reserveCounted(thread) : m_buffer.reserve();
}

Tracer::SlotRecord Tracer::reserveSlotSlow(EventKind kind)
{
    const uint16_t thread = ThreadNames::currentId();
    if (TraceGate *gate = m_gate.load(std::memory_order_acquire); gate && gate->mayHold(kind)) {
        // Filled apart: it takes its place in the buffer once complete (recordPastGate).
        auto *staged = new TraceSlot();
        fill(*staged, kind, thread);
        return SlotRecord(staged, this);
    }
    const TraceBuffer::Reservation reservation = reserveAfterGap(thread);
    if (!reservation.slot)
        return {};
    fill(*reservation.slot, kind, thread);
    return SlotRecord(reservation);
}

void Tracer::recordPastGate(std::unique_ptr<TraceSlot> staged)
{
    TraceGate *gate = m_gate.load(std::memory_order_acquire);
    if (gate) {
        TraceEvent event;
        staged->unpackInto(event);
        if (gate->holdBack(event))
            staged->timeNs = TraceClock::stamp(); // recorded now, after what others did meanwhile
    }
    const TraceBuffer::Reservation reservation = reserveAfterGap(staged->thread);
    if (!reservation.slot)
        return;
    // Every member but seq, which publishes the slot and so is written last, atomically.
    static_assert(std::is_trivially_copyable_v<TraceSlot> && offsetof(TraceSlot, seq) == 0);
    constexpr size_t kAfterSeq = sizeof(TraceSlot::seq);
    std::memcpy(reinterpret_cast<char *>(reservation.slot) + kAfterSeq,
                reinterpret_cast<const char *>(staged.get()) + kAfterSeq, sizeof(TraceSlot) - kAfterSeq);
    TraceBuffer::publish(reservation);
}

Tracer::Record Tracer::record(EventKind kind)
{
    if (!isEnabled())
        return {};
    Record record(this);
    fill(record.m_event, kind, ThreadNames::currentId());
    record.m_event.site = nullptr;
    return record;
}

void Tracer::commit(TraceEvent &event)
{
    TraceGate *gate = m_gate.load(std::memory_order_acquire);
    if (gate && gate->mayHold(event.kind) && gate->holdBack(event))
        event.timeNs = TraceClock::stamp(); // recorded now, after what others did meanwhile
    const TraceBuffer::Reservation reservation = reserveAfterGap(event.thread);
    if (!reservation.slot)
        return;
    reservation.slot->packFrom(event);
    TraceBuffer::publish(reservation);
}

std::vector<Tracer::UnreportedLoss> Tracer::takeUnreportedLosses(bool discardBacklog)
{
    // By thread id: how many, and the stamp of the first (its gap begins there).
    std::map<uint16_t, std::pair<uint64_t, int64_t>> byThread;
    const auto note = [&byThread](uint16_t thread, uint64_t count, int64_t stamp) {
        const auto [entry, added] = byThread.try_emplace(thread, count, stamp);
        if (!added) {
            entry->second.first += count;
            entry->second.second = std::min(entry->second.second, stamp);
        }
    };
    if (discardBacklog) {
        uint64_t gapsDiscarded = 0;
        const size_t discarded = m_buffer.discard([&](const TraceSlot &slot) {
            if (slot.kind != EventKind::TraceLost) {
                note(slot.thread, 1, slot.timeNs);
                return;
            }
            // Its drops are in the total already; now they go in with the backlog's.
            ++gapsDiscarded;
            note(slot.thread, uint64_t(slot.get<EventKind::TraceLost, TraceField::LengthIndex, int64_t>()), slot.timeNs);
        });
        m_lostTotal.fetch_add(discarded - gapsDiscarded, std::memory_order_relaxed);
    }
    if (m_lost) {
        for (size_t thread = 0; thread < kThreadIds; ++thread) {
            // Read before taken: an exchange would write, and so map, every page of the counts.
            if (lostOf(m_lost, uint16_t(thread)).load(std::memory_order_relaxed) == 0)
                continue;
            if (const uint64_t lost = lostOf(m_lost, uint16_t(thread)).exchange(0, std::memory_order_relaxed))
                note(uint16_t(thread), lost, std::atomic_ref<int64_t>(m_firstLostStamp[thread]).load(std::memory_order_relaxed));
        }
    }
    TraceClock::Conversion toNanoseconds = m_clock.startConversion();
    std::vector<UnreportedLoss> losses;
    for (const auto &[thread, loss] : byThread)
        losses.push_back({thread, loss.first, toNanoseconds(loss.second, thread)});
    return losses;
}

size_t Tracer::drain(std::vector<TraceEvent> &out, size_t max)
{
    const size_t first = out.size();
    const size_t moved = m_buffer.drain(out, max);
    TraceClock::Conversion toNanoseconds = m_clock.startConversion();
    for (TraceEvent &event : std::span(out).subspan(first))
        event.timeNs = toNanoseconds(event.timeNs, event.thread);
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
