// What a handle's or a timer's callback is for in the daemon, recorded as the
// `role` field of AddHandle and AddTimeout so that viewers know a watch's purpose
// without reading its callback's name.
#pragma once

#include <cstdint>

namespace pollscope {

// The values appear as numbers in exported traces: append, never renumber.
enum class CallbackRole : int32_t {
    Other = 0,        // a callback the daemon does not know: a test's or a demo's
    WakeupPipe = 1,   // virEventPollHandleWakeup, watch 1
    Listener = 2,     // qemudDispatchServerEvent, on a listening socket
    Client = 3,       // qemudDispatchClientEvent, on a client's socket
    SignalPipe = 4,   // qemudDispatchSignalEvent
    InactiveTimer = 5,  // qemudInactiveTimer, the --timeout exit
    KeepaliveTimer = 6, // virKeepAliveTimer
    AcceptRetryTimer = 7, // retries accept after a failure
    ScenarioTimer = 8,  // a timer a scenario registers
    HandshakeDeadline = 9, // ends a TLS handshake that takes too long
    TlsPendingRead = 10,   // reads what gnutls decrypted already, without a poll
    DomainEventFlush = 11, // virObjectEventTimer: relays queued domain events to clients
};

} // namespace pollscope
