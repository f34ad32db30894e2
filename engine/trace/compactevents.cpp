#include "compactevents.h"

#include "binarytraceformat.h"

#include <algorithm>

namespace pollscope {

namespace {

// What an event's bytes hold before its fields.
enum : uint8_t {
    FlowFollows = 1,
    TextFollows = 2,
    SiteFollows = 4,
    FullSeqFollows = 8,
};

// The bytes were written by append(), so they are whole: no bound checks.
uint64_t readVarint(const char *&at)
{
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = uint8_t(*at++);
        value |= uint64_t(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
}

} // namespace

uint32_t CompactEvents::textId(const char *text)
{
    const auto [it, added] = m_textIds.try_emplace(text, uint32_t(m_texts.size() + 1));
    if (added)
        m_texts.push_back(text);
    return it->second;
}

void CompactEvents::append(const TraceEvent &event)
{
    if (m_size % kChunkEvents == 0) {
        if (!m_chunks.empty())
            m_chunks.back().bytes.shrink_to_fit();
        Chunk &chunk = m_chunks.emplace_back();
        chunk.firstSeq = event.seq;
        chunk.entries.reserve(kChunkEvents);
    }
    Chunk &chunk = m_chunks.back();
    const bool seqFits = event.seq >= chunk.firstSeq && event.seq - chunk.firstSeq < kSeqInBytes;
    chunk.entries.push_back({event.timeNs, seqFits ? uint32_t(event.seq - chunk.firstSeq) : kSeqInBytes,
                           uint32_t(chunk.bytes.size()), event.present, event.thread, event.kind, event.reason});

    std::string &bytes = chunk.bytes;
    bytes += char((event.flow ? FlowFollows : 0) | (event.text ? TextFollows : 0) | (event.site ? SiteFollows : 0)
                  | (seqFits ? 0 : FullSeqFollows));
    if (!seqFits)
        binarytrace::appendVarint(bytes, event.seq);
    if (event.flow)
        binarytrace::appendVarint(bytes, event.flow);
    if (event.text)
        binarytrace::appendVarint(bytes, textId(event.text));
    if (event.site)
        binarytrace::appendVarint(bytes, textId(event.site));
    binarytrace::appendFields(bytes, event);
    ++m_size;
}

uint64_t CompactEvents::seq(size_t index) const
{
    const Chunk &chunk = m_chunks[index / kChunkEvents];
    const Slot &slot = chunk.entries[index % kChunkEvents];
    if (slot.seqOffset != kSeqInBytes)
        return chunk.firstSeq + slot.seqOffset;
    const char *at = chunk.bytes.data() + slot.bytesOffset + 1;
    return readVarint(at);
}

TraceEvent CompactEvents::at(size_t index) const
{
    const Chunk &chunk = m_chunks[index / kChunkEvents];
    const Slot &slot = chunk.entries[index % kChunkEvents];
    // Not zeroed: a field whose bit is clear is never read (see TraceEvent).
    TraceEvent event;
    event.timeNs = slot.timeNs;
    event.kind = slot.kind;
    event.reason = slot.reason;
    event.thread = slot.thread;
    event.present = 0;

    const char *at = chunk.bytes.data() + slot.bytesOffset;
    const uint8_t has = uint8_t(*at++);
    event.seq = has & FullSeqFollows ? readVarint(at) : chunk.firstSeq + slot.seqOffset;
    event.flow = has & FlowFollows ? readVarint(at) : 0;
    event.text = has & TextFollows ? m_texts[readVarint(at) - 1] : nullptr;
    event.site = has & SiteFollows ? m_texts[readVarint(at) - 1] : nullptr;
    binarytrace::readFields(event, slot.present, [&at] { return readVarint(at); });
    return event;
}

void CompactEvents::clear()
{
    m_chunks.clear();
    m_size = 0;
    m_texts.clear();
    m_textIds.clear();
}

size_t CompactEvents::droppable(size_t count) const
{
    const size_t fullChunks = m_chunks.empty() ? 0 : m_chunks.size() - 1;
    return std::min(count / kChunkEvents, fullChunks) * kChunkEvents;
}

size_t CompactEvents::dropFront(size_t count)
{
    const size_t dropped = droppable(count);
    m_chunks.erase(m_chunks.begin(), m_chunks.begin() + ptrdiff_t(dropped / kChunkEvents));
    m_size -= dropped;
    return dropped;
}

size_t CompactEvents::memoryBytes() const
{
    size_t total = m_texts.capacity() * sizeof(const char *) + m_textIds.size() * (sizeof(void *) * 3 + 8);
    for (const Chunk &chunk : m_chunks)
        total += sizeof(Chunk) + chunk.entries.capacity() * sizeof(Slot) + chunk.bytes.capacity();
    return total;
}

} // namespace pollscope
