#include "remotedispatch.h"

#include "remoteerror.h"
#include "remoteprocedures.h"
#include "remotecatalogtypes.h"
#include "remotetypes.h"
#include "testdomainxml.h"
#include "testhypervisor.h"
#include "testnode.h"
#include "xdrreader.h"
#include "xdrwriter.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <ctime>
#include <optional>
#include <variant>

namespace pollscope {

namespace {

struct Procedure;

struct CallContext
{
    RemoteConnection &connection;
    TestHypervisor &hypervisor;
    const Procedure &procedure;
    uint64_t flow; // the request's causal chain, for the events it causes
};

// What one procedure produced: an encoded return value, or an error.
struct CallResult
{
    std::optional<RemoteError> error;
    std::vector<uint8_t> ret;
    std::string argsText; // the decoded arguments, for the summary
    std::string retText;  // the notable part of the return value, for the summary
    std::string detail;   // why the arguments did not decode, for the summary
    bool closeAfterReply = false;
};

using Invoker = CallResult (*)(CallContext &context, XdrReader &args);

struct Procedure
{
    int32_t proc;
    // Answered only once CONNECT_OPEN has succeeded.
    bool needsOpen;
    // Refused on a read-only connection: the domain life-cycle calls and define.
    bool needsWrite;
    // The libvirt API a write procedure stands for; nullptr for the others.
    const char *api;
    Invoker invoke;
};

template<typename Ret>
CallResult success(const Ret &ret, std::string retText = {})
{
    XdrWriter writer;
    xdrEncode(writer, ret);
    CallResult result;
    result.ret = writer.takeBytes();
    result.retText = std::move(retText);
    return result;
}

CallResult failure(RemoteError error)
{
    CallResult result;
    result.error = std::move(error);
    return result;
}

CallResult encoded(XdrWriter &writer, std::string retText)
{
    CallResult result;
    result.ret = writer.takeBytes();
    result.retText = std::move(retText);
    return result;
}

// A return value of one int.
CallResult integer(int32_t value, std::string retText = {})
{
    XdrWriter writer;
    writer.writeI32(value);
    return encoded(writer, retText.empty() ? "ret=" + std::to_string(value) : std::move(retText));
}

// char text<N>: a count, then each char as an XDR int, the terminating NUL included
// when there is text, as libvirt's stubs send a security model or label.
void writeCharArray(XdrWriter &writer, std::string_view text)
{
    const size_t count = text.size() + 1;
    writer.writeU32(uint32_t(count));
    for (const char c : text)
        writer.writeI32(c);
    writer.writeI32(0);
}

RemoteNonnullDomain wireDomain(const TestDomain &domain)
{
    return {domain.name, domain.uuid, domain.id};
}

CallResult driverFailure(const DriverError &error)
{
    return failure(makeModernError(error.code, error.domain, error.format, error.detail));
}

// A lookup's answer: the domain, or libvirt 9 test driver's bare "Domain not found".
CallResult lookedUp(const std::optional<TestDomain> &domain)
{
    if (!domain)
        return failure(makeModernError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found", std::nullopt));
    XdrWriter writer;
    xdrEncode(writer, wireDomain(*domain));
    return encoded(writer, "dom=" + domain->name + " id=" + std::to_string(domain->id));
}

// Like libvirt's drivers, a call on a domain finds it by UUID; the name only helps
// the message.
std::optional<TestDomain> findDomain(CallContext &context, const RemoteNonnullDomain &dom)
{
    return context.hypervisor.findByUuid(dom.uuid);
}

CallResult noDomain(const RemoteNonnullDomain &dom)
{
    return driverFailure({VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found: %s",
                          "no domain with matching uuid '" + TestHypervisor::formatUuid(dom.uuid) + "' ("
                              + dom.name + ")"});
}

// The test driver reports the time of day as a domain's CPU time, in nanoseconds.
uint64_t testCpuTime()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return uint64_t(now.tv_sec) * 1000000000ull + uint64_t(now.tv_nsec);
}

// Describes decoded arguments for the summary, with libvirt's names for the fields.
std::string describe(const RemoteVoid &)
{
    return {};
}

std::string describe(const ConnectOpenArgs &args)
{
    return "name=" + args.name.value_or("<null>") + " flags=" + std::to_string(args.flags);
}

std::string describe(const ConnectSupportsFeatureArgs &args)
{
    return "feature=" + std::to_string(args.feature);
}

std::string describe(const ConnectListAllDomainsArgs &args)
{
    return "need_results=" + std::to_string(args.needResults) + " flags=" + std::to_string(args.flags);
}

std::string describe(const DomainGetStateArgs &args)
{
    return "dom=" + args.dom.name + " flags=" + std::to_string(args.flags);
}

std::string describe(const DomainSuspendArgs &args)
{
    return "dom=" + args.dom.name;
}

std::string describe(const DomainLookupByNameArgs &args)
{
    return "name=" + args.name;
}

std::string describe(const DomainLookupByIdArgs &args)
{
    return "id=" + std::to_string(args.id);
}

std::string describe(const DomainLookupByUuidArgs &args)
{
    return "uuid=" + TestHypervisor::formatUuid(args.uuid);
}

std::string describe(const FlagsArgs &args)
{
    return "flags=" + std::to_string(args.flags);
}

std::string describe(const DomainGetVcpusArgs &args)
{
    return "dom=" + args.dom.name + " maxinfo=" + std::to_string(args.maxinfo) + " maplen="
        + std::to_string(args.maplen);
}

std::string describe(const DomainMemoryStatsArgs &args)
{
    return "dom=" + args.dom.name + " maxStats=" + std::to_string(args.maxStats);
}

std::string describe(const DomainGetSchedulerParametersArgs &args)
{
    return "dom=" + args.dom.name + " nparams=" + std::to_string(args.nparams);
}

std::string describe(const ConnectGetCpuMapArgs &args)
{
    return "need_map=" + std::to_string(args.needMap) + " need_online=" + std::to_string(args.needOnline);
}

std::string describe(const NamedObjectArgs &args)
{
    return "name=" + args.name;
}

std::string describe(const DomainDefineXmlArgs &args)
{
    return "xml=" + std::to_string(args.xml.size()) + " bytes";
}

std::string describe(const DomainEventCallbackRegisterArgs &args)
{
    return "eventID=" + std::to_string(args.eventId) + " dom=" + (args.dom ? args.dom->name : "<null>");
}

std::string describe(const DomainEventCallbackDeregisterArgs &args)
{
    return "callbackID=" + std::to_string(args.callbackId);
}

// Decodes the arguments, then applies the connection checks, then runs the handler:
// the order in which libvirt's dispatcher, generated stub and public API do them.
template<typename Args, CallResult (*run)(CallContext &, const Args &)>
CallResult invoke(CallContext &context, XdrReader &reader)
{
    Args args;
    xdrDecode(reader, args);
    if (!reader.ok()) {
        CallResult result = failure(makeRemoteError(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to decode message payload"));
        result.detail = reader.error();
        return result;
    }
    const Procedure &procedure = context.procedure;
    const RemoteConnection &connection = context.connection;
    CallResult result;
    if (procedure.needsOpen && !connection.opened)
        result = failure(makeRemoteError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "hypervisor connection not open"));
    // Every write procedure here is a virDomain* API, whose errors come from
    // VIR_FROM_DOMAIN.
    else if (procedure.needsWrite && connection.openedReadonly)
        result = failure(makeRemoteError(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                                         std::string("read only access prevents ") + procedure.api));
    else
        result = run(context, args);
    result.argsText = describe(args);
    return result;
}

CallResult runAuthList(CallContext &, const RemoteVoid &)
{
    // The replica does no authentication, like a UNIX socket with auth "none".
    return success(AuthListRet{{REMOTE_AUTH_NONE}}, "types=[0]");
}

CallResult runConnectSupportsFeature(CallContext &, const ConnectSupportsFeatureArgs &args)
{
    // Keepalive (the daemon answers PINGs) and event callbacks (procedures 316 to
    // 318). Close callbacks (feature 15) would oblige it to implement 360 and 361.
    const bool supported = args.feature == VIR_DRV_FEATURE_PROGRAM_KEEPALIVE
        || args.feature == VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK;
    const ConnectSupportsFeatureRet ret{supported ? 1 : 0};
    return success(ret, "supported=" + std::to_string(ret.supported));
}

CallResult runConnectOpen(CallContext &context, const ConnectOpenArgs &args)
{
    RemoteConnection &connection = context.connection;
    if (connection.opened)
        return failure(makeRemoteError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "connection already open"));
    // The daemon serves one driver, so every URI opens it. A read-only socket forces
    // a read-only connection whatever the flags say.
    connection.opened = true;
    connection.openedReadonly = connection.readonlySocket || (args.flags & VIR_CONNECT_RO) != 0;
    return success(RemoteVoid{}, connection.openedReadonly ? "read-only" : "");
}

CallResult runConnectClose(CallContext &, const RemoteVoid &)
{
    // As in libvirt, closing needs no open connection: the client is leaving anyway.
    CallResult result = success(RemoteVoid{});
    result.closeAfterReply = true;
    return result;
}

CallResult runConnectGetType(CallContext &context, const RemoteVoid &)
{
    const std::string &type = context.hypervisor.type();
    return success(ConnectGetTypeRet{type}, "type=" + type);
}

CallResult runConnectGetVersion(CallContext &context, const RemoteVoid &)
{
    const uint64_t version = context.hypervisor.version();
    return success(ConnectGetVersionRet{version}, "hv_ver=" + std::to_string(version));
}

CallResult runConnectGetLibVersion(CallContext &context, const RemoteVoid &)
{
    const uint64_t version = context.hypervisor.libVersion();
    return success(ConnectGetLibVersionRet{version}, "lib_ver=" + std::to_string(version));
}

CallResult runConnectGetHostname(CallContext &context, const RemoteVoid &)
{
    const std::string &hostname = context.hypervisor.hostname();
    return success(ConnectGetHostnameRet{hostname}, "hostname=" + hostname);
}

CallResult runConnectGetCapabilities(CallContext &, const RemoteVoid &)
{
    XdrWriter writer;
    writer.writeString(testNodeCapabilities());
    return encoded(writer, "bytes=" + std::to_string(testNodeCapabilities().size()));
}

CallResult runConnectGetSysinfo(CallContext &, const FlagsArgs &)
{
    XdrWriter writer;
    writer.writeString(testNodeSysinfo());
    return encoded(writer, "bytes=" + std::to_string(testNodeSysinfo().size()));
}

CallResult runNodeGetInfo(CallContext &, const RemoteVoid &)
{
    const TestNodeInfo node;
    XdrWriter writer;
    // char model[32]: a fixed array of chars, each one an XDR int.
    for (size_t i = 0; i < 32; ++i)
        writer.writeI32(i < node.model.size() ? node.model[i] : 0);
    writer.writeU64(node.memoryKiB);
    for (const int32_t value : {node.cpus, node.mhz, node.nodes, node.sockets, node.cores, node.threads})
        writer.writeI32(value);
    return encoded(writer, "cpus=" + std::to_string(node.cpus));
}

CallResult runNodeGetFreeMemory(CallContext &, const RemoteVoid &)
{
    XdrWriter writer;
    writer.writeU64(kTestNodeFreeMemoryBytes);
    return encoded(writer, "freeMem=" + std::to_string(kTestNodeFreeMemoryBytes));
}

CallResult runNodeGetSecurityModel(CallContext &, const RemoteVoid &)
{
    XdrWriter writer;
    writeCharArray(writer, kTestSecurityModel);
    writeCharArray(writer, "");
    return encoded(writer, std::string("model=") + kTestSecurityModel);
}

CallResult runConnectGetCpuMap(CallContext &, const ConnectGetCpuMapArgs &args)
{
    XdrWriter writer;
    // The map and the online count only when asked for, as the remote stub sends them.
    const uint32_t mapBytes = args.needMap ? (kTestNodeCpuMapCpus + 7) / 8 : 0;
    writer.writeU32(mapBytes);
    if (mapBytes) {
        const std::vector<uint8_t> map(mapBytes, 0xff);
        writer.writeFixedOpaque(map);
    }
    writer.writeU32(args.needOnline ? kTestNodeCpuMapCpus : 0);
    writer.writeI32(kTestNodeCpuMapCpus);
    return encoded(writer, "ret=" + std::to_string(kTestNodeCpuMapCpus));
}

// Which of the LIST_ALL_DOMAINS filter groups `domain` passes.
bool matchesListFilter(const TestDomain &domain, uint32_t flags)
{
    const auto group = [flags](uint32_t yes, uint32_t no, bool value) {
        const uint32_t given = flags & (yes | no);
        return given == 0 || given == (yes | no) || (value ? (given & yes) : (given & no));
    };
    const uint32_t stateFlags = VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED
        | VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER;
    if (flags & stateFlags) {
        const uint32_t mine = domain.state == VIR_DOMAIN_RUNNING  ? VIR_CONNECT_LIST_DOMAINS_RUNNING
                              : domain.state == VIR_DOMAIN_PAUSED  ? VIR_CONNECT_LIST_DOMAINS_PAUSED
                              : domain.state == VIR_DOMAIN_SHUTOFF ? VIR_CONNECT_LIST_DOMAINS_SHUTOFF
                                                                   : VIR_CONNECT_LIST_DOMAINS_OTHER;
        if (!(flags & mine))
            return false;
    }
    // No domain has a managed save image, autostart or snapshots.
    return group(VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE, domain.isActive())
        && group(VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, domain.persistent)
        && group(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, false)
        && group(VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, false)
        && group(VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, false);
}

CallResult runConnectListAllDomains(CallContext &context, const ConnectListAllDomainsArgs &args)
{
    ConnectListAllDomainsRet ret;
    for (const TestDomain &domain : context.hypervisor.domains()) {
        if (!matchesListFilter(domain, args.flags))
            continue;
        ++ret.ret;
        // With need_results 0 the client only wants the count.
        if (args.needResults)
            ret.domains.push_back(wireDomain(domain));
    }
    return success(ret, "ret=" + std::to_string(ret.ret));
}

// Lists the one network or pool of the test driver, as LIST_ALL_NETWORKS and
// LIST_ALL_STORAGE_POOLS do: {objects<>; unsigned ret}.
CallResult listOne(const ConnectListAllDomainsArgs &args, const char *name, const Uuid &uuid)
{
    XdrWriter writer;
    writer.writeU32(args.needResults ? 1 : 0);
    if (args.needResults) {
        writer.writeString(name);
        writer.writeFixedOpaque(uuid);
    }
    writer.writeU32(1);
    return encoded(writer, "ret=1");
}

constexpr Uuid kDefaultNetworkUuid = {0xdd, 0x8f, 0xe8, 0x84, 0x6c, 0x02, 0x60, 0x1e,
                                      0x75, 0x51, 0xcc, 0xa9, 0x7d, 0xf1, 0xc5, 0xdf};
constexpr Uuid kDefaultPoolUuid = {0xdf, 0xe2, 0x24, 0xcb, 0x28, 0xfb, 0x8d, 0xd0,
                                   0xc4, 0xb2, 0x64, 0xeb, 0x3f, 0x0f, 0x45, 0x66};

CallResult runConnectListAllNetworks(CallContext &, const ConnectListAllDomainsArgs &args)
{
    return listOne(args, "default", kDefaultNetworkUuid);
}

CallResult runConnectListAllStoragePools(CallContext &, const ConnectListAllDomainsArgs &args)
{
    return listOne(args, "default-pool", kDefaultPoolUuid);
}

// The int answers about the test driver's network and pool: the default network
// and pool are active, persistent and not autostarted.
template<int32_t value>
CallResult runObjectFlag(CallContext &, const NamedObjectArgs &)
{
    return integer(value);
}

CallResult runStoragePoolGetInfo(CallContext &, const NamedObjectArgs &)
{
    constexpr uint64_t kCapacity = 100ull << 30; // the default pool's 100 GiB, all free
    XdrWriter writer;
    writer.writeI32(2); // VIR_STORAGE_POOL_RUNNING
    writer.writeU64(kCapacity);
    writer.writeU64(0);
    writer.writeU64(kCapacity);
    return encoded(writer, "state=2");
}

CallResult runDomainLookupByName(CallContext &context, const DomainLookupByNameArgs &args)
{
    return lookedUp(context.hypervisor.findByName(args.name));
}

CallResult runDomainLookupById(CallContext &context, const DomainLookupByIdArgs &args)
{
    return lookedUp(context.hypervisor.findById(args.id));
}

CallResult runDomainLookupByUuid(CallContext &context, const DomainLookupByUuidArgs &args)
{
    return lookedUp(context.hypervisor.findByUuid(args.uuid));
}

CallResult runDomainGetState(CallContext &context, const DomainGetStateArgs &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    return success(DomainGetStateRet{domain->state, domain->reason},
                   "state=" + std::to_string(domain->state) + " reason=" + std::to_string(domain->reason));
}

CallResult runDomainGetOsType(CallContext &context, const DomainArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    XdrWriter writer;
    writer.writeString("linux");
    return encoded(writer, "type=linux");
}

CallResult runDomainGetInfo(CallContext &context, const DomainArgs &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    XdrWriter writer;
    writer.writeI32(domain->state); // unsigned char, in 4 bytes
    writer.writeU64(domain->definition.maxMemoryKiB);
    writer.writeU64(domain->definition.memoryKiB);
    writer.writeI32(domain->definition.vcpus); // unsigned short, in 4 bytes
    writer.writeU64(testCpuTime());
    return encoded(writer, "state=" + std::to_string(domain->state));
}

// IS_ACTIVE, IS_PERSISTENT, GET_AUTOSTART, HAS_MANAGED_SAVE_IMAGE, SNAPSHOT_NUM:
// one int about the domain.
template<typename Args, int32_t (*answer)(const TestDomain &)>
CallResult runDomainInt(CallContext &context, const Args &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    return integer(answer(*domain));
}

int32_t isActive(const TestDomain &domain)
{
    return domain.isActive() ? 1 : 0;
}

int32_t isPersistent(const TestDomain &domain)
{
    return domain.persistent ? 1 : 0;
}

int32_t zero(const TestDomain &)
{
    return 0;
}

CallResult runDomainGetSecurityLabel(CallContext &context, const DomainArgs &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    // Only a running domain has a label; virsh prints none for an empty one.
    const std::string label = domain->isActive() ? kTestSecurityLabel : "";
    XdrWriter writer;
    writeCharArray(writer, label);
    writer.writeI32(domain->isActive() ? 1 : 0); // enforcing
    return encoded(writer, "label=" + label);
}

CallResult runDomainGetMessages(CallContext &context, const DomainFlagsArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    return integer(0, "msgs=0"); // an empty list: its count only
}

CallResult runDomainGetXmlDesc(CallContext &context, const DomainFlagsArgs &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    const std::string xml = formatDomainXml(*domain);
    XdrWriter writer;
    writer.writeString(xml);
    return encoded(writer, "bytes=" + std::to_string(xml.size()));
}

CallResult runDomainGetVcpus(CallContext &context, const DomainGetVcpusArgs &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    if (!domain->isActive())
        return driverFailure({VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Requested operation is not valid: %s",
                              "cannot list vcpus for an inactive domain"});
    const int32_t count = std::clamp(args.maxinfo, 0, domain->definition.vcpus);
    const TestNodeInfo node;
    const uint64_t cpuTime = testCpuTime() / 10000;
    XdrWriter writer;
    writer.writeU32(uint32_t(count));
    for (int32_t vcpu = 0; vcpu < count; ++vcpu) {
        writer.writeU32(uint32_t(vcpu));
        writer.writeI32(1); // VIR_VCPU_RUNNING
        writer.writeU64(cpuTime);
        writer.writeI32(node.cpus - 1);
    }
    // Every vCPU may run on every host CPU.
    const std::vector<uint8_t> maps(size_t(count) * size_t(std::max(args.maplen, 0)), 0xff);
    writer.writeU32(uint32_t(maps.size()));
    writer.writeFixedOpaque(maps);
    return encoded(writer, "vcpus=" + std::to_string(count));
}

CallResult runDomainMemoryStats(CallContext &context, const DomainMemoryStatsArgs &args)
{
    const std::optional<TestDomain> domain = findDomain(context, args.dom);
    if (!domain)
        return noDomain(args.dom);
    if (!domain->isActive())
        return driverFailure({VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "Requested operation is not valid: %s",
                              "domain is not running"});
    const uint64_t memory = domain->definition.memoryKiB;
    // The test driver's statistics (virDomainMemoryStatTags), in its order.
    const std::pair<int32_t, uint64_t> stats[] = {
        {6, memory},     {0, 0}, {1, 0}, {2, 0},          {3, 0}, {4, memory / 2},  {5, memory},
        {8, memory / 2}, {9, 627319920}, {10, memory / 8}, {11, 0}, {12, 0}, {7, memory / 2},
    };
    const uint32_t count = std::min<uint32_t>(args.maxStats, uint32_t(std::size(stats)));
    XdrWriter writer;
    writer.writeU32(count);
    for (uint32_t i = 0; i < count; ++i) {
        writer.writeI32(stats[i].first);
        writer.writeU64(stats[i].second);
    }
    return encoded(writer, "stats=" + std::to_string(count));
}

CallResult runDomainGetSchedulerType(CallContext &context, const DomainArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    XdrWriter writer;
    writer.writeString("fair");
    writer.writeI32(1);
    return encoded(writer, "type=fair nparams=1");
}

CallResult runDomainGetSchedulerParameters(CallContext &context, const DomainGetSchedulerParametersArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    XdrWriter writer;
    writer.writeU32(1);
    writer.writeString("weight");
    writer.writeI32(2); // VIR_TYPED_PARAM_UINT
    writer.writeU32(50);
    return encoded(writer, "weight=50");
}

// The state changes: each asks the driver, whose change queues the lifecycle event.
template<std::optional<DriverError> (TestHypervisor::*change)(const Uuid &, uint64_t)>
CallResult runDomainChange(CallContext &context, const DomainArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    if (std::optional<DriverError> error = (context.hypervisor.*change)(args.dom.uuid, context.flow))
        return driverFailure(*error);
    return success(RemoteVoid{});
}

CallResult runDomainReboot(CallContext &context, const DomainFlagsArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    if (std::optional<DriverError> error = context.hypervisor.reboot(args.dom.uuid))
        return driverFailure(*error);
    return success(RemoteVoid{});
}

CallResult runDomainUndefineFlags(CallContext &context, const DomainFlagsArgs &args)
{
    if (!findDomain(context, args.dom))
        return noDomain(args.dom);
    if (std::optional<DriverError> error = context.hypervisor.undefine(args.dom.uuid, context.flow))
        return driverFailure(*error);
    return success(RemoteVoid{});
}

CallResult runDomainDefineXml(CallContext &context, const DomainDefineXmlArgs &args)
{
    std::variant<DomainDefinition, DriverError> parsed = parseDomainXml(args.xml);
    if (const DriverError *error = std::get_if<DriverError>(&parsed))
        return driverFailure(*error);
    TestDomain defined;
    if (std::optional<DriverError> error
        = context.hypervisor.define(std::get<DomainDefinition>(parsed), context.flow, &defined))
        return driverFailure(*error);
    XdrWriter writer;
    xdrEncode(writer, wireDomain(defined));
    return encoded(writer, "dom=" + defined.name);
}

CallResult runDomainEventCallbackRegister(CallContext &context, const DomainEventCallbackRegisterArgs &args)
{
    if (args.eventId < 0 || args.eventId >= VIR_DOMAIN_EVENT_ID_LAST)
        return driverFailure({VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "internal error: %s",
                              "unsupported event ID " + std::to_string(args.eventId)});
    DomainEventCallback callback;
    callback.callbackId = context.hypervisor.nextCallbackId();
    callback.eventId = args.eventId;
    if (args.dom)
        callback.domain = args.dom->uuid;
    context.connection.eventCallbacks.push_back(callback);
    return integer(callback.callbackId, "callbackID=" + std::to_string(callback.callbackId));
}

CallResult runDomainEventCallbackDeregister(CallContext &context, const DomainEventCallbackDeregisterArgs &args)
{
    std::vector<DomainEventCallback> &callbacks = context.connection.eventCallbacks;
    const auto it = std::find_if(callbacks.begin(), callbacks.end(), [&](const DomainEventCallback &callback) {
        return callback.callbackId == args.callbackId;
    });
    if (it == callbacks.end())
        return driverFailure({VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "internal error: %s",
                              "domain event callback " + std::to_string(args.callbackId) + " not registered"});
    callbacks.erase(it);
    return success(RemoteVoid{});
}

constexpr Procedure kProcedures[] = {
    {REMOTE_PROC_AUTH_LIST, false, false, nullptr, invoke<RemoteVoid, runAuthList>},
    {REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, false, false, nullptr,
     invoke<ConnectSupportsFeatureArgs, runConnectSupportsFeature>},
    {REMOTE_PROC_CONNECT_OPEN, false, false, nullptr, invoke<ConnectOpenArgs, runConnectOpen>},
    {REMOTE_PROC_CONNECT_CLOSE, false, false, nullptr, invoke<RemoteVoid, runConnectClose>},
    {REMOTE_PROC_CONNECT_GET_TYPE, true, false, nullptr, invoke<RemoteVoid, runConnectGetType>},
    {REMOTE_PROC_CONNECT_GET_VERSION, true, false, nullptr, invoke<RemoteVoid, runConnectGetVersion>},
    {REMOTE_PROC_CONNECT_GET_LIB_VERSION, true, false, nullptr, invoke<RemoteVoid, runConnectGetLibVersion>},
    {REMOTE_PROC_CONNECT_GET_HOSTNAME, true, false, nullptr, invoke<RemoteVoid, runConnectGetHostname>},
    {REMOTE_PROC_CONNECT_GET_CAPABILITIES, true, false, nullptr, invoke<RemoteVoid, runConnectGetCapabilities>},
    {REMOTE_PROC_CONNECT_GET_SYSINFO, true, false, nullptr, invoke<FlagsArgs, runConnectGetSysinfo>},
    {REMOTE_PROC_NODE_GET_INFO, true, false, nullptr, invoke<RemoteVoid, runNodeGetInfo>},
    {REMOTE_PROC_NODE_GET_FREE_MEMORY, true, false, nullptr, invoke<RemoteVoid, runNodeGetFreeMemory>},
    {REMOTE_PROC_NODE_GET_SECURITY_MODEL, true, false, nullptr, invoke<RemoteVoid, runNodeGetSecurityModel>},
    {REMOTE_PROC_CONNECT_GET_CPU_MAP, true, false, nullptr, invoke<ConnectGetCpuMapArgs, runConnectGetCpuMap>},
    {REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, true, false, nullptr,
     invoke<ConnectListAllDomainsArgs, runConnectListAllDomains>},
    {REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS, true, false, nullptr,
     invoke<ConnectListAllDomainsArgs, runConnectListAllNetworks>},
    {REMOTE_PROC_NETWORK_GET_AUTOSTART, true, false, nullptr, invoke<NamedObjectArgs, runObjectFlag<0>>},
    {REMOTE_PROC_NETWORK_IS_ACTIVE, true, false, nullptr, invoke<NamedObjectArgs, runObjectFlag<1>>},
    {REMOTE_PROC_NETWORK_IS_PERSISTENT, true, false, nullptr, invoke<NamedObjectArgs, runObjectFlag<1>>},
    {REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS, true, false, nullptr,
     invoke<ConnectListAllDomainsArgs, runConnectListAllStoragePools>},
    {REMOTE_PROC_STORAGE_POOL_GET_AUTOSTART, true, false, nullptr, invoke<NamedObjectArgs, runObjectFlag<0>>},
    {REMOTE_PROC_STORAGE_POOL_GET_INFO, true, false, nullptr, invoke<NamedObjectArgs, runStoragePoolGetInfo>},
    {REMOTE_PROC_STORAGE_POOL_IS_PERSISTENT, true, false, nullptr, invoke<NamedObjectArgs, runObjectFlag<1>>},
    {REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME, true, false, nullptr, invoke<DomainLookupByNameArgs, runDomainLookupByName>},
    {REMOTE_PROC_DOMAIN_LOOKUP_BY_ID, true, false, nullptr, invoke<DomainLookupByIdArgs, runDomainLookupById>},
    {REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID, true, false, nullptr, invoke<DomainLookupByUuidArgs, runDomainLookupByUuid>},
    {REMOTE_PROC_DOMAIN_GET_STATE, true, false, nullptr, invoke<DomainGetStateArgs, runDomainGetState>},
    {REMOTE_PROC_DOMAIN_GET_OS_TYPE, true, false, nullptr, invoke<DomainArgs, runDomainGetOsType>},
    {REMOTE_PROC_DOMAIN_GET_INFO, true, false, nullptr, invoke<DomainArgs, runDomainGetInfo>},
    {REMOTE_PROC_DOMAIN_IS_ACTIVE, true, false, nullptr, invoke<DomainArgs, runDomainInt<DomainArgs, isActive>>},
    {REMOTE_PROC_DOMAIN_IS_PERSISTENT, true, false, nullptr,
     invoke<DomainArgs, runDomainInt<DomainArgs, isPersistent>>},
    {REMOTE_PROC_DOMAIN_GET_AUTOSTART, true, false, nullptr, invoke<DomainArgs, runDomainInt<DomainArgs, zero>>},
    {REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE, true, false, nullptr,
     invoke<DomainFlagsArgs, runDomainInt<DomainFlagsArgs, zero>>},
    {REMOTE_PROC_DOMAIN_SNAPSHOT_NUM, true, false, nullptr,
     invoke<DomainFlagsArgs, runDomainInt<DomainFlagsArgs, zero>>},
    {REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL, true, false, nullptr, invoke<DomainArgs, runDomainGetSecurityLabel>},
    {REMOTE_PROC_DOMAIN_GET_MESSAGES, true, false, nullptr, invoke<DomainFlagsArgs, runDomainGetMessages>},
    {REMOTE_PROC_DOMAIN_GET_XML_DESC, true, false, nullptr, invoke<DomainFlagsArgs, runDomainGetXmlDesc>},
    {REMOTE_PROC_DOMAIN_GET_VCPUS, true, false, nullptr, invoke<DomainGetVcpusArgs, runDomainGetVcpus>},
    {REMOTE_PROC_DOMAIN_MEMORY_STATS, true, false, nullptr, invoke<DomainMemoryStatsArgs, runDomainMemoryStats>},
    {REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE, true, false, nullptr, invoke<DomainArgs, runDomainGetSchedulerType>},
    {REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS, true, false, nullptr,
     invoke<DomainGetSchedulerParametersArgs, runDomainGetSchedulerParameters>},
    {REMOTE_PROC_DOMAIN_SUSPEND, true, true, "virDomainSuspend",
     invoke<DomainArgs, runDomainChange<&TestHypervisor::suspend>>},
    {REMOTE_PROC_DOMAIN_RESUME, true, true, "virDomainResume",
     invoke<DomainArgs, runDomainChange<&TestHypervisor::resume>>},
    {REMOTE_PROC_DOMAIN_CREATE, true, true, "virDomainCreate",
     invoke<DomainArgs, runDomainChange<&TestHypervisor::create>>},
    {REMOTE_PROC_DOMAIN_DESTROY, true, true, "virDomainDestroy",
     invoke<DomainArgs, runDomainChange<&TestHypervisor::destroy>>},
    {REMOTE_PROC_DOMAIN_SHUTDOWN, true, true, "virDomainShutdown",
     invoke<DomainArgs, runDomainChange<&TestHypervisor::shutdown>>},
    {REMOTE_PROC_DOMAIN_REBOOT, true, true, "virDomainReboot", invoke<DomainFlagsArgs, runDomainReboot>},
    {REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS, true, true, "virDomainUndefineFlags",
     invoke<DomainFlagsArgs, runDomainUndefineFlags>},
    {REMOTE_PROC_DOMAIN_DEFINE_XML, true, true, "virDomainDefineXML", invoke<DomainDefineXmlArgs, runDomainDefineXml>},
    {REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, true, false, nullptr,
     invoke<DomainEventCallbackRegisterArgs, runDomainEventCallbackRegister>},
    {REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, true, false, nullptr,
     invoke<DomainEventCallbackDeregisterArgs, runDomainEventCallbackDeregister>},
};

const Procedure *findProcedure(int32_t proc)
{
    const auto it = std::find_if(std::begin(kProcedures), std::end(kProcedures),
                                 [proc](const Procedure &procedure) { return procedure.proc == proc; });
    return it == std::end(kProcedures) ? nullptr : &*it;
}

// Lower-case hex without a prefix, as libvirt's %x prints it.
std::string hex(uint32_t value)
{
    char digits[8];
    const auto result = std::to_chars(digits, digits + sizeof digits, value, 16);
    return std::string(digits, result.ptr);
}

std::string procedureLabel(int32_t proc)
{
    if (const char *name = remoteProcedureName(proc))
        return name;
    return "proc " + std::to_string(proc);
}

// The answer to `request`, keeping its prog, vers, proc and serial.
std::vector<uint8_t> encodeReply(const MessageHeader &request, MessageType type, MessageStatus status,
                                 std::span<const uint8_t> payload)
{
    MessageHeader reply = request;
    reply.type = static_cast<uint32_t>(type);
    reply.status = static_cast<uint32_t>(status);
    return encodeMessage(reply, payload);
}

DispatchOutcome errorOutcome(const MessageHeader &request, const RemoteError &error, const std::string &label,
                             const std::string &detail = {})
{
    XdrWriter writer;
    xdrEncode(writer, error);
    // As remoteSerializeReplyError does, an error about a stream packet goes back on
    // the stream; any other error is a REPLY.
    const MessageType type = request.type == static_cast<uint32_t>(MessageType::Stream) ? MessageType::Stream
                                                                                        : MessageType::Reply;
    DispatchOutcome outcome;
    outcome.reply = encodeReply(request, type, MessageStatus::Error, writer.bytes());
    outcome.isError = true;
    outcome.summary = label + " -> error: " + error.message.value_or("");
    if (!detail.empty())
        outcome.summary += " (" + detail + ")";
    return outcome;
}

RemoteError rpcError(std::string_view message)
{
    return makeRemoteError(VIR_ERR_RPC, VIR_FROM_RPC, message);
}

} // namespace

bool isImplementedProcedure(int32_t proc)
{
    return findProcedure(proc) != nullptr;
}

DispatchOutcome dispatchRemoteCall(RemoteConnection &connection, TestHypervisor &hypervisor,
                                   const MessageHeader &header, std::span<const uint8_t> payload, uint64_t flow)
{
    // Until the program is known to be ours, the procedure number means nothing.
    const std::string rawLabel = "proc " + std::to_string(header.proc);
    if (header.prog != REMOTE_PROGRAM)
        return errorOutcome(header,
                            rpcError("program mismatch (actual " + hex(header.prog) + ", expected "
                                     + hex(REMOTE_PROGRAM) + ")"),
                            rawLabel);
    if (header.vers != REMOTE_PROTOCOL_VERSION)
        return errorOutcome(header,
                            rpcError("version mismatch (actual " + hex(header.vers) + ", expected "
                                     + hex(REMOTE_PROTOCOL_VERSION) + ")"),
                            rawLabel);

    const std::string label = procedureLabel(header.proc);
    if (header.type == static_cast<uint32_t>(MessageType::Stream))
        return {{}, false, false, label + " -> STREAM message ignored"};
    if (header.type != static_cast<uint32_t>(MessageType::Call))
        return errorOutcome(header,
                            rpcError("type (" + std::to_string(static_cast<int32_t>(header.type))
                                     + ") != REMOTE_CALL"),
                            label);
    if (header.status != static_cast<uint32_t>(MessageStatus::Ok))
        return errorOutcome(header, rpcError("Unexpected message status " + std::to_string(header.status)), label);

    const Procedure *procedure = findProcedure(header.proc);
    if (!procedure)
        return errorOutcome(header, rpcError("unknown procedure: " + std::to_string(header.proc)), label);

    CallContext context{connection, hypervisor, *procedure, flow};
    XdrReader args(payload);
    CallResult result = procedure->invoke(context, args);
    const std::string callText = result.argsText.empty() ? label : label + " " + result.argsText;
    if (result.error)
        return errorOutcome(header, *result.error, callText, result.detail);

    DispatchOutcome outcome;
    outcome.reply = encodeReply(header, MessageType::Reply, MessageStatus::Ok, result.ret);
    outcome.closeAfterReply = result.closeAfterReply;
    outcome.summary = callText + " -> ok";
    if (!result.retText.empty())
        outcome.summary += " " + result.retText;
    return outcome;
}

} // namespace pollscope
