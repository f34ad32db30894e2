// Framing of the libvirt RPC protocol: [u32 total length][24-byte header][payload].
//
// The length word counts itself. Receivers reject a length below 4 and a length
// whose remainder exceeds the maximum message size; REMOTE_MESSAGE_MAX is the 0.9.0
// daemon's fixed 256 KiB buffer (modern libvirt allows 32 MiB).
#pragma once

#include "util/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pollscope {

// Program numbers and versions, under libvirt's names (remote_protocol.x,
// virkeepaliveprotocol.x).
inline constexpr uint32_t REMOTE_PROGRAM = 0x20008086;
inline constexpr uint32_t REMOTE_PROTOCOL_VERSION = 1;
inline constexpr uint32_t KEEPALIVE_PROGRAM = 0x6b656570; // ASCII "keep"
inline constexpr uint32_t KEEPALIVE_PROTOCOL_VERSION = 1;
inline constexpr int32_t KEEPALIVE_PROC_PING = 1;
inline constexpr int32_t KEEPALIVE_PROC_PONG = 2;

inline constexpr size_t MESSAGE_LENGTH_WORD_SIZE = 4; // VIR_NET_MESSAGE_LEN_MAX
inline constexpr size_t MESSAGE_HEADER_SIZE = 24;     // REMOTE_MESSAGE_HEADER_MAX
// The largest message, excluding the length word.
inline constexpr uint32_t REMOTE_MESSAGE_MAX = 262144;
// The longest string in any payload. 0.9.0's value: with 256 KiB messages, modern
// libvirt's 4 MiB could never be reached anyway.
inline constexpr uint32_t REMOTE_STRING_MAX = 65536;

enum class MessageType : uint32_t {
    Call = 0,
    Reply = 1,
    Message = 2, // asynchronous: events and keepalive, in either direction
    Stream = 3,
    CallWithFds = 4,
    ReplyWithFds = 5,
    StreamHole = 6,
};

enum class MessageStatus : uint32_t {
    Ok = 0,
    Error = 1, // the payload is a remote_error
    Continue = 2,
};

// type and status stay raw, so that a peer's unknown values can be carried and traced.
struct MessageHeader
{
    uint32_t prog = 0;
    uint32_t vers = 0;
    int32_t proc = 0;
    uint32_t type = 0;
    uint32_t serial = 0;
    uint32_t status = 0;

    bool operator==(const MessageHeader &) const = default;
};

// The total length (length word included) from the first four bytes of a frame;
// 0 if fewer than four bytes are given.
uint32_t decodeLengthWord(std::span<const uint8_t> bytes);
// Refuses a total length: "... too small" below 4, "... too large" when the part
// after the length word exceeds maxMessage.
Result<void> validateLengthWord(uint32_t totalLength, uint32_t maxMessage = REMOTE_MESSAGE_MAX);

// Decodes the header of a complete frame (length word included). Fails, saying why,
// if the frame is shorter than a header or its length word does not match its size.
Result<MessageHeader> decodeMessageHeader(std::span<const uint8_t> frame);
// The payload of a complete frame: everything after the header.
std::span<const uint8_t> messagePayload(std::span<const uint8_t> frame);
// A complete frame: length word, header, payload.
std::vector<uint8_t> encodeMessage(const MessageHeader &header, std::span<const uint8_t> payload = {});

// "CALL", "REPLY", ...; nullptr for a value libvirt does not define.
const char *messageTypeName(uint32_t type);
// "OK", "ERROR", "CONTINUE"; nullptr for a value libvirt does not define.
const char *messageStatusName(uint32_t status);

} // namespace pollscope
