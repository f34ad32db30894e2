// The client side of the remote program, for tests and scripted clients: encoding
// CALL frames as libvirt's remote driver does, and decoding the daemon's replies into
// the procedure's return struct or its remote_error.
#pragma once

#include "messageheader.h"
#include "remoteerror.h"
#include "remotecatalogtypes.h"
#include "remotetypes.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace pollscope {

// A CALL to the remote program with an already encoded payload (empty for
// procedures without arguments).
std::vector<uint8_t> encodeRemoteCall(int32_t proc, uint32_t serial, std::span<const uint8_t> payload = {});
std::vector<uint8_t> encodeConnectOpenCall(uint32_t serial, const std::optional<std::string> &name, uint32_t flags);
std::vector<uint8_t> encodeConnectSupportsFeatureCall(uint32_t serial, int32_t feature);
std::vector<uint8_t> encodeConnectListAllDomainsCall(uint32_t serial, int32_t needResults, uint32_t flags);
std::vector<uint8_t> encodeDomainGetStateCall(uint32_t serial, const RemoteNonnullDomain &dom, uint32_t flags);

// The encoded return value of a procedure of the virsh catalog that clients here do
// not read field by field (node info, domain XML, ...): only real virsh reads those.
struct RemoteOpaqueReturn
{
    std::vector<uint8_t> bytes;
};

// The return struct of each implemented procedure; RemoteVoid for those that return
// nothing.
using RemoteReturn = std::variant<RemoteVoid, AuthListRet, ConnectSupportsFeatureRet, ConnectGetTypeRet,
                                  ConnectGetVersionRet, ConnectGetLibVersionRet, ConnectGetHostnameRet,
                                  ConnectListAllDomainsRet, DomainGetStateRet, RemoteNonnullDomain,
                                  DomainEventCallbackRegisterRet, RemoteOpaqueReturn>;

struct RemoteReply
{
    MessageHeader header;
    std::optional<RemoteError> error; // set when status is ERROR
    RemoteReturn ret;                 // the return struct when status is OK
    std::string problem;              // why the frame is not a valid reply; empty if it is

    bool ok() const { return problem.empty(); }
};

// Decodes a complete frame (length word included) that should be a REPLY. The return
// struct is chosen by the header's procedure number.
RemoteReply decodeRemoteReply(std::span<const uint8_t> frame);

} // namespace pollscope
