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
    // The causal chain of this request: read, worker, reply, wakeup, write.
    uint64_t flow = 0;

    // A fresh receive buffer that waits for the 4-byte length word.
    static ClientMessage forLengthWord()
    {
        ClientMessage message;
        message.buffer.resize(4);
        message.bufferLength = 4;
        return message;
    }
};

} // namespace pollscope
