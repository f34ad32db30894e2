#include "tracebuffer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace pollscope {

namespace {

// The sequence number doubles as the publication flag of a slot.
std::atomic_ref<uint64_t> seqOf(TraceSlot &event)
{
    return std::atomic_ref<uint64_t>(event.seq);
}

} // namespace

TraceBuffer::TraceBuffer()
    : m_chunks(new std::atomic<Chunk *>[kMaxChunks])
{
}

TraceBuffer::~TraceBuffer()
{
    for (size_t i = 0; i < kMaxChunks; ++i)
        std::free(m_chunks[i].load(std::memory_order_relaxed));
    for (Chunk *chunk : m_spare)
        std::free(chunk);
}

TraceBuffer::Chunk *TraceBuffer::takeSpareOrAllocate()
{
    {
        std::lock_guard guard(m_spareLock);
        if (!m_spare.empty()) {
            Chunk *chunk = m_spare.back();
            m_spare.pop_back();
            return chunk;
        }
    }
    // calloc: every slot's seq starts at 0, meaning "not yet published". Memory
    // that held anything else could hold the very seq the consumer waits for.
    auto *fresh = static_cast<Chunk *>(std::calloc(1, sizeof(Chunk)));
    if (!fresh)
        throw std::bad_alloc();
    return fresh;
}

void TraceBuffer::recycle(Chunk *chunk)
{
    {
        std::lock_guard guard(m_spareLock);
        if (m_spare.size() < kSpareChunks) {
            m_spare.push_back(chunk);
            return;
        }
    }
    std::free(chunk);
}

TraceBuffer::Chunk *TraceBuffer::chunkFor(uint64_t chunkIndex)
{
    if (chunkIndex - m_consumedShared.load(std::memory_order_relaxed) / kChunkEvents >= kMaxChunks) {
        // A billion events waiting in memory is far past any useful session.
        std::fputs("pollscope: trace buffer exhausted\n", stderr);
        std::abort();
    }
    std::atomic<Chunk *> &entry = m_chunks[chunkIndex % kMaxChunks];
    Chunk *chunk = entry.load(std::memory_order_acquire);
    if (chunk)
        return chunk;
    Chunk *fresh = takeSpareOrAllocate();
    if (entry.compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel))
        return fresh;
    recycle(fresh);
    return chunk;
}

void TraceBuffer::setBound(size_t events, TracePolicy policy)
{
    m_bound = events;
    m_policy = policy;
}

void TraceBuffer::close()
{
    m_closed.store(true);
    m_progress.fetch_add(1);
    m_progress.notify_all();
}

void TraceBuffer::waitForRoom(uint64_t index)
{
    // seq_cst between the waiter count and the progress counter: either the consumer
    // sees this waiter and notifies, or this waiter sees the consumer's progress.
    m_waiters.fetch_add(1);
    for (;;) {
        const uint32_t progress = m_progress.load();
        if (index < m_consumedShared.load() + m_bound || m_closed.load())
            break;
        m_progress.wait(progress);
    }
    m_waiters.fetch_sub(1);
}

TraceBuffer::Reservation TraceBuffer::reserveWithinBound()
{
    // Only take a slot there is room for, so the cap holds exactly.
    uint64_t index = m_next.load(std::memory_order_relaxed);
    do {
        if (index - m_consumedShared.load(std::memory_order_acquire) >= m_bound)
            return {nullptr, 0};
    } while (!m_next.compare_exchange_weak(index, index + 1, std::memory_order_relaxed));
    return {slotAt(index), index + 1};
}

void TraceBuffer::publishProgress()
{
    m_consumedShared.store(m_consumed);
    if (m_bound == 0)
        return;
    m_progress.fetch_add(1);
    if (m_waiters.load() > 0)
        m_progress.notify_all();
}

TraceSlot *TraceBuffer::nextPublished()
{
    Chunk *chunk = m_chunks[(m_consumed / kChunkEvents) % kMaxChunks].load(std::memory_order_acquire);
    if (!chunk)
        return nullptr;
    TraceSlot &slot = chunk->events[m_consumed % kChunkEvents];
    if (seqOf(slot).load(std::memory_order_acquire) != m_consumed + 1)
        return nullptr;
    return &slot;
}

void TraceBuffer::release()
{
    const size_t offset = m_consumed % kChunkEvents;
    ++m_consumed;
    if (offset == kChunkEvents - 1) {
        std::atomic<Chunk *> &entry = m_chunks[((m_consumed - 1) / kChunkEvents) % kMaxChunks];
        Chunk *chunk = entry.load(std::memory_order_relaxed);
        entry.store(nullptr, std::memory_order_relaxed);
        recycle(chunk);
        publishProgress();
    }
}

size_t TraceBuffer::drain(std::vector<TraceEvent> &out, size_t max)
{
    // Room for everything reserved so far, at once: growing the vector event by event
    // would copy a large batch several times over. Never less than double, so that a
    // caller appending small batches to one vector still grows it geometrically.
    max = size_t(std::min<uint64_t>(max, m_next.load(std::memory_order_relaxed) - m_consumed));
    const size_t wanted = out.size() + max;
    if (wanted > out.capacity())
        out.reserve(std::max(wanted, 2 * out.capacity()));
    return drainSlots(
        [&out](const TraceSlot &slot) {
            // Absent fields zero, the same whatever came before.
            TraceEvent event{};
            slot.unpackInto(event);
            out.push_back(event);
        },
        max);
}

} // namespace pollscope
