// One recorded step of the loop or the daemon.
#pragma once

#include "eventkind.h"
#include "eventreason.h"
#include "tracefields.h"

#include <cstdint>

namespace pollscope {


// A trace event is a plain value: the always-present header, then the optional
// fields whose presence bits are set in `present`. In the buffer an event keeps only
// its kind's fields (TraceSlot); drained, its unset fields are zero, but `present`
// alone says which fields the step has.
struct TraceEvent
{
    uint64_t seq;        // global total order, starting at 1
    int64_t timeNs;      // CLOCK_MONOTONIC nanoseconds
    uint64_t flow;       // causal chain this event belongs to, 0 for none
    const char *text;    // static or interned name the step is about (callback, socket, peer,
                         // procedure), may be null; never a sentence: words come from `reason`
    const char *site = nullptr; // where an imported log says the step was logged ("virEventGLibHandleAdd:159");
                                // null for pollscope's own steps, whose function is their kind's
    EventKind kind;
    EventReason reason;  // why the step turned out as it did, None for the usual outcome
    uint16_t thread;     // index into the thread-name table
    uint32_t present;    // TraceField bits

#define POLLSCOPE_FIELD_MEMBER(type, member, Flag, json) type member;
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_MEMBER)
#undef POLLSCOPE_FIELD_MEMBER

#define POLLSCOPE_FIELD_SETTER(type, member, Flag, json)                                  \
    TraceEvent &set##Flag(type value)                                                   \
    {                                                                                       \
        member = value;                                                                     \
        present |= TraceField::Flag;                                                        \
        return *this;                                                                       \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_SETTER)
#undef POLLSCOPE_FIELD_SETTER

    bool has(uint32_t fieldFlags) const { return (present & fieldFlags) == fieldFlags; }
    const char *function() const { return site ? site : eventKindInfo(kind).function; }
};

} // namespace pollscope
