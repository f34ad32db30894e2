#include "scriptedclient.h"

#include "conditionmatcher.h"
#include "externalcommand.h"
#include "runcontext.h"
#include "runstep.h"

#include "rpc/keepalive.h"
#include "rpc/lifecycleeventwords.h"
#include "rpc/remoteprocedures.h"
#include "rpc/testhypervisor.h"
#include "rpc/xdrreader.h"
#include "rpc/xdrwriter.h"
#include "trace/stringpool.h"
#include "trace/threadnames.h"
#include "util/overloaded.h"

#include <sys/socket.h>

namespace pollscope {

namespace {

std::string procedureText(int32_t proc)
{
    const char *name = remoteProcedureName(proc);
    return name ? name : "procedure " + std::to_string(proc);
}

std::string millisecondsText(std::chrono::milliseconds duration)
{
    return std::to_string(duration.count()) + " ms";
}

RemoteNonnullDomain domainNamed(const std::string &name)
{
    // The test hypervisor's domains; an unknown name goes out as it is, with a null
    // UUID, and the daemon answers that there is no such domain.
    static const TestHypervisor hypervisor;
    if (const std::optional<TestDomain> domain = hypervisor.findByName(name))
        return {domain->name, domain->uuid, domain->id};
    return {name, {}, -1};
}

} // namespace

std::chrono::milliseconds ScriptedClient::patience(std::chrono::milliseconds timeout) const
{
    // An interactive run waits as long as the learner takes.
    return m_context.options.interactive ? std::max(timeout, std::chrono::milliseconds(std::chrono::hours(24)))
                                         : timeout;
}

ScriptedClient::ScriptedClient(RunContext &context, const ScenarioClient &spec, std::string scriptName)
    : m_context(context)
    , m_spec(spec)
    , m_name(std::move(scriptName))
{
}

void ScriptedClient::run(std::chrono::milliseconds start)
{
    ThreadNames::setCurrent("client-" + m_name);
    if (start.count() > 0 && !m_context.sleepFor(start))
        return;
    runSteps(m_spec.steps);
    // The trace may lag the socket by a drain period: wait for the registration.
    resolveDeferredAccept(std::chrono::milliseconds(2000));
    std::lock_guard guard(m_socketLock);
    m_client.hangUp();
}

void ScriptedClient::interrupt()
{
    std::lock_guard guard(m_socketLock);
    if (m_client.isConnected())
        ::shutdown(m_client.fd(), SHUT_RDWR);
}

bool ScriptedClient::runSteps(const StepList &steps)
{
    for (const ScenarioStep &step : steps) {
        if (m_context.aborted() || !runStep(step))
            return false;
    }
    return true;
}

bool ScriptedClient::runStep(const ScenarioStep &step)
{
    resolveDeferredAccept(std::chrono::milliseconds(0));
    if (m_context.options.onStep)
        m_context.options.onStep(step, m_name);
    return std::visit(
        Overloaded{
            [&](const steps::Connect &) { return connect(step); },
            [&](const steps::Call &call) { return this->call(step, call); },
            [&](const steps::Ping &ping) { return this->ping(step, ping); },
            [&](const steps::Send &send) { return this->send(step, send); },
            [&](const steps::WritePieces &pieces) { return writePieces(step, pieces); },
            [&](const steps::StopReading &stop) {
                m_context.recordStep(step, m_daemonClient, EventReason::ClientStopsReading, [&](ClientActionProbe &e) {
                    e.setTimeout(int32_t(stop.duration.count()));
                });
                return m_context.sleepFor(stop.duration);
            },
            [&](const steps::ReadReplies &read) { return readReplies(step, read); },
            [&](const steps::HangUp &hangUp) { return this->hangUp(step, hangUp); },
            [&](const steps::Sleep &sleep) {
                m_context.recordStep(step, m_daemonClient, EventReason::ClientSleeps, [&](ClientActionProbe &e) {
                    e.setTimeout(int32_t(sleep.duration.count()));
                });
                return m_context.sleepFor(sleep.duration);
            },
            [&](const steps::Repeat &repeat) {
                for (int i = 0; i < repeat.times; ++i) {
                    m_context.recordStep(step, m_daemonClient, EventReason::ClientRepeats,
                                         [&](ClientActionProbe &e) { e.setResult(int32_t(i + 1)); });
                    if (!runSteps(repeat.steps))
                        return false;
                }
                return true;
            },
            [&](const steps::WaitFor &wait) { return waitFor(step, wait); },
            [&](const steps::ExpectDisconnect &expect) { return expectDisconnect(step, expect); },
            [&](const steps::Run &run) { return runCommand(step, run); },
            [&](const steps::FdLimit &limit) {
                if (limit.restore) {
                    m_context.restoreFdLimit();
                    m_context.recordStep(step, m_daemonClient, EventReason::ClientRestoresFdLimit);
                } else {
                    m_context.lowerFdLimit(limit.headroom);
                    m_context.recordStep(step, m_daemonClient, EventReason::ClientLowersFdLimit,
                                         [&](ClientActionProbe &e) { e.setResult(int32_t(limit.headroom)); });
                }
                return true;
            },
            [&](const steps::Say &) {
                m_context.recordStep(step, m_daemonClient, EventReason::Narration);
                return true;
            },
            [&](const steps::Ask &question) { return ask(step, question); },
            [&](const steps::WaitEvent &wait) { return waitEvent(step, wait); },
        },
        step.action);
}

bool ScriptedClient::requireConnected(const ScenarioStep &step)
{
    if (m_client.isConnected())
        return true;
    m_context.fail(step.where, "client " + m_name + " is not connected (add a connect step before this one)");
    return false;
}

bool ScriptedClient::connect(const ScenarioStep &step)
{
    Server &server = *m_context.server;
    std::lock_guard connecting(m_context.connectLock);
    size_t before = 0;
    m_context.monitor.inspect([&](const std::vector<TraceEvent> &events) { before = events.size(); });
    bool connected = false;
    std::string where;
    // interrupt() may shut the socket down from the run's watchdog at any moment.
    std::unique_lock socketGuard(m_socketLock);
    switch (m_spec.transport) {
    case Transport::Unix:
    case Transport::UnixReadOnly:
        where = server.unixSocketPath(m_spec.transport == Transport::UnixReadOnly);
        connected = !where.empty() && m_client.connectUnix(where);
        break;
    case Transport::Tcp:
        where = "127.0.0.1:" + std::to_string(server.tcpPort());
        connected = server.tcpPort() > 0 && m_client.connectTcp("127.0.0.1", server.tcpPort());
        break;
    }
    socketGuard.unlock();
    if (where.empty() || (m_spec.transport == Transport::Tcp && server.tcpPort() == 0)) {
        m_context.fail(step.where, "the daemon has no listener for client " + m_name + "'s transport");
        return false;
    }
    m_context.recordStep(step, 0, EventReason::ClientConnects,
                         [&](ClientActionProbe &e) { e.setText(internString(where)); });
    if (!connected) {
        m_context.fail(step.where, "client " + m_name + " cannot connect: " + m_client.error());
        return false;
    }
    // Learn which daemon client this is: the next registration or rejection. An
    // accept the daemon has to put off (EMFILE) is resolved later.
    const size_t since = before;
    int found = 0;
    bool deferred = false;
    m_context.monitor.waitUntil(
        [&](const std::vector<TraceEvent> &events) {
            for (size_t i = before; i < events.size(); ++i) {
                if (eventKindInfo(events[i].kind).clientStage == ClientStage::Registered) {
                    found = events[i].client;
                    return true;
                }
                if (events[i].kind == EventKind::ClientRejected)
                    return true;
                if (events[i].kind == EventKind::AcceptFailed) {
                    deferred = true;
                    return true;
                }
            }
            before = events.size();
            return false;
        },
        patience(std::chrono::milliseconds(2000)));
    if (found > 0 && m_context.clients.record(m_name, m_spec.name, found))
        m_daemonClient = found;
    else if (deferred)
        m_deferredAcceptSince = since;
    return true;
}

void ScriptedClient::resolveDeferredAccept(std::chrono::milliseconds patience)
{
    if (m_daemonClient != 0 || !m_deferredAcceptSince)
        return;
    m_context.monitor.waitUntil(
        [&](const std::vector<TraceEvent> &events) {
            for (size_t i = *m_deferredAcceptSince; i < events.size(); ++i) {
                if (eventKindInfo(events[i].kind).clientStage == ClientStage::Registered
                    && m_context.clients.record(m_name, m_spec.name, events[i].client)) {
                    m_daemonClient = events[i].client;
                    return true;
                }
            }
            return false;
        },
        patience);
}

std::vector<uint8_t> ScriptedClient::callFrame(const steps::Call &call, int32_t callbackId)
{
    const uint32_t serial = m_client.nextSerial();
    const CallArguments &args = call.arguments;
    switch (call.proc) {
    case REMOTE_PROC_CONNECT_OPEN:
        return encodeConnectOpenCall(serial, args.name.value_or("test:///default"), args.flags);
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE:
        return encodeConnectSupportsFeatureCall(serial, args.feature);
    case REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS:
        return encodeConnectListAllDomainsCall(serial, args.needResults, args.flags);
    case REMOTE_PROC_DOMAIN_GET_STATE:
        return encodeDomainGetStateCall(serial, domainNamed(args.domain), args.flags);
    case REMOTE_PROC_DOMAIN_SUSPEND:
    case REMOTE_PROC_DOMAIN_RESUME:
    case REMOTE_PROC_DOMAIN_CREATE:
    case REMOTE_PROC_DOMAIN_SHUTDOWN:
    case REMOTE_PROC_DOMAIN_DESTROY: {
        XdrWriter writer;
        xdrEncode(writer, domainNamed(args.domain));
        return encodeRemoteCall(call.proc, serial, writer.bytes());
    }
    case REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: {
        DomainEventCallbackRegisterArgs registration;
        registration.eventId = VIR_DOMAIN_EVENT_ID_LIFECYCLE;
        if (!args.domain.empty())
            registration.dom = domainNamed(args.domain);
        XdrWriter writer;
        xdrEncode(writer, registration);
        return encodeRemoteCall(call.proc, serial, writer.bytes());
    }
    case REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY: {
        XdrWriter writer;
        xdrEncode(writer, DomainEventCallbackDeregisterArgs{callbackId});
        return encodeRemoteCall(call.proc, serial, writer.bytes());
    }
    default:
        return encodeRemoteCall(call.proc, serial, args.payload);
    }
}

std::string ScriptedClient::checkReply(const RemoteReply &reply, const ReplyExpectation &expect)
{
    if (!reply.ok())
        return "the reply is not valid: " + reply.problem;
    const bool isOk = !reply.error.has_value();
    const std::string errorText = reply.error ? reply.error->message.value_or("(no message)") : "";
    if (expect.ok && *expect.ok != isOk)
        return isOk ? "expected an error, but the call succeeded" : "expected success, but got the error: " + errorText;
    if (expect.errorContains && errorText.find(*expect.errorContains) == std::string::npos)
        return "expected an error containing \"" + *expect.errorContains + "\", got "
            + (isOk ? std::string("success") : "\"" + errorText + "\"");
    if (!isOk)
        return expect.value || expect.text || expect.count ? "expected a value, but got the error: " + errorText : "";

    std::optional<int64_t> value;
    std::optional<std::string> text;
    std::optional<int64_t> count;
    std::visit(Overloaded{
                   [&](const ConnectSupportsFeatureRet &ret) { value = ret.supported; },
                   [&](const ConnectGetVersionRet &ret) { value = int64_t(ret.hvVer); },
                   [&](const ConnectGetLibVersionRet &ret) { value = int64_t(ret.libVer); },
                   [&](const DomainGetStateRet &ret) { value = ret.state; },
                   [&](const ConnectGetTypeRet &ret) { text = ret.type; },
                   [&](const ConnectGetHostnameRet &ret) { text = ret.hostname; },
                   [&](const ConnectListAllDomainsRet &ret) {
                       count = int64_t(ret.domains.size());
                       value = ret.ret;
                   },
                   [&](const AuthListRet &ret) { count = int64_t(ret.types.size()); },
                   [&](const RemoteNonnullDomain &ret) {
                       value = ret.id;
                       text = ret.name;
                   },
                   [&](const DomainEventCallbackRegisterRet &ret) { value = ret.callbackId; },
                   [&](const RemoteOpaqueReturn &) {},
                   [&](const RemoteVoid &) {},
               },
               reply.ret);
    if (expect.value && value != expect.value)
        return "expected the value " + std::to_string(*expect.value) + ", got "
            + (value ? std::to_string(*value) : std::string("no value"));
    if (expect.text && text != expect.text)
        return "expected \"" + *expect.text + "\", got " + (text ? "\"" + *text + "\"" : std::string("no text"));
    if (expect.count && count != expect.count)
        return "expected " + std::to_string(*expect.count) + " items, got "
            + (count ? std::to_string(*count) : std::string("none"));
    return {};
}

bool ScriptedClient::call(const ScenarioStep &step, const steps::Call &call)
{
    if (!requireConnected(step))
        return false;
    // A deregistration without a callback drops this client's latest one.
    int32_t callbackId = call.arguments.callback.value_or(m_callbacks.empty() ? 0 : m_callbacks.back());
    if (call.proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY && !call.arguments.callback
        && m_callbacks.empty()) {
        m_context.fail(step.where, "client " + m_name + " has no event callback registered to deregister");
        return false;
    }
    if (call.proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)
        m_registrationSent = true;
    const std::vector<uint8_t> frame = callFrame(call, callbackId);
    const uint32_t serial = decodeMessageHeader(frame)->serial;
    m_context.recordStep(step, m_daemonClient,
                         call.wait ? EventReason::ClientCalls : EventReason::ClientCallsWithoutWaiting,
                         [&](ClientActionProbe &e) { e.setProg(REMOTE_PROGRAM).setProc(call.proc).setSerial(serial); });
    if (!call.wait) {
        if (!m_client.send(frame)) {
            m_context.fail(step.where, "client " + m_name + " cannot send: " + m_client.error());
            return false;
        }
        return true;
    }
    std::vector<std::vector<uint8_t>> pushed;
    const auto reply = m_client.callFrame(frame, patience(call.timeout), &pushed);
    for (const std::vector<uint8_t> &message : pushed) {
        if (!acceptEvent(step, message))
            return false;
    }
    if (!reply) {
        m_context.fail(step.where, "no reply to " + procedureText(call.proc) + " (serial " + std::to_string(serial)
                                       + ") within " + millisecondsText(call.timeout) + ": " + m_client.error());
        return false;
    }
    if (const std::string problem = checkReply(*reply, call.expect); !problem.empty()) {
        m_context.fail(step.where, procedureText(call.proc) + ": " + problem);
        return false;
    }
    followEventCallbacks(step, call, callbackId, *reply);
    return true;
}

void ScriptedClient::followEventCallbacks(const ScenarioStep &step, const steps::Call &call, int32_t callbackId,
                                          const RemoteReply &reply)
{
    if (!reply.ok() || reply.error)
        return;
    if (const auto *registered = std::get_if<DomainEventCallbackRegisterRet>(&reply.ret)) {
        m_callbacks.push_back(registered->callbackId);
        m_deregistered.erase(registered->callbackId);
    } else if (call.proc == REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY) {
        std::erase(m_callbacks, callbackId);
        m_deregistered[callbackId] = step.where;
    }
}

bool ScriptedClient::acceptEvent(const ScenarioStep &step, const std::vector<uint8_t> &frame)
{
    const auto header = decodeMessageHeader(frame);
    if (!header || header->proc != REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
        m_context.fail(step.where, "client " + m_name + " received a MESSAGE of "
                                       + procedureText(header ? header->proc : 0) + ", not a lifecycle event");
        return false;
    }
    XdrReader reader(messagePayload(frame));
    DomainEventCallbackLifecycleMsg message;
    xdrDecode(reader, message);
    if (!reader.ok() || reader.remaining() != 0) {
        m_context.fail(step.where, "client " + m_name + " received a lifecycle event message that does not decode");
        return false;
    }
    const std::string what = message.dom.name + ": " + lifecycleEventText(message.event, message.detail)
        + " (callback " + std::to_string(message.callbackId) + ")";
    if (!m_registrationSent) {
        m_context.fail(step.where, "client " + m_name + " received the event message " + what
                                       + ", but it never registered for events");
        return false;
    }
    if (const auto gone = m_deregistered.find(message.callbackId); gone != m_deregistered.end()) {
        m_context.fail(step.where, "client " + m_name + " received the event message " + what
                                       + ", but it deregistered that callback at line "
                                       + std::to_string(gone->second.line));
        return false;
    }
    m_events.push_back({message.callbackId, message.dom.name, message.event, message.detail});
    return true;
}

bool ScriptedClient::waitEvent(const ScenarioStep &step, const steps::WaitEvent &wait)
{
    if (!requireConnected(step))
        return false;
    const std::string wanted = describeWaitEvent(wait);
    m_context.recordStep(step, m_daemonClient, EventReason::ClientWaitsForEvent,
                         [&](ClientActionProbe &e) { e.setText(internString(wanted)); });
    const auto deadline = std::chrono::steady_clock::now() + patience(wait.timeout);
    while (m_events.empty()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        auto read = m_client.readFrame(std::max(left, std::chrono::milliseconds(0)));
        if (read.status != RemoteClient::ReadStatus::Frame) {
            if (!m_context.aborted())
                m_context.fail(step.where, "client " + m_name + " waited " + millisecondsText(wait.timeout)
                                               + " for the event message " + wanted + "; none came");
            return false;
        }
        const auto header = decodeMessageHeader(read.frame);
        const KeepaliveKind kind = header ? keepaliveKind(*header) : KeepaliveKind::NotKeepalive;
        if (kind == KeepaliveKind::Ping)
            m_client.send(encodeKeepalivePong());
        if (kind != KeepaliveKind::NotKeepalive)
            continue;
        if (header && header->type == static_cast<uint32_t>(MessageType::Message)) {
            if (!acceptEvent(step, read.frame))
                return false;
        } else {
            m_unclaimedReplies.push_back(std::move(read.frame));
        }
    }
    // Events come in the order the daemon queued them: the next one must be this one.
    const ReceivedEvent event = m_events.front();
    m_events.pop_front();
    const std::string got = event.domain + ": " + lifecycleEventText(event.event, event.detail);
    const bool matches = (!wait.domain || *wait.domain == event.domain) && (!wait.event || *wait.event == event.event)
        && (!wait.detail || *wait.detail == event.detail);
    if (!matches) {
        m_context.fail(step.where, "client " + m_name + " expected the event message " + wanted
                                       + ", but the next one was " + got);
        return false;
    }
    m_context.recordStep(step, m_daemonClient, EventReason::ClientReceivesEvent, [&](ClientActionProbe &e) {
        e.setResult(event.callbackId);
        e.setText(internString(got));
    });
    return true;
}

bool ScriptedClient::ping(const ScenarioStep &step, const steps::Ping &ping)
{
    if (!requireConnected(step))
        return false;
    m_context.recordStep(step, m_daemonClient, EventReason::ClientSendsPing);
    if (!m_client.send(encodeKeepalivePing())) {
        m_context.fail(step.where, "client " + m_name + " cannot send: " + m_client.error());
        return false;
    }
    if (!ping.wait)
        return true;
    const auto deadline = std::chrono::steady_clock::now() + patience(ping.timeout);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        const auto read = m_client.readFrame(std::max(left, std::chrono::milliseconds(0)));
        if (read.status != RemoteClient::ReadStatus::Frame) {
            m_context.fail(step.where, "no PONG within " + millisecondsText(ping.timeout));
            return false;
        }
        const auto header = decodeMessageHeader(read.frame);
        const KeepaliveKind kind = header ? keepaliveKind(*header) : KeepaliveKind::NotKeepalive;
        if (kind == KeepaliveKind::Pong)
            return true;
        if (kind == KeepaliveKind::Ping)
            m_client.send(encodeKeepalivePong());
        else if (header && header->type == static_cast<uint32_t>(MessageType::Message)) {
            if (!acceptEvent(step, read.frame))
                return false;
        } else if (kind == KeepaliveKind::NotKeepalive)
            m_unclaimedReplies.push_back(read.frame);
    }
}

std::vector<uint8_t> ScriptedClient::bytesOf(const steps::Send &send)
{
    if (!send.frame)
        return send.bytes;
    const FrameSpec &frame = *send.frame;
    XdrWriter writer;
    const uint32_t trueLength = uint32_t(4 + 24 + frame.payload.size());
    writer.writeU32(frame.length.value_or(trueLength));
    writer.writeU32(frame.prog);
    writer.writeU32(frame.vers);
    writer.writeI32(frame.proc);
    writer.writeU32(frame.type);
    writer.writeU32(frame.serial.value_or(m_client.nextSerial()));
    writer.writeU32(frame.status);
    writer.writeRaw(frame.payload);
    return writer.takeBytes();
}

bool ScriptedClient::send(const ScenarioStep &step, const steps::Send &send)
{
    if (!requireConnected(step))
        return false;
    const std::vector<uint8_t> bytes = bytesOf(send);
    m_context.recordStep(step, m_daemonClient, EventReason::ClientSendsBytes,
                         [&](ClientActionProbe &e) { e.setBytes(int64_t(bytes.size())); });
    if (!m_client.send(bytes)) {
        m_context.fail(step.where, "client " + m_name + " cannot send: " + m_client.error());
        return false;
    }
    return true;
}

bool ScriptedClient::writePieces(const ScenarioStep &step, const steps::WritePieces &pieces)
{
    if (!requireConnected(step))
        return false;
    const std::vector<uint8_t> bytes = bytesOf(pieces.data);
    std::vector<size_t> ends;
    if (pieces.byteEvery) {
        for (size_t i = 1; i <= bytes.size(); ++i)
            ends.push_back(i);
    } else {
        ends = pieces.splitAt;
        ends.push_back(bytes.size());
    }
    const auto pause = pieces.byteEvery.value_or(pieces.delay);
    m_context.recordStep(step, m_daemonClient, EventReason::ClientWritesPieces, [&](ClientActionProbe &e) {
        e.setBytes(int64_t(bytes.size())).setResult(int32_t(ends.size())).setTimeout(int32_t(pause.count()));
    });
    size_t start = 0;
    for (size_t i = 0; i < ends.size(); ++i) {
        if (i > 0 && !m_context.sleepFor(pause))
            return false;
        const size_t end = std::min(ends[i], bytes.size());
        if (end > start && !m_client.send(std::span(bytes).subspan(start, end - start))) {
            m_context.fail(step.where, "client " + m_name + " cannot send: " + m_client.error());
            return false;
        }
        start = end;
    }
    return true;
}

bool ScriptedClient::readReplies(const ScenarioStep &step, const steps::ReadReplies &read)
{
    if (!requireConnected(step))
        return false;
    m_context.recordStep(step, m_daemonClient, EventReason::ClientReadsReplies,
                         [&](ClientActionProbe &e) { e.setResult(int32_t(read.count)); });
    const auto deadline = std::chrono::steady_clock::now() + patience(read.timeout);
    for (int got = 0; got < read.count;) {
        std::vector<uint8_t> frame;
        if (!m_unclaimedReplies.empty()) {
            frame = std::move(m_unclaimedReplies.front());
            m_unclaimedReplies.pop_front();
        } else {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            auto result = m_client.readFrame(std::max(left, std::chrono::milliseconds(0)));
            if (result.status != RemoteClient::ReadStatus::Frame) {
                m_context.fail(step.where, "read " + std::to_string(got) + " of " + std::to_string(read.count)
                                               + " replies within " + millisecondsText(read.timeout));
                return false;
            }
            frame = std::move(result.frame);
        }
        const auto header = decodeMessageHeader(frame);
        const KeepaliveKind kind = header ? keepaliveKind(*header) : KeepaliveKind::NotKeepalive;
        if (kind == KeepaliveKind::Ping)
            m_client.send(encodeKeepalivePong());
        if (kind != KeepaliveKind::NotKeepalive)
            continue;
        // An event message is not a reply: it waits for wait_event.
        if (header && header->type == static_cast<uint32_t>(MessageType::Message)) {
            if (!acceptEvent(step, frame))
                return false;
            continue;
        }
        if (const std::string problem = checkReply(decodeRemoteReply(frame), read.expect); !problem.empty()) {
            m_context.fail(step.where, "reply " + std::to_string(got + 1) + ": " + problem);
            return false;
        }
        ++got;
    }
    return true;
}

bool ScriptedClient::hangUp(const ScenarioStep &step, const steps::HangUp &hangUp)
{
    if (!requireConnected(step))
        return false;
    if (hangUp.midMessage) {
        std::vector<uint8_t> half = encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, m_client.nextSerial());
        half.resize(half.size() / 2);
        m_client.send(half);
    }
    m_context.recordStep(step, m_daemonClient,
                         hangUp.reset ? (hangUp.midMessage ? EventReason::ClientResetsMidMessage : EventReason::ClientResets)
                                      : (hangUp.midMessage ? EventReason::ClientHangsUpMidMessage : EventReason::ClientHangsUp));
    std::lock_guard guard(m_socketLock);
    m_client.hangUp(hangUp.reset);
    return true;
}

bool ScriptedClient::waitFor(const ScenarioStep &step, const steps::WaitFor &wait)
{
    const ConditionMatcher matcher(wait.condition, m_context.clients);
    m_context.recordStep(step, m_daemonClient, EventReason::ClientWaitsFor,
                         [&](ClientActionProbe &e) { e.setText(internString(matcher.describe())); });
    size_t scanned = 0;
    const bool seen = m_context.monitor.waitUntil(
        [&](const std::vector<TraceEvent> &events) {
            for (; scanned < events.size(); ++scanned) {
                if (matcher.matches(events[scanned]))
                    return true;
            }
            return false;
        },
        patience(wait.timeout));
    if (!seen && !m_context.aborted())
        m_context.fail(step.where, "waited " + millisecondsText(wait.timeout) + " for " + matcher.describe()
                                       + " in the trace; it did not come");
    return seen;
}

bool ScriptedClient::expectDisconnect(const ScenarioStep &step, const steps::ExpectDisconnect &expect)
{
    if (!requireConnected(step))
        return false;
    m_context.recordStep(step, m_daemonClient, EventReason::ClientExpectsClose);
    if (!m_client.waitForClose(patience(expect.timeout))) {
        m_context.fail(step.where, "the daemon did not close client " + m_name + "'s connection within "
                                       + millisecondsText(expect.timeout));
        return false;
    }
    if (!expect.reasonContains)
        return true;
    std::string reason;
    const int daemonClient = m_daemonClient;
    m_context.monitor.waitUntil(
        [&](const std::vector<TraceEvent> &events) {
            for (const TraceEvent &event : events) {
                if ((event.kind == EventKind::ClientFailure && event.client == daemonClient)
                    || (event.kind == EventKind::ClientRejected && daemonClient <= 0)) {
                    reason = englishMessage(event);
                    return true;
                }
            }
            return false;
        },
        patience(expect.timeout));
    if (reason.find(*expect.reasonContains) == std::string::npos) {
        m_context.fail(step.where, "client " + m_name + " was dropped, but the reason was \"" + reason
                                       + "\", not one containing \"" + *expect.reasonContains + "\"");
        return false;
    }
    return true;
}

bool ScriptedClient::runCommand(const ScenarioStep &step, const steps::Run &run)
{
    const auto path = findExecutable(run.program);
    if (!path) {
        m_context.recordStep(step, m_daemonClient, EventReason::CommandNotInstalled,
                             [&](ClientActionProbe &e) { e.setText(internString(run.program)); });
        return true;
    }
    Server &server = *m_context.server;
    const std::string socket = server.unixSocketPath(false);
    const std::vector<std::string> arguments = substitutePlaceholders(
        run, {{"{uri}", "test+unix:///default?socket=" + socket},
              {"{socket}", socket},
              {"{socket-ro}", server.unixSocketPath(true)},
              {"{tcp-port}", std::to_string(server.tcpPort())},
              {"{tls-port}", std::to_string(server.tlsPort())}});
    const std::string commandLine = commandLineOf(run, arguments);
    m_context.recordStep(step, m_daemonClient, EventReason::ClientRunsCommand,
                         [&](ClientActionProbe &e) { e.setText(internString(commandLine)); });

    const CommandResult result =
        runExternalCommand(*path, arguments, commandEnvironment(m_context.folder + "/home-" + m_name), run.timeout);
    if (const std::string failure = commandFailure(run, commandLine, result); !failure.empty()) {
        m_context.fail(step.where, failure);
        return false;
    }
    m_context.recordStep(step, m_daemonClient, EventReason::CommandExited, [&](ClientActionProbe &e) {
        e.setResult(int32_t(result.exitCode));
        e.setText(internString(run.program));
    });
    return true;
}

bool ScriptedClient::ask(const ScenarioStep &step, const steps::Ask &question)
{
    if (!m_context.options.onAsk) {
        m_context.recordStep(step, m_daemonClient, EventReason::QuestionSkipped);
        return true;
    }
    const int choice = m_context.questions ? m_context.questions->ask(step) : m_context.options.onAsk(step);
    m_context.recordStep(step, m_daemonClient,
                         choice < 0                   ? EventReason::QuestionNotAnswered
                         : choice == question.answer ? EventReason::QuestionAnsweredRight
                                                     : EventReason::QuestionAnsweredWrong,
                         [&](ClientActionProbe &e) {
                             if (choice >= 0)
                                 e.setResult(choice + 1);
                         });
    return true;
}

} // namespace pollscope
