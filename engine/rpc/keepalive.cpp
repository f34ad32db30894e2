#include "keepalive.h"

namespace pollscope {

namespace {

std::vector<uint8_t> encodeKeepalive(int32_t proc)
{
    MessageHeader header;
    header.prog = KEEPALIVE_PROGRAM;
    header.vers = KEEPALIVE_PROTOCOL_VERSION;
    header.proc = proc;
    header.type = static_cast<uint32_t>(MessageType::Message);
    header.serial = 0;
    header.status = static_cast<uint32_t>(MessageStatus::Ok);
    return encodeMessage(header);
}

} // namespace

std::vector<uint8_t> encodeKeepalivePing()
{
    return encodeKeepalive(KEEPALIVE_PROC_PING);
}

std::vector<uint8_t> encodeKeepalivePong()
{
    return encodeKeepalive(KEEPALIVE_PROC_PONG);
}

KeepaliveKind keepaliveKind(const MessageHeader &header)
{
    if (header.prog != KEEPALIVE_PROGRAM || header.vers != KEEPALIVE_PROTOCOL_VERSION
        || header.type != static_cast<uint32_t>(MessageType::Message))
        return KeepaliveKind::NotKeepalive;
    switch (header.proc) {
    case KEEPALIVE_PROC_PING:
        return KeepaliveKind::Ping;
    case KEEPALIVE_PROC_PONG:
        return KeepaliveKind::Pong;
    default:
        return KeepaliveKind::Unknown;
    }
}

} // namespace pollscope
