// The keepalive program (virkeepaliveprotocol.x): PING and PONG are MESSAGE-type
// packets with serial 0, status OK and no payload, 28 bytes on the wire. Either peer
// may send a PING at any time; the other answers with a PONG at once.
#pragma once

#include "messageheader.h"

#include <cstdint>
#include <vector>

namespace pollscope {

enum class KeepaliveKind {
    NotKeepalive, // some other program, version or type: dispatch it normally
    Ping,
    Pong,
    // A keepalive message with another procedure: like virKeepAliveCheckMessage,
    // consume it and do nothing.
    Unknown,
};

// The 28-byte frame of a PING (proc 1) or PONG (proc 2).
std::vector<uint8_t> encodeKeepalivePing();
std::vector<uint8_t> encodeKeepalivePong();

// Keepalive is recognised by program, version and type MESSAGE; the status is not
// looked at, as in libvirt.
KeepaliveKind keepaliveKind(const MessageHeader &header);

} // namespace pollscope
