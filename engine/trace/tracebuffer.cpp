#include "tracebuffer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace pollscope {

namespace {

// The sequence number doubles as the publication flag of a slot.
std::atomic_ref<uint64_t> seqOf(TraceEvent &event)
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

TraceBuffer::Chunk *TraceBuffer::chunkFor(size_t chunkIndex)
{
    if (chunkIndex >= kMaxChunks) {
        // A billion events in memory is far past any useful session.
        std::fputs("pollscope: trace buffer exhausted\n", stderr);
        std::abort();
    }
    Chunk *chunk = m_chunks[chunkIndex].load(std::memory_order_acquire);
    if (chunk)
        return chunk;
    Chunk *fresh = takeSpareOrAllocate();
    if (m_chunks[chunkIndex].compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel))
        return fresh;
    recycle(fresh);
    return chunk;
}

TraceBuffer::Reservation TraceBuffer::reserve()
{
    const uint64_t index = m_next.fetch_add(1, std::memory_order_relaxed);
    Chunk *chunk = chunkFor(index / kChunkEvents);
    return {&chunk->events[index % kChunkEvents], index + 1};
}

void TraceBuffer::publish(const Reservation &reservation)
{
    seqOf(*reservation.slot).store(reservation.seq, std::memory_order_release);
}

size_t TraceBuffer::drain(std::vector<TraceEvent> &out, size_t max)
{
    // Room for everything reserved so far, at once: growing the vector event by event
    // would copy a large batch several times over. Never less than double, so that a
    // caller appending small batches to one vector still grows it geometrically.
    const size_t wanted = out.size() + size_t(std::min<uint64_t>(max, m_next.load(std::memory_order_relaxed) - m_consumed));
    if (wanted > out.capacity())
        out.reserve(std::max(wanted, 2 * out.capacity()));
    size_t moved = 0;
    while (moved < max) {
        const size_t chunkIndex = m_consumed / kChunkEvents;
        const size_t offset = m_consumed % kChunkEvents;
        Chunk *chunk = m_chunks[chunkIndex].load(std::memory_order_acquire);
        if (!chunk)
            break;
        TraceEvent &slot = chunk->events[offset];
        if (seqOf(slot).load(std::memory_order_acquire) != m_consumed + 1)
            break;
        out.push_back(slot);
        ++m_consumed;
        ++moved;
        if (offset == kChunkEvents - 1) {
            m_chunks[chunkIndex].store(nullptr, std::memory_order_relaxed);
            recycle(chunk);
        }
    }
    return moved;
}

} // namespace pollscope
