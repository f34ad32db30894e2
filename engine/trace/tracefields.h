// The optional fields of a trace event, in one list.
//
// Each entry is X(type, member, Flag, "jsonName"). The list drives the TraceEvent
// members and setters, the exporters and the trace loader, so a field is added
// in exactly one place. Field meanings are documented in docs/trace-format.md.
#pragma once

#include <cstdint>

#define POLLSCOPE_TRACE_FIELDS(X)                          \
    X(int32_t, watch, Watch, "watch")                      \
    X(int32_t, fd, Fd, "fd")                               \
    X(int32_t, timer, Timer, "timer")                      \
    X(int32_t, client, Client, "client")                   \
    X(int32_t, events, Events, "events")                   \
    X(int32_t, revents, Revents, "revents")                \
    X(int32_t, result, Result, "result")                   \
    X(int32_t, err, Errno, "errno")                        \
    X(int32_t, frequency, Frequency, "frequency")          \
    X(int32_t, timeout, Timeout, "timeout")                \
    X(int32_t, nfds, Nfds, "nfds")                         \
    X(int32_t, handles, Handles, "handles")                \
    X(int32_t, timeouts, Timeouts, "timeouts")             \
    X(int64_t, expiresAt, ExpiresAt, "expiresAt")          \
    X(int64_t, iteration, Iteration, "iteration")          \
    X(int64_t, length, Length, "length")                   \
    X(int64_t, bytes, Bytes, "bytes")                      \
    X(uint32_t, prog, Prog, "prog")                        \
    X(uint32_t, vers, Vers, "vers")                        \
    X(int32_t, proc, Proc, "proc")                         \
    X(int32_t, msgType, MsgType, "msgType")                \
    X(uint32_t, serial, Serial, "serial")                  \
    X(int32_t, status, Status, "status")                   \
    X(int32_t, nrequests, Nrequests, "nrequests")          \
    X(int32_t, dx, Dx, "dx")                               \
    X(int32_t, tx, Tx, "tx")                               \
    X(int32_t, clients, Clients, "clients")                \
    X(int32_t, workers, Workers, "workers")                \
    X(int32_t, signal, Signal, "signal")                   \
    X(int32_t, step, Step, "step")                         \
    X(int32_t, role, Role, "role")                         \
    X(int32_t, direction, Direction, "direction")

namespace pollscope {

// Bit flags saying which optional fields an event carries.
namespace TraceField {
enum : uint32_t {
#define POLLSCOPE_FIELD_BIT(type, member, Flag, json) Flag##Index,
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_BIT)
#undef POLLSCOPE_FIELD_BIT
    Count
};
#define POLLSCOPE_FIELD_FLAG(type, member, Flag, json) constexpr uint32_t Flag = 1u << Flag##Index;
POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_FLAG)
#undef POLLSCOPE_FIELD_FLAG
} // namespace TraceField

static_assert(TraceField::Count <= 32, "the presence mask is 32 bits wide");

} // namespace pollscope
