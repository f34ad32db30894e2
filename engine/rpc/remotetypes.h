// The argument and return structs of the implemented remote procedures, with their
// XDR layouts from remote_protocol.x. Each struct has an xdrEncode and an xdrDecode
// overload, so that the daemon and the clients share one definition of the wire.
#pragma once

#include "testhypervisor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pollscope {

class XdrReader;
class XdrWriter;

inline constexpr uint32_t REMOTE_DOMAIN_LIST_MAX = 16384;
inline constexpr uint32_t REMOTE_AUTH_TYPE_LIST_MAX = 20;

// The payload of a procedure without arguments or without a return value.
struct RemoteVoid
{
    bool operator==(const RemoteVoid &) const = default;
};

// remote_nonnull_domain: {nonnull_string name; opaque uuid[16]; int id}.
struct RemoteNonnullDomain
{
    std::string name;
    Uuid uuid{};
    int32_t id = -1;

    bool operator==(const RemoteNonnullDomain &) const = default;
};

struct ConnectOpenArgs
{
    std::optional<std::string> name; // remote_string: may be absent
    uint32_t flags = 0;
};

struct ConnectSupportsFeatureArgs
{
    int32_t feature = 0;
};

struct ConnectSupportsFeatureRet
{
    int32_t supported = 0;
};

struct AuthListRet
{
    std::vector<int32_t> types; // remote_auth_type types<REMOTE_AUTH_TYPE_LIST_MAX>
};

struct ConnectGetTypeRet
{
    std::string type;
};

struct ConnectGetVersionRet
{
    uint64_t hvVer = 0;
};

struct ConnectGetLibVersionRet
{
    uint64_t libVer = 0;
};

struct ConnectGetHostnameRet
{
    std::string hostname;
};

struct ConnectListAllDomainsArgs
{
    int32_t needResults = 0;
    uint32_t flags = 0;
};

struct ConnectListAllDomainsRet
{
    std::vector<RemoteNonnullDomain> domains; // <REMOTE_DOMAIN_LIST_MAX>
    uint32_t ret = 0;                         // the number of matching domains
};

struct DomainGetStateArgs
{
    RemoteNonnullDomain dom;
    uint32_t flags = 0;
};

struct DomainGetStateRet
{
    int32_t state = 0; // virDomainState
    int32_t reason = 0;
};

// remote_domain_suspend_args; remote_domain_resume_args has the same layout.
struct DomainSuspendArgs
{
    RemoteNonnullDomain dom;
};
using DomainResumeArgs = DomainSuspendArgs;

void xdrEncode(XdrWriter &writer, const RemoteVoid &value);
void xdrDecode(XdrReader &reader, RemoteVoid &value);
void xdrEncode(XdrWriter &writer, const RemoteNonnullDomain &value);
void xdrDecode(XdrReader &reader, RemoteNonnullDomain &value);
void xdrEncode(XdrWriter &writer, const ConnectOpenArgs &value);
void xdrDecode(XdrReader &reader, ConnectOpenArgs &value);
void xdrEncode(XdrWriter &writer, const ConnectSupportsFeatureArgs &value);
void xdrDecode(XdrReader &reader, ConnectSupportsFeatureArgs &value);
void xdrEncode(XdrWriter &writer, const ConnectSupportsFeatureRet &value);
void xdrDecode(XdrReader &reader, ConnectSupportsFeatureRet &value);
void xdrEncode(XdrWriter &writer, const AuthListRet &value);
void xdrDecode(XdrReader &reader, AuthListRet &value);
void xdrEncode(XdrWriter &writer, const ConnectGetTypeRet &value);
void xdrDecode(XdrReader &reader, ConnectGetTypeRet &value);
void xdrEncode(XdrWriter &writer, const ConnectGetVersionRet &value);
void xdrDecode(XdrReader &reader, ConnectGetVersionRet &value);
void xdrEncode(XdrWriter &writer, const ConnectGetLibVersionRet &value);
void xdrDecode(XdrReader &reader, ConnectGetLibVersionRet &value);
void xdrEncode(XdrWriter &writer, const ConnectGetHostnameRet &value);
void xdrDecode(XdrReader &reader, ConnectGetHostnameRet &value);
void xdrEncode(XdrWriter &writer, const ConnectListAllDomainsArgs &value);
void xdrDecode(XdrReader &reader, ConnectListAllDomainsArgs &value);
void xdrEncode(XdrWriter &writer, const ConnectListAllDomainsRet &value);
void xdrDecode(XdrReader &reader, ConnectListAllDomainsRet &value);
void xdrEncode(XdrWriter &writer, const DomainGetStateArgs &value);
void xdrDecode(XdrReader &reader, DomainGetStateArgs &value);
void xdrEncode(XdrWriter &writer, const DomainGetStateRet &value);
void xdrDecode(XdrReader &reader, DomainGetStateRet &value);
void xdrEncode(XdrWriter &writer, const DomainSuspendArgs &value);
void xdrDecode(XdrReader &reader, DomainSuspendArgs &value);

} // namespace pollscope
