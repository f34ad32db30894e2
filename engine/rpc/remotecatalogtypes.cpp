#include "remotecatalogtypes.h"

#include "messageheader.h"
#include "xdrreader.h"
#include "xdrwriter.h"

namespace pollscope {

void xdrEncode(XdrWriter &writer, const DomainLookupByNameArgs &value)
{
    writer.writeString(value.name);
}

void xdrDecode(XdrReader &reader, DomainLookupByNameArgs &value)
{
    value.name = reader.readString(REMOTE_STRING_MAX);
}

void xdrEncode(XdrWriter &writer, const DomainLookupByIdArgs &value)
{
    writer.writeI32(value.id);
}

void xdrDecode(XdrReader &reader, DomainLookupByIdArgs &value)
{
    value.id = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const DomainLookupByUuidArgs &value)
{
    writer.writeFixedOpaque(value.uuid);
}

void xdrDecode(XdrReader &reader, DomainLookupByUuidArgs &value)
{
    reader.readFixedOpaque(value.uuid);
}

void xdrEncode(XdrWriter &writer, const FlagsArgs &value)
{
    writer.writeU32(value.flags);
}

void xdrDecode(XdrReader &reader, FlagsArgs &value)
{
    value.flags = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const DomainGetVcpusArgs &value)
{
    xdrEncode(writer, value.dom);
    writer.writeI32(value.maxinfo);
    writer.writeI32(value.maplen);
}

void xdrDecode(XdrReader &reader, DomainGetVcpusArgs &value)
{
    xdrDecode(reader, value.dom);
    value.maxinfo = reader.readI32();
    value.maplen = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const DomainMemoryStatsArgs &value)
{
    xdrEncode(writer, value.dom);
    writer.writeU32(value.maxStats);
    writer.writeU32(value.flags);
}

void xdrDecode(XdrReader &reader, DomainMemoryStatsArgs &value)
{
    xdrDecode(reader, value.dom);
    value.maxStats = reader.readU32();
    value.flags = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const DomainGetSchedulerParametersArgs &value)
{
    xdrEncode(writer, value.dom);
    writer.writeI32(value.nparams);
}

void xdrDecode(XdrReader &reader, DomainGetSchedulerParametersArgs &value)
{
    xdrDecode(reader, value.dom);
    value.nparams = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const ConnectGetCpuMapArgs &value)
{
    writer.writeI32(value.needMap);
    writer.writeI32(value.needOnline);
    writer.writeU32(value.flags);
}

void xdrDecode(XdrReader &reader, ConnectGetCpuMapArgs &value)
{
    value.needMap = reader.readI32();
    value.needOnline = reader.readI32();
    value.flags = reader.readU32();
}

void xdrEncode(XdrWriter &writer, const NamedObjectArgs &value)
{
    writer.writeString(value.name);
    writer.writeFixedOpaque(value.uuid);
}

void xdrDecode(XdrReader &reader, NamedObjectArgs &value)
{
    value.name = reader.readString(REMOTE_STRING_MAX);
    reader.readFixedOpaque(value.uuid);
}

void xdrEncode(XdrWriter &writer, const DomainDefineXmlArgs &value)
{
    writer.writeString(value.xml);
}

void xdrDecode(XdrReader &reader, DomainDefineXmlArgs &value)
{
    value.xml = reader.readString(REMOTE_STRING_MAX);
}

void xdrEncode(XdrWriter &writer, const DomainEventCallbackRegisterArgs &value)
{
    writer.writeI32(value.eventId);
    writer.writeOptionalTag(value.dom.has_value());
    if (value.dom)
        xdrEncode(writer, *value.dom);
}

void xdrDecode(XdrReader &reader, DomainEventCallbackRegisterArgs &value)
{
    value.eventId = reader.readI32();
    value.dom.reset();
    if (reader.readOptionalTag())
        xdrDecode(reader, value.dom.emplace());
}

void xdrEncode(XdrWriter &writer, const DomainEventCallbackRegisterRet &value)
{
    writer.writeI32(value.callbackId);
}

void xdrDecode(XdrReader &reader, DomainEventCallbackRegisterRet &value)
{
    value.callbackId = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const DomainEventCallbackDeregisterArgs &value)
{
    writer.writeI32(value.callbackId);
}

void xdrDecode(XdrReader &reader, DomainEventCallbackDeregisterArgs &value)
{
    value.callbackId = reader.readI32();
}

void xdrEncode(XdrWriter &writer, const DomainEventCallbackLifecycleMsg &value)
{
    writer.writeI32(value.callbackId);
    xdrEncode(writer, value.dom);
    writer.writeI32(value.event);
    writer.writeI32(value.detail);
}

void xdrDecode(XdrReader &reader, DomainEventCallbackLifecycleMsg &value)
{
    value.callbackId = reader.readI32();
    xdrDecode(reader, value.dom);
    value.event = reader.readI32();
    value.detail = reader.readI32();
}

} // namespace pollscope
