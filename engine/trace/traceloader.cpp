#include "traceloader.h"

#include "jsonlineswriter.h"
#include "stringpool.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace pollscope {

namespace {

using Json = nlohmann::json;

class Loader
{
public:
    explicit Loader(std::string path) : m_path(std::move(path)) {}

    std::optional<TraceSession> load(std::istream &in, std::string *error);

private:
    bool loadJsonLines(std::istream &in);
    bool loadChrome(const Json &root);
    bool eventFromObject(const Json &object, TraceEvent &event);
    bool eventFromLine(std::string &line, TraceEvent &event);
    uint16_t threadIndex(std::string_view name);
    const char *text(std::string_view text);
    bool fail(size_t line, const std::string &what);

    std::string m_path;
    TraceSession m_session;
    std::unordered_map<std::string, uint16_t> m_threads;
    // Texts repeat a lot in a trace: each distinct one is interned once per load.
    std::unordered_map<std::string_view, const char *> m_texts;
    simdjson::dom::parser m_parser;
    std::string m_error;
    size_t m_line = 0;
};

bool Loader::fail(size_t line, const std::string &what)
{
    m_error = m_path + (line ? ":" + std::to_string(line) : std::string()) + ": " + what;
    return false;
}

uint16_t Loader::threadIndex(std::string_view name)
{
    auto [it, inserted] = m_threads.try_emplace(std::string(name), uint16_t(m_session.threadNames.size()));
    if (inserted)
        m_session.threadNames.emplace_back(name);
    return it->second;
}

const char *Loader::text(std::string_view text)
{
    if (const auto found = m_texts.find(text); found != m_texts.end())
        return found->second;
    const char *interned = internString(text);
    // Keyed by the interned copy, which lives as long as the process.
    m_texts.emplace(std::string_view(interned), interned);
    return interned;
}

template<typename Integer>
bool readInteger(const Json &object, const char *key, Integer &out)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return false;
    out = it->get<Integer>();
    return true;
}

// A member of an object, or a fallback when it is missing or of another type.
// (Json::value() throws on another type, and a trace file may hold anything.)
std::string stringMember(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t integerMember(const Json &object, const char *key)
{
    int64_t value = 0;
    readInteger(object, key, value);
    return value;
}

const Json &objectMember(const Json &object, const char *key)
{
    static const Json empty = Json::object();
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : empty;
}

bool Loader::eventFromObject(const Json &object, TraceEvent &event)
{
    if (!object.is_object())
        return fail(m_line, "expected a JSON object");
    event = TraceEvent{};
    if (!readInteger(object, "seq", event.seq))
        return fail(m_line, "missing integer field \"seq\"");
    if (!readInteger(object, "timeNs", event.timeNs))
        return fail(m_line, "missing integer field \"timeNs\"");
    const auto kind = object.find("kind");
    if (kind == object.end() || !kind->is_string())
        return fail(m_line, "missing string field \"kind\"");
    const auto parsedKind = eventKindFromName(kind->get<std::string>());
    if (!parsedKind)
        return fail(m_line, "unknown event kind \"" + kind->get<std::string>() + "\"");
    event.kind = *parsedKind;
    const auto thread = object.find("thread");
    event.thread = threadIndex(thread != object.end() && thread->is_string() ? thread->get<std::string>() : "?");
    readInteger(object, "flow", event.flow);
    const auto text = object.find("text");
    event.text = text != object.end() && text->is_string() ? internString(text->get<std::string>()) : nullptr;
#define POLLSCOPE_READ_FIELD(type, member, Flag, json)                                                     \
    if (const auto it = object.find(json); it != object.end()) {                                           \
        if (!it->is_number_integer())                                                                      \
            return fail(m_line, "field \"" json "\" is not an integer");                                  \
        event.set##Flag(it->get<type>());                                                                   \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_READ_FIELD)
#undef POLLSCOPE_READ_FIELD
    return true;
}

// The members of an event line that the loader reads, by name.
enum Member : int { Seq = TraceField::Count, TimeNs, Kind, Thread, Flow, Text, MemberCount };

int memberOf(std::string_view key)
{
    static const std::unordered_map<std::string_view, int> members = [] {
        std::unordered_map<std::string_view, int> map{
            {"seq", Seq}, {"timeNs", TimeNs}, {"kind", Kind}, {"thread", Thread}, {"flow", Flow}, {"text", Text}};
#define POLLSCOPE_MEMBER(type, member, Flag, json) map.emplace(json, TraceField::Flag##Index);
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_MEMBER)
#undef POLLSCOPE_MEMBER
        return map;
    }();
    const auto found = members.find(key);
    return found == members.end() ? -1 : found->second;
}

// nlohmann's is_number_integer() and get<>(): an integer that fits 64 bits, signed
// or not, converted to the field's type the way static_cast does.
bool integerBits(simdjson::dom::element value, uint64_t &bits)
{
    int64_t signedValue;
    if (!value.get_int64().get(signedValue)) {
        bits = uint64_t(signedValue);
        return true;
    }
    return !value.get_uint64().get(bits);
}

// The same checks, in the same order and with the same errors, as eventFromObject,
// on simdjson's DOM: the lines of a large trace are most of the time it takes to open
// it, and simdjson reads them several times faster than a nlohmann DOM per line. A
// member that appears twice counts as its last occurrence, as in nlohmann's DOM.
bool Loader::eventFromLine(std::string &line, TraceEvent &event)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: give it room.
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::dom::object object;
    simdjson::dom::element root;
    if (m_parser.parse(line.data(), line.size(), false).get(root))
        return fail(m_line, "not valid JSON");
    if (root.get_object().get(object))
        return fail(m_line, "expected a JSON object");

    std::array<simdjson::dom::element, MemberCount> members;
    std::array<bool, MemberCount> present{};
    for (const simdjson::dom::key_value_pair member : object) {
        if (const int index = memberOf(member.key); index >= 0) {
            members[size_t(index)] = member.value;
            present[size_t(index)] = true;
        }
    }

    event = TraceEvent{};
    uint64_t bits = 0;
    if (!present[Seq] || !integerBits(members[Seq], bits))
        return fail(m_line, "missing integer field \"seq\"");
    event.seq = bits;
    if (!present[TimeNs] || !integerBits(members[TimeNs], bits))
        return fail(m_line, "missing integer field \"timeNs\"");
    event.timeNs = int64_t(bits);
    std::string_view kind;
    if (!present[Kind] || members[Kind].get_string().get(kind))
        return fail(m_line, "missing string field \"kind\"");
    const auto parsedKind = eventKindFromName(kind);
    if (!parsedKind)
        return fail(m_line, "unknown event kind \"" + std::string(kind) + "\"");
    event.kind = *parsedKind;
    std::string_view thread;
    if (!present[Thread] || members[Thread].get_string().get(thread))
        thread = "?";
    event.thread = threadIndex(thread);
    if (present[Flow] && integerBits(members[Flow], bits))
        event.flow = bits;
    std::string_view eventText;
    event.text = present[Text] && !members[Text].get_string().get(eventText) ? text(eventText) : nullptr;
#define POLLSCOPE_READ_FIELD(type, member, Flag, json)                                                     \
    if (present[TraceField::Flag##Index]) {                                                                \
        if (!integerBits(members[TraceField::Flag##Index], bits))                                          \
            return fail(m_line, "field \"" json "\" is not an integer");                                  \
        event.set##Flag(static_cast<type>(bits));                                                           \
    }
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_READ_FIELD)
#undef POLLSCOPE_READ_FIELD
    return true;
}

bool Loader::loadJsonLines(std::istream &in)
{
    std::string line;
    while (std::getline(in, line)) {
        ++m_line;
        if (line.empty())
            continue;
        TraceEvent event;
        if (!eventFromLine(line, event))
            return false;
        m_session.events.push_back(event);
    }
    return true;
}

bool Loader::loadChrome(const Json &root)
{
    const auto events = root.find("traceEvents");
    if (events == root.end() || !events->is_array())
        return fail(0, "no \"traceEvents\" array: not a trace");
    std::unordered_map<int64_t, std::string> threadNames;
    for (const Json &entry : *events) {
        if (stringMember(entry, "ph") == "M" && stringMember(entry, "name") == "thread_name")
            threadNames[integerMember(entry, "tid")] = stringMember(objectMember(entry, "args"), "name");
    }
    // Spans were written as one complete event holding both ends; flows are derived.
    for (const Json &entry : *events) {
        const auto args = entry.find("args");
        const auto ph = entry.find("ph");
        if (ph == entry.end() || !ph->is_string() || args == entry.end() || !args->contains("kind"))
            continue;
        const int64_t tid = integerMember(entry, "tid");
        const auto name = threadNames.find(tid);
        const uint16_t thread = threadIndex(name != threadNames.end() ? name->second : "thread " + std::to_string(tid));
        TraceEvent event;
        if (!eventFromObject(*args, event))
            return false;
        event.thread = thread;
        m_session.events.push_back(event);
        if (const auto end = args->find("end"); end != args->end()) {
            if (!eventFromObject(*end, event))
                return false;
            event.thread = thread;
            m_session.events.push_back(event);
        }
    }
    std::sort(m_session.events.begin(), m_session.events.end(),
              [](const TraceEvent &a, const TraceEvent &b) { return a.seq < b.seq; });
    return true;
}

std::optional<TraceSession> Loader::load(std::istream &in, std::string *error)
{
    std::string first;
    std::getline(in, first);
    m_line = 1;
    bool ok;
    Json header = Json::parse(first, nullptr, false);
    if (!header.is_discarded() && header.is_object() && stringMember(header, "format") == JsonLinesWriter::kFormatTag) {
        if (const auto version = header.find("version");
            version == header.end() || !version->is_number_integer() || *version != JsonLinesWriter::kVersion) {
            ok = fail(1, "unsupported trace version " + (version == header.end() ? std::string("0") : version->dump()));
        } else {
            m_session.source = stringMember(header, "source");
            ok = loadJsonLines(in);
        }
    } else {
        in.clear();
        in.seekg(0);
        std::stringstream whole;
        whole << in.rdbuf();
        Json root = Json::parse(whole.str(), nullptr, false);
        m_line = 0;
        if (root.is_discarded() || !root.is_object())
            ok = fail(0, "not a pollscope trace (neither JSON Lines with a pollscope header nor a Chrome trace)");
        else {
            m_session.source = stringMember(objectMember(root, "otherData"), "source");
            ok = loadChrome(root);
        }
    }
    if (!ok) {
        if (error)
            *error = m_error;
        return std::nullopt;
    }
    return std::move(m_session);
}

} // namespace

std::optional<TraceSession> loadTrace(const std::string &path, std::string *error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error)
            *error = path + ": cannot open the file";
        return std::nullopt;
    }
    return Loader(path).load(in, error);
}

std::optional<TraceSession> loadTraceText(const std::string &text, const std::string &name, std::string *error)
{
    std::istringstream in(text);
    return Loader(name).load(in, error);
}

} // namespace pollscope
