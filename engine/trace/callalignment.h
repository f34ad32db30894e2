// The calls of a trace's clients, in order, and how the calls of two traces pair up:
// the Nth call of the Mth client on one side with the Nth call of the Mth client on
// the other. This is how the replica's run and the real libvirtd's run of the same
// virsh session are laid one above the other.
#pragma once

#include "tracesession.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace pollscope {

struct ClientCall
{
    int client = 0;   // 1 for the first client the trace receives a call from, 2 for the next, ...
    int index = 0;    // 0 for the client's first call, 1 for its second, ...
    int32_t proc = 0;
    uint32_t serial = 0;
    uint64_t flow = 0;
    size_t received = 0;           // index of its message_received in the session
    std::optional<size_t> queued;  // of its reply_queued
    std::optional<size_t> sent;    // of its reply's message_sent

    // The span of the call: from its receipt to its reply sent (or as far as it got).
    size_t last() const { return sent ? *sent : queued ? *queued : received; }
};

// The calls (messages of type call) in the order they were received.
std::vector<ClientCall> clientCalls(const TraceSession &session);

// Pairs of indices into `a` and `b` whose calls are the same call of the same client,
// in `a`'s order.
std::vector<std::pair<size_t, size_t>> alignCalls(const std::vector<ClientCall> &a, const std::vector<ClientCall> &b);

} // namespace pollscope
