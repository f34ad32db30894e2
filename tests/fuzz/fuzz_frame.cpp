// Fuzz target: the daemon's read path as pure functions. The input is the byte
// stream a client sends. It is cut into frames as qemudDispatchClientRead cuts it
// (length word, validation, body); each header is decoded, keepalive recognised,
// and every other message dispatched with one connection that lives for the whole
// stream, as a client's does. Each reply the daemon would send must be a frame the
// client side decodes, with the request's serial (an error about a stream packet
// goes back on the stream instead). The raw input also goes through
// every decoder directly, and through the client's reply decoder.
#include "fuzzcheck.h"

#include "rpc/keepalive.h"
#include "rpc/messageheader.h"
#include "rpc/remotecall.h"
#include "rpc/remotedispatch.h"
#include "rpc/testhypervisor.h"

#include <cstddef>
#include <cstdint>
#include <span>

using namespace pollscope;
using pollscope::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const TestHypervisor hypervisor("fuzz");
    const std::span<const uint8_t> input(data, size);

    // Every decoder on the raw bytes, whatever they are.
    const uint32_t firstLength = decodeLengthWord(input);
    expect(size >= 4 || firstLength == 0, "a length word needs four bytes");
    expect(!validateLengthWord(firstLength) || (firstLength >= 4 && firstLength - 4 <= REMOTE_MESSAGE_MAX),
           "validateLengthWord accepts only 4 .. 4 + REMOTE_MESSAGE_MAX");
    if (const auto header = decodeMessageHeader(input)) {
        expect(firstLength == size && size >= MESSAGE_LENGTH_WORD_SIZE + MESSAGE_HEADER_SIZE,
               "a decoded header comes from a whole frame");
        keepaliveKind(*header);
        const auto payload = messagePayload(input);
        expect(payload.size() == size - MESSAGE_LENGTH_WORD_SIZE - MESSAGE_HEADER_SIZE,
               "the payload is what follows the header");
    } else {
        expect(!header.error().message.empty(), "a header that does not decode says why");
    }
    // What a client makes of it, were the daemon to send it.
    decodeRemoteReply(input);

    // The stream as the daemon reads it from one client.
    RemoteConnection connection;
    connection.readonlySocket = size > 0 && (data[size - 1] & 1);
    std::span<const uint8_t> stream = input;
    while (stream.size() >= MESSAGE_LENGTH_WORD_SIZE) {
        const uint32_t total = decodeLengthWord(stream);
        if (!validateLengthWord(total) || total > stream.size())
            break; // the daemon drops the client, or waits for more
        const std::span<const uint8_t> frame = stream.first(total);
        stream = stream.subspan(total);
        const auto header = decodeMessageHeader(frame);
        if (!header)
            break; // "cannot decode the message header": dropped
        if (keepaliveKind(*header) != KeepaliveKind::NotKeepalive)
            continue; // the loop thread answers PINGs itself
        const DispatchOutcome outcome = dispatchRemoteCall(connection, hypervisor, *header, messagePayload(frame));
        expect(!outcome.summary.empty(), "every dispatch is summarised for the trace");
        if (outcome.reply.empty())
            continue;
        const auto replyHeader = decodeMessageHeader(outcome.reply);
        expect(replyHeader.ok(), "the daemon's reply is a whole frame");
        expect(replyHeader->serial == header->serial, "the reply carries the request's serial");
        expect(outcome.reply.size() - MESSAGE_LENGTH_WORD_SIZE <= REMOTE_MESSAGE_MAX,
               "the reply fits in a message the client accepts");
        if (header->type == uint32_t(MessageType::Stream)) {
            // An error about a stream packet goes back on the stream, not as a REPLY.
            expect(replyHeader->type == uint32_t(MessageType::Stream) && outcome.isError,
                   "only an error answers a stream packet, on the stream");
            continue;
        }
        const RemoteReply reply = decodeRemoteReply(outcome.reply);
        expect(reply.ok(), "the client decodes every reply the daemon sends");
        expect(reply.error.has_value() == outcome.isError, "an error reply carries a remote_error");
    }
    return 0;
}
