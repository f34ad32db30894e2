// The binary trace format: compact enough to stream a busy daemon's trace at the
// rate it records. An event carries only its present fields, as varints; seq and
// time are deltas from the event before; texts, thread names, kind names and
// reason codes are written once per file and referred to by number.
#pragma once

#include "binarytraceformat.h"
#include "tracewriter.h"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace pollscope {

class BinaryTraceWriter final : public TraceWriter
{
protected:
    void appendHeader(std::string &out, const std::string &source, const std::string &origin) override;
    void appendEvent(std::string &out, const TraceEvent &event, const std::vector<std::string> &threadNames) override;
    void appendSlot(std::string &out, const TraceSlot &slot, int64_t timeNs, const std::vector<std::string> &threadNames) override;
    void appendFooter(std::string &out, const std::vector<std::string> &threadNames) override;

private:
    // An event from a TraceEvent or straight from a buffer slot.
    template<typename Event>
    void appendRecord(std::string &out, const Event &event, int64_t timeNs, const std::vector<std::string> &threadNames);

    // Event records are put together in place here and go to the output a block at a
    // time. A record put together elsewhere and copied at once would be read back in
    // wide loads right after its bytes were stored one at a time, which the CPU
    // cannot forward: the copy would stall on every event.
    static constexpr size_t kPendingBytes = 16384;
    static constexpr size_t kMostEventBytes = 1 + 10 * binarytrace::kMaxVarintBytes + binarytrace::kMaxFieldsBytes;
    // Hands the events put together so far on to the output.
    void movePending(std::string &out);

    // The number of a text, writing its record first if the file does not have it yet.
    uint64_t stringIndex(std::string &out, const char *text);
    uint64_t stringIndex(std::string &out, std::string_view text);

    // Texts are interned, so their address finds them without hashing their bytes;
    // the same text at another address is found by its bytes. The few texts a busy
    // daemon repeats are looked up first in a small table indexed by address bits,
    // which costs less than a map lookup for every event that has a text.
    struct RecentText
    {
        const char *text = nullptr;
        uint64_t index = 0;
    };
    static constexpr size_t kRecentTexts = 256;
    static size_t recentSlot(const char *text) { return (reinterpret_cast<uintptr_t>(text) >> 3) % kRecentTexts; }
    std::array<RecentText, kRecentTexts> m_recentTexts{};
    std::unordered_map<const char *, uint64_t> m_stringsByAddress;
    std::unordered_map<std::string, uint64_t> m_strings;
    std::vector<int64_t> m_kindIndex;    // by EventKind: -1 until written
    std::vector<uint64_t> m_reasonIndex; // by EventReason: 0 until written
    std::vector<bool> m_threadWritten;   // by thread id
    uint64_t m_kinds = 0;
    uint64_t m_reasons = 0;
    uint64_t m_previousSeq = 0;
    int64_t m_previousTime = 0;
    uint64_t m_events = 0;
    char m_pending[kPendingBytes];
    size_t m_pendingBytes = 0;
};

} // namespace pollscope
