// A scenario: a daemon, extra timers and scripted clients, as a learner writes them
// in a commented YAML file (docs/scenarios.md describes every key). This is the
// parsed form; scenarioparser.h reads it, scenariorunner.h runs it.
#pragma once

#include "trace/eventreason.h"
#include "util/sourcelocation.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pollscope {

using Milliseconds = std::chrono::milliseconds;

// Text shown to a learner, in English and optionally other languages ("zh_CN").
struct LocalizedText
{
    std::string english;
    std::map<std::string, std::string> translations;

    bool empty() const { return english.empty(); }
    // The text for a locale such as "zh_CN" or "zh_CN.UTF-8", falling back to English.
    const std::string &forLocale(const std::string &locale) const;
};

enum class Transport { Unix, UnixReadOnly, Tcp };

// A condition on the trace: an event of a kind (or of any kind whose libvirt
// function has this name), optionally with field values and a piece of text.
struct TraceCondition
{
    std::string event;                     // a kind name ("accept") or a function name
    std::map<std::string, int64_t> fields; // field name from docs/trace-format.md -> value
    std::optional<std::string> clientName; // the daemon client of this scripted client
    std::optional<std::string> thread;     // the thread name ("loop", "worker-1", ...)
    std::optional<std::string> textContains;
    std::optional<EventReason> reason;     // the reason the event must carry (docs/trace-format.md)
    SourceLocation where;
};

// What a reply must be.
struct ReplyExpectation
{
    std::optional<bool> ok;                    // status OK (true) or ERROR (false)
    std::optional<std::string> errorContains;  // part of the error message
    std::optional<int64_t> value;              // the number a procedure returns
    std::optional<std::string> text;           // the string a procedure returns
    std::optional<int64_t> count;              // LIST_ALL_DOMAINS: how many domains
};

// A message given field by field, or as raw bytes.
struct FrameSpec
{
    std::optional<uint32_t> length; // the length word; omitted: the true length
    uint32_t prog = 0x20008086;
    uint32_t vers = 1;
    int32_t proc = 0;
    uint32_t type = 0;    // CALL
    std::optional<uint32_t> serial; // omitted: the client's next serial
    uint32_t status = 0;  // OK
    std::vector<uint8_t> payload;
};

struct CallArguments
{
    std::optional<std::string> name;   // CONNECT_OPEN: the URI (default "test:///default")
    uint32_t flags = 0;                // CONNECT_OPEN, LIST_ALL_DOMAINS, DOMAIN_GET_STATE
    int32_t feature = 10;              // CONNECT_SUPPORTS_FEATURE
    int32_t needResults = 1;           // LIST_ALL_DOMAINS
    std::string domain;                // DOMAIN_GET_STATE and the life-cycle calls: a domain name;
                                       // DOMAIN_EVENT_CALLBACK_REGISTER_ANY: the only domain to hear of
    std::optional<int32_t> callback;   // DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY; omitted: the client's
                                       // most recent callback that is still registered
    std::vector<uint8_t> payload;      // any other procedure: raw XDR arguments
};

struct ScenarioStep;
using StepList = std::vector<ScenarioStep>;

namespace steps {

struct Connect {};

struct Call
{
    int32_t proc = 0;           // the procedure number
    std::string procedureName;  // as written: "open", "get_version", or a number
    CallArguments arguments;
    bool wait = true;           // wait for the reply before the next step
    Milliseconds timeout{10000};
    ReplyExpectation expect;
};

struct Ping
{
    bool wait = true; // wait for the PONG
    Milliseconds timeout{10000};
};

// Bytes sent as they are: from hex, or built from a frame.
struct Send
{
    std::vector<uint8_t> bytes;
    std::optional<FrameSpec> frame; // when given field by field (the serial is filled in at run time)
};

// The same, written in pieces.
struct WritePieces
{
    Send data;
    std::vector<size_t> splitAt; // byte offsets where a piece ends
    Milliseconds delay{0};       // between pieces
    std::optional<Milliseconds> byteEvery; // instead: one byte every N ms
};

// Do not read for a while: replies pile up in the socket.
struct StopReading
{
    Milliseconds duration{0};
};

// Read replies (and answer server PINGs) until `count` replies have come.
struct ReadReplies
{
    int count = 1;
    Milliseconds timeout{10000};
    ReplyExpectation expect; // each of them
};

struct HangUp
{
    bool reset = false;       // RST instead of a clean close
    bool midMessage = false;  // send half of a CALL first
};

struct Sleep
{
    Milliseconds duration{0};
};

struct Repeat
{
    int times = 1;
    StepList steps;
};

// Wait until the trace has an event matching the condition.
struct WaitFor
{
    TraceCondition condition;
    Milliseconds timeout{10000};
};

// Wait until the daemon closes this client's connection.
struct ExpectDisconnect
{
    std::optional<std::string> reasonContains; // part of the trace's reason
    Milliseconds timeout{10000};
};

// An external command, such as a real virsh against the scenario's socket.
// "{socket}", "{socket-ro}", "{tcp-port}" and "{uri}" in the arguments are
// replaced. Skipped, with a note in the trace, when the program is not installed.
struct Run
{
    std::string program;
    std::vector<std::string> arguments;
    int expectExit = 0;
    std::vector<std::string> expectOutput; // lines that must appear
    Milliseconds timeout{30000};
};

// Lower the process's fd limit so that only `headroom` more fds can be opened
// (accept then fails with EMFILE), or restore it.
struct FdLimit
{
    bool restore = false;
    int headroom = 0;
};

// Wait for the next event message the daemon pushes to this client (a lifecycle
// event, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) and check it. Each omitted
// part matches anything.
struct WaitEvent
{
    std::optional<std::string> domain; // the domain's name
    std::optional<int32_t> event;      // VIR_DOMAIN_EVENT_SUSPENDED, ...
    std::optional<int32_t> detail;     // VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, ...; only with event
    Milliseconds timeout{10000};
};

// Only narration.
struct Say {};

// A question to the learner (the app asks it; headless runs skip it).
struct Ask
{
    LocalizedText question;
    std::vector<LocalizedText> choices;
    int answer = 0;          // index of the right choice
    LocalizedText explanation;
    // The event the answer is about: the app holds it back, unrecorded, until the
    // learner has answered, so that no view shows it while the question is open.
    std::optional<TraceCondition> before;
};

} // namespace steps

// What a wait_event step waits for, in words: "web: suspended paused", "any event".
std::string describeWaitEvent(const steps::WaitEvent &wait);

using StepAction = std::variant<steps::Connect, steps::Call, steps::Ping, steps::Send, steps::WritePieces,
                                steps::StopReading, steps::ReadReplies, steps::HangUp, steps::Sleep, steps::Repeat,
                                steps::WaitFor, steps::ExpectDisconnect, steps::Run, steps::FdLimit, steps::Say,
                                steps::Ask, steps::WaitEvent>;

struct ScenarioStep
{
    StepAction action;
    LocalizedText say; // narration shown while the step runs
    SourceLocation where;
    int index = 0; // position in the whole scenario, in file order, from 0
};

struct ScenarioClient
{
    std::string name;
    Transport transport = Transport::Unix;
    Milliseconds start{0};
    int burst = 1;           // this many clients with the same steps: name-1, name-2, ...
    Milliseconds stagger{0}; // between the starts of a burst
    StepList steps;
    SourceLocation where;
};

struct TimerChange
{
    Milliseconds at{0};          // after the timer's start
    std::optional<int> afterFires; // instead of `at`: once the timer has fired this many times
    std::optional<int> frequency; // new frequency in ms (-1 off, 0 every iteration)
    bool remove = false;
    SourceLocation where;
};

struct ScenarioTimer
{
    std::string name;
    int frequency = -1; // ms
    Milliseconds start{0};
    std::vector<TimerChange> changes;
    SourceLocation where;
};

struct ScenarioListener
{
    Transport transport = Transport::Unix;
    std::string path;        // Unix: empty for a socket in the scenario's folder, or "@name"
    std::string host = "127.0.0.1";
    std::string port = "0";
    // tls:HOST:PORT: a TCP listener whose clients start with a TLS handshake. The
    // scripted clients speak plain RPC, so only external commands (virsh) use it.
    bool tls = false;
};

struct ScenarioDaemon
{
    std::vector<ScenarioListener> listen; // default: one read-write and one read-only Unix socket
    int minWorkers = 5;
    int maxWorkers = 20;
    int maxClients = 20;
    int maxClientRequests = 5;
    uint32_t maxMessage = 262144;
    int keepaliveIntervalMs = 5000; // 0: off
    int keepaliveCount = 5;
    int timeoutSeconds = -1;
    int workerDelayMs = 0;          // fault: each call is this slow
    std::string pkiDirectory;       // for tls: listeners (libvirt's cacert.pem, servercert.pem, serverkey.pem)
    bool tlsNoVerifyCertificate = false;
};

// An expectation checked on the whole trace once the scenario has run.
struct Expectation
{
    enum class Kind {
        Occurs,      // `condition` matches at least `atLeast`, at most `atMost` events
        Before,      // the first match of `condition` comes before the first of `later`
        Disconnected // `clientName` was dropped, with `reasonContains` in the reason
    };
    Kind kind = Kind::Occurs;
    TraceCondition condition;
    TraceCondition later;
    int atLeast = 1;
    std::optional<int> atMost;
    std::string clientName;
    std::optional<std::string> reasonContains;
    SourceLocation where;
};

// real_libvirtd: the same client steps run a second time, against Debian's real
// libvirtd 9 (package libvirt-daemon) in a private folder, so that its log can be
// imported and shown next to the replica's trace. Only external commands can do
// that (the named clients hold only run, sleep, say and repeat steps).
struct RealLibvirtdRun
{
    std::vector<std::string> clients; // in the clients list's order
    SourceLocation where;
};

struct Scenario
{
    int version = 1;
    std::string file;
    LocalizedText title;
    LocalizedText description;
    // Workers answer only while the loop is blocked in poll(), and the loop is held
    // while the listeners are enabled: with one worker (workers: 1:1) and clients
    // that wait for their replies, each thread's trace is the same on every run.
    bool deterministic = false;
    Milliseconds timeout{60000}; // the whole run
    ScenarioDaemon daemon;
    std::vector<ScenarioTimer> timers;
    std::vector<ScenarioClient> clients;
    std::vector<Expectation> expectations;
    // The event that matters most: the app selects its first match when the run ends
    // (a tour stop lights it in every view).
    std::optional<TraceCondition> focus;
    // Also run these clients' steps against the real libvirtd 9.
    std::optional<RealLibvirtdRun> realLibvirtd;

    // Every step, in file order (steps inside a repeat included), for viewers.
    std::vector<const ScenarioStep *> allSteps() const;
};

// One client's steps in file order, steps inside a repeat included.
std::vector<const ScenarioStep *> allStepsOf(const ScenarioClient &client);

} // namespace pollscope
