#include "libvirtdlog.h"

#include "libvirtdlogline.h"
#include "trace/callbackrole.h"
#include "trace/stringpool.h"
#include "trace/traceloader.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

namespace pollscope {

namespace {

constexpr size_t kNoteBytes = 400; // a note keeps this much of its line
constexpr int kWritable = 2;       // VIR_EVENT_HANDLE_WRITABLE
constexpr int64_t kCall = 0;       // VIR_NET_CALL
constexpr int64_t kReply = 1;      // VIR_NET_REPLY
constexpr int64_t kKeepalivePing = 1;
constexpr int64_t kKeepalivePong = 2;

} // namespace

LibvirtdLogReader::LibvirtdLogReader(std::string name) : m_name(std::move(name)) {}

LibvirtdLogReader::~LibvirtdLogReader() = default;

const char *LibvirtdLogReader::intern(std::string_view text)
{
    if (const auto found = m_interned.find(std::string(text)); found != m_interned.end())
        return found->second;
    const char *interned = internString(text);
    m_interned.emplace(std::string(text), interned);
    return interned;
}

LibvirtdLogReader::ThreadState &LibvirtdLogReader::thread(int64_t tid)
{
    auto [it, inserted] = m_threads.try_emplace(tid);
    if (inserted) {
        it->second.index = uint16_t(m_threadNames.size());
        it->second.tid = tid;
        m_threadNames.push_back(tid < 0 ? std::string("log") : "thread " + std::to_string(tid));
    }
    return it->second;
}

void LibvirtdLogReader::nameThread(ThreadState &state, const char *role)
{
    std::string &name = m_threadNames[state.index];
    if (name.starts_with("thread "))
        name = std::string(role) + ' ' + std::to_string(state.tid);
}

namespace {

// A worker pool's role from the name libvirt gives its threads: virNetServerNew names
// a server's pools "rpc-SERVER" and "prio-rpc-SERVER"; the daemon's own server is
// "libvirtd", any other (the admin server) keeps its name before the role.
std::string workerRole(std::string_view pool)
{
    const bool priority = pool.starts_with("prio-rpc-");
    if (!priority && !pool.starts_with("rpc-"))
        return std::string(pool);
    const std::string_view server = pool.substr(priority ? 9 : 4);
    const std::string role = priority ? "prio-rpc-worker" : "rpc-worker";
    return server == "libvirtd" || server.empty() ? role : std::string(server) + ' ' + role;
}

} // namespace

void LibvirtdLogReader::nameThreadFromLog(ThreadState &state, std::string_view role)
{
    // What the log says of a thread outranks a role guessed from its steps.
    if (state.namedFromLog)
        return;
    state.namedFromLog = true;
    m_threadNames[state.index] = std::string(role) + ' ' + std::to_string(state.tid);
}

int LibvirtdLogReader::clientOf(uint64_t pointer) const
{
    const auto found = m_clients.find(pointer);
    return found == m_clients.end() ? 0 : found->second;
}

TraceEvent &LibvirtdLogReader::addEvent(EventKind kind, const ThreadState &state, int64_t timeNs, const char *site)
{
    TraceEvent event{};
    event.seq = m_nextSeq++;
    event.timeNs = timeNs;
    event.kind = kind;
    event.thread = state.index;
    event.site = site;
    m_events.push_back(event);
    return m_events.back();
}

void LibvirtdLogReader::keepNote(EventReason reason, std::string_view text, const ThreadState &state, int64_t timeNs,
                                 const char *site)
{
    TraceEvent &note = addEvent(EventKind::Note, state, timeNs, site);
    note.reason = reason;
    note.text = intern(text.substr(0, kNoteBytes));
    ++m_counts.notes;
}

// A GLib iteration and the callback it dispatches end where the thread logs its
// next loop step: the log has no line for a callback's return.
void LibvirtdLogReader::endSpans(ThreadState &state, int64_t timeNs, bool iterationToo)
{
    while (!state.openSpans.empty()) {
        const TraceEvent begin = state.openSpans.back();
        if (begin.kind == EventKind::GLibIterationBegin && !iterationToo)
            break;
        state.openSpans.pop_back();
        TraceEvent &end = addEvent(EventKind(int(begin.kind) + 1), state, timeNs, begin.site);
        const uint64_t seq = end.seq;
        end = begin;
        end.kind = EventKind(int(begin.kind) + 1);
        end.seq = seq;
        end.timeNs = timeNs;
        if (begin.kind != EventKind::GLibIterationBegin)
            state.dispatchWatch = 0;
    }
}

void LibvirtdLogReader::registerClient(ThreadState &state, const Watch *watch, int watchId, int mode)
{
    state.registering = false;
    TraceEvent &event = addEvent(EventKind::RegisterClientEvent, state, m_lastTimeNs, state.registerSite);
    if (state.newClient)
        event.setClient(state.newClient);
    if (watch)
        event.setWatch(watchId).setFd(watch->fd).setEvents(mode);
}

bool LibvirtdLogReader::addLine(std::string_view line)
{
    if (!m_problem.empty())
        return false;
    ++m_lineNumber;
    ++m_counts.lines;
    if (line.find('\0') != std::string_view::npos) {
        m_problem = m_name + ':' + std::to_string(m_lineNumber) + ": not text (a NUL byte): the import stops here";
        --m_counts.lines;
        return false;
    }
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    const auto parsed = parseLibvirtdLogLine(line);
    if (!parsed) {
        // A message's continuation, or something else that is not libvirtd's: kept in the
        // lane of the line before it.
        ThreadState &state = thread(m_lastTid);
        keepNote(EventReason::LogLineNotParsed, line, state, m_lastTimeNs, nullptr);
        return true;
    }
    if (!m_haveOrigin) {
        m_originMs = parsed->epochMs;
        m_haveOrigin = true;
    }
    // Milliseconds only, and threads stamp before they take the log's lock: the file's
    // order is kept as seq, and time never runs backwards. A stamp centuries past the
    // first one (a damaged log) stops the clock at the last time nanoseconds can hold.
    constexpr int64_t kLatestMs = std::numeric_limits<int64_t>::max() / 1'000'000;
    const int64_t sinceOriginMs = std::clamp<int64_t>(parsed->epochMs - m_originMs, 0, kLatestMs);
    m_lastTimeNs = std::max(m_lastTimeNs, sinceOriginMs * 1'000'000);
    ThreadState &state = thread(parsed->tid);
    m_lastTid = parsed->tid;
    // A registration whose handle never came is recorded without it.
    if (state.registering && parsed->function != "virEventGLibHandleAdd")
        registerClient(state, nullptr, 0, 0);
    const char *site =
        parsed->function.empty() ? nullptr
                                 : intern(std::string(parsed->function) + ':' + std::to_string(parsed->sourceLine));

    Outcome outcome = Outcome::Unknown;
    const std::string_view probe = probeName(parsed->message);
    if (!parsed->function.empty())
        outcome = !probe.empty() ? importProbe(probe, *parsed, state, m_lastTimeNs, site)
                                 : importDebug(*parsed, state, m_lastTimeNs, site);
    switch (outcome) {
    case Outcome::Step:
        ++m_counts.steps;
        break;
    case Outcome::Folded:
        ++m_counts.folded;
        break;
    case Outcome::Unknown: {
        const bool alarming = parsed->level == "warning" || parsed->level == "error";
        const std::string text = alarming ? std::string(parsed->level) + ": " + std::string(parsed->message)
                                          : std::string(parsed->message);
        keepNote(!probe.empty() ? EventReason::ProbeNotKnown : EventReason::LogLineKept, text, state, m_lastTimeNs, site);
        break;
    }
    }
    return true;
}

LibvirtdLogReader::Outcome LibvirtdLogReader::importProbe(std::string_view probe, const LibvirtdLogLine &line,
                                                          ThreadState &state, int64_t timeNs, const char *site)
{
    const LogArguments args(line.message);
    const auto watch = args.number("watch");
    const auto timer = args.number("timer");
    const auto events = args.number("events");
    const auto cb = args.text("cb");

    if (probe == "EVENT_GLIB_ADD_HANDLE") {
        const auto fd = args.number("fd");
        const auto opaque = args.pointer("opaque");
        if (!watch || !fd || !events || !opaque)
            return Outcome::Unknown;
        Watch record{int(*fd), 0};
        CallbackRole role = CallbackRole::Other;
        if (m_listeningSockets.count(*opaque)) {
            role = CallbackRole::Listener;
        } else if (const auto socket = m_clientSockets.find(*opaque); socket != m_clientSockets.end()) {
            role = CallbackRole::Client;
            record.client = clientOf(socket->second);
        }
        m_watches[int(*watch)] = record;
        TraceEvent &event = addEvent(EventKind::AddHandle, state, timeNs, site);
        event.setWatch(int32_t(*watch)).setFd(record.fd).setEvents(int32_t(*events)).setRole(int32_t(role));
        if (record.client)
            event.setClient(record.client);
        if (cb)
            event.text = intern(*cb);
        // As in 0.9, the registration is recorded once its handle is added.
        if (state.registering)
            registerClient(state, &record, int(*watch), int(*events));
        return Outcome::Step;
    }
    if (probe == "EVENT_GLIB_UPDATE_HANDLE" || probe == "EVENT_GLIB_REMOVE_HANDLE" || probe == "EVENT_GLIB_REMOVE_HANDLE_IDLE"
        || probe == "EVENT_GLIB_DISPATCH_HANDLE") {
        if (!watch || (!events && (probe == "EVENT_GLIB_UPDATE_HANDLE" || probe == "EVENT_GLIB_DISPATCH_HANDLE")))
            return Outcome::Unknown;
        const auto record = m_watches.find(int(*watch));
        EventKind kind = EventKind::UpdateHandle;
        if (probe == "EVENT_GLIB_REMOVE_HANDLE")
            kind = EventKind::RemoveHandle;
        else if (probe == "EVENT_GLIB_REMOVE_HANDLE_IDLE")
            kind = EventKind::PurgeHandle;
        else if (probe == "EVENT_GLIB_DISPATCH_HANDLE")
            kind = EventKind::DispatchHandleBegin;
        if (kind == EventKind::DispatchHandleBegin) {
            endSpans(state, timeNs, false);
            nameThread(state, "event-loop");
        }
        TraceEvent &event = addEvent(kind, state, timeNs, site);
        event.setWatch(int32_t(*watch));
        if (record != m_watches.end()) {
            event.setFd(record->second.fd);
            if (record->second.client)
                event.setClient(record->second.client);
        }
        if (kind == EventKind::UpdateHandle) {
            event.setEvents(int32_t(*events));
            // A worker asks for WRITABLE for the reply it queued.
            if (state.jobFlow && record != m_watches.end() && record->second.client == state.jobClient)
                event.flow = state.jobFlow;
        } else if (kind == EventKind::DispatchHandleBegin) {
            event.setRevents(int32_t(*events));
            if (cb)
                event.text = intern(*cb);
            state.openSpans.push_back(event);
            state.dispatchWatch = int(*watch);
            state.dispatchEvents = int(*events);
        } else if (kind == EventKind::PurgeHandle && record != m_watches.end()) {
            m_watches.erase(record);
        }
        return Outcome::Step;
    }
    if (probe == "EVENT_GLIB_ADD_TIMEOUT" || probe == "EVENT_GLIB_UPDATE_TIMEOUT") {
        const auto interval = args.number("interval");
        if (!timer || !interval)
            return Outcome::Unknown;
        const bool add = probe == "EVENT_GLIB_ADD_TIMEOUT";
        TraceEvent &event = addEvent(add ? EventKind::AddTimeout : EventKind::UpdateTimeout, state, timeNs, site);
        event.setTimer(int32_t(*timer)).setFrequency(int32_t(*interval));
        if (add) {
            const auto opaque = args.pointer("opaque");
            const auto keepalive = opaque ? m_keepalives.find(*opaque) : m_keepalives.end();
            event.setRole(int32_t(keepalive != m_keepalives.end() ? CallbackRole::KeepaliveTimer : CallbackRole::Other));
            if (keepalive != m_keepalives.end() && clientOf(keepalive->second))
                event.setClient(clientOf(keepalive->second));
            if (cb)
                event.text = intern(*cb);
        }
        return Outcome::Step;
    }
    if (probe == "EVENT_GLIB_REMOVE_TIMEOUT" || probe == "EVENT_GLIB_REMOVE_TIMEOUT_IDLE"
        || probe == "EVENT_GLIB_DISPATCH_TIMEOUT") {
        if (!timer)
            return Outcome::Unknown;
        EventKind kind = EventKind::RemoveTimeout;
        if (probe == "EVENT_GLIB_REMOVE_TIMEOUT_IDLE")
            kind = EventKind::PurgeTimeout;
        else if (probe == "EVENT_GLIB_DISPATCH_TIMEOUT")
            kind = EventKind::DispatchTimeoutBegin;
        if (kind == EventKind::DispatchTimeoutBegin) {
            endSpans(state, timeNs, false);
            nameThread(state, "event-loop");
        }
        TraceEvent &event = addEvent(kind, state, timeNs, site);
        event.setTimer(int32_t(*timer));
        if (kind == EventKind::DispatchTimeoutBegin) {
            if (cb)
                event.text = intern(*cb);
            state.openSpans.push_back(event);
        }
        return Outcome::Step;
    }
    if (probe == "RPC_SOCKET_NEW") {
        const auto socket = args.pointer("sock");
        const auto fd = args.number("fd");
        const auto remote = args.text("remoteAddr");
        if (!socket || !fd || !remote)
            return Outcome::Unknown;
        // A listening socket has no peer.
        const bool listening = *remote == "<null>";
        m_socketFds[*socket] = int(*fd);
        m_listeningSockets.erase(*socket);
        if (listening)
            m_listeningSockets[*socket] = true;
        TraceEvent &event = addEvent(EventKind::SocketNew, state, timeNs, site);
        event.setFd(int32_t(*fd));
        const auto local = args.text("localAddr");
        event.text = intern(listening ? (local ? *local : std::string_view()) : *remote);
        return Outcome::Step;
    }
    if (probe == "RPC_SOCKET_DISPOSE") {
        const auto socket = args.pointer("sock");
        if (!socket)
            return Outcome::Unknown;
        TraceEvent &event = addEvent(EventKind::SocketDispose, state, timeNs, site);
        if (const auto fd = m_socketFds.find(*socket); fd != m_socketFds.end()) {
            event.setFd(fd->second);
            m_socketFds.erase(fd);
        }
        m_listeningSockets.erase(*socket);
        m_clientSockets.erase(*socket);
        return Outcome::Step;
    }
    if (probe == "RPC_SERVER_CLIENT_NEW") {
        const auto client = args.pointer("client");
        const auto socket = args.pointer("sock");
        if (!client || !socket)
            return Outcome::Unknown;
        const int number = ++m_nextClient;
        m_clients[*client] = number;
        m_clientSockets[*socket] = *client;
        state.newClient = number;
        TraceEvent &event = addEvent(EventKind::Accept, state, timeNs, site);
        event.setClient(number).setClients(int32_t(m_clients.size()));
        if (const auto fd = m_socketFds.find(*socket); fd != m_socketFds.end())
            event.setFd(fd->second);
        event.text = intern(*args.text("client"));
        return Outcome::Step;
    }
    if (probe == "RPC_SERVER_CLIENT_DISPOSE") {
        const auto client = args.pointer("client");
        if (!client)
            return Outcome::Unknown;
        TraceEvent &event = addEvent(EventKind::FreeClient, state, timeNs, site);
        if (const int number = clientOf(*client))
            event.setClient(number);
        m_clients.erase(*client);
        std::erase_if(m_clientSockets, [&client](const auto &entry) { return entry.second == *client; });
        std::erase_if(m_requests, [&client](const auto &entry) { return entry.first.first == *client; });
        event.setClients(int32_t(m_clients.size()));
        return Outcome::Step;
    }
    if (probe == "RPC_SERVER_CLIENT_MSG_RX" || probe == "RPC_SERVER_CLIENT_MSG_TX_QUEUE") {
        const auto client = args.pointer("client");
        const auto length = args.number("len");
        const auto prog = args.number("prog");
        const auto vers = args.number("vers");
        const auto proc = args.number("proc");
        const auto type = args.number("type");
        const auto status = args.number("status");
        const auto serial = args.number("serial");
        if (!client || !length || !prog || !vers || !proc || !type || !status || !serial)
            return Outcome::Unknown;
        const bool received = probe == "RPC_SERVER_CLIENT_MSG_RX";
        TraceEvent &event = addEvent(received ? EventKind::MessageReceived : EventKind::ReplyQueued, state, timeNs, site);
        event.setLength(*length).setProg(uint32_t(*prog)).setVers(uint32_t(*vers)).setProc(int32_t(*proc));
        event.setMsgType(int32_t(*type)).setStatus(int32_t(*status)).setSerial(uint32_t(*serial));
        if (const int number = clientOf(*client))
            event.setClient(number);
        const std::pair key{*client, uint32_t(*serial)};
        if (received) {
            // Each message starts a causal chain; a call's reply joins it by serial.
            event.flow = ++m_nextFlow;
            if (*type == kCall)
                m_requests[key] = event.flow;
            state.lastReceivedFlow = event.flow;
        } else {
            if (const auto request = m_requests.find(key); *type == kReply && request != m_requests.end()) {
                event.flow = request->second;
                m_requests.erase(request);
            }
            if (state.lastSendMessage) {
                m_queued[state.lastSendMessage] =
                    QueuedMessage{event.flow, clientOf(*client), uint32_t(*serial), int32_t(*proc), *length};
                state.lastSendMessage = 0;
            }
        }
        return Outcome::Step;
    }
    if (probe.starts_with("RPC_KEEPALIVE_")) {
        const auto keepalive = args.pointer("ka");
        if (!keepalive)
            return Outcome::Unknown;
        auto client = args.pointer("client");
        if (!client) {
            if (const auto known = m_keepalives.find(*keepalive); known != m_keepalives.end())
                client = known->second;
        }
        const auto proc = args.number("proc");
        EventKind kind = EventKind::KeepaliveState;
        EventReason reason = EventReason::None;
        if (probe == "RPC_KEEPALIVE_NEW") {
            reason = EventReason::KeepaliveCreated;
            if (client)
                m_keepalives[*keepalive] = *client;
        } else if (probe == "RPC_KEEPALIVE_START") {
            reason = EventReason::KeepaliveStarted;
        } else if (probe == "RPC_KEEPALIVE_STOP") {
            reason = EventReason::KeepaliveStopped;
        } else if (probe == "RPC_KEEPALIVE_DISPOSE") {
            reason = EventReason::KeepaliveDisposed;
            m_keepalives.erase(*keepalive);
        } else if (probe == "RPC_KEEPALIVE_RECEIVED" && proc) {
            kind = EventKind::KeepaliveReceived;
            if (*proc == kKeepalivePing)
                reason = EventReason::KeepalivePingAnswered;
            else if (*proc == kKeepalivePong)
                reason = EventReason::KeepalivePongReceived;
        } else if (probe == "RPC_KEEPALIVE_SEND" && proc) {
            // The PONG that answers a PING belongs to the PING's receipt.
            if (*proc == kKeepalivePong)
                return Outcome::Folded;
            kind = EventKind::KeepaliveTimer;
        } else if (probe == "RPC_KEEPALIVE_TIMEOUT") {
            kind = EventKind::KeepaliveTimer;
            const auto countToDeath = args.number("countToDeath");
            if (countToDeath && *countToDeath == 0)
                reason = EventReason::KeepaliveDead;
        } else {
            return Outcome::Unknown;
        }
        TraceEvent &event = addEvent(kind, state, timeNs, site);
        event.reason = reason;
        if (client && clientOf(*client))
            event.setClient(clientOf(*client));
        if (proc)
            event.setProc(int32_t(*proc));
        return Outcome::Step;
    }
    return Outcome::Unknown;
}

LibvirtdLogReader::Outcome LibvirtdLogReader::importDebug(const LibvirtdLogLine &line, ThreadState &state,
                                                          int64_t timeNs, const char *site)
{
    const std::string_view function = line.function;
    const std::string_view message = line.message;
    const LogArguments args(message);

    if (function == "virEventRunDefaultImpl") {
        // One g_main_context_iteration: the event thread's counterpart of virEventPollRunOnce.
        endSpans(state, timeNs, true);
        nameThread(state, "event-loop");
        state.openSpans.push_back(addEvent(EventKind::GLibIterationBegin, state, timeNs, site));
        return Outcome::Step;
    }
    if (function == "virThreadJobSetWorker") {
        // "Thread 26576 is running worker rpc-libvirtd": a pool's thread starting.
        const size_t at = message.rfind(" running worker ");
        if (at == std::string_view::npos)
            return Outcome::Unknown;
        nameThreadFromLog(state, workerRole(message.substr(at + 16)));
        return Outcome::Folded;
    }
    if (function == "virThreadJobSet" || function == "virThreadJobClear") {
        // "Thread 26581 (prio-rpc-libvirtd) is now running job remoteDispatchAuthList"
        // names the pool; "Thread 26591 is now running job daemon-init" a lone job's
        // thread. Kept as a note: the job's name says which dispatcher ran.
        const size_t open = message.find(" (");
        const size_t close = message.find(") ");
        if (open != std::string_view::npos && close != std::string_view::npos && open < close)
            nameThreadFromLog(state, workerRole(message.substr(open + 2, close - open - 2)));
        else if (const size_t job = message.rfind(" running job "); job != std::string_view::npos)
            nameThreadFromLog(state, message.substr(job + 13));
        return Outcome::Unknown;
    }
    if (function.starts_with("virEventGLib")) {
        // The debug twins of the probes; a dispatch's own line ends the callback before.
        if (function == "virEventGLibHandleDispatch" || function == "virEventGLibTimeoutDispatch")
            endSpans(state, timeNs, false);
        return Outcome::Folded;
    }
    if (function == "virNetServerClientCalculateHandleMode") {
        if (!message.starts_with("mode="))
            return Outcome::Folded;
        int mode = 0;
        for (const char digit : message.substr(5)) {
            if (digit < '0' || digit > '7')
                return Outcome::Unknown;
            mode = mode * 8 + (digit - '0');
        }
        TraceEvent &event = addEvent(EventKind::CalculateHandleMode, state, timeNs, site);
        event.setEvents(mode);
        const auto record = m_watches.find(state.dispatchWatch);
        const int client = record != m_watches.end() ? record->second.client : state.jobClient;
        if (client)
            event.setClient(client);
        return Outcome::Step;
    }
    if (function == "virNetServerClientRegisterEvent") {
        // Recorded with the handle it adds, on the next line.
        state.registering = true;
        state.registerSite = site;
        return Outcome::Step;
    }
    if (function == "virNetServerCheckLimits") {
        if (const auto clients = args.number("nclients")) {
            state.clientCount = *clients;
            return Outcome::Folded;
        }
        EventReason reason;
        if (message.starts_with("Re-enabling services"))
            reason = EventReason::ServicesReenabled;
        else if (message.starts_with("Temporarily suspending services"))
            reason = EventReason::ServicesSuspended;
        else
            return Outcome::Unknown;
        TraceEvent &event = addEvent(EventKind::ServiceLimits, state, timeNs, site);
        event.reason = reason;
        if (state.clientCount >= 0)
            event.setClients(int32_t(state.clientCount));
        return Outcome::Step;
    }
    if (function == "virKeepAliveCheckMessage") {
        // Names the message just received: its pointer joins it to its job.
        if (const auto messagePointer = args.pointer("msg"); messagePointer && state.lastReceivedFlow)
            m_messageFlows[*messagePointer] = state.lastReceivedFlow;
        state.lastReceivedFlow = 0;
        return Outcome::Folded;
    }
    if (function == "virNetServerDispatchNewMessage" || function == "virNetServerHandleJob") {
        const auto client = args.pointer("client");
        const auto messagePointer = args.pointer("message");
        if (!client || !messagePointer)
            return Outcome::Unknown;
        const bool queued = function == "virNetServerDispatchNewMessage";
        TraceEvent &event = addEvent(queued ? EventKind::JobQueued : EventKind::WorkerTakesJob, state, timeNs, site);
        if (const int number = clientOf(*client))
            event.setClient(number);
        if (const auto flow = m_messageFlows.find(*messagePointer); flow != m_messageFlows.end())
            event.flow = flow->second;
        if (!queued) {
            nameThread(state, "rpc-worker");
            state.jobFlow = event.flow;
            state.jobClient = clientOf(*client);
        }
        return Outcome::Step;
    }
    if (function == "virNetServerProgramDispatch") {
        const auto prog = args.number("prog");
        const auto vers = args.number("ver");
        const auto type = args.number("type");
        const auto status = args.number("status");
        const auto serial = args.number("serial");
        const auto proc = args.number("proc");
        if (!prog || !vers || !type || !status || !serial || !proc)
            return Outcome::Unknown;
        TraceEvent &event = addEvent(EventKind::ProgramDispatch, state, timeNs, site);
        event.setProg(uint32_t(*prog)).setVers(uint32_t(*vers)).setMsgType(int32_t(*type));
        event.setStatus(int32_t(*status)).setSerial(uint32_t(*serial)).setProc(int32_t(*proc));
        event.flow = state.jobFlow;
        if (state.jobClient)
            event.setClient(state.jobClient);
        return Outcome::Step;
    }
    if (function == "virNetServerClientSendMessageLocked") {
        // Names the message whose queueing the probe line that follows reports.
        if (const auto messagePointer = args.pointer("msg"))
            state.lastSendMessage = *messagePointer;
        return Outcome::Folded;
    }
    if (function == "virNetMessageFree") {
        const auto messagePointer = args.pointer("msg");
        if (!messagePointer)
            return Outcome::Unknown;
        m_messageFlows.erase(*messagePointer);
        const auto queued = m_queued.find(*messagePointer);
        if (queued == m_queued.end())
            return Outcome::Folded;
        const QueuedMessage message = queued->second;
        m_queued.erase(queued);
        // virNetServerClientDispatchWrite frees a message once its last byte is written,
        // inside the client's WRITABLE dispatch; freed elsewhere, it was dropped unsent.
        const auto record = m_watches.find(state.dispatchWatch);
        if (record == m_watches.end() || !(state.dispatchEvents & kWritable) || record->second.client != message.client)
            return Outcome::Folded;
        TraceEvent &event = addEvent(EventKind::MessageSent, state, timeNs, site);
        event.flow = message.flow;
        event.setClient(message.client).setSerial(message.serial).setProc(message.proc).setBytes(message.length);
        return Outcome::Step;
    }
    if (function == "virNetServerClientCloseLocked") {
        const auto client = args.pointer("client");
        if (!client)
            return Outcome::Unknown;
        TraceEvent &event = addEvent(EventKind::ClientClose, state, timeNs, site);
        if (const int number = clientOf(*client))
            event.setClient(number);
        return Outcome::Step;
    }
    // Bookkeeping lines whose values the steps around them carry.
    static constexpr std::string_view kFolded[] = {"virNetMessageNew", "virNetMessageDecodeLength",
                                                   "virNetMessageEncodePayload", "virNetSocketNew",
                                                   "virNetServerClientNew", "virKeepAliveNew"};
    if (std::find(std::begin(kFolded), std::end(kFolded), function) != std::end(kFolded))
        return Outcome::Folded;
    return Outcome::Unknown;
}

void LibvirtdLogReader::finish(bool cutShort)
{
    for (auto &[tid, state] : m_threads) {
        if (state.registering)
            registerClient(state, nullptr, 0, 0);
        endSpans(state, m_lastTimeNs, true);
    }
    if (cutShort && m_problem.empty())
        m_problem = m_name + ':' + std::to_string(m_lineNumber) + ": the log ends inside this line (no newline): it was cut short";
}

void LibvirtdLogReader::takeEvents(std::vector<TraceEvent> &out)
{
    out.insert(out.end(), m_events.begin(), m_events.end());
    m_events.clear();
}

Result<LibvirtdLogImport> importLibvirtdLogText(std::string_view text, const std::string &name)
{
    const size_t firstEnd = text.find('\n');
    if (!parseLibvirtdLogLine(text.substr(0, firstEnd)))
        return Error{"not a libvirtd log (its lines start \"YYYY-MM-DD HH:MM:SS.mmm+ZZZZ: TID: LEVEL : \")", {name, 1, 0}};
    LibvirtdLogReader reader(name);
    bool stopped = false;
    size_t at = 0;
    while (at < text.size()) {
        const size_t end = text.find('\n', at);
        const std::string_view line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (!reader.addLine(line)) {
            stopped = true;
            break;
        }
        if (end == std::string_view::npos)
            break;
        at = end + 1;
    }
    reader.finish(!stopped && !text.ends_with('\n'));
    LibvirtdLogImport result;
    reader.takeEvents(result.session.events);
    result.session.threadNames = reader.threadNames();
    result.session.source = name;
    result.session.origin = kLibvirtdLogOrigin;
    result.counts = reader.counts();
    result.problem = reader.problem();
    return result;
}

Result<LibvirtdLogImport> importLibvirtdLog(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{"cannot open the file", {path, 0, 0}};
    std::stringstream contents;
    contents << in.rdbuf();
    return importLibvirtdLogText(contents.str(), path);
}

bool isLibvirtdLog(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::string first;
    if (!in || !std::getline(in, first))
        return false;
    return parseLibvirtdLogLine(first).has_value();
}

Result<TraceSession> loadTraceOrLog(const std::string &path)
{
    if (!isLibvirtdLog(path))
        return loadTrace(path);
    Result<LibvirtdLogImport> imported = importLibvirtdLog(path);
    if (!imported)
        return imported.error();
    return std::move(imported->session);
}

} // namespace pollscope
