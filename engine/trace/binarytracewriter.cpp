#include "binarytracewriter.h"

#include <type_traits>

namespace pollscope {

using namespace binarytrace;

void BinaryTraceWriter::appendHeader(std::string &out, const std::string &source, const std::string &origin)
{
    m_stringsByAddress.clear();
    m_recentTexts.fill({});
    m_strings.clear();
    m_kindIndex.assign(size_t(EventKind::Count), -1);
    m_reasonIndex.assign(size_t(EventReason::Count), 0);
    m_threadWritten.clear();
    m_kinds = 0;
    m_reasons = 0;
    m_previousSeq = 0;
    m_previousTime = 0;
    m_events = 0;
    m_pendingBytes = 0;

    out += kMagic;
    appendVarint(out, kVersion);
    appendVarint(out, source.size());
    out += source;
    appendVarint(out, origin.size());
    out += origin;
}

void BinaryTraceWriter::movePending(std::string &out)
{
    out.append(m_pending, m_pendingBytes);
    m_pendingBytes = 0;
}

uint64_t BinaryTraceWriter::stringIndex(std::string &out, std::string_view text)
{
    const auto [it, inserted] = m_strings.try_emplace(std::string(text), m_strings.size() + 1);
    if (inserted) {
        out += char(StringRecord);
        appendVarint(out, text.size());
        out += text;
    }
    return it->second;
}

uint64_t BinaryTraceWriter::stringIndex(std::string &out, const char *text)
{
    RecentText &recent = m_recentTexts[recentSlot(text)];
    if (recent.text == text)
        return recent.index;
    uint64_t index = 0;
    if (const auto found = m_stringsByAddress.find(text); found != m_stringsByAddress.end()) {
        index = found->second;
    } else {
        index = stringIndex(out, std::string_view(text));
        m_stringsByAddress.emplace(text, index);
    }
    recent = {text, index};
    return index;
}

void BinaryTraceWriter::appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &threadNames)
{
    appendRecord(out, event, event.timeNs, threadNames);
}

void BinaryTraceWriter::appendSlot(std::string &out, const TraceSlot &slot, int64_t timeNs,
                                   const std::vector<std::string> &threadNames)
{
    appendRecord(out, slot, timeNs, threadNames);
}

template<typename Event>
void BinaryTraceWriter::appendRecord(std::string &out, const Event &event, int64_t timeNs,
                                     const std::vector<std::string> &threadNames)
{
    // The records an event refers to come before it. They go to the output at once,
    // ahead of the events still put together in m_pending: a name may come any time
    // before its first use, and names of one sort keep their order.
    int64_t &kind = m_kindIndex[size_t(event.kind)];
    if (kind < 0) {
        const uint64_t name = stringIndex(out, eventKindInfo(event.kind).name);
        out += char(KindRecord);
        appendVarint(out, name);
        kind = int64_t(m_kinds++);
    }
    if (event.thread >= m_threadWritten.size())
        m_threadWritten.resize(size_t(event.thread) + 1, false);
    if (!m_threadWritten[event.thread]) {
        const std::string_view thread =
            event.thread < threadNames.size() ? std::string_view(threadNames[event.thread]) : std::string_view("?");
        const uint64_t name = stringIndex(out, thread);
        out += char(ThreadRecord);
        appendVarint(out, event.thread);
        appendVarint(out, name);
        m_threadWritten[event.thread] = true;
    }
    uint64_t reason = 0;
    if (event.reason != EventReason::None) {
        uint64_t &index = m_reasonIndex[size_t(event.reason)];
        if (index == 0) {
            const uint64_t code = stringIndex(out, eventReasonInfo(event.reason).code);
            out += char(ReasonRecord);
            appendVarint(out, code);
            index = ++m_reasons;
        }
        reason = index;
    }
    const uint64_t text = event.text ? stringIndex(out, event.text) : 0;
    uint64_t site = 0;
    if constexpr (requires { event.site; }) // slots have none: see TraceSlot
        site = event.site ? stringIndex(out, event.site) : 0;

    // Put together in place: the writer keeps up with the recording rate only if an
    // event costs it little more than its bytes.
    if (kPendingBytes - m_pendingBytes < kMostEventBytes)
        movePending(out);
    char *const record = m_pending + m_pendingBytes;
    char *at = record;
    *at++ = char(EventRecord);
    at = putVarint(at, event.seq - m_previousSeq);
    // In unsigned arithmetic: the difference of any two times wraps instead of overflowing.
    at = putVarint(at, zigzag(int64_t(uint64_t(timeNs) - uint64_t(m_previousTime))));
    m_previousSeq = event.seq;
    m_previousTime = timeNs;
    at = putVarint(at, uint64_t(kind));
    at = putVarint(at, event.thread);
    const uint64_t bits = (event.flow ? HasFlow : 0) | (text ? HasText : 0) | (site ? HasSite : 0) | (reason ? HasReason : 0);
    at = putVarint(at, bits);
    at = putVarint(at, event.present);
    if (event.flow)
        at = putVarint(at, event.flow);
    if (text)
        at = putVarint(at, text);
    if (site)
        at = putVarint(at, site);
    if (reason)
        at = putVarint(at, reason);
    at = putFields(at, event);
    m_pendingBytes += size_t(at - record);
    ++m_events;
}

void BinaryTraceWriter::appendFooter(std::string &out, const std::vector<std::string> &)
{
    movePending(out);
    out += char(EndRecord);
    appendVarint(out, m_events);
}

} // namespace pollscope
