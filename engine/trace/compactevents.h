// Trace events kept compactly in memory: what the app holds for a session.
//
// A TraceEvent has room for every optional field (184 bytes); an event sets four
// of them on average. Here each event is a 24-byte slot (time, seq, kind, thread,
// reason, presence bits) plus a short byte string with only what it carries:
// its flow, its text and site as numbers into a table of the texts seen, and its
// present fields, each a zigzag varint. About 35 bytes an event under the
// daemon's PING and CALL load, against 184.
//
// Events live in chunks of kChunkEvents, so the oldest can be let go a chunk at
// a time (a live session that keeps only its newest events) and no reallocation
// ever copies the whole trace.
#pragma once

#include "traceevent.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace pollscope {

class CompactEvents
{
public:
    static constexpr size_t kChunkEvents = 4096;

    void append(const TraceEvent &event);
    // The event at `index`, decoded: its header and present fields.
    TraceEvent at(size_t index) const;

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear();

    // The header members, without decoding the rest.
    uint64_t seq(size_t index) const;
    int64_t timeNs(size_t index) const { return slot(index).timeNs; }
    EventKind kind(size_t index) const { return slot(index).kind; }
    uint16_t thread(size_t index) const { return slot(index).thread; }

    // How many of the oldest events dropFront(count) lets go: whole chunks only, at
    // most `count`, and never the chunk being filled.
    size_t droppable(size_t count) const;
    // Lets go of droppable(count) events, the oldest; returns how many went. Indices
    // of the events kept shift down by that many.
    size_t dropFront(size_t count);

    // Heap bytes held for the events (slots, field bytes, the text table).
    size_t memoryBytes() const;

private:
    struct Slot
    {
        int64_t timeNs;
        uint32_t seqOffset; // seq - the chunk's first seq; kSeqInBytes when it does not fit
        uint32_t bytesOffset;
        uint32_t present;
        uint16_t thread;
        EventKind kind;
        EventReason reason;
    };
    static_assert(sizeof(Slot) == 24);

    struct Chunk
    {
        uint64_t firstSeq = 0;
        std::vector<Slot> entries;
        std::string bytes;
    };

    static constexpr uint32_t kSeqInBytes = UINT32_MAX;

    const Slot &slot(size_t index) const { return m_chunks[index / kChunkEvents].entries[index % kChunkEvents]; }
    uint32_t textId(const char *text);

    std::deque<Chunk> m_chunks;
    size_t m_size = 0;
    // Texts (an event's text or site) by number, from 1; 0 is none. Texts are
    // static or interned, so a pointer names one.
    std::vector<const char *> m_texts;
    std::unordered_map<const char *, uint32_t> m_textIds;
};

} // namespace pollscope
