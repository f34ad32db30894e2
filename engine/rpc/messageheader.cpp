#include "messageheader.h"

#include "xdrreader.h"
#include "xdrwriter.h"

namespace pollscope {

uint32_t decodeLengthWord(std::span<const uint8_t> bytes)
{
    XdrReader reader(bytes);
    return reader.readU32();
}

Result<void> validateLengthWord(uint32_t totalLength, uint32_t maxMessage)
{
    if (totalLength < MESSAGE_LENGTH_WORD_SIZE)
        return Error{"message length " + std::to_string(totalLength) + " too small (minimum "
                         + std::to_string(MESSAGE_LENGTH_WORD_SIZE) + ")",
                     {}};
    if (totalLength - MESSAGE_LENGTH_WORD_SIZE > maxMessage)
        return Error{"message length " + std::to_string(totalLength) + " too large (maximum "
                         + std::to_string(maxMessage) + " after the length word)",
                     {}};
    return {};
}

Result<MessageHeader> decodeMessageHeader(std::span<const uint8_t> frame)
{
    // Every message comes through here: a whole, consistent header is read with one
    // bounds check. Anything else takes the checked reader below, which says why.
    constexpr size_t headerEnd = MESSAGE_LENGTH_WORD_SIZE + MESSAGE_HEADER_SIZE;
    if (frame.size() >= headerEnd) {
        const auto word = [&frame](size_t index) {
            const uint8_t *p = frame.data() + 4 * index;
            return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
        };
        if (word(0) == frame.size())
            return MessageHeader{word(1), word(2), static_cast<int32_t>(word(3)), word(4), word(5), word(6)};
    }
    XdrReader reader(frame);
    const uint32_t length = reader.readU32();
    MessageHeader header;
    header.prog = reader.readU32();
    header.vers = reader.readU32();
    header.proc = reader.readI32();
    header.type = reader.readU32();
    header.serial = reader.readU32();
    header.status = reader.readU32();
    if (reader.ok() && length != frame.size())
        reader.fail("length word " + std::to_string(length) + " does not match frame size "
                    + std::to_string(frame.size()));
    if (!reader.ok())
        return Error{"bad message header: " + reader.error(), {}};
    return header;
}

std::span<const uint8_t> messagePayload(std::span<const uint8_t> frame)
{
    constexpr size_t start = MESSAGE_LENGTH_WORD_SIZE + MESSAGE_HEADER_SIZE;
    if (frame.size() <= start)
        return {};
    return frame.subspan(start);
}

std::vector<uint8_t> encodeMessage(const MessageHeader &header, std::span<const uint8_t> payload)
{
    const size_t total = MESSAGE_LENGTH_WORD_SIZE + MESSAGE_HEADER_SIZE + payload.size();
    XdrWriter writer;
    writer.reserve(total);
    writer.writeU32(static_cast<uint32_t>(total));
    writer.writeU32(header.prog);
    writer.writeU32(header.vers);
    writer.writeI32(header.proc);
    writer.writeU32(header.type);
    writer.writeU32(header.serial);
    writer.writeU32(header.status);
    writer.writeRaw(payload);
    return writer.takeBytes();
}

const char *messageTypeName(uint32_t type)
{
    switch (static_cast<MessageType>(type)) {
    case MessageType::Call:
        return "CALL";
    case MessageType::Reply:
        return "REPLY";
    case MessageType::Message:
        return "MESSAGE";
    case MessageType::Stream:
        return "STREAM";
    case MessageType::CallWithFds:
        return "CALL_WITH_FDS";
    case MessageType::ReplyWithFds:
        return "REPLY_WITH_FDS";
    case MessageType::StreamHole:
        return "STREAM_HOLE";
    }
    return nullptr;
}

const char *messageStatusName(uint32_t status)
{
    switch (static_cast<MessageStatus>(status)) {
    case MessageStatus::Ok:
        return "OK";
    case MessageStatus::Error:
        return "ERROR";
    case MessageStatus::Continue:
        return "CONTINUE";
    }
    return nullptr;
}

} // namespace pollscope
