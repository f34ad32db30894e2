// A growable multi-producer, single-consumer queue of trace events.
//
// Producers take a slot with one atomic increment, so the slot index is the
// event's place in the global total order; they fill the slot in place and
// publish it by storing its sequence number last. The consumer reads slots
// strictly in order and stops at the first unpublished one, so events are never
// lost or reordered, whatever threads emit them. Storage grows in chunks that the
// consumer hands back once it has read them; a few are kept for reuse, because a
// fresh chunk costs a page fault or a memset per slot. A reused chunk needs no
// clearing: the seq its slots still hold is from an earlier pass, smaller than
// any seq the consumer will wait for there.
#pragma once

#include "traceevent.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace pollscope {

class TraceBuffer
{
public:
    TraceBuffer();
    ~TraceBuffer();
    TraceBuffer(const TraceBuffer &) = delete;
    TraceBuffer &operator=(const TraceBuffer &) = delete;

    struct Reservation
    {
        TraceEvent *slot;
        uint64_t seq;
    };

    // Takes the next slot in the total order. The caller fills every field but
    // `seq` and then publishes it.
    Reservation reserve();
    // Makes a filled slot visible to the consumer by storing its seq last.
    static void publish(const Reservation &reservation);

    // Moves up to `max` published events, in order, to the end of `out`.
    // Only one thread may drain at a time.
    size_t drain(std::vector<TraceEvent> &out, size_t max = SIZE_MAX);

    // Number of slots handed out so far.
    uint64_t reserved() const { return m_next.load(std::memory_order_relaxed); }

private:
    static constexpr size_t kChunkEvents = 4096;
    static constexpr size_t kMaxChunks = size_t(1) << 18;

    struct Chunk
    {
        TraceEvent events[kChunkEvents];
    };

    // Read chunks kept for reuse: enough for producers to run a few chunks ahead of
    // the consumer without allocating, not so many that an idle session holds much.
    static constexpr size_t kSpareChunks = 8;

    Chunk *chunkFor(size_t chunkIndex);
    Chunk *takeSpareOrAllocate();
    void recycle(Chunk *chunk);

    std::atomic<uint64_t> m_next{0};
    std::unique_ptr<std::atomic<Chunk *>[]> m_chunks;
    uint64_t m_consumed = 0;
    // Once per chunk, not per event: a mutex is cheap enough here.
    std::mutex m_spareLock;
    std::vector<Chunk *> m_spare;
};

} // namespace pollscope
