#include "remotedispatch.h"

#include "remoteerror.h"
#include "remoteprocedures.h"
#include "remotetypes.h"
#include "testhypervisor.h"
#include "xdrreader.h"
#include "xdrwriter.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>

namespace pollscope {

namespace {

struct Procedure;

struct CallContext
{
    RemoteConnection &connection;
    const TestHypervisor &hypervisor;
    const Procedure &procedure;
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
    // Refused on a read-only connection. In libvirt every procedure the replica
    // answers for real is read-only; the domain life-cycle calls are here so that a
    // read-only client meets the refusal a real daemon gives.
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
    // Only keepalive: the daemon answers PINGs. Event and close callbacks
    // (features 14 and 15) would oblige it to implement procedures 360 and 361.
    const ConnectSupportsFeatureRet ret{args.feature == VIR_DRV_FEATURE_PROGRAM_KEEPALIVE ? 1 : 0};
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

CallResult runConnectListAllDomains(CallContext &context, const ConnectListAllDomainsArgs &args)
{
    // ACTIVE and INACTIVE filter the active group; neither or both mean all. The
    // other filter groups (persistence, state, autostart, ...) are not modelled.
    const uint32_t activeGroup = args.flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    ConnectListAllDomainsRet ret;
    for (const TestDomain &domain : context.hypervisor.domains()) {
        if (activeGroup == VIR_CONNECT_LIST_DOMAINS_ACTIVE && !domain.isActive())
            continue;
        if (activeGroup == VIR_CONNECT_LIST_DOMAINS_INACTIVE && domain.isActive())
            continue;
        ++ret.ret;
        // With need_results 0 the client only wants the count.
        if (args.needResults)
            ret.domains.push_back({domain.name, domain.uuid, domain.id});
    }
    return success(ret, "ret=" + std::to_string(ret.ret));
}

CallResult runDomainGetState(CallContext &context, const DomainGetStateArgs &args)
{
    // Like libvirt's drivers, look the domain up by UUID; the name only helps the
    // message.
    const TestDomain *domain = context.hypervisor.findByUuid(args.dom.uuid);
    if (!domain)
        return failure(makeRemoteError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
                                       "no domain with matching uuid '" + TestHypervisor::formatUuid(args.dom.uuid)
                                           + "' (" + args.dom.name + ")"));
    return success(DomainGetStateRet{domain->state, domain->reason},
                   "state=" + std::to_string(domain->state) + " reason=" + std::to_string(domain->reason));
}

CallResult runUnsupportedDomainChange(CallContext &context, const DomainSuspendArgs &)
{
    // The test hypervisor is immutable (shared by all clients without a lock), so it
    // has no life-cycle methods, and libvirt answers a driver without the method
    // with virReportUnsupportedError.
    return failure(makeRemoteError(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN, context.procedure.api));
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
    {REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, true, false, nullptr,
     invoke<ConnectListAllDomainsArgs, runConnectListAllDomains>},
    {REMOTE_PROC_DOMAIN_GET_STATE, true, false, nullptr, invoke<DomainGetStateArgs, runDomainGetState>},
    {REMOTE_PROC_DOMAIN_SUSPEND, true, true, "virDomainSuspend",
     invoke<DomainSuspendArgs, runUnsupportedDomainChange>},
    {REMOTE_PROC_DOMAIN_RESUME, true, true, "virDomainResume",
     invoke<DomainResumeArgs, runUnsupportedDomainChange>},
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

DispatchOutcome dispatchRemoteCall(RemoteConnection &connection, const TestHypervisor &hypervisor,
                                   const MessageHeader &header, std::span<const uint8_t> payload)
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

    CallContext context{connection, hypervisor, *procedure};
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
