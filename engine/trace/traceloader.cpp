#include "traceloader.h"

#include "binarytracereader.h"
#include "jsonlineswriter.h"
#include "stringpool.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace pollscope {

namespace {

using JsonElement = simdjson::dom::element;
using JsonObject = simdjson::dom::object;

class Loader
{
public:
    Loader(std::string path, const TraceEventSink &sink) : m_path(std::move(path)), m_sink(sink) {}

    Result<TraceSession> load(std::istream &in);

private:
    bool loadJsonLines(std::istream &in);
    bool loadChrome(JsonObject root);
    bool eventFromObject(JsonObject object, TraceEvent &event);
    // Parses `text` (padding it as simdjson needs); the result lives until the next parse.
    simdjson::simdjson_result<JsonElement> parse(std::string &text);
    uint16_t threadIndex(std::string_view name);
    const char *text(std::string_view text);
    bool fail(size_t line, const std::string &what);
    void keep(const TraceEvent &event);

    std::string m_path;
    const TraceEventSink &m_sink;
    size_t m_events = 0; // kept so far
    TraceSession m_session;
    std::unordered_map<std::string, uint16_t> m_threads;
    // Texts repeat a lot in a trace: each distinct one is interned once per load.
    std::unordered_map<std::string_view, const char *> m_texts;
    simdjson::dom::parser m_parser;
    Error m_error;
    size_t m_line = 0;
};

void Loader::keep(const TraceEvent &event)
{
    if (m_sink)
        m_sink(event);
    else
        m_session.events.push_back(event);
    ++m_events;
}

bool Loader::fail(size_t line, const std::string &what)
{
    m_error = Error{what, {m_path, int(line), 0}};
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

// The members of an event line that the loader reads, by name.
enum Member : int { Seq = TraceField::Count, TimeNs, Kind, Thread, Flow, Text, Reason, Function, MemberCount };

int memberOf(std::string_view key)
{
    static const std::unordered_map<std::string_view, int> members = [] {
        std::unordered_map<std::string_view, int> map{
            {"seq", Seq}, {"timeNs", TimeNs}, {"kind", Kind}, {"thread", Thread}, {"flow", Flow}, {"text", Text}, {"reason", Reason}, {"function", Function}};
#define POLLSCOPE_MEMBER(type, member, Flag, json) map.emplace(json, TraceField::Flag##Index);
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_MEMBER)
#undef POLLSCOPE_MEMBER
        return map;
    }();
    const auto found = members.find(key);
    return found == members.end() ? -1 : found->second;
}

// An integer that fits 64 bits, signed or not, to be converted to the field's type
// the way static_cast does.
bool integerBits(simdjson::dom::element value, uint64_t &bits)
{
    int64_t signedValue;
    if (!value.get_int64().get(signedValue)) {
        bits = uint64_t(signedValue);
        return true;
    }
    return !value.get_uint64().get(bits);
}

// A member of an object; a member that appears twice counts as its last occurrence.
std::optional<JsonElement> member(JsonObject object, std::string_view key)
{
    std::optional<JsonElement> found;
    for (const simdjson::dom::key_value_pair pair : object) {
        if (pair.key == key)
            found = pair.value;
    }
    return found;
}

// A member's value, or a fallback when it is missing or of another type: a trace file
// may hold anything.
std::string stringMember(JsonObject object, std::string_view key)
{
    std::string_view value;
    const auto found = member(object, key);
    return found && !found->get_string().get(value) ? std::string(value) : std::string();
}

int64_t integerMember(JsonObject object, std::string_view key)
{
    uint64_t bits = 0;
    const auto found = member(object, key);
    return found && integerBits(*found, bits) ? int64_t(bits) : 0;
}

std::optional<JsonObject> objectMember(JsonObject object, std::string_view key)
{
    JsonObject value;
    const auto found = member(object, key);
    return found && !found->get_object().get(value) ? std::optional(value) : std::nullopt;
}

simdjson::simdjson_result<JsonElement> Loader::parse(std::string &text)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: give it room.
    text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    return m_parser.parse(text.data(), text.size(), false);
}

// One event, from a line of JSON Lines or from the args of a Chrome trace entry. The
// lines of a large trace are most of the time it takes to open it: the members are
// sorted out in one pass over the object.
bool Loader::eventFromObject(JsonObject object, TraceEvent &event)
{
    std::array<JsonElement, MemberCount> members;
    std::array<bool, MemberCount> present{};
    for (const simdjson::dom::key_value_pair pair : object) {
        if (const int index = memberOf(pair.key); index >= 0) {
            members[size_t(index)] = pair.value;
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
    // An imported step names where its log line came from; the replica's steps name their kind's function.
    std::string_view function;
    if (present[Function] && !members[Function].get_string().get(function) && function != eventKindInfo(event.kind).function)
        event.site = text(function);
    std::string_view reason;
    if (present[Reason]) {
        if (members[Reason].get_string().get(reason))
            return fail(m_line, "field \"reason\" is not a string");
        const auto parsedReason = eventReasonFromCode(reason);
        if (!parsedReason)
            return fail(m_line, "unknown reason \"" + std::string(reason) + "\"");
        event.reason = *parsedReason;
    }
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
        JsonElement root;
        JsonObject object;
        if (parse(line).get(root)) {
            // A last line without its newline is where a recording was cut off.
            if (in.eof())
                return fail(m_line, "the trace is cut off here, in the middle of an event; the "
                                        + std::to_string(m_events) + " events before it are complete");
            return fail(m_line, "not valid JSON");
        }
        if (root.get_object().get(object))
            return fail(m_line, "expected a JSON object");
        TraceEvent event;
        if (!eventFromObject(object, event))
            return false;
        keep(event);
    }
    return true;
}

bool Loader::loadChrome(JsonObject root)
{
    simdjson::dom::array events;
    const auto traceEvents = member(root, "traceEvents");
    if (!traceEvents || traceEvents->get_array().get(events))
        return fail(0, "no \"traceEvents\" array: not a trace");
    std::unordered_map<int64_t, std::string> threadNames;
    for (const JsonElement element : events) {
        JsonObject entry;
        if (element.get_object().get(entry))
            continue;
        if (stringMember(entry, "ph") == "M" && stringMember(entry, "name") == "thread_name") {
            const auto args = objectMember(entry, "args");
            threadNames[integerMember(entry, "tid")] = args ? stringMember(*args, "name") : std::string();
        }
    }
    // Spans were written as one complete event holding both ends; flows are derived.
    for (const JsonElement element : events) {
        JsonObject entry;
        std::string_view ph;
        if (element.get_object().get(entry))
            continue;
        const auto phase = member(entry, "ph");
        if (!phase || phase->get_string().get(ph))
            continue;
        const auto args = objectMember(entry, "args");
        if (!args || !member(*args, "kind"))
            continue;
        const int64_t tid = integerMember(entry, "tid");
        const auto name = threadNames.find(tid);
        const uint16_t thread = threadIndex(name != threadNames.end() ? name->second : "thread " + std::to_string(tid));
        TraceEvent event;
        if (!eventFromObject(*args, event))
            return false;
        event.thread = thread;
        m_session.events.push_back(event);
        if (const auto end = member(*args, "end")) {
            JsonObject endObject;
            if (end->get_object().get(endObject))
                return fail(m_line, "expected a JSON object");
            if (!eventFromObject(endObject, event))
                return false;
            event.thread = thread;
            m_session.events.push_back(event);
        }
    }
    // Both ends of a span are read at its start: the order is seq's only once sorted.
    std::sort(m_session.events.begin(), m_session.events.end(),
              [](const TraceEvent &a, const TraceEvent &b) { return a.seq < b.seq; });
    if (m_sink) {
        for (const TraceEvent &event : m_session.events)
            m_sink(event);
        m_session.events = {};
    }
    return true;
}

Result<TraceSession> Loader::load(std::istream &in)
{
    std::string first;
    std::getline(in, first);
    m_line = 1;
    bool ok;
    JsonElement headerElement;
    JsonObject header;
    if (!parse(first).get(headerElement) && !headerElement.get_object().get(header)
        && stringMember(header, "format")
               == JsonLinesWriter::kFormatTag) {
        int64_t version = 0;
        const auto versionMember = member(header, "version");
        if (!versionMember || versionMember->get_int64().get(version) || version != JsonLinesWriter::kVersion) {
            ok = fail(1, "unsupported trace version "
                             + (versionMember ? simdjson::minify(*versionMember) : std::string("0")));
        } else {
            m_session.source = stringMember(header, "source");
            m_session.origin = stringMember(header, "origin");
            ok = loadJsonLines(in);
        }
    } else {
        in.clear();
        in.seekg(0);
        std::stringstream whole;
        whole << in.rdbuf();
        std::string contents = whole.str();
        JsonElement rootElement;
        JsonObject root;
        m_line = 0;
        if (parse(contents).get(rootElement) || rootElement.get_object().get(root)) {
            const size_t start = contents.find_first_not_of(" \t\r\n");
            if (start != std::string::npos && contents[start] == '{'
                && contents.find("\"traceEvents\"") != std::string::npos) {
                // The start of a Chrome trace whose end is missing.
                const size_t lines = size_t(std::count(contents.begin(), contents.end(), '\n')) + 1;
                ok = fail(lines, "the trace is cut off here, after " + std::to_string(contents.size())
                                     + " bytes: its JSON ends before the trace is complete");
            } else {
                ok = fail(0, "not a pollscope trace (neither JSON Lines with a pollscope header nor a Chrome trace)");
            }
        } else {
            const auto otherData = objectMember(root, "otherData");
            m_session.source = otherData ? stringMember(*otherData, "source") : std::string();
            m_session.origin = otherData ? stringMember(*otherData, "origin") : std::string();
            ok = loadChrome(root);
        }
    }
    if (!ok)
        return m_error;
    return std::move(m_session);
}

} // namespace

Result<TraceSession> loadTrace(const std::string &path, const TraceEventSink &sink)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{"cannot open the file", {path, 0, 0}};
    std::string magic(8, '\0');
    in.read(magic.data(), std::streamsize(magic.size()));
    magic.resize(size_t(in.gcount()));
    in.clear();
    in.seekg(0);
    if (isBinaryTrace(magic)) {
        // Read whole in one piece: a large file is copied once, not grown into.
        in.seekg(0, std::ios::end);
        std::string whole(size_t(in.tellg()), '\0');
        in.seekg(0);
        in.read(whole.data(), std::streamsize(whole.size()));
        whole.resize(size_t(in.gcount()));
        return readBinaryTrace(whole, path, sink);
    }
    return Loader(path, sink).load(in);
}

Result<TraceSession> loadTraceText(const std::string &text, const std::string &name)
{
    if (isBinaryTrace(text))
        return readBinaryTrace(text, name);
    std::istringstream in(text);
    return Loader(name, {}).load(in);
}

} // namespace pollscope
