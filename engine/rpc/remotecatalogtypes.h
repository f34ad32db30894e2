// The argument structs of the procedures behind the virsh command catalog
// (nodeinfo, dominfo, define, event, ...), with their XDR layouts from
// remote_protocol.x. Their return values are encoded where they are made
// (remotedispatch.cpp), since only real clients read them.
#pragma once

#include "remotetypes.h"

#include <optional>

namespace pollscope {

// remote_domain_lookup_by_name_args.
struct DomainLookupByNameArgs
{
    std::string name;
};

// remote_domain_lookup_by_id_args.
struct DomainLookupByIdArgs
{
    int32_t id = 0;
};

// remote_domain_lookup_by_uuid_args.
struct DomainLookupByUuidArgs
{
    Uuid uuid{};
};

// {unsigned flags}: remote_connect_get_sysinfo_args.
struct FlagsArgs
{
    uint32_t flags = 0;
};

// {dom; unsigned flags}: the layout of remote_domain_get_state_args, shared by
// GET_XML_DESC, HAS_MANAGED_SAVE_IMAGE, GET_MESSAGES, REBOOT, UNDEFINE_FLAGS and
// SNAPSHOT_NUM.
using DomainFlagsArgs = DomainGetStateArgs;
// {dom}: GET_INFO, GET_OS_TYPE, IS_ACTIVE, CREATE, DESTROY, SHUTDOWN, ...
using DomainArgs = DomainSuspendArgs;

// remote_domain_get_vcpus_args.
struct DomainGetVcpusArgs
{
    RemoteNonnullDomain dom;
    int32_t maxinfo = 0;
    int32_t maplen = 0;
};

// remote_domain_memory_stats_args.
struct DomainMemoryStatsArgs
{
    RemoteNonnullDomain dom;
    uint32_t maxStats = 0;
    uint32_t flags = 0;
};

// remote_domain_get_scheduler_parameters_args.
struct DomainGetSchedulerParametersArgs
{
    RemoteNonnullDomain dom;
    int32_t nparams = 0;
};

// remote_connect_get_cpu_map_args.
struct ConnectGetCpuMapArgs
{
    int32_t needMap = 0;
    int32_t needOnline = 0;
    uint32_t flags = 0;
};

// remote_nonnull_network and remote_nonnull_storage_pool: {name; uuid}, the only
// argument of the network and pool queries.
struct NamedObjectArgs
{
    std::string name;
    Uuid uuid{};
};

// remote_domain_define_xml_args.
struct DomainDefineXmlArgs
{
    std::string xml;
};

// remote_connect_domain_event_callback_register_any_args: an event id and an
// optional domain to filter on.
struct DomainEventCallbackRegisterArgs
{
    int32_t eventId = 0;
    std::optional<RemoteNonnullDomain> dom;
};

// remote_connect_domain_event_callback_deregister_any_args.
struct DomainEventCallbackDeregisterArgs
{
    int32_t callbackId = 0;
};

// remote_connect_domain_event_callback_register_any_ret.
struct DomainEventCallbackRegisterRet
{
    int32_t callbackId = 0;
};

// remote_domain_event_callback_lifecycle_msg: the MESSAGE a registered client gets.
struct DomainEventCallbackLifecycleMsg
{
    int32_t callbackId = 0;
    RemoteNonnullDomain dom;
    int32_t event = 0;
    int32_t detail = 0;
};

void xdrEncode(XdrWriter &writer, const DomainLookupByNameArgs &value);
void xdrDecode(XdrReader &reader, DomainLookupByNameArgs &value);
void xdrEncode(XdrWriter &writer, const DomainLookupByIdArgs &value);
void xdrDecode(XdrReader &reader, DomainLookupByIdArgs &value);
void xdrEncode(XdrWriter &writer, const DomainLookupByUuidArgs &value);
void xdrDecode(XdrReader &reader, DomainLookupByUuidArgs &value);
void xdrEncode(XdrWriter &writer, const FlagsArgs &value);
void xdrDecode(XdrReader &reader, FlagsArgs &value);
void xdrEncode(XdrWriter &writer, const DomainGetVcpusArgs &value);
void xdrDecode(XdrReader &reader, DomainGetVcpusArgs &value);
void xdrEncode(XdrWriter &writer, const DomainMemoryStatsArgs &value);
void xdrDecode(XdrReader &reader, DomainMemoryStatsArgs &value);
void xdrEncode(XdrWriter &writer, const DomainGetSchedulerParametersArgs &value);
void xdrDecode(XdrReader &reader, DomainGetSchedulerParametersArgs &value);
void xdrEncode(XdrWriter &writer, const ConnectGetCpuMapArgs &value);
void xdrDecode(XdrReader &reader, ConnectGetCpuMapArgs &value);
void xdrEncode(XdrWriter &writer, const NamedObjectArgs &value);
void xdrDecode(XdrReader &reader, NamedObjectArgs &value);
void xdrEncode(XdrWriter &writer, const DomainDefineXmlArgs &value);
void xdrDecode(XdrReader &reader, DomainDefineXmlArgs &value);
void xdrEncode(XdrWriter &writer, const DomainEventCallbackRegisterArgs &value);
void xdrDecode(XdrReader &reader, DomainEventCallbackRegisterArgs &value);
void xdrEncode(XdrWriter &writer, const DomainEventCallbackRegisterRet &value);
void xdrDecode(XdrReader &reader, DomainEventCallbackRegisterRet &value);
void xdrEncode(XdrWriter &writer, const DomainEventCallbackDeregisterArgs &value);
void xdrDecode(XdrReader &reader, DomainEventCallbackDeregisterArgs &value);
void xdrEncode(XdrWriter &writer, const DomainEventCallbackLifecycleMsg &value);
void xdrDecode(XdrReader &reader, DomainEventCallbackLifecycleMsg &value);

} // namespace pollscope
