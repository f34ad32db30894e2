#include "remotecall.h"

#include "remoteprocedures.h"
#include "xdrreader.h"
#include "xdrwriter.h"

namespace pollscope {

namespace {

template<typename Args>
std::vector<uint8_t> encodeCallWith(int32_t proc, uint32_t serial, const Args &args)
{
    XdrWriter writer;
    xdrEncode(writer, args);
    return encodeRemoteCall(proc, serial, writer.bytes());
}

template<typename Ret>
void decodeReturn(XdrReader &reader, RemoteReturn &ret)
{
    Ret value;
    xdrDecode(reader, value);
    ret = std::move(value);
}

// Decodes the return struct of `proc`; false if the replica knows no such procedure.
bool decodeReturnFor(int32_t proc, XdrReader &reader, RemoteReturn &ret)
{
    switch (proc) {
    case REMOTE_PROC_CONNECT_OPEN:
    case REMOTE_PROC_CONNECT_CLOSE:
    case REMOTE_PROC_DOMAIN_SUSPEND:
    case REMOTE_PROC_DOMAIN_RESUME:
    case REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK:
    case REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK:
        decodeReturn<RemoteVoid>(reader, ret);
        return true;
    case REMOTE_PROC_AUTH_LIST:
        decodeReturn<AuthListRet>(reader, ret);
        return true;
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE:
        decodeReturn<ConnectSupportsFeatureRet>(reader, ret);
        return true;
    case REMOTE_PROC_CONNECT_GET_TYPE:
        decodeReturn<ConnectGetTypeRet>(reader, ret);
        return true;
    case REMOTE_PROC_CONNECT_GET_VERSION:
        decodeReturn<ConnectGetVersionRet>(reader, ret);
        return true;
    case REMOTE_PROC_CONNECT_GET_LIB_VERSION:
        decodeReturn<ConnectGetLibVersionRet>(reader, ret);
        return true;
    case REMOTE_PROC_CONNECT_GET_HOSTNAME:
        decodeReturn<ConnectGetHostnameRet>(reader, ret);
        return true;
    case REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS:
        decodeReturn<ConnectListAllDomainsRet>(reader, ret);
        return true;
    case REMOTE_PROC_DOMAIN_GET_STATE:
        decodeReturn<DomainGetStateRet>(reader, ret);
        return true;
    default:
        return false;
    }
}

} // namespace

std::vector<uint8_t> encodeRemoteCall(int32_t proc, uint32_t serial, std::span<const uint8_t> payload)
{
    MessageHeader header;
    header.prog = REMOTE_PROGRAM;
    header.vers = REMOTE_PROTOCOL_VERSION;
    header.proc = proc;
    header.type = static_cast<uint32_t>(MessageType::Call);
    header.serial = serial;
    header.status = static_cast<uint32_t>(MessageStatus::Ok);
    return encodeMessage(header, payload);
}

std::vector<uint8_t> encodeConnectOpenCall(uint32_t serial, const std::optional<std::string> &name, uint32_t flags)
{
    return encodeCallWith(REMOTE_PROC_CONNECT_OPEN, serial, ConnectOpenArgs{name, flags});
}

std::vector<uint8_t> encodeConnectSupportsFeatureCall(uint32_t serial, int32_t feature)
{
    return encodeCallWith(REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, serial, ConnectSupportsFeatureArgs{feature});
}

std::vector<uint8_t> encodeConnectListAllDomainsCall(uint32_t serial, int32_t needResults, uint32_t flags)
{
    return encodeCallWith(REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, serial, ConnectListAllDomainsArgs{needResults, flags});
}

std::vector<uint8_t> encodeDomainGetStateCall(uint32_t serial, const RemoteNonnullDomain &dom, uint32_t flags)
{
    return encodeCallWith(REMOTE_PROC_DOMAIN_GET_STATE, serial, DomainGetStateArgs{dom, flags});
}

RemoteReply decodeRemoteReply(std::span<const uint8_t> frame)
{
    RemoteReply reply;
    const Result<MessageHeader> header = decodeMessageHeader(frame);
    if (!header) {
        reply.problem = header.error().message;
        return reply;
    }
    reply.header = *header;
    if (header->type != static_cast<uint32_t>(MessageType::Reply)) {
        reply.problem = "message type " + std::to_string(header->type) + " is not REPLY";
        return reply;
    }

    XdrReader reader(messagePayload(frame));
    if (header->status == static_cast<uint32_t>(MessageStatus::Error)) {
        RemoteError remoteError;
        xdrDecode(reader, remoteError);
        if (reader.ok())
            reply.error = std::move(remoteError);
    } else if (header->status == static_cast<uint32_t>(MessageStatus::Ok)) {
        if (!decodeReturnFor(header->proc, reader, reply.ret)) {
            reply.problem = "no return type known for procedure " + std::to_string(header->proc);
            return reply;
        }
    } else {
        reply.problem = "reply status " + std::to_string(header->status) + " is neither OK nor ERROR";
        return reply;
    }
    if (!reader.ok())
        reply.problem = "bad reply payload: " + reader.error();
    return reply;
}

} // namespace pollscope
