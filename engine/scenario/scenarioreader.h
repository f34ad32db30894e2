// The scenario format's reader: one ScenarioReader walks a file, section by section.
// Its members are defined one file per section: parsedaemon.cpp, parsetimers.cpp,
// parseclients.cpp (clients and their steps), parsesteps.cpp (each step's value),
// parseexpectations.cpp (conditions and the expect list); the top level is in
// scenarioreader.cpp. Private to engine/scenario/.
#pragma once

#include "scenario.h"
#include "yamlreader.h"

#include "rpc/remoteprocedures.h"
#include "trace/tracefields.h"

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pollscope::scenarioreader {

using namespace yamlreader;

// Bounds that keep any input cheap. Aliases let a small file name one list many times
// over, and a list may even contain itself, so the walk bounds what it builds instead
// of trusting the size of the file.
constexpr int kMaxRepeatDepth = 8;
constexpr int kMaxSteps = 100000;

struct NamedProcedure
{
    const char *name;
    int32_t proc;
};

// The procedures a scenario may call by name, in the order error messages list them.
inline constexpr std::array<NamedProcedure, 17> kProcedures = {{
    {"open", REMOTE_PROC_CONNECT_OPEN},
    {"close", REMOTE_PROC_CONNECT_CLOSE},
    {"get_type", REMOTE_PROC_CONNECT_GET_TYPE},
    {"get_version", REMOTE_PROC_CONNECT_GET_VERSION},
    {"get_lib_version", REMOTE_PROC_CONNECT_GET_LIB_VERSION},
    {"hostname", REMOTE_PROC_CONNECT_GET_HOSTNAME},
    {"list_all_domains", REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS},
    {"domain_get_state", REMOTE_PROC_DOMAIN_GET_STATE},
    {"supports_feature", REMOTE_PROC_CONNECT_SUPPORTS_FEATURE},
    {"auth_list", REMOTE_PROC_AUTH_LIST},
    {"domain_suspend", REMOTE_PROC_DOMAIN_SUSPEND},
    {"domain_resume", REMOTE_PROC_DOMAIN_RESUME},
    {"domain_create", REMOTE_PROC_DOMAIN_CREATE},
    {"domain_shutdown", REMOTE_PROC_DOMAIN_SHUTDOWN},
    {"domain_destroy", REMOTE_PROC_DOMAIN_DESTROY},
    {"domain_event_register_any", REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY},
    {"domain_event_deregister_any", REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY},
}};

// The procedures whose one argument is a domain (remote_nonnull_domain): the
// life-cycle calls, each of which changes the domain's state and queues an event.
inline constexpr std::array<int32_t, 5> kDomainProcedures = {
    REMOTE_PROC_DOMAIN_SUSPEND, REMOTE_PROC_DOMAIN_RESUME, REMOTE_PROC_DOMAIN_CREATE, REMOTE_PROC_DOMAIN_SHUTDOWN,
    REMOTE_PROC_DOMAIN_DESTROY};

inline constexpr auto kTraceFields = std::to_array<const char *>({
#define POLLSCOPE_FIELD_NAME(type, member, flag, json) json,
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_NAME)
#undef POLLSCOPE_FIELD_NAME
});

// What `run` may substitute in its program and arguments.
inline constexpr std::array<const char *, 5> kPlaceholders = {{"socket", "socket-ro", "tcp-port", "tls-port", "uri"}};


// The step kinds, with how one is written when it needs a value (for messages); a
// kind without an example may be written bare ("- connect").
struct StepKind
{
    std::string_view name;
    std::string_view example;
};

inline constexpr std::array<StepKind, 17> kStepKinds = {{
    {"connect", {}},
    {"ping", {}},
    {"hang_up", {}},
    {"expect_disconnect", {}},
    {"call", "call: open"},
    {"send", "send: {hex: \"00 00 00 1c\"}"},
    {"write_pieces", "write_pieces: {call: get_type, split: [4]}"},
    {"stop_reading", "stop_reading: 500ms"},
    {"read_replies", "read_replies: 1"},
    {"sleep", "sleep: 10ms"},
    {"repeat", "repeat: {times: 3, steps: [ping]}"},
    {"wait_for", "wait_for: {event: accept}"},
    {"wait_event", {}},
    {"run", "run: {program: virsh, args: [...]}"},
    {"fd_limit", "fd_limit: {headroom: 1}"},
    {"ask", "ask: {question: ..., choices: [...], answer: 0}"},
    {"say", "say: \"...\""},
}};

const StepKind *findStepKind(std::string_view name);
std::vector<std::string_view> stepKindNames();

// The condition keys, shared by wait_for, occurs and before.
inline const std::vector<std::string_view> kConditionKeys = {"event", "client", "thread", "fields", "text", "reason"};
std::vector<std::string_view> withConditionKeys(std::initializer_list<std::string_view> extra);

const char *transportName(Transport transport);
// A text for learners: a string, or {en: ..., zh_CN: ...}.
LocalizedText readText(const Source &source, const Value &value);
std::string readName(const Value &value, std::string_view what);

struct ProcedureRef
{
    int32_t proc = 0;
    std::string written;
};

ProcedureRef readProcedure(const Value &value);
std::string procedureLabel(int32_t proc);

struct ClientNames
{
    std::vector<std::string> written;  // as the clients list names them, for messages
    std::set<std::string> accepted;    // those and the members of bursts
};

class ScenarioReader
{
public:
    ScenarioReader(const std::string &text, const std::string &fileName) : m_text(text), m_source(text, fileName) {}

    Scenario parse();

private:
    void parseDaemon(const Value &value, ScenarioDaemon &daemon);
    ScenarioListener parseListener(const Value &value);
    ScenarioTimer parseTimer(const Value &value);
    TimerChange parseTimerChange(const Value &value, const TimerChange *previous);
    void collectClientNames(const YAML::Node &clients);
    ScenarioClient parseClient(const Value &value);
    StepList parseSteps(const Value &value, int depth);
    ScenarioStep parseStep(const Value &value, int depth);
    StepAction parseAction(std::string_view kind, const std::optional<Value> &value, const SourceLocation &where,
                           int depth);
    steps::Call parseCall(const Value &value);
    void parseCallArguments(const KeyedMap &map, steps::Call &call);
    ReplyExpectation parseReplyExpectation(const Value &value);
    steps::Ping parsePing(const Value &value);
    steps::Send parseSendData(const KeyedMap &map, bool allowCall);
    steps::Send sendFromFrame(const Value &value);
    steps::Send sendFromCall(const Value &value);
    steps::WritePieces parseWritePieces(const Value &value);
    steps::ReadReplies parseReadReplies(const Value &value);
    steps::HangUp parseHangUp(const Value &value);
    steps::Repeat parseRepeat(const Value &value, int depth);
    steps::WaitFor parseWaitFor(const Value &value);
    steps::WaitEvent parseWaitEvent(const Value &value);
    // A deregistration that names no callback needs a registration before it.
    void checkEventCallbacks(const StepList &steps, bool &registered);
    steps::ExpectDisconnect parseExpectDisconnect(const Value &value);
    steps::Run parseRun(const Value &value);
    void checkPlaceholders(const Value &value, const std::string &text);
    steps::FdLimit parseFdLimit(const Value &value);
    steps::Ask parseAsk(const Value &value);
    TraceCondition parseCondition(const Value &value);
    TraceCondition conditionFrom(const KeyedMap &map);
    std::string readEvent(const Value &value);
    EventReason readReason(const Value &value);
    std::string readClientName(const Value &value);
    Expectation parseExpectation(const Value &value);
    bool listens(Transport transport) const;
    RealLibvirtdRun parseRealLibvirtd(const Value &value, const std::vector<ScenarioClient> &clients);

    const std::string &m_text;
    Source m_source;
    ClientNames m_clientNames;
    std::vector<ScenarioListener> m_listeners;
    std::map<std::string, int> m_timerNames; // name -> line
    // Every name a client or a burst member takes, and who took it.
    std::map<std::string, std::string> m_takenClientNames;
    int m_nextStepIndex = 0;
};

} // namespace pollscope::scenarioreader
