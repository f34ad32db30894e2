// Turns the log of a real libvirtd (libvirt 9, logging `1:event 1:rpc`) into a
// pollscope trace: one event per step the log shows, in the file's order.
//
// Steps that libvirt 0.9 also had keep 0.9's kinds (add/update/remove handle and
// timeout, dispatch, accept, message received, reply queued and sent); steps only
// 9 has get their own (a GLib iteration, the worker pool's job queue, ...). Each
// event names the function and source line that logged it. Lines that hold no step
// of their own and only repeat a probe's values are folded into that step; any
// other line is kept as a note, so nothing in the log is dropped unseen.
#pragma once

#include "trace/tracesession.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pollscope {

struct LibvirtdLogLine;

struct LibvirtdLogCounts
{
    size_t lines = 0;  // lines read
    size_t steps = 0;  // lines that became a step
    size_t folded = 0; // lines that only repeat a step's values
    size_t notes = 0;  // lines kept as notes
};

// Reads a log line by line, so that a growing log can be followed as it is written.
class LibvirtdLogReader
{
public:
    explicit LibvirtdLogReader(std::string name);
    ~LibvirtdLogReader();

    // Reads the next line, without its newline. Returns false, with problem() naming
    // the line, when the line is not text: the log cannot be read past it.
    bool addLine(std::string_view line);
    // The log ends: spans still open end at the last line's time. `cutShort` says the
    // last line had no newline, which libvirtd always writes: the file was truncated.
    void finish(bool cutShort);

    // Moves the events made since the last call to `out`; seq continues across calls.
    void takeEvents(std::vector<TraceEvent> &out);
    // Lanes: "event-loop 7354", "rpc-worker 7360", "prio-rpc-worker 7365", "thread 7361"
    // (named when the log shows a thread's role, so a name may change as the log goes
    // on; libvirt's virThreadJob* lines, logged with `1:util.threadjob`, name the pool).
    const std::vector<std::string> &threadNames() const { return m_threadNames; }
    const LibvirtdLogCounts &counts() const { return m_counts; }
    // Empty, or "NAME:LINE: what stopped the import there".
    const std::string &problem() const { return m_problem; }
    size_t lineNumber() const { return m_lineNumber; }

private:
    struct Watch
    {
        int fd = -1;
        int client = 0;
    };
    struct QueuedMessage
    {
        uint64_t flow = 0;
        int client = 0;
        uint32_t serial = 0;
        int32_t proc = 0;
        int64_t length = 0;
    };
    struct ThreadState
    {
        uint16_t index = 0;
        int64_t tid = 0;
        std::vector<TraceEvent> openSpans; // Begin events not yet ended, innermost last
        int dispatchWatch = 0;             // the handle being dispatched, 0 for none
        int dispatchEvents = 0;
        uint64_t lastReceivedFlow = 0;     // the message just read, until its pointer is logged
        uint64_t jobFlow = 0;              // a worker: the message of its current job
        int jobClient = 0;
        uint64_t lastSendMessage = 0;      // the message virNetServerClientSendMessageLocked logged last
        int newClient = 0;                 // the client last created on this thread
        // virNetServerClientRegisterEvent logged, waiting for the handle it adds: the
        // step is recorded with that watch.
        bool registering = false;
        const char *registerSite = nullptr;
        int64_t clientCount = -1;          // nclients of the last limits check
        bool namedFromLog = false;         // the log said its role (virThreadJob*)
    };

    ThreadState &thread(int64_t tid);
    void nameThread(ThreadState &state, const char *role);
    void nameThreadFromLog(ThreadState &state, std::string_view role);
    TraceEvent &addEvent(EventKind kind, const ThreadState &state, int64_t timeNs, const char *site);
    void keepNote(EventReason reason, std::string_view text, const ThreadState &state, int64_t timeNs, const char *site);
    void endSpans(ThreadState &state, int64_t timeNs, bool iterationToo);
    // Records a client's registration, with its watch when the handle was added.
    void registerClient(ThreadState &state, const Watch *watch, int watchId, int mode);
    const char *intern(std::string_view text);
    int clientOf(uint64_t pointer) const;

    // What a line became.
    enum class Outcome { Step, Folded, Unknown };
    Outcome importProbe(std::string_view probe, const LibvirtdLogLine &line, ThreadState &state, int64_t timeNs,
                        const char *site);
    Outcome importDebug(const LibvirtdLogLine &line, ThreadState &state, int64_t timeNs, const char *site);

    std::string m_name;
    size_t m_lineNumber = 0;
    std::string m_problem;
    LibvirtdLogCounts m_counts;
    std::vector<TraceEvent> m_events;
    std::vector<std::string> m_threadNames;
    std::map<int64_t, ThreadState> m_threads;
    int64_t m_lastTid = -1; // the thread of the last line read
    bool m_haveOrigin = false;
    int64_t m_originMs = 0;
    int64_t m_lastTimeNs = 0;
    uint64_t m_nextSeq = 1;
    uint64_t m_nextFlow = 0;
    int m_nextClient = 0;
    std::unordered_map<std::string, const char *> m_interned;

    std::map<uint64_t, int> m_socketFds;           // socket -> fd
    std::map<uint64_t, bool> m_listeningSockets;   // sockets with no peer: the listeners
    std::map<uint64_t, int> m_clients;             // client object -> client number
    std::map<uint64_t, uint64_t> m_clientSockets;  // socket -> client object
    std::map<uint64_t, uint64_t> m_keepalives;     // keepalive object -> client object
    std::map<int, Watch> m_watches;
    std::map<std::pair<uint64_t, uint32_t>, uint64_t> m_requests; // (client object, serial) -> flow
    std::map<uint64_t, uint64_t> m_messageFlows;   // message object -> flow of the request in it
    std::map<uint64_t, QueuedMessage> m_queued;    // message object -> the reply queued in it
};

struct LibvirtdLogImport
{
    TraceSession session;
    LibvirtdLogCounts counts;
    std::string problem; // empty, or the line where the import stopped or the log was cut short
};

// An error when the file cannot be read or is not a libvirtd log.
Result<LibvirtdLogImport> importLibvirtdLog(const std::string &path);
Result<LibvirtdLogImport> importLibvirtdLogText(std::string_view text, const std::string &name);
// A pollscope trace, or a libvirtd log imported (isLibvirtdLog() tells which).
Result<TraceSession> loadTraceOrLog(const std::string &path);

// Whether the file starts like a libvirtd log: how File > Open tells it from a trace.
bool isLibvirtdLog(const std::string &path);

} // namespace pollscope
