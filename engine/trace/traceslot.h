// An event as it waits in the trace buffer: the header, then only the fields its kind
// may carry, packed in the field list's order.
//
// A TraceEvent has room for every field (200 bytes); a slot has room for the kind
// that carries most (under 90 bytes all told). Producers write the fields in place
// at offsets known when the probe is compiled, and the consumer reads back only the
// ones present, so recording and draining move less than half the memory.
#pragma once

#include "eventkindfields.h"
#include "traceevent.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace pollscope {

namespace traceslot {

inline constexpr size_t kFieldSize[] = {
#define POLLSCOPE_FIELD_SIZE(type, member, Flag, json) sizeof(type),
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_SIZE)
#undef POLLSCOPE_FIELD_SIZE
};

// Where field `index` sits among the fields of a kind that carries `kindFields`: after
// every field of the kind that comes before it in the list.
constexpr size_t fieldOffset(uint32_t kindFields, unsigned index)
{
    size_t offset = 0;
    for (unsigned before = 0; before < index; ++before)
        offset += (kindFields >> before & 1u) ? kFieldSize[before] : 0;
    return offset;
}

constexpr size_t fieldBytes(uint32_t kindFields)
{
    return fieldOffset(kindFields, TraceField::Count);
}

constexpr size_t maxFieldBytes()
{
    size_t most = 0;
    for (size_t kind = 0; kind < size_t(EventKind::Count); ++kind)
        most = std::max(most, fieldBytes(eventKindFields(EventKind(kind))));
    return most;
}

// Each kind's field offsets, for code that learns the kind at run time.
inline constexpr auto kOffsets = [] {
    std::array<std::array<uint8_t, TraceField::Count>, size_t(EventKind::Count)> offsets{};
    for (size_t kind = 0; kind < offsets.size(); ++kind)
        for (unsigned index = 0; index < TraceField::Count; ++index)
            offsets[kind][index] = uint8_t(fieldOffset(eventKindFields(EventKind(kind)), index));
    return offsets;
}();

// Which fields are signed.
inline constexpr bool kFieldSigned[] = {
#define POLLSCOPE_FIELD_SIGNED(type, member, Flag, json) std::is_signed_v<type>,
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_SIGNED)
#undef POLLSCOPE_FIELD_SIGNED
};

// Where each field lives in a TraceEvent.
inline constexpr size_t kEventOffset[] = {
#define POLLSCOPE_FIELD_EVENT_OFFSET(type, member, Flag, json) offsetof(TraceEvent, member),
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_EVENT_OFFSET)
#undef POLLSCOPE_FIELD_EVENT_OFFSET
};

} // namespace traceslot

struct TraceSlot
{
    uint64_t seq; // publishes the slot: stored last, see TraceBuffer
    int64_t timeNs;
    uint64_t flow;
    const char *text;
    EventKind kind;
    EventReason reason;
    uint16_t thread;
    uint32_t present;
    unsigned char fields[traceslot::maxFieldBytes()];

    // Sets field `Index` of an event of kind `Kind`, where the kind keeps it.
    template<EventKind Kind, unsigned Index, typename Value>
    void set(Value value)
    {
        static_assert(sizeof(Value) == traceslot::kFieldSize[Index]);
        std::memcpy(fields + traceslot::fieldOffset(eventKindFields(Kind), Index), &value, sizeof value);
        present |= 1u << Index;
    }

    // Field `Index` of an event of kind `Kind`; only if present.
    template<EventKind Kind, unsigned Index, typename Value>
    Value get() const
    {
        static_assert(sizeof(Value) == traceslot::kFieldSize[Index]);
        Value value;
        std::memcpy(&value, fields + traceslot::fieldOffset(eventKindFields(Kind), Index), sizeof value);
        return value;
    }

    // The slot's event in full, `site` and absent fields left as they were.
    void unpackInto(TraceEvent &event) const
    {
        event.seq = seq;
        event.timeNs = timeNs;
        event.flow = flow;
        event.text = text;
        event.kind = kind;
        event.reason = reason;
        event.thread = thread;
        event.present = present;
        const auto &offsets = traceslot::kOffsets[size_t(kind)];
        for (uint32_t bits = present; bits; bits &= bits - 1) {
            const unsigned index = unsigned(__builtin_ctz(bits));
            char *member = reinterpret_cast<char *>(&event) + traceslot::kEventOffset[index];
            if (traceslot::kFieldSize[index] == sizeof(int32_t))
                std::memcpy(member, fields + offsets[index], sizeof(int32_t));
            else
                std::memcpy(member, fields + offsets[index], sizeof(int64_t));
        }
    }

    // Every member but seq from `event`, whose fields must be its kind's (a slot has
    // room for no other) and whose site is not kept: events recorded through the
    // tracer have none.
    void packFrom(const TraceEvent &event)
    {
        assert((event.present & ~eventKindFields(event.kind)) == 0);
        timeNs = event.timeNs;
        flow = event.flow;
        text = event.text;
        kind = event.kind;
        reason = event.reason;
        thread = event.thread;
        present = event.present & eventKindFields(event.kind);
        const auto &offsets = traceslot::kOffsets[size_t(kind)];
        for (uint32_t bits = present; bits; bits &= bits - 1) {
            const unsigned index = unsigned(__builtin_ctz(bits));
            const char *member = reinterpret_cast<const char *>(&event) + traceslot::kEventOffset[index];
            if (traceslot::kFieldSize[index] == sizeof(int32_t))
                std::memcpy(fields + offsets[index], member, sizeof(int32_t));
            else
                std::memcpy(fields + offsets[index], member, sizeof(int64_t));
        }
    }
};

} // namespace pollscope
