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
//
// A bound caps how many events may wait for the consumer. When it is reached, a
// producer either waits for the consumer (Block) or records nothing (Drop: reserve()
// hands out no slot, and the caller counts the loss). Without a bound the buffer grows
// as long as the consumer lags.
#pragma once

#include "traceslot.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace pollscope {

// What a producer does when a bounded buffer is full.
enum class TracePolicy : uint8_t {
    Block, // wait for the consumer: nothing is lost, the producer slows down
    Drop,  // record nothing: the event is lost, and counted by the caller
};

class TraceBuffer
{
public:
    TraceBuffer();
    ~TraceBuffer();
    TraceBuffer(const TraceBuffer &) = delete;
    TraceBuffer &operator=(const TraceBuffer &) = delete;

    struct Reservation
    {
        TraceSlot *slot;
        uint64_t seq;
    };

    // Caps the events waiting for the consumer at `events` (0: no cap). Set before
    // producers start.
    void setBound(size_t events, TracePolicy policy);
    size_t bound() const { return m_bound; }
    // From now on no producer waits: a full buffer drops, whatever the policy. Wakes
    // the producers waiting (the consumer is about to stop).
    void close();

    // Takes the next slot in the total order. The caller fills every member but
    // `seq` and then publishes it. A null slot: the buffer is full and the event is
    // not to be recorded.
    // Inline: every recorded event takes this path.
    Reservation reserve()
    {
        if (m_bound != 0 && (m_policy == TracePolicy::Drop || m_closed.load(std::memory_order_relaxed)))
            return reserveWithinBound();
        const uint64_t index = m_next.fetch_add(1, std::memory_order_relaxed);
        if (m_bound != 0 && index >= m_consumedShared.load(std::memory_order_acquire) + m_bound)
            waitForRoom(index);
        return {slotAt(index), index + 1};
    }
    // Makes a filled slot visible to the consumer by storing its seq last.
    static void publish(const Reservation &reservation)
    {
        std::atomic_ref<uint64_t>(reservation.slot->seq).store(reservation.seq, std::memory_order_release);
    }

    // Moves up to `max` published events, in order, to the end of `out` (in full:
    // the TraceEvent form): only events
    // reserved before the call, so that a drain ends however fast producers go.
    // Only one thread may drain at a time.
    size_t drain(std::vector<TraceEvent> &out, size_t max = SIZE_MAX);
    // The same, handing each slot to `visit` as it is read, in place.
    template<typename Visit>
    size_t drainSlots(Visit &&visit, size_t max = SIZE_MAX)
    {
        // Only what was reserved when the drain began: producers that never pause (a
        // timer of frequency 0 spins the loop) would otherwise keep one drain going for ever.
        max = size_t(std::min<uint64_t>(max, m_next.load(std::memory_order_relaxed) - m_consumed));
        size_t moved = 0;
        while (moved < max) {
            const TraceSlot *slot = nextPublished();
            if (!slot)
                break;
            visit(*slot);
            release();
            ++moved;
        }
        publishProgress();
        return moved;
    }

    // Lets every published event not yet drained go, unread but for what `visit`
    // looks at in place (its thread, its stamp): for a consumer out of time.
    template<typename Visit>
    size_t discard(Visit &&visit)
    {
        size_t discarded = 0;
        while (const TraceSlot *slot = nextPublished()) {
            visit(*slot);
            release();
            ++discarded;
        }
        publishProgress();
        return discarded;
    }

    // Number of slots handed out so far.
    uint64_t reserved() const { return m_next.load(std::memory_order_relaxed); }
    // Number of producers waiting for room now.
    int waitingProducers() const { return m_waiters.load(std::memory_order_relaxed); }

private:
    static constexpr size_t kChunkEvents = 4096;
    static constexpr size_t kMaxChunks = size_t(1) << 18;

    struct Chunk
    {
        TraceSlot events[kChunkEvents];
    };

    // Read chunks kept for reuse: enough for producers to run a few chunks ahead of
    // the consumer without allocating, not so many that an idle session holds much.
    static constexpr size_t kSpareChunks = 8;

    TraceSlot *slotAt(uint64_t index)
    {
        // The chunk is there unless this is its first slot taken (or it raced with
        // that), or the entry still holds an unread chunk a whole ring earlier.
        const uint64_t chunkIndex = index / kChunkEvents;
        Chunk *chunk = m_chunks[chunkIndex % kMaxChunks].load(std::memory_order_acquire);
        if (!chunk || chunkIndex - m_consumedShared.load(std::memory_order_relaxed) / kChunkEvents >= kMaxChunks)
            chunk = chunkFor(chunkIndex);
        return &chunk->events[index % kChunkEvents];
    }
    Chunk *chunkFor(uint64_t chunkIndex);
    // reserve() under the Drop policy or once closed: only a slot there is room for.
    Reservation reserveWithinBound();
    void waitForRoom(uint64_t index);
    // After the consumer read up to m_consumed: lets producers see it.
    void publishProgress();
    // Reads the next published event in order, or null; the caller then calls release().
    TraceSlot *nextPublished();
    void release();
    Chunk *takeSpareOrAllocate();
    void recycle(Chunk *chunk);

    std::atomic<uint64_t> m_next{0};
    // Indexed by chunk number modulo kMaxChunks: the consumer empties an entry once it
    // has read that chunk, so the array is a ring as long as the lag stays below it.
    std::unique_ptr<std::atomic<Chunk *>[]> m_chunks;
    uint64_t m_consumed = 0; // the consumer's own count
    // m_consumed as producers see it, stored once a batch or a chunk.
    std::atomic<uint64_t> m_consumedShared{0};
    size_t m_bound = 0;
    TracePolicy m_policy = TracePolicy::Block;
    std::atomic<bool> m_closed{false};
    // Waiting producers sleep on this counter, which moves on whenever the consumer
    // makes room or the buffer closes.
    std::atomic<uint32_t> m_progress{0};
    std::atomic<int> m_waiters{0};
    // Once per chunk, not per event: a mutex is cheap enough here.
    std::mutex m_spareLock;
    std::vector<Chunk *> m_spare;
};

} // namespace pollscope
