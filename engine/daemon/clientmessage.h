// One message in a client's queues (qemud_client_message): the receive buffer being
// filled, a request waiting for a worker, or a reply being written.
#pragma once

#include "rpc/messageheader.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pollscope {

struct ClientMessage
{
    std::vector<uint8_t> buffer;
    size_t bufferLength = 0; // how many bytes this message has in all
    size_t bufferOffset = 0; // how many have been read or written so far
    MessageHeader header;
    // Not a reply to a counted request (keepalive PING/PONG): not in nrequests.
    bool async = false;
    // The one byte 0x01 a TLS client gets once the handshake and the certificate
    // check passed (remoteCheckAccess): raw, with no RPC header.
    bool tlsConfirmation = false;
    // The causal chain of this request: read, worker, reply, wakeup, write.
    uint64_t flow = 0;
    // A domain event message: the callback it answers; -1 for any other message.
    int32_t eventCallbackId = -1;

    // Room for the small messages most traffic is made of (keepalive, most calls and
    // replies), so that reading a body after its length word does not reallocate.
    static constexpr size_t kInitialCapacity = 64;
    // A sent message's buffer up to this size is kept for the client's next receive
    // buffer; a larger one is freed rather than held by an idle client.
    static constexpr size_t kSpareCapacityLimit = 4096;

    // A fresh receive buffer that waits for the 4-byte length word, made in `storage`
    // when given one: with a sent message's buffer, steady traffic allocates nothing.
    static ClientMessage forLengthWord(std::vector<uint8_t> storage = {})
    {
        ClientMessage message;
        message.buffer = std::move(storage);
        message.buffer.reserve(kInitialCapacity);
        message.buffer.resize(4);
        message.bufferLength = 4;
        return message;
    }
};

} // namespace pollscope
