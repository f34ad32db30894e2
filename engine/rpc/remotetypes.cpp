#include "remotetypes.h"

#include "messageheader.h"
#include "xdrreader.h"
#include "xdrwriter.h"

namespace pollscope {

namespace {

// The smallest encoded remote_nonnull_domain: empty name, UUID, id.
constexpr size_t kMinDomainSize = 4 + 16 + 4;

} // namespace

void xdrEncode(XdrWriter &, const RemoteVoid &)
{
}

void xdrDecode(XdrReader &, RemoteVoid &)
{
}

void xdrEncode(XdrWriter &writer, const RemoteNonnullDomain &value)
{
    writer.writeString(value.name);
    writer.writeFixedOpaque(value.uuid);
    writer.writeI32(value.id);
}

void xdrDecode(XdrReader &reader, RemoteNonnullDomain &value)
{
    value.name = reader.readString(REMOTE_STRING_MAX);
    reader.readFixedOpaque(value.uuid);
    value.id = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const ConnectOpenArgs &value)
{
    writer.writeOptionalString(value.name);
    writer.writeU32(value.flags);
}

void xdrDecode(XdrReader &reader, ConnectOpenArgs &value)
{
    value.name = reader.readOptionalString(REMOTE_STRING_MAX);
    value.flags = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const ConnectSupportsFeatureArgs &value)
{
    writer.writeI32(value.feature);
}

void xdrDecode(XdrReader &reader, ConnectSupportsFeatureArgs &value)
{
    value.feature = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const ConnectSupportsFeatureRet &value)
{
    writer.writeI32(value.supported);
}

void xdrDecode(XdrReader &reader, ConnectSupportsFeatureRet &value)
{
    value.supported = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const AuthListRet &value)
{
    writer.writeU32(static_cast<uint32_t>(value.types.size()));
    for (int32_t type : value.types)
        writer.writeI32(type);
}

void xdrDecode(XdrReader &reader, AuthListRet &value)
{
    const uint32_t count = reader.readArrayCount(REMOTE_AUTH_TYPE_LIST_MAX, 4);
    value.types.clear();
    for (uint32_t i = 0; i < count && reader.ok(); ++i)
        value.types.push_back(reader.readI32());
}

void xdrEncode(XdrWriter &writer, const ConnectGetTypeRet &value)
{
    writer.writeString(value.type);
}

void xdrDecode(XdrReader &reader, ConnectGetTypeRet &value)
{
    value.type = reader.readString(REMOTE_STRING_MAX);
}

void xdrEncode(XdrWriter &writer, const ConnectGetVersionRet &value)
{
    writer.writeU64(value.hvVer);
}

void xdrDecode(XdrReader &reader, ConnectGetVersionRet &value)
{
    value.hvVer = reader.readU64();
}

void xdrEncode(XdrWriter &writer, const ConnectGetLibVersionRet &value)
{
    writer.writeU64(value.libVer);
}

void xdrDecode(XdrReader &reader, ConnectGetLibVersionRet &value)
{
    value.libVer = reader.readU64();
}

void xdrEncode(XdrWriter &writer, const ConnectGetHostnameRet &value)
{
    writer.writeString(value.hostname);
}

void xdrDecode(XdrReader &reader, ConnectGetHostnameRet &value)
{
    value.hostname = reader.readString(REMOTE_STRING_MAX);
}

void xdrEncode(XdrWriter &writer, const ConnectListAllDomainsArgs &value)
{
    writer.writeI32(value.needResults);
    writer.writeU32(value.flags);
}

void xdrDecode(XdrReader &reader, ConnectListAllDomainsArgs &value)
{
    value.needResults = reader.readI32();
    value.flags = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const ConnectListAllDomainsRet &value)
{
    writer.writeU32(static_cast<uint32_t>(value.domains.size()));
    for (const RemoteNonnullDomain &domain : value.domains)
        xdrEncode(writer, domain);
    writer.writeU32(value.ret);
}

void xdrDecode(XdrReader &reader, ConnectListAllDomainsRet &value)
{
    const uint32_t count = reader.readArrayCount(REMOTE_DOMAIN_LIST_MAX, kMinDomainSize);
    value.domains.clear();
    value.domains.reserve(count);
    for (uint32_t i = 0; i < count && reader.ok(); ++i)
        xdrDecode(reader, value.domains.emplace_back());
    value.ret = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const DomainGetStateArgs &value)
{
    xdrEncode(writer, value.dom);
    writer.writeU32(value.flags);
}

void xdrDecode(XdrReader &reader, DomainGetStateArgs &value)
{
    xdrDecode(reader, value.dom);
    value.flags = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const DomainGetStateRet &value)
{
    writer.writeI32(value.state);
    writer.writeI32(value.reason);
}

void xdrDecode(XdrReader &reader, DomainGetStateRet &value)
{
    value.state = reader.readI32();
    value.reason = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const DomainSuspendArgs &value)
{
    xdrEncode(writer, value.dom);
}

void xdrDecode(XdrReader &reader, DomainSuspendArgs &value)
{
    xdrDecode(reader, value.dom);
}

} // namespace pollscope
