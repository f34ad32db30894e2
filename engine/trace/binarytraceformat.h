// The binary trace format (`.pstrace`), shared by its writer and its reader; the
// layout is documented byte by byte in docs/trace-format.md.
#pragma once

#include "traceevent.h"
#include "traceslot.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace pollscope::binarytrace {

// The first bytes of every file. The leading non-ASCII byte keeps text tools from
// taking it for text; the letters say what it is to someone looking at a dump.
inline constexpr std::string_view kMagic{"\x89PSTRACE", 8};
inline constexpr uint64_t kVersion = 1;

// The byte that starts each record after the header.
enum Tag : uint8_t {
    StringRecord = 0x01, // a text, numbered from 1 in order of appearance (0: none)
    ThreadRecord = 0x02, // a thread's id in the file and its name
    KindRecord = 0x03,   // an event kind's name, numbered from 0 in order of appearance
    ReasonRecord = 0x04, // a reason's code, numbered from 1 in order of appearance (0: none)
    EventRecord = 0x10,  // one event
    EndRecord = 0x7f,    // the file is complete: the number of events
};

// Which of an event's header members follow its presence mask.
inline constexpr uint64_t HasFlow = 1;
inline constexpr uint64_t HasText = 2;
inline constexpr uint64_t HasSite = 4;
inline constexpr uint64_t HasReason = 8;

// Signed values are written zigzag encoded, so small negatives stay short.
constexpr uint64_t zigzag(int64_t value)
{
    return (uint64_t(value) << 1) ^ uint64_t(value >> 63);
}
constexpr int64_t unzigzag(uint64_t value)
{
    return int64_t(value >> 1) ^ -int64_t(value & 1);
}

// Unsigned LEB128: seven bits a byte, low first, high bit set on all but the last.
// Written at `at`, which has room for kMaxVarintBytes; returns where it ends. The
// writer puts a whole event record in place this way and appends it at once.
inline constexpr size_t kMaxVarintBytes = 10;
inline char *putVarint(char *at, uint64_t value)
{
    while (value >= 0x80) {
        *at++ = char(uint8_t(value) | 0x80);
        value >>= 7;
    }
    *at++ = char(uint8_t(value));
    return at;
}

inline void appendVarint(std::string &out, uint64_t value)
{
    char bytes[kMaxVarintBytes];
    out.append(bytes, size_t(putVarint(bytes, value) - bytes));
}

// An event's present fields in the field list's order, each a varint; signed ones
// zigzag encoded. The binary file and the app's compact store share this encoding.
inline constexpr size_t kMaxFieldsBytes = TraceField::Count * kMaxVarintBytes;
inline char *putFields(char *at, const TraceEvent &event)
{
#define POLLSCOPE_PUT_FIELD(type, member, Flag, json)                           \
    if (event.present & TraceField::Flag) {                                     \
        if constexpr (std::is_signed_v<type>)                                   \
            at = putVarint(at, zigzag(event.member));                           \
        else                                                                    \
            at = putVarint(at, event.member);                                   \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_PUT_FIELD)
#undef POLLSCOPE_PUT_FIELD
    return at;
}

// The same, read straight from a trace buffer slot.
inline char *putFields(char *at, const TraceSlot &slot)
{
    const auto &offsets = traceslot::kOffsets[size_t(slot.kind)];
    for (uint32_t bits = slot.present; bits; bits &= bits - 1) {
        const unsigned index = unsigned(__builtin_ctz(bits));
        const unsigned char *field = slot.fields + offsets[index];
        if (traceslot::kFieldSize[index] == sizeof(int32_t)) {
            int32_t value;
            std::memcpy(&value, field, sizeof value);
            at = putVarint(at, traceslot::kFieldSigned[index] ? zigzag(value) : uint64_t(uint32_t(value)));
        } else {
            int64_t value;
            std::memcpy(&value, field, sizeof value);
            at = putVarint(at, traceslot::kFieldSigned[index] ? zigzag(value) : uint64_t(value));
        }
    }
    return at;
}

inline void appendFields(std::string &out, const TraceEvent &event)
{
    char bytes[kMaxFieldsBytes];
    out.append(bytes, size_t(putFields(bytes, event) - bytes));
}

// The fields `present` names, each read by `nextVarint()`, set on `event`.
template<typename NextVarint>
void readFields(TraceEvent &event, uint32_t present, NextVarint &&nextVarint)
{
#define POLLSCOPE_READ_FIELD(type, member, Flag, json)                          \
    if (present & TraceField::Flag) {                                           \
        const uint64_t value = nextVarint();                                    \
        if constexpr (std::is_signed_v<type>)                                   \
            event.set##Flag(static_cast<type>(unzigzag(value)));                \
        else                                                                    \
            event.set##Flag(static_cast<type>(value));                          \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_READ_FIELD)
#undef POLLSCOPE_READ_FIELD
}

} // namespace pollscope::binarytrace
