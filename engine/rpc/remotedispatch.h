// The protocol core of libvirtd's request dispatch (0.9.0 remoteDispatchClientRequest,
// modern virNetServerProgramDispatch), as a pure function: one decoded CALL in, one
// encoded reply out. No threads, no sockets; the daemon owns both.
//
// Checks run in libvirt's order, and the first that fails becomes an error reply
// (type REPLY, or STREAM for a stream packet; status ERROR; the request's prog, vers,
// proc and serial; payload a remote_error):
//   1. prog must be REMOTE_PROGRAM and vers REMOTE_PROTOCOL_VERSION ("program
//      mismatch (actual %x, expected %x)", "version mismatch ..."). Keepalive
//      messages are the daemon's business and must not arrive here.
//   2. type must be CALL ("type (%d) != REMOTE_CALL"); a STREAM message is dropped
//      without a reply, as 0.9.0 does.
//   3. status must be OK ("Unexpected message status %u").
//   4. the procedure must be implemented ("unknown procedure: %d", VIR_ERR_RPC,
//      VIR_FROM_RPC, level ERROR: the exact error a modern client turns into
//      VIR_ERR_NO_SUPPORT to fall back to older procedures).
//   5. the arguments must decode ("Unable to decode message payload", modern
//      libvirt's virNetMessageDecodePayload error; trailing bytes are ignored as XDR
//      ignores them).
//   6. the connection must be open, except for AUTH_LIST, CONNECT_SUPPORTS_FEATURE,
//      CONNECT_OPEN and CONNECT_CLOSE ("internal error: hypervisor connection not
//      open", VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, as remoteGetHypervisorConn
//      reports it).
//   7. a read-only connection may not call a procedure that needs write access
//      ("operation forbidden: read only access prevents virDomainSuspend",
//      VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, as virCheckReadOnlyGoto reports
//      it inside the libvirt API).
// These checks' errors repeat their message in str1, as 0.9.0 does. The errors of
// the hypervisor calls themselves are libvirt 9's, field for field (makeModernError):
// they are what virsh prints.
#pragma once

#include "messageheader.h"
#include "testhypervisor.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pollscope {

// One domain event callback a client registered (remoteDispatchConnectDomainEvent-
// CallbackRegisterAny): the driver's id for it, the event id, and the domain it is
// limited to, if any.
struct DomainEventCallback
{
    int32_t callbackId = 0;
    int32_t eventId = 0;
    std::optional<Uuid> domain;

    bool operator==(const DomainEventCallback &) const = default;
};

// What the protocol remembers about one client.
struct RemoteConnection
{
    bool readonlySocket = false; // the client came in on the read-only socket
    bool opened = false;         // CONNECT_OPEN succeeded
    bool openedReadonly = false; // ...with VIR_CONNECT_RO or on the read-only socket
    std::vector<DomainEventCallback> eventCallbacks; // in registration order

    bool operator==(const RemoteConnection &) const = default;
};

struct DispatchOutcome
{
    std::vector<uint8_t> reply; // a complete frame, length word included; empty if none
    bool closeAfterReply = false; // CONNECT_CLOSE: close once the reply has been sent
    bool isError = false;         // the reply is an error reply
    // One line for the trace, e.g. "CONNECT_OPEN name=test:///default flags=0 -> ok"
    // or "proc 5 -> error: unknown procedure: 5".
    std::string summary;
};

// Whether the dispatcher answers `proc` (rather than "unknown procedure").
bool isImplementedProcedure(int32_t proc);

// `flow` is the request's causal chain: the events a state change queues carry it.
DispatchOutcome dispatchRemoteCall(RemoteConnection &connection, TestHypervisor &hypervisor,
                                   const MessageHeader &header, std::span<const uint8_t> payload, uint64_t flow = 0);

} // namespace pollscope
