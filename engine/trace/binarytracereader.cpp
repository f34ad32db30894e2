#include "binarytracereader.h"

#include "binarytraceformat.h"
#include "stringpool.h"

#include <limits>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace pollscope {

using namespace binarytrace;

namespace {

// A read that ran past the end of the bytes: the file was cut off there.
struct CutOff
{
};

class BinaryReader
{
public:
    BinaryReader(std::string_view bytes, std::string name, const TraceEventSink &sink)
        : m_bytes(bytes), m_name(std::move(name)), m_sink(sink)
    {
    }

    Result<TraceSession> read();

private:
    uint64_t varint();
    std::string_view take(uint64_t size);
    uint8_t byte();
    // Reads one record; false (with m_error set) if its data is wrong.
    bool record();
    bool event();
    bool fail(size_t at, const std::string &what);
    const char *text(uint64_t index);
    bool validString(uint64_t index) const { return index >= 1 && index <= m_strings.size(); }

    std::string_view m_bytes;
    std::string m_name;
    const TraceEventSink &m_sink;
    size_t m_events = 0; // read so far
    size_t m_pos = 0;
    size_t m_recordStart = 0;
    Error m_error;
    TraceSession m_session;

    std::vector<std::string_view> m_strings; // index - 1
    std::vector<const char *> m_interned;    // index - 1; null until an event uses it
    std::vector<EventKind> m_kinds;
    std::vector<EventReason> m_reasons;      // index - 1
    std::unordered_map<uint64_t, uint16_t> m_threads;     // file thread id -> session index
    std::unordered_map<std::string_view, uint16_t> m_threadsByName;
    uint64_t m_previousSeq = 0;
    int64_t m_previousTime = 0;
    bool m_complete = false;
};

uint8_t BinaryReader::byte()
{
    if (m_pos >= m_bytes.size())
        throw CutOff{};
    return uint8_t(m_bytes[m_pos++]);
}

uint64_t BinaryReader::varint()
{
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const uint8_t next = byte();
        value |= uint64_t(next & 0x7f) << shift;
        if (!(next & 0x80))
            return value;
    }
    // Ten bytes and still going: no 64-bit value is that long.
    throw std::invalid_argument("a number longer than 64 bits");
}

std::string_view BinaryReader::take(uint64_t size)
{
    if (size > m_bytes.size() - m_pos)
        throw CutOff{};
    const std::string_view taken = m_bytes.substr(m_pos, size_t(size));
    m_pos += size_t(size);
    return taken;
}

bool BinaryReader::fail(size_t at, const std::string &what)
{
    m_error = Error{"at byte " + std::to_string(at) + ": " + what, {m_name, 0, 0}};
    return false;
}

const char *BinaryReader::text(uint64_t index)
{
    const char *&interned = m_interned[size_t(index - 1)];
    if (!interned)
        interned = internString(m_strings[size_t(index - 1)]);
    return interned;
}

bool BinaryReader::event()
{
    TraceEvent event{};
    event.seq = m_previousSeq + varint();
    event.timeNs = int64_t(uint64_t(m_previousTime) + uint64_t(unzigzag(varint())));
    const uint64_t kind = varint();
    const uint64_t thread = varint();
    const uint64_t bits = varint();
    const uint64_t present = varint();
    if (kind >= m_kinds.size())
        return fail(m_recordStart, "event of kind " + std::to_string(kind) + ", which no kind record defines");
    event.kind = m_kinds[size_t(kind)];
    const auto threadIndex = m_threads.find(thread);
    if (threadIndex == m_threads.end())
        return fail(m_recordStart, "event of thread " + std::to_string(thread) + ", which no thread record names");
    event.thread = threadIndex->second;
    if (bits > (HasFlow | HasText | HasSite | HasReason))
        return fail(m_recordStart, "event with unknown header bits " + std::to_string(bits));
    if (present > std::numeric_limits<uint32_t>::max())
        return fail(m_recordStart, "event with unknown field bits " + std::to_string(present));
    if (bits & HasFlow)
        event.flow = varint();
    if (bits & HasText) {
        const uint64_t index = varint();
        if (!validString(index))
            return fail(m_recordStart, "event text " + std::to_string(index) + ", which no string record defines");
        event.text = text(index);
    }
    if (bits & HasSite) {
        const uint64_t index = varint();
        if (!validString(index))
            return fail(m_recordStart, "event site " + std::to_string(index) + ", which no string record defines");
        event.site = text(index);
    }
    event.reason = EventReason::None;
    if (bits & HasReason) {
        const uint64_t index = varint();
        if (index < 1 || index > m_reasons.size())
            return fail(m_recordStart, "event reason " + std::to_string(index) + ", which no reason record defines");
        event.reason = m_reasons[size_t(index - 1)];
    }
    event.present = 0;
    readFields(event, present, [this] { return varint(); });
    m_previousSeq = event.seq;
    m_previousTime = event.timeNs;
    if (m_sink)
        m_sink(event);
    else
        m_session.events.push_back(event);
    ++m_events;
    return true;
}

bool BinaryReader::record()
{
    m_recordStart = m_pos;
    const uint8_t tag = byte();
    switch (tag) {
    case StringRecord: {
        const uint64_t size = varint();
        m_strings.push_back(take(size));
        m_interned.push_back(nullptr);
        return true;
    }
    case ThreadRecord: {
        const uint64_t id = varint();
        const uint64_t name = varint();
        if (!validString(name))
            return fail(m_recordStart, "thread name " + std::to_string(name) + ", which no string record defines");
        if (m_threads.count(id))
            return fail(m_recordStart, "thread " + std::to_string(id) + " named twice");
        const std::string_view threadName = m_strings[size_t(name - 1)];
        auto [it, inserted] = m_threadsByName.try_emplace(threadName, uint16_t(m_session.threadNames.size()));
        if (inserted) {
            if (m_session.threadNames.size() > std::numeric_limits<uint16_t>::max())
                return fail(m_recordStart, "more threads than a trace can hold");
            m_session.threadNames.emplace_back(threadName);
        }
        m_threads.emplace(id, it->second);
        return true;
    }
    case KindRecord: {
        const uint64_t name = varint();
        if (!validString(name))
            return fail(m_recordStart, "kind name " + std::to_string(name) + ", which no string record defines");
        const auto kind = eventKindFromName(m_strings[size_t(name - 1)]);
        if (!kind)
            return fail(m_recordStart, "unknown event kind \"" + std::string(m_strings[size_t(name - 1)]) + "\"");
        m_kinds.push_back(*kind);
        return true;
    }
    case ReasonRecord: {
        const uint64_t code = varint();
        if (!validString(code))
            return fail(m_recordStart, "reason code " + std::to_string(code) + ", which no string record defines");
        const auto reason = eventReasonFromCode(m_strings[size_t(code - 1)]);
        if (!reason)
            return fail(m_recordStart, "unknown reason \"" + std::string(m_strings[size_t(code - 1)]) + "\"");
        m_reasons.push_back(*reason);
        return true;
    }
    case EventRecord:
        return event();
    case EndRecord: {
        const uint64_t count = varint();
        if (count != m_events)
            return fail(m_recordStart, "the end record counts " + std::to_string(count) + " events, the file holds "
                                           + std::to_string(m_events));
        if (m_pos != m_bytes.size())
            return fail(m_pos, "data after the end record");
        m_complete = true;
        return true;
    }
    default:
        return fail(m_recordStart, "unknown record type " + std::to_string(tag));
    }
}

Result<TraceSession> BinaryReader::read()
{
    if (!isBinaryTrace(m_bytes))
        return Error{"not a binary pollscope trace", {m_name, 0, 0}};
    m_pos = kMagic.size();
    try {
        const uint64_t version = varint();
        if (version != kVersion)
            return Error{"unsupported binary trace version " + std::to_string(version), {m_name, 0, 0}};
        m_session.source = std::string(take(varint()));
        m_session.origin = std::string(take(varint()));
    } catch (const CutOff &) {
        return Error{"the file ends inside its header, at byte " + std::to_string(m_bytes.size()), {m_name, 0, 0}};
    } catch (const std::invalid_argument &bad) {
        return Error{"at byte " + std::to_string(m_pos) + ": " + bad.what(), {m_name, 0, 0}};
    }
    try {
        while (!m_complete && m_pos < m_bytes.size()) {
            if (!record())
                return m_error;
        }
    } catch (const CutOff &) {
        // A record the file ends inside: what came before it stands.
        m_session.warning = "the file is cut off at byte " + std::to_string(m_bytes.size())
            + ", inside the record that starts at byte " + std::to_string(m_recordStart) + ": read "
            + std::to_string(m_events) + " whole events"
            + (m_events == 0 ? std::string() : ", to seq " + std::to_string(m_previousSeq));
        return std::move(m_session);
    } catch (const std::invalid_argument &bad) {
        return Error{"at byte " + std::to_string(m_recordStart) + ": " + bad.what(), {m_name, 0, 0}};
    }
    if (!m_complete) {
        m_session.warning = "the file ends at byte " + std::to_string(m_bytes.size())
            + " without its end record, cut off after " + std::to_string(m_events) + " whole events"
            + (m_events == 0 ? std::string() : ", to seq " + std::to_string(m_previousSeq));
    }
    return std::move(m_session);
}

} // namespace

bool isBinaryTrace(std::string_view bytes)
{
    return bytes.substr(0, kMagic.size()) == kMagic;
}

Result<TraceSession> readBinaryTrace(std::string_view bytes, const std::string &name, const TraceEventSink &sink)
{
    return BinaryReader(bytes, name, sink).read();
}

} // namespace pollscope
