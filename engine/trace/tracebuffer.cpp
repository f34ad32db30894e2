#include "tracebuffer.h"

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
    // calloc: every slot's seq starts at 0, meaning "not yet published".
    auto *fresh = static_cast<Chunk *>(std::calloc(1, sizeof(Chunk)));
    if (!fresh)
        throw std::bad_alloc();
    if (m_chunks[chunkIndex].compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel))
        return fresh;
    std::free(fresh);
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
            std::free(chunk);
        }
    }
    return moved;
}

} // namespace pollscope
