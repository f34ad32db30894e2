#include "scenarioparser.h"

#include "daemon/daemonconfig.h"
#include "rpc/messageheader.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "trace/eventkind.h"
#include "trace/tracefields.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

namespace pollscope {

std::string ScenarioParseError::describe() const
{
    if (where.line <= 0)
        return where.file + ": " + message;
    return where.describe() + ": " + message;
}

namespace {

// Bounds that keep any input cheap. Aliases let a small file name one list many times
// over, and a list may even contain itself, so the walk bounds what it builds instead
// of trusting the size of the file.
constexpr int kMaxRepeatDepth = 8;
constexpr int kMaxSteps = 100000;
constexpr int64_t kMaxDurationMs = 86400000; // one day
constexpr int64_t kMaxInt = std::numeric_limits<int32_t>::max();
constexpr int64_t kMaxUint32 = std::numeric_limits<uint32_t>::max();
constexpr int64_t kMinInt = std::numeric_limits<int32_t>::min();
constexpr int64_t kMinInt64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

struct NamedProcedure
{
    const char *name;
    int32_t proc;
};

// The procedures a scenario may call by name, in the order error messages list them.
constexpr std::array<NamedProcedure, 11> kProcedures = {{
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
}};

constexpr auto kTraceFields = std::to_array<const char *>({
#define POLLSCOPE_FIELD_NAME(type, member, flag, json) json,
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_NAME)
#undef POLLSCOPE_FIELD_NAME
});

// What `run` may substitute in its program and arguments.
constexpr std::array<const char *, 5> kPlaceholders = {{"socket", "socket-ro", "tcp-port", "tls-port", "uri"}};

// The step kinds, with how one is written when it needs a value (for messages); a
// kind without an example may be written bare ("- connect").
struct StepKind
{
    std::string_view name;
    std::string_view example;
};

constexpr std::array<StepKind, 16> kStepKinds = {{
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
    {"run", "run: {program: virsh, args: [...]}"},
    {"fd_limit", "fd_limit: {headroom: 1}"},
    {"ask", "ask: {question: ..., choices: [...], answer: 0}"},
    {"say", "say: \"...\""},
}};

const StepKind *findStepKind(std::string_view name)
{
    for (const StepKind &kind : kStepKinds) {
        if (kind.name == name)
            return &kind;
    }
    return nullptr;
}

std::vector<std::string_view> stepKindNames()
{
    std::vector<std::string_view> names;
    for (const StepKind &kind : kStepKinds)
        names.push_back(kind.name);
    return names;
}

// Thrown inside the parser to give up at the first problem; parseScenarioText turns
// it into the error it returns, so nothing escapes.
struct ParseFailure
{
    ScenarioParseError error;
};

[[noreturn]] void fail(const SourceLocation &where, std::string message)
{
    throw ParseFailure{{where, std::move(message)}};
}

std::string join(const std::vector<std::string> &items)
{
    std::string out;
    for (const std::string &item : items) {
        if (!out.empty())
            out += ", ";
        out += item;
    }
    return out;
}

// Text from the file, quoted for a message: control bytes escaped, long text cut.
std::string quote(std::string_view text)
{
    constexpr size_t kLongest = 60;
    std::string out = "\"";
    size_t shown = 0;
    for (; shown < text.size() && shown < kLongest; ++shown) {
        const unsigned char c = static_cast<unsigned char>(text[shown]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        } else {
            out += char(c);
        }
    }
    if (shown < text.size()) {
        // Do not leave half of a UTF-8 sequence before the ellipsis.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xc0) == 0x80)
            out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xc0)
            out.pop_back();
        out += "...";
    }
    return out + "\"";
}

// A number as written, for a message: long runs of digits are cut.
std::string shortened(const std::string &digits)
{
    return digits.size() <= 24 ? digits : digits.substr(0, 24) + "...";
}

// What a node is, for "expected ..., not <this>".
std::string describeNode(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return quote(node.Scalar());
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
}

size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The candidate a typo most likely meant: at most two edits away. Empty if none is.
std::string closestName(std::string_view name, const std::vector<std::string_view> &candidates)
{
    // Long junk resembles nothing, and comparing it would cost its length squared.
    if (name.size() > 64)
        return {};
    std::string_view closest;
    size_t closestDistance = 3;
    for (const std::string_view candidate : candidates) {
        if (const size_t distance = editDistance(name, candidate); distance < closestDistance) {
            closestDistance = distance;
            closest = candidate;
        }
    }
    return std::string(closest);
}

// A whole number as scenarios write it: decimal or 0x hex, with an optional minus.
struct WholeNumber
{
    bool wellFormed = false; // digits, whatever their size
    bool fits = false;       // and within 64 bits
    int64_t value = 0;
};

WholeNumber parseWholeNumber(std::string_view text)
{
    WholeNumber number;
    const bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    if (text.empty())
        return number;
    const auto isDigit = [base](char c) {
        return base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : c >= '0' && c <= '9';
    };
    if (!std::all_of(text.begin(), text.end(), isDigit))
        return number;
    number.wellFormed = true;
    uint64_t magnitude = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
    if (error != std::errc() || end != text.data() + text.size())
        return number;
    if (negative) {
        if (magnitude > uint64_t(kMaxInt64) + 1)
            return number;
        number.value = magnitude == uint64_t(kMaxInt64) + 1 ? kMinInt64 : -int64_t(magnitude);
    } else {
        if (magnitude > uint64_t(kMaxInt64))
            return number;
        number.value = int64_t(magnitude);
    }
    number.fits = true;
    return number;
}

// "10ms", "2s", "1.5s" or a lone "0", in whole milliseconds.
struct ParsedDuration
{
    enum class Status { Ok, NotADuration, Negative, NotWholeMilliseconds, TooLong };
    Status status = Status::NotADuration;
    int64_t milliseconds = 0;
};

ParsedDuration parseDuration(std::string_view text)
{
    using Status = ParsedDuration::Status;
    if (text == "0")
        return {Status::Ok, 0};
    const bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    int64_t unit = 0;
    if (text.size() > 2 && text.substr(text.size() - 2) == "ms") {
        unit = 1;
        text.remove_suffix(2);
    } else if (text.size() > 1 && text.back() == 's') {
        unit = 1000;
        text.remove_suffix(1);
    } else {
        return {};
    }
    const size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    const auto digitsOnly = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const bool hasDot = dot != std::string_view::npos;
    if (whole.empty() || !digitsOnly(whole) || (hasDot && (fraction.empty() || !digitsOnly(fraction))))
        return {};
    if (negative)
        return {Status::Negative, 0};
    // A fraction must stop at whole milliseconds: three digits of a second, none of a
    // millisecond; anything after that must be zeros.
    const size_t kept = unit == 1000 ? 3 : 0;
    int64_t fractionMs = 0;
    for (size_t i = 0; i < fraction.size(); ++i) {
        if (i < kept)
            fractionMs = fractionMs * 10 + (fraction[i] - '0');
        else if (fraction[i] != '0')
            return {Status::NotWholeMilliseconds, 0};
    }
    for (size_t i = fraction.size(); i < kept; ++i)
        fractionMs *= 10;
    // Twelve digits of seconds already exceed any allowed duration; stop before overflow.
    if (whole.size() > 12)
        return {Status::TooLong, 0};
    int64_t wholeValue = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), wholeValue);
    return {Status::Ok, wholeValue * unit + fractionMs};
}

std::string formatDuration(int64_t milliseconds)
{
    if (milliseconds == 0)
        return "0";
    if (milliseconds % 1000 == 0)
        return std::to_string(milliseconds / 1000) + "s";
    return std::to_string(milliseconds) + "ms";
}

// A node and the place to blame for it.
struct Value
{
    YAML::Node node;
    SourceLocation where;

    bool isNull() const { return node.IsNull(); }
    bool isScalar() const { return node.IsScalar(); }
    const std::string &scalar() const { return node.Scalar(); }
};

// The file being parsed: turns yaml-cpp's 0-based marks into 1-based locations.
class Source
{
public:
    Source(const std::string &text, const std::string &fileName)
        : m_text(text), m_fileName(fileName), m_budget(kBaseBudget + int64_t(text.size()))
    {
    }

    const std::string &fileName() const { return m_fileName; }

    SourceLocation at(const YAML::Mark &mark) const
    {
        if (mark.is_null())
            return {m_fileName, 1, 1};
        return {m_fileName, mark.line + 1, mark.column + 1};
    }
    SourceLocation at(const YAML::Node &node) const { return at(node.Mark()); }

    // yaml-cpp marks an empty list item ("-" and nothing after it) at the next token,
    // often on a later line; the dash itself is the place to blame.
    SourceLocation atEmptyItem(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null() || mark.pos < 0 || size_t(mark.pos) > m_text.size())
            return at(mark);
        size_t offset = size_t(mark.pos);
        while (offset > 0 && std::strchr(" \t\r\n", m_text[offset - 1]) != nullptr)
            --offset;
        if (offset == 0 || m_text[offset - 1] != '-')
            return at(mark);
        return atOffset(offset - 1);
    }

    // yaml-cpp 0.7 accepts a quoted scalar that runs to the end of the file, so a
    // forgotten closing quote would silently swallow the rest of the scenario into one
    // text. Only the scalar's own characters are scanned.
    void checkClosingQuote(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        if (!node.IsScalar() || node.Tag() != "!" || mark.pos < 0 || size_t(mark.pos) >= m_text.size())
            return;
        const char quote = m_text[size_t(mark.pos)];
        if (quote != '"' && quote != '\'')
            return;
        for (size_t i = size_t(mark.pos) + 1; i < m_text.size(); ++i) {
            if (quote == '"' && m_text[i] == '\\') {
                ++i;
            } else if (m_text[i] == quote) {
                // In single quotes, '' is a quote inside the text.
                if (quote == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                return;
            }
        }
        fail(at(mark), "invalid YAML: this quoted text is not closed before the end of the file");
    }

    // A value found in a map or list, checked as above. Each one is charged to a
    // budget that a file without aliases never exhausts: a node named by many aliases
    // is read, and its text copied, once per alias.
    Value value(const YAML::Node &node, const SourceLocation &where) const
    {
        m_budget -= 1 + (node.IsScalar() ? int64_t(node.Scalar().size()) / 16 : 0);
        if (m_budget < 0)
            fail(where, "the scenario is too large once its aliases (*name) are expanded");
        checkClosingQuote(node);
        return {node, where};
    }

private:
    SourceLocation atOffset(size_t offset) const
    {
        const size_t lineStart = m_text.rfind('\n', offset == 0 ? 0 : offset - 1);
        const size_t column = lineStart == std::string::npos ? offset : offset - lineStart - 1;
        const auto line = std::count(m_text.begin(), m_text.begin() + std::ptrdiff_t(offset), '\n');
        return {m_fileName, int(line) + 1, int(column) + 1};
    }

    static constexpr int64_t kBaseBudget = 1000000;

    const std::string &m_text;
    std::string m_fileName;
    mutable int64_t m_budget;
};

// The keys of one YAML map, checked against those its context allows: an unknown or
// repeated key is an error at that key.
class KeyedMap
{
public:
    // `context` names the map in messages ("in daemon"); `allowed` lists its keys in
    // the order the documentation gives them.
    KeyedMap(const Source &source, const Value &map, std::string context, std::vector<std::string_view> allowed)
        : m_context(std::move(context)), m_where(map.where)
    {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        if (!map.node.IsMap())
            fail(map.where,
                 "expected a map for " + m_context + " (keys: " + join(names) + "), not " + describeNode(map.node));
        for (const auto &pair : map.node) {
            const SourceLocation keyWhere = source.at(pair.first);
            source.checkClosingQuote(pair.first);
            if (!pair.first.IsScalar())
                fail(keyWhere, "expected a key name in " + m_context + ", not " + describeNode(pair.first));
            const std::string &key = pair.first.Scalar();
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                fail(keyWhere,
                     "unknown key " + quote(key) + " in " + m_context + " (expected one of: " + join(names) + ")");
            for (const Entry &earlier : m_entries) {
                if (earlier.key == key)
                    fail(keyWhere, "duplicate key " + quote(key) + " in " + m_context + " (first at line "
                                       + std::to_string(earlier.keyWhere.line) + ")");
            }
            // yaml-cpp marks a missing value at the next token; its key is clearer.
            const SourceLocation valueWhere = pair.second.IsNull() ? keyWhere : source.at(pair.second);
            m_entries.push_back({key, keyWhere, source.value(pair.second, valueWhere)});
        }
    }

    const std::string &context() const { return m_context; }
    const SourceLocation &where() const { return m_where; }
    bool empty() const { return m_entries.empty(); }

    std::optional<Value> get(std::string_view key) const
    {
        if (const Entry *entry = find(key))
            return entry->value;
        return std::nullopt;
    }
    bool has(std::string_view key) const { return find(key) != nullptr; }
    Value require(std::string_view key) const
    {
        if (const Entry *entry = find(key))
            return entry->value;
        fail(m_where, "missing key " + quote(key) + " in " + m_context);
    }
    SourceLocation keyAt(std::string_view key) const
    {
        const Entry *entry = find(key);
        return entry ? entry->keyWhere : m_where;
    }
    // The keys present, in file order.
    std::vector<std::string> keys() const
    {
        std::vector<std::string> out;
        for (const Entry &entry : m_entries)
            out.push_back(entry.key);
        return out;
    }

private:
    struct Entry
    {
        std::string key;
        SourceLocation keyWhere;
        Value value;
    };

    const Entry *find(std::string_view key) const
    {
        for (const Entry &entry : m_entries) {
            if (entry.key == key)
                return &entry;
        }
        return nullptr;
    }

    std::string m_context;
    SourceLocation m_where;
    std::vector<Entry> m_entries;
};

// Scalar readers. Each names what it expected when the value is something else.

const std::string &readScalar(const Value &value, std::string_view expected)
{
    if (!value.isScalar())
        fail(value.where, "expected " + std::string(expected) + ", not " + describeNode(value.node));
    return value.scalar();
}

std::string readNonEmptyString(const Value &value, std::string_view expected)
{
    const std::string &text = readScalar(value, expected);
    if (text.empty())
        fail(value.where, "expected " + std::string(expected) + ", not an empty string");
    return text;
}

bool readBool(const Value &value)
{
    const std::string &text = readScalar(value, "true or false");
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    fail(value.where, "expected true or false, not " + quote(text));
}

int64_t readInteger(const Value &value, int64_t min, int64_t max)
{
    const std::string &text = readScalar(value, "a whole number");
    const WholeNumber number = parseWholeNumber(text);
    if (!number.wellFormed)
        fail(value.where, "expected a whole number such as 20 or 0x14, not " + quote(text));
    if (!number.fits || number.value < min || number.value > max)
        fail(value.where, "expected a number from " + std::to_string(min) + " to " + std::to_string(max) + ", not "
                              + shortened(text));
    return number.value;
}

int64_t readDurationMs(const Value &value, int64_t minMs = 0, int64_t maxMs = kMaxDurationMs)
{
    using Status = ParsedDuration::Status;
    const std::string &text = readScalar(value, "a duration such as 10ms or 2s");
    const ParsedDuration duration = parseDuration(text);
    switch (duration.status) {
    case Status::Ok:
        break;
    case Status::NotADuration:
        if (parseWholeNumber(text).wellFormed && text.front() != '-')
            fail(value.where, "expected a duration such as 10ms or 2s, not " + quote(text) + " (add the unit: "
                                  + shortened(text) + "ms or " + shortened(text) + "s)");
        fail(value.where, "expected a duration such as 10ms or 2s, not " + quote(text));
    case Status::Negative:
        fail(value.where,
             "expected a duration such as 10ms or 2s, not " + quote(text) + " (a duration cannot be negative)");
    case Status::NotWholeMilliseconds:
        fail(value.where, "expected a whole number of milliseconds, not " + quote(text));
    case Status::TooLong:
        break;
    }
    if (duration.status == Status::TooLong || duration.milliseconds < minMs || duration.milliseconds > maxMs)
        fail(value.where, "expected a duration from " + formatDuration(minMs) + " to " + formatDuration(maxMs)
                              + ", not " + quote(text));
    return duration.milliseconds;
}

Milliseconds readDuration(const Value &value, int64_t minMs = 0)
{
    return Milliseconds(readDurationMs(value, minMs));
}

// A timer's frequency: a duration, 0 (every iteration), or -1/off.
int readFrequency(const Value &value)
{
    const std::string &text = readScalar(value, "a frequency such as 10ms, 0 (every iteration) or off");
    if (text == "off" || text == "-1")
        return -1;
    if (parseDuration(text).status != ParsedDuration::Status::Ok)
        fail(value.where, "expected a frequency such as 10ms, 0 (every iteration) or off, not " + quote(text));
    return int(readDurationMs(value));
}

std::vector<uint8_t> readHex(const Value &value)
{
    const std::string &text = readScalar(value, "hex bytes such as \"00 00 00 1c\"");
    std::vector<uint8_t> bytes;
    int pending = -1;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            fail(value.where, "expected hex bytes such as \"00 00 00 1c\", not " + quote(text));
        if (pending < 0) {
            pending = digit;
        } else {
            bytes.push_back(uint8_t(pending * 16 + digit));
            pending = -1;
        }
    }
    if (pending >= 0)
        fail(value.where, "expected hex bytes of two digits each, but " + quote(text) + " has an odd number of digits");
    return bytes;
}

std::vector<Value> readList(const Source &source, const Value &value, std::string_view expected)
{
    if (!value.node.IsSequence())
        fail(value.where, "expected " + std::string(expected) + ", not " + describeNode(value.node));
    std::vector<Value> items;
    for (const YAML::Node &item : value.node)
        items.push_back(source.value(item, item.IsNull() ? source.atEmptyItem(item) : source.at(item)));
    return items;
}

// A locale key of a text: "de", "zh_CN".
bool isLocale(std::string_view key)
{
    const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const size_t cut = key.find('_');
    const std::string_view language = key.substr(0, cut);
    if (language.size() < 2 || language.size() > 3 || !std::all_of(language.begin(), language.end(), lower))
        return false;
    if (cut == std::string_view::npos)
        return true;
    const std::string_view country = key.substr(cut + 1);
    return country.size() == 2 && std::all_of(country.begin(), country.end(), upper);
}

// A text for learners: a string, or {en: ..., zh_CN: ...}.
LocalizedText readText(const Source &source, const Value &value)
{
    constexpr std::string_view expected = "a text: a string, or a map such as {en: \"...\", zh_CN: \"...\"}";
    LocalizedText text;
    if (value.isScalar()) {
        text.english = readNonEmptyString(value, expected);
        return text;
    }
    if (!value.node.IsMap())
        fail(value.where, "expected " + std::string(expected) + ", not " + describeNode(value.node));
    std::set<std::string> seen;
    for (const auto &pair : value.node) {
        const SourceLocation keyWhere = source.at(pair.first);
        const std::string &key = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
        if (!isLocale(key))
            fail(keyWhere, "expected a locale such as en, de or zh_CN, not " + describeNode(pair.first));
        if (!seen.insert(key).second)
            fail(keyWhere, "duplicate key " + quote(key) + " in a text");
        const Value translation = source.value(pair.second, pair.second.IsNull() ? keyWhere : source.at(pair.second));
        std::string words = readNonEmptyString(translation, "the text in " + key);
        if (key == "en")
            text.english = std::move(words);
        else
            text.translations[key] = std::move(words);
    }
    if (text.english.empty())
        fail(value.where, "missing key \"en\" in a text (the English text is required; translations are optional)");
    return text;
}

bool isName(std::string_view name)
{
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string readName(const Value &value, std::string_view what)
{
    const std::string expected = "a " + std::string(what) + " name of letters, digits, _ and - (such as alice)";
    const std::string &name = readScalar(value, expected);
    if (!isName(name))
        fail(value.where, "expected " + expected + ", not " + quote(name));
    return name;
}

struct ProcedureRef
{
    int32_t proc = 0;
    std::string written;
};

ProcedureRef readProcedure(const Value &value)
{
    std::vector<std::string> names;
    for (const NamedProcedure &procedure : kProcedures)
        names.push_back(procedure.name);
    const std::string expected = "expected " + join(names) + ", or a number";
    const std::string &text = readScalar(value, "a procedure (" + join(names) + ", or a number)");
    for (const NamedProcedure &procedure : kProcedures) {
        if (text == procedure.name)
            return {procedure.proc, text};
    }
    const WholeNumber number = parseWholeNumber(text);
    if (!number.wellFormed)
        fail(value.where, "unknown procedure " + quote(text) + " (" + expected + ")");
    if (!number.fits || number.value < kMinInt || number.value > kMaxInt)
        fail(value.where, "expected a procedure number from " + std::to_string(kMinInt) + " to "
                              + std::to_string(kMaxInt) + ", not " + shortened(text));
    return {int32_t(number.value), text};
}

std::string procedureLabel(int32_t proc)
{
    for (const NamedProcedure &procedure : kProcedures) {
        if (procedure.proc == proc)
            return procedure.name;
    }
    return "procedure " + std::to_string(proc);
}

uint32_t readNamedNumber(const Value &value, std::initializer_list<std::pair<const char *, uint32_t>> names,
                         std::string_view what)
{
    if (value.isScalar()) {
        for (const auto &[name, number] : names) {
            if (value.scalar() == name)
                return number;
        }
        if (!parseWholeNumber(value.scalar()).wellFormed) {
            std::vector<std::string> choices;
            for (const auto &entry : names)
                choices.push_back(entry.first);
            fail(value.where, "expected a message " + std::string(what) + " (" + join(choices) + ", or a number), not "
                                  + quote(value.scalar()));
        }
    }
    return uint32_t(readInteger(value, 0, kMaxUint32));
}

// Records where each document starts, and nothing else.
class DocumentStarts : public YAML::EventHandler
{
public:
    const std::vector<YAML::Mark> &marks() const { return m_marks; }

    void OnDocumentStart(const YAML::Mark &mark) override { m_marks.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

private:
    std::vector<YAML::Mark> m_marks;
};

struct ClientNames
{
    std::vector<std::string> written;  // as the clients list names them, for messages
    std::set<std::string> accepted;    // those and the members of bursts
};

class ScenarioParser
{
public:
    ScenarioParser(const std::string &text, const std::string &fileName) : m_text(text), m_source(text, fileName) {}

    Scenario parse();

private:
    void checkSingleDocument() const;
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

    const std::string &m_text;
    Source m_source;
    ClientNames m_clientNames;
    std::vector<ScenarioListener> m_listeners;
    std::map<std::string, int> m_timerNames; // name -> line
    // Every name a client or a burst member takes, and who took it.
    std::map<std::string, std::string> m_takenClientNames;
    int m_nextStepIndex = 0;
};

// The condition keys, shared by wait_for, occurs and before.
const std::vector<std::string_view> kConditionKeys = {"event", "client", "thread", "fields", "text", "reason"};

std::vector<std::string_view> withConditionKeys(std::initializer_list<std::string_view> extra)
{
    std::vector<std::string_view> keys = kConditionKeys;
    keys.insert(keys.end(), extra);
    return keys;
}

const char *transportName(Transport transport)
{
    switch (transport) {
    case Transport::Unix:
        return "unix";
    case Transport::UnixReadOnly:
        return "unix-ro";
    case Transport::Tcp:
        return "tcp";
    }
    return "unix";
}

Scenario ScenarioParser::parse()
{
    checkSingleDocument();
    const YAML::Node root = YAML::Load(m_text);
    if (root.IsNull())
        fail({m_source.fileName(), 1, 1}, "the file is empty (a scenario starts with version: 1)");
    const KeyedMap top(m_source, m_source.value(root, m_source.at(root)), "the scenario",
                       {"version", "title", "description", "deterministic", "timeout", "daemon", "timers", "clients",
                        "expect", "focus"});

    Scenario scenario;
    scenario.file = m_source.fileName();
    const std::optional<Value> version = top.get("version");
    if (!version)
        fail(top.where(), "missing key \"version\" in the scenario (every scenario starts with version: 1)");
    const WholeNumber versionNumber = version->isScalar() ? parseWholeNumber(version->scalar()) : WholeNumber();
    if (!versionNumber.wellFormed)
        fail(version->where, "expected version: 1, not " + describeNode(version->node));
    if (!versionNumber.fits || versionNumber.value != 1)
        fail(version->where,
             "version " + shortened(version->scalar()) + " is not supported (this pollscope reads version 1)");
    scenario.version = 1;

    scenario.title = readText(m_source, top.require("title"));
    if (const auto description = top.get("description"))
        scenario.description = readText(m_source, *description);
    if (const auto deterministic = top.get("deterministic"))
        scenario.deterministic = readBool(*deterministic);
    if (const auto timeout = top.get("timeout"))
        scenario.timeout = readDuration(*timeout, 1);

    if (const auto daemon = top.get("daemon"))
        parseDaemon(*daemon, scenario.daemon);
    if (scenario.daemon.listen.empty())
        scenario.daemon.listen = {{Transport::Unix, {}}, {Transport::UnixReadOnly, {}}};
    m_listeners = scenario.daemon.listen;

    if (const auto timers = top.get("timers")) {
        for (const Value &item : readList(m_source, *timers, "a list of timers"))
            scenario.timers.push_back(parseTimer(item));
    }

    if (const auto clients = top.get("clients")) {
        const std::vector<Value> items = readList(m_source, *clients, "a list of clients");
        collectClientNames(clients->node);
        for (const Value &item : items)
            scenario.clients.push_back(parseClient(item));
    }

    if (const auto expectations = top.get("expect")) {
        for (const Value &item : readList(m_source, *expectations, "a list of expectations"))
            scenario.expectations.push_back(parseExpectation(item));
    }
    if (const auto focus = top.get("focus"))
        scenario.focus = parseCondition(*focus);
    return scenario;
}

// A scenario is one YAML document. YAML::LoadAll cannot tell: on a token it cannot
// use at the top level, such as a stray ",", it starts a new empty document at the
// same place forever, allocating as it goes (yaml-cpp issue #1040). So the documents
// are counted with the event parser, three at most, and a document that starts where
// the previous one did is that stuck token.
void ScenarioParser::checkSingleDocument() const
{
    std::istringstream stream(m_text);
    YAML::Parser parser(stream);
    DocumentStarts starts;
    for (int document = 0; document < 3 && parser.HandleNextDocument(starts); ++document) {
    }
    const std::vector<YAML::Mark> &marks = starts.marks();
    for (size_t i = 1; i < marks.size(); ++i) {
        if (marks[i].pos != marks[i - 1].pos)
            continue;
        const size_t at = std::min(size_t(std::max(marks[i].pos, 0)), m_text.size());
        // The whole character, when it is not ASCII.
        size_t end = std::min(at + 1, m_text.size());
        while (end < m_text.size() && (static_cast<unsigned char>(m_text[end]) & 0xc0) == 0x80)
            ++end;
        fail(m_source.at(marks[i]), "invalid YAML: unexpected " + quote(m_text.substr(at, end - at)));
    }
    if (marks.size() > 1)
        fail(m_source.at(marks[1]), "a scenario is one YAML document, but another one starts here");
}

void ScenarioParser::parseDaemon(const Value &value, ScenarioDaemon &daemon)
{
    const KeyedMap map(m_source, value, "daemon",
                       {"listen", "workers", "max_clients", "max_client_requests", "max_message", "keepalive",
                        "timeout", "worker_delay", "pki", "tls_no_verify_certificate"});
    if (const auto listen = map.get("listen")) {
        const std::vector<Value> items = readList(m_source, *listen, "a list of listen addresses");
        if (items.empty())
            fail(listen->where, "expected at least one listen address, not an empty list");
        for (const Value &item : items) {
            ScenarioListener listener = parseListener(item);
            const auto sameSocket = [&listener](const ScenarioListener &earlier) {
                const bool earlierIsTcp = earlier.transport == Transport::Tcp;
                if (listener.transport == Transport::Tcp || earlierIsTcp)
                    return earlierIsTcp && listener.transport == Transport::Tcp && earlier.host == listener.host
                        && earlier.port == listener.port && listener.port != "0";
                // The scenario's own sockets differ by kind; any other path is one socket.
                if (listener.path.empty())
                    return earlier.path.empty() && earlier.transport == listener.transport;
                return earlier.path == listener.path;
            };
            if (std::any_of(daemon.listen.begin(), daemon.listen.end(), sameSocket))
                fail(item.where, "the daemon already listens on " + quote(item.scalar()));
            daemon.listen.push_back(std::move(listener));
        }
    }
    if (const auto workers = map.get("workers")) {
        Value minValue, maxValue;
        if (workers->isScalar()) {
            const std::string &text = workers->scalar();
            const size_t colon = text.find(':');
            if (colon == std::string::npos || !parseWholeNumber(text.substr(0, colon)).wellFormed
                || !parseWholeNumber(text.substr(colon + 1)).wellFormed)
                fail(workers->where,
                     "expected workers as MIN:MAX such as 5:20, or {min: 5, max: 20}, not " + quote(text));
            minValue = {YAML::Node(text.substr(0, colon)), workers->where};
            maxValue = {YAML::Node(text.substr(colon + 1)), workers->where};
        } else {
            const KeyedMap range(m_source, *workers, "workers", {"min", "max"});
            minValue = range.require("min");
            maxValue = range.require("max");
        }
        daemon.minWorkers = int(readInteger(minValue, 1, 1000));
        daemon.maxWorkers = int(readInteger(maxValue, 1, 1000));
        if (daemon.minWorkers > daemon.maxWorkers)
            fail(maxValue.where, "the maximum number of workers (" + std::to_string(daemon.maxWorkers)
                                     + ") is below the minimum (" + std::to_string(daemon.minWorkers) + ")");
    }
    if (const auto maxClients = map.get("max_clients"))
        daemon.maxClients = int(readInteger(*maxClients, 1, 10000));
    if (const auto maxRequests = map.get("max_client_requests"))
        daemon.maxClientRequests = int(readInteger(*maxRequests, 1, 10000));
    if (const auto maxMessage = map.get("max_message"))
        daemon.maxMessage = uint32_t(readInteger(*maxMessage, 24, 33554432));
    if (const auto keepalive = map.get("keepalive")) {
        if (keepalive->isScalar() && keepalive->scalar() == "off") {
            daemon.keepaliveIntervalMs = 0;
        } else {
            Value interval, count;
            if (keepalive->isScalar()) {
                const std::string &text = keepalive->scalar();
                const size_t colon = text.rfind(':');
                if (colon == std::string::npos)
                    fail(keepalive->where, "expected keepalive as INTERVAL:COUNT such as 5s:5, "
                                           "{interval: 5s, count: 5} or off, not " + quote(text));
                interval = {YAML::Node(text.substr(0, colon)), keepalive->where};
                count = {YAML::Node(text.substr(colon + 1)), keepalive->where};
            } else {
                const KeyedMap settings(m_source, *keepalive, "keepalive", {"interval", "count"});
                interval = settings.require("interval");
                count = settings.require("count");
            }
            daemon.keepaliveIntervalMs = int(readDurationMs(interval, 1));
            daemon.keepaliveCount = int(readInteger(count, 0, 1000));
        }
    }
    if (const auto timeout = map.get("timeout")) {
        if (timeout->isScalar() && timeout->scalar() == "off") {
            daemon.timeoutSeconds = -1;
        } else {
            const int64_t milliseconds = readDurationMs(*timeout, 1000);
            if (milliseconds % 1000 != 0)
                fail(timeout->where, "expected whole seconds such as 30s, or off, not " + quote(timeout->scalar()));
            daemon.timeoutSeconds = int(milliseconds / 1000);
        }
    }
    if (const auto delay = map.get("worker_delay"))
        daemon.workerDelayMs = int(readDurationMs(*delay));
    if (const auto pki = map.get("pki"))
        daemon.pkiDirectory = readScalar(*pki, "the folder of the TLS certificates");
    if (const auto noVerify = map.get("tls_no_verify_certificate"))
        daemon.tlsNoVerifyCertificate = readBool(*noVerify);
    const bool tls = std::any_of(daemon.listen.begin(), daemon.listen.end(),
                                 [](const ScenarioListener &listener) { return listener.tls; });
    if (tls && daemon.pkiDirectory.empty())
        fail(map.get("listen")->where, "a tls: listener needs the daemon's pki folder (cacert.pem, servercert.pem, "
                                       "serverkey.pem)");
}

ScenarioListener ScenarioParser::parseListener(const Value &value)
{
    constexpr std::string_view expected =
        "unix, unix-ro, unix:PATH, unix:@NAME, unix-ro:PATH, tcp:HOST:PORT or tls:HOST:PORT";
    const std::string &text = readScalar(value, "a listen address (" + std::string(expected) + ")");
    ScenarioListener listener;
    if (text == "unix")
        return listener;
    if (text == "unix-ro") {
        listener.transport = Transport::UnixReadOnly;
        return listener;
    }
    const bool readonly = text.rfind("unix-ro:", 0) == 0;
    if (!readonly && text.rfind("unix:", 0) != 0 && text.rfind("tcp:", 0) != 0 && text.rfind("tls:", 0) != 0)
        fail(value.where, "expected a listen address (" + std::string(expected) + "), not " + quote(text));
    std::string error;
    const std::string addressText = readonly ? "unix:" + text.substr(8) : text;
    const std::optional<ListenAddress> address = ListenAddress::parse(addressText, readonly, &error);
    if (!address) {
        // ListenAddress words it as "invalid listen address 'TEXT': WHY"; keep the why.
        const std::string prefix = "invalid listen address '" + addressText + "': ";
        const std::string why = error.rfind(prefix, 0) == 0 ? error.substr(prefix.size()) : error;
        fail(value.where, "invalid listen address " + quote(text) + ": " + why);
    }
    if (address->transport != ListenAddress::Transport::Unix) {
        listener.transport = Transport::Tcp;
        listener.tls = address->transport == ListenAddress::Transport::Tls;
        listener.host = address->host;
        listener.port = address->port;
    } else {
        listener.transport = readonly ? Transport::UnixReadOnly : Transport::Unix;
        listener.path = address->path;
    }
    return listener;
}

ScenarioTimer ScenarioParser::parseTimer(const Value &value)
{
    const KeyedMap map(m_source, value, "a timer", {"name", "frequency", "start", "changes"});
    ScenarioTimer timer;
    timer.where = value.where;
    const Value name = map.require("name");
    timer.name = readName(name, "timer");
    if (const auto [first, added] = m_timerNames.emplace(timer.name, timer.where.line); !added)
        fail(name.where,
             "duplicate timer name " + quote(timer.name) + " (first at line " + std::to_string(first->second) + ")");
    if (const auto frequency = map.get("frequency"))
        timer.frequency = readFrequency(*frequency);
    if (const auto start = map.get("start"))
        timer.start = readDuration(*start);
    if (const auto changes = map.get("changes")) {
        for (const Value &item : readList(m_source, *changes, "a list of timer changes"))
            timer.changes.push_back(parseTimerChange(item, timer.changes.empty() ? nullptr : &timer.changes.back()));
    }
    return timer;
}

TimerChange ScenarioParser::parseTimerChange(const Value &value, const TimerChange *previous)
{
    const KeyedMap map(m_source, value, "a timer change", {"at", "frequency", "remove"});
    TimerChange change;
    change.where = value.where;
    if (previous && previous->remove)
        fail(value.where, "the timer is already removed (at " + formatDuration(previous->at.count()) + ", line "
                              + std::to_string(previous->where.line) + ")");
    const Value at = map.require("at");
    change.at = readDuration(at);
    if (previous && change.at < previous->at)
        fail(at.where, "changes must be in time order, but " + formatDuration(change.at.count()) + " comes after "
                           + formatDuration(previous->at.count()));
    if (const auto frequency = map.get("frequency"))
        change.frequency = readFrequency(*frequency);
    if (const auto remove = map.get("remove"))
        change.remove = readBool(*remove);
    if (change.frequency && change.remove)
        fail(map.keyAt("remove"), "a timer change either sets a frequency or removes the timer, not both");
    if (!change.frequency && !change.remove)
        fail(value.where, "a timer change needs frequency: or remove: true");
    return change;
}

// Conditions may name a client that the list declares further down, so the names are
// gathered before any step is read. Malformed entries are left to parseClient.
void ScenarioParser::collectClientNames(const YAML::Node &clients)
{
    for (const YAML::Node &client : clients) {
        if (!client.IsMap())
            continue;
        std::optional<std::string> name;
        WholeNumber burst;
        for (const auto &pair : client) {
            if (!pair.first.IsScalar() || !pair.second.IsScalar())
                continue;
            if (pair.first.Scalar() == "name")
                name = pair.second.Scalar();
            else if (pair.first.Scalar() == "burst")
                burst = parseWholeNumber(pair.second.Scalar());
        }
        if (!name)
            continue;
        m_clientNames.written.push_back(*name);
        m_clientNames.accepted.insert(*name);
        if (burst.fits && burst.value > 1 && burst.value <= 1000) {
            for (int64_t member = 1; member <= burst.value; ++member)
                m_clientNames.accepted.insert(*name + "-" + std::to_string(member));
        }
    }
}

bool ScenarioParser::listens(Transport transport) const
{
    // A TLS listener serves no scripted client: they speak plain RPC.
    return std::any_of(m_listeners.begin(), m_listeners.end(), [transport](const ScenarioListener &listener) {
        return listener.transport == transport && !listener.tls;
    });
}

ScenarioClient ScenarioParser::parseClient(const Value &value)
{
    const KeyedMap map(m_source, value, "a client", {"name", "transport", "start", "burst", "stagger", "steps"});
    ScenarioClient client;
    client.where = value.where;
    const Value name = map.require("name");
    client.name = readName(name, "client");
    if (const auto owner = m_takenClientNames.find(client.name); owner != m_takenClientNames.end())
        fail(name.where, "client name " + quote(client.name) + " is already taken by " + owner->second);
    m_takenClientNames[client.name] = "the client at line " + std::to_string(client.where.line);
    if (const auto transport = map.get("transport")) {
        const std::string &text = readScalar(*transport, "a transport (unix, unix-ro or tcp)");
        if (text == "unix")
            client.transport = Transport::Unix;
        else if (text == "unix-ro")
            client.transport = Transport::UnixReadOnly;
        else if (text == "tcp")
            client.transport = Transport::Tcp;
        else
            fail(transport->where, "unknown transport " + quote(text) + " (expected unix, unix-ro or tcp)");
    }
    if (!listens(client.transport)) {
        const std::string example =
            client.transport == Transport::Tcp ? "\"tcp:127.0.0.1:0\"" : transportName(client.transport);
        fail(map.has("transport") ? map.get("transport")->where : client.where,
             "client " + quote(client.name) + " connects over " + transportName(client.transport)
                 + ", but the daemon does not listen there (add " + example + " to the daemon's listen list)");
    }
    if (const auto start = map.get("start"))
        client.start = readDuration(*start);
    if (const auto burst = map.get("burst")) {
        client.burst = int(readInteger(*burst, 1, 1000));
        for (int member = 1; client.burst > 1 && member <= client.burst; ++member) {
            const std::string memberName = client.name + "-" + std::to_string(member);
            if (const auto owner = m_takenClientNames.find(memberName); owner != m_takenClientNames.end())
                fail(burst->where, "this burst names a member " + quote(memberName)
                                       + ", but that name is already taken by " + owner->second);
            m_takenClientNames[memberName] = "a member of the burst at line " + std::to_string(client.where.line);
        }
    }
    if (const auto stagger = map.get("stagger"))
        client.stagger = readDuration(*stagger);
    client.steps = parseSteps(map.require("steps"), 0);
    return client;
}

StepList ScenarioParser::parseSteps(const Value &value, int depth)
{
    const std::vector<Value> items = readList(m_source, value, "a list of steps");
    if (items.empty())
        fail(value.where, "expected at least one step, not an empty list");
    StepList steps;
    for (const Value &item : items)
        steps.push_back(parseStep(item, depth));
    return steps;
}

ScenarioStep ScenarioParser::parseStep(const Value &value, int depth)
{
    if (m_nextStepIndex >= kMaxSteps)
        fail(value.where, "too many steps (a scenario has at most " + std::to_string(kMaxSteps) + ")");
    ScenarioStep step;
    step.where = value.where;
    step.index = m_nextStepIndex++;

    if (value.isNull())
        fail(value.where, "empty step (expected a step such as connect, or a map such as call: open)");
    if (value.isScalar()) {
        const std::string &name = value.scalar();
        const StepKind *kind = findStepKind(name);
        if (!kind) {
            const std::vector<std::string_view> names = stepKindNames();
            fail(value.where, "unknown step " + quote(name) + " (expected one of: "
                                  + join(std::vector<std::string>(names.begin(), names.end())) + ")");
        }
        step.action = parseAction(kind->name, std::nullopt, value.where, depth);
        return step;
    }
    const KeyedMap map(m_source, value, "a step", stepKindNames());
    if (map.empty())
        fail(value.where, "empty step (expected a step such as connect, or a map such as call: open)");
    std::optional<std::string> action;
    for (const std::string &key : map.keys()) {
        if (key == "say")
            continue;
        if (action)
            fail(map.keyAt(key), "a step does one thing, but this one has both " + quote(*action) + " and " + quote(key)
                                     + " (write two steps)");
        action = key;
    }
    if (!action) {
        step.action = steps::Say{};
        step.say = readText(m_source, map.require("say"));
        return step;
    }
    if (const auto say = map.get("say"))
        step.say = readText(m_source, *say);
    step.action = parseAction(*action, map.get(*action), map.keyAt(*action), depth);
    return step;
}

StepAction ScenarioParser::parseAction(std::string_view kind, const std::optional<Value> &value,
                                       const SourceLocation &where, int depth)
{
    // The bare kinds take their defaults with no value ("- ping" or "- ping:").
    const bool bare = !value || value->isNull();
    if (kind == "connect") {
        if (!bare)
            fail(value->where, "connect takes no value, not " + describeNode(value->node));
        return steps::Connect{};
    }
    if (kind == "ping")
        return bare ? steps::Ping{} : parsePing(*value);
    if (kind == "hang_up")
        return bare ? steps::HangUp{} : parseHangUp(*value);
    if (kind == "expect_disconnect")
        return bare ? steps::ExpectDisconnect{} : parseExpectDisconnect(*value);
    if (bare)
        fail(value ? value->where : where,
             "the step " + quote(kind) + " needs a value, as in " + std::string(findStepKind(kind)->example));
    if (kind == "call")
        return parseCall(*value);
    if (kind == "send") {
        const KeyedMap map(m_source, *value, "send", {"hex", "frame"});
        return parseSendData(map, false);
    }
    if (kind == "write_pieces")
        return parseWritePieces(*value);
    if (kind == "stop_reading")
        return steps::StopReading{readDuration(*value)};
    if (kind == "read_replies")
        return parseReadReplies(*value);
    if (kind == "sleep")
        return steps::Sleep{readDuration(*value)};
    if (kind == "repeat")
        return parseRepeat(*value, depth);
    if (kind == "wait_for")
        return parseWaitFor(*value);
    if (kind == "run")
        return parseRun(*value);
    if (kind == "fd_limit")
        return parseFdLimit(*value);
    return parseAsk(*value);
}

steps::Call ScenarioParser::parseCall(const Value &value)
{
    steps::Call call;
    if (value.isScalar()) {
        const ProcedureRef procedure = readProcedure(value);
        call.proc = procedure.proc;
        call.procedureName = procedure.written;
        return call;
    }
    const KeyedMap map(m_source, value, "call",
                       {"procedure", "name", "flags", "feature", "need_results", "domain", "payload", "wait", "timeout",
                        "expect"});
    const ProcedureRef procedure = readProcedure(map.require("procedure"));
    call.proc = procedure.proc;
    call.procedureName = procedure.written;
    parseCallArguments(map, call);
    if (const auto wait = map.get("wait"))
        call.wait = readBool(*wait);
    if (const auto timeout = map.get("timeout"))
        call.timeout = readDuration(*timeout, 1);
    if (const auto expect = map.get("expect"))
        call.expect = parseReplyExpectation(*expect);
    return call;
}

// Each argument belongs to the procedures whose arguments carry it; anywhere else it
// would be silently dropped, so it is an error.
void ScenarioParser::parseCallArguments(const KeyedMap &map, steps::Call &call)
{
    constexpr int32_t open = REMOTE_PROC_CONNECT_OPEN;
    constexpr int32_t listAll = REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS;
    constexpr int32_t getState = REMOTE_PROC_DOMAIN_GET_STATE;
    constexpr int32_t suspend = REMOTE_PROC_DOMAIN_SUSPEND;
    constexpr int32_t feature = REMOTE_PROC_CONNECT_SUPPORTS_FEATURE;
    const std::vector<int32_t> structured = {open, listAll, getState, suspend, feature};
    const auto applies = [&](std::string_view key, std::initializer_list<int32_t> procs, std::string_view owners) {
        if (!map.has(key))
            return false;
        if (std::find(procs.begin(), procs.end(), call.proc) == procs.end())
            fail(map.keyAt(key), quote(key) + " is not an argument of " + procedureLabel(call.proc) + " (only of "
                                     + std::string(owners) + ")");
        return true;
    };
    CallArguments &arguments = call.arguments;
    if (applies("name", {open}, "open"))
        arguments.name = readScalar(*map.get("name"), "a connection URI such as test:///default");
    if (applies("flags", {open, listAll, getState}, "open, list_all_domains and domain_get_state"))
        arguments.flags = uint32_t(readInteger(*map.get("flags"), 0, kMaxUint32));
    if (applies("feature", {feature}, "supports_feature"))
        arguments.feature = int32_t(readInteger(*map.get("feature"), kMinInt, kMaxInt));
    if (applies("need_results", {listAll}, "list_all_domains"))
        arguments.needResults = int32_t(readInteger(*map.get("need_results"), kMinInt, kMaxInt));
    if (applies("domain", {getState, suspend}, "domain_get_state and domain_suspend"))
        arguments.domain = readNonEmptyString(*map.get("domain"), "a domain name such as web");
    if (map.has("payload")) {
        if (std::find(structured.begin(), structured.end(), call.proc) != structured.end())
            fail(map.keyAt("payload"), "\"payload\" is not an argument of " + procedureLabel(call.proc)
                                           + " (it gives the raw arguments of procedures that have no named ones)");
        arguments.payload = readHex(*map.get("payload"));
    }
}

ReplyExpectation ScenarioParser::parseReplyExpectation(const Value &value)
{
    const KeyedMap map(m_source, value, "expect", {"ok", "error", "value", "text", "count"});
    ReplyExpectation expect;
    if (const auto ok = map.get("ok"))
        expect.ok = readBool(*ok);
    if (const auto error = map.get("error"))
        expect.errorContains = readNonEmptyString(*error, "a part of the error message");
    if (const auto number = map.get("value"))
        expect.value = readInteger(*number, kMinInt64, kMaxInt64);
    if (const auto text = map.get("text"))
        expect.text = readScalar(*text, "the text the procedure returns");
    if (const auto count = map.get("count"))
        expect.count = readInteger(*count, 0, kMaxInt64);
    if (expect.ok == true && expect.errorContains)
        fail(map.keyAt("error"), "a reply cannot be ok and have an error (drop ok: true)");
    const bool returns = expect.value || expect.text || expect.count;
    if (expect.ok == false && returns)
        fail(map.keyAt("ok"), "a failed reply returns nothing, so value, text and count cannot go with ok: false");
    if (expect.errorContains && returns)
        fail(map.keyAt("error"), "a failed reply returns nothing, so value, text and count cannot go with error");
    return expect;
}

steps::Ping ScenarioParser::parsePing(const Value &value)
{
    const KeyedMap map(m_source, value, "ping", {"wait", "timeout"});
    steps::Ping ping;
    if (const auto wait = map.get("wait"))
        ping.wait = readBool(*wait);
    if (const auto timeout = map.get("timeout"))
        ping.timeout = readDuration(*timeout, 1);
    return ping;
}

// The data of send and write_pieces: exactly one of hex, frame and (for
// write_pieces) call.
steps::Send ScenarioParser::parseSendData(const KeyedMap &map, bool allowCall)
{
    std::vector<std::string> sources = {"hex", "frame"};
    if (allowCall)
        sources.insert(sources.begin(), "call");
    std::optional<std::string> chosen;
    for (const std::string &key : map.keys()) {
        if (std::find(sources.begin(), sources.end(), key) == sources.end())
            continue;
        if (chosen)
            fail(map.keyAt(key), map.context() + " takes its bytes from one of " + join(sources)
                                     + ", but this one has both " + quote(*chosen) + " and " + quote(key));
        chosen = key;
    }
    if (!chosen)
        fail(map.where(), map.context() + " needs its bytes from one of " + join(sources));
    steps::Send send;
    if (*chosen == "hex")
        send.bytes = readHex(*map.get("hex"));
    else if (*chosen == "frame")
        send = sendFromFrame(*map.get("frame"));
    else
        send = sendFromCall(*map.get("call"));
    if (send.bytes.empty())
        fail(map.get(*chosen)->where, "expected at least one byte to send, not an empty string");
    return send;
}

steps::Send ScenarioParser::sendFromFrame(const Value &value)
{
    const KeyedMap map(m_source, value, "frame",
                       {"length", "prog", "vers", "proc", "type", "serial", "status", "payload"});
    FrameSpec frame;
    if (const auto length = map.get("length"))
        frame.length = uint32_t(readInteger(*length, 0, kMaxUint32));
    if (const auto prog = map.get("prog"))
        frame.prog = uint32_t(readInteger(*prog, 0, kMaxUint32));
    if (const auto vers = map.get("vers"))
        frame.vers = uint32_t(readInteger(*vers, 0, kMaxUint32));
    if (const auto proc = map.get("proc"))
        frame.proc = readProcedure(*proc).proc;
    if (const auto type = map.get("type"))
        frame.type = readNamedNumber(*type, {{"call", 0}, {"reply", 1}, {"message", 2}, {"stream", 3}}, "type");
    if (const auto serial = map.get("serial"))
        frame.serial = uint32_t(readInteger(*serial, 0, kMaxUint32));
    if (const auto status = map.get("status"))
        frame.status = readNamedNumber(*status, {{"ok", 0}, {"error", 1}, {"continue", 2}}, "status");
    if (const auto payload = map.get("payload"))
        frame.payload = readHex(*payload);

    // The bytes as they will go out; without a serial, 0 stands in until the run
    // gives the client's next one.
    steps::Send send;
    const MessageHeader header{frame.prog, frame.vers, frame.proc, frame.type, frame.serial.value_or(0), frame.status};
    send.bytes = encodeMessage(header, frame.payload);
    if (frame.length) {
        for (int i = 0; i < 4; ++i)
            send.bytes[size_t(i)] = uint8_t(*frame.length >> (24 - 8 * i));
    }
    send.frame = std::move(frame);
    return send;
}

// A CALL frame of a procedure, with the arguments a plain call step would send.
steps::Send ScenarioParser::sendFromCall(const Value &value)
{
    const ProcedureRef procedure = readProcedure(value);
    std::vector<uint8_t> frame;
    switch (procedure.proc) {
    case REMOTE_PROC_CONNECT_OPEN:
        frame = encodeConnectOpenCall(0, std::string("test:///default"), 0);
        break;
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE:
        frame = encodeConnectSupportsFeatureCall(0, CallArguments().feature);
        break;
    case REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS:
        frame = encodeConnectListAllDomainsCall(0, CallArguments().needResults, 0);
        break;
    case REMOTE_PROC_DOMAIN_GET_STATE:
    case REMOTE_PROC_DOMAIN_SUSPEND:
        fail(value.where, "write_pieces cannot build a " + procedure.written
                              + " call: it names a domain by the uuid only the run knows (use call:, or give the bytes "
                                "with hex or frame)");
    default:
        frame = encodeRemoteCall(procedure.proc, 0);
        break;
    }
    FrameSpec spec;
    spec.proc = procedure.proc;
    const std::span<const uint8_t> payload = messagePayload(frame);
    spec.payload.assign(payload.begin(), payload.end());
    steps::Send send;
    send.bytes = std::move(frame);
    send.frame = std::move(spec);
    return send;
}

steps::WritePieces ScenarioParser::parseWritePieces(const Value &value)
{
    const KeyedMap map(m_source, value, "write_pieces", {"call", "hex", "frame", "split", "delay", "byte_every"});
    steps::WritePieces pieces;
    pieces.data = parseSendData(map, true);
    const std::optional<Value> split = map.get("split");
    const std::optional<Value> byteEvery = map.get("byte_every");
    if (split && byteEvery)
        fail(map.keyAt("byte_every"), "write_pieces takes split or byte_every, not both");
    if (!split && !byteEvery)
        fail(value.where, "write_pieces needs split: [offsets] or byte_every: a duration");
    if (split) {
        const std::vector<Value> offsets = readList(m_source, *split, "a list of byte offsets such as [4, 10]");
        if (offsets.empty())
            fail(split->where, "expected at least one byte offset, not an empty list");
        const int64_t size = int64_t(pieces.data.bytes.size());
        for (const Value &offset : offsets) {
            const size_t previous = pieces.splitAt.empty() ? 0 : pieces.splitAt.back();
            const int64_t at = readInteger(offset, 0, kMaxInt64);
            if (at < 1 || at >= size)
                fail(offset.where, "the data is " + std::to_string(size) + " bytes, so a split offset is from 1 to "
                                       + std::to_string(size - 1) + ", not " + std::to_string(at));
            if (size_t(at) <= previous)
                fail(offset.where, "split offsets must increase, but " + std::to_string(at) + " comes after "
                                       + std::to_string(previous));
            pieces.splitAt.push_back(size_t(at));
        }
        if (const auto delay = map.get("delay"))
            pieces.delay = readDuration(*delay);
    } else {
        if (map.has("delay"))
            fail(map.keyAt("delay"), "delay goes with split; byte_every already sets the pace");
        pieces.byteEvery = readDuration(*byteEvery);
    }
    return pieces;
}

steps::ReadReplies ScenarioParser::parseReadReplies(const Value &value)
{
    steps::ReadReplies read;
    if (value.isScalar()) {
        read.count = int(readInteger(value, 1, 100000));
        return read;
    }
    const KeyedMap map(m_source, value, "read_replies", {"count", "timeout", "expect"});
    if (const auto count = map.get("count"))
        read.count = int(readInteger(*count, 1, 100000));
    if (const auto timeout = map.get("timeout"))
        read.timeout = readDuration(*timeout, 1);
    if (const auto expect = map.get("expect"))
        read.expect = parseReplyExpectation(*expect);
    return read;
}

steps::HangUp ScenarioParser::parseHangUp(const Value &value)
{
    steps::HangUp hangUp;
    if (value.isScalar()) {
        if (value.scalar() != "reset")
            fail(value.where,
                 "expected reset or a map such as {reset: true, mid_message: true}, not " + quote(value.scalar()));
        hangUp.reset = true;
        return hangUp;
    }
    const KeyedMap map(m_source, value, "hang_up", {"reset", "mid_message"});
    if (const auto reset = map.get("reset"))
        hangUp.reset = readBool(*reset);
    if (const auto midMessage = map.get("mid_message"))
        hangUp.midMessage = readBool(*midMessage);
    return hangUp;
}

steps::Repeat ScenarioParser::parseRepeat(const Value &value, int depth)
{
    const KeyedMap map(m_source, value, "repeat", {"times", "steps"});
    if (depth >= kMaxRepeatDepth)
        fail(value.where, "repeats nested more than " + std::to_string(kMaxRepeatDepth) + " deep");
    steps::Repeat repeat;
    repeat.times = int(readInteger(map.require("times"), 1, 1000000));
    repeat.steps = parseSteps(map.require("steps"), depth + 1);
    return repeat;
}

steps::WaitFor ScenarioParser::parseWaitFor(const Value &value)
{
    const KeyedMap map(m_source, value, "wait_for", withConditionKeys({"timeout"}));
    steps::WaitFor wait;
    wait.condition = conditionFrom(map);
    if (const auto timeout = map.get("timeout"))
        wait.timeout = readDuration(*timeout, 1);
    return wait;
}

steps::ExpectDisconnect ScenarioParser::parseExpectDisconnect(const Value &value)
{
    const KeyedMap map(m_source, value, "expect_disconnect", {"reason", "timeout"});
    steps::ExpectDisconnect expect;
    if (const auto reason = map.get("reason"))
        expect.reasonContains = readNonEmptyString(*reason, "a part of the reason, such as \"too large\"");
    if (const auto timeout = map.get("timeout"))
        expect.timeout = readDuration(*timeout, 1);
    return expect;
}

steps::Run ScenarioParser::parseRun(const Value &value)
{
    const KeyedMap map(m_source, value, "run", {"program", "args", "expect_exit", "expect_output", "timeout"});
    steps::Run run;
    const Value program = map.require("program");
    run.program = readNonEmptyString(program, "a program such as virsh");
    checkPlaceholders(program, run.program);
    if (const auto args = map.get("args")) {
        for (const Value &arg : readList(m_source, *args, "a list of arguments")) {
            run.arguments.push_back(readScalar(arg, "an argument"));
            checkPlaceholders(arg, run.arguments.back());
        }
    }
    if (const auto exitCode = map.get("expect_exit"))
        run.expectExit = int(readInteger(*exitCode, 0, 255));
    if (const auto output = map.get("expect_output")) {
        for (const Value &line : readList(m_source, *output, "a list of lines the output must contain"))
            run.expectOutput.push_back(readNonEmptyString(line, "a part of a line of output"));
    }
    if (const auto timeout = map.get("timeout"))
        run.timeout = readDuration(*timeout, 1);
    return run;
}

// A word in braces is meant as a placeholder, so an unknown one (a typo) or one the
// daemon cannot fill is an error rather than text passed on as it is.
void ScenarioParser::checkPlaceholders(const Value &value, const std::string &text)
{
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const size_t close = text.find('}', open);
        if (close == std::string::npos)
            return;
        const std::string name = text.substr(open + 1, close - open - 1);
        const bool isWord = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || c == '-';
        });
        if (!isWord)
            continue;
        if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
            fail(value.where, "unknown placeholder " + quote("{" + name + "}")
                                  + " (expected {socket}, {socket-ro}, {tcp-port}, {tls-port} or {uri})");
        if (name == "tls-port") {
            if (!std::any_of(m_listeners.begin(), m_listeners.end(), [](const ScenarioListener &l) { return l.tls; }))
                fail(value.where, "{tls-port} needs the daemon to listen on tls");
            continue;
        }
        // {uri} reaches the daemon through its read-write Unix socket, as {socket} does.
        const Transport needs = name == "socket-ro" ? Transport::UnixReadOnly
            : name == "tcp-port"                    ? Transport::Tcp
                                                    : Transport::Unix;
        if (!listens(needs))
            fail(value.where, "{" + name + "} needs the daemon to listen on " + transportName(needs));
    }
}

steps::FdLimit ScenarioParser::parseFdLimit(const Value &value)
{
    steps::FdLimit limit;
    if (value.isScalar()) {
        if (value.scalar() != "restore")
            fail(value.where, "expected restore or {headroom: N}, not " + quote(value.scalar()));
        limit.restore = true;
        return limit;
    }
    const KeyedMap map(m_source, value, "fd_limit", {"headroom"});
    limit.headroom = int(readInteger(map.require("headroom"), 0, 1000));
    return limit;
}

steps::Ask ScenarioParser::parseAsk(const Value &value)
{
    const KeyedMap map(m_source, value, "ask", {"question", "choices", "answer", "explain"});
    steps::Ask ask;
    ask.question = readText(m_source, map.require("question"));
    const Value choices = map.require("choices");
    for (const Value &choice : readList(m_source, choices, "a list of choices"))
        ask.choices.push_back(readText(m_source, choice));
    if (ask.choices.size() < 2)
        fail(choices.where, "a question needs at least two choices");
    const Value answer = map.require("answer");
    const WholeNumber index = answer.isScalar() ? parseWholeNumber(answer.scalar()) : WholeNumber();
    if (!index.fits || index.value < 0 || index.value >= int64_t(ask.choices.size()))
        fail(answer.where, "expected the index of the right choice, from 0 to " + std::to_string(ask.choices.size() - 1)
                               + ", not " + describeNode(answer.node));
    ask.answer = int(index.value);
    if (const auto explain = map.get("explain"))
        ask.explanation = readText(m_source, *explain);
    return ask;
}

// A condition: an event name alone, or a map of condition keys.
TraceCondition ScenarioParser::parseCondition(const Value &value)
{
    if (value.isScalar()) {
        TraceCondition condition;
        condition.event = readEvent(value);
        condition.where = value.where;
        return condition;
    }
    const KeyedMap map(m_source, value, "a condition", kConditionKeys);
    return conditionFrom(map);
}

TraceCondition ScenarioParser::conditionFrom(const KeyedMap &map)
{
    TraceCondition condition;
    condition.where = map.where();
    condition.event = readEvent(map.require("event"));
    if (const auto client = map.get("client"))
        condition.clientName = readClientName(*client);
    if (const auto thread = map.get("thread"))
        condition.thread = readNonEmptyString(*thread, "a thread name such as loop or worker-1");
    if (const auto text = map.get("text"))
        condition.textContains = readNonEmptyString(*text, "a part of the event's text");
    if (const auto reason = map.get("reason"))
        condition.reason = readReason(*reason);
    if (const auto fields = map.get("fields")) {
        if (!fields->node.IsMap())
            fail(fields->where, "expected a map of trace fields such as {watch: 5}, not " + describeNode(fields->node));
        for (const auto &pair : fields->node) {
            const SourceLocation keyWhere = m_source.at(pair.first);
            const std::string &name = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
            if (std::find(kTraceFields.begin(), kTraceFields.end(), name) == kTraceFields.end()) {
                const std::string closest = closestName(name, {kTraceFields.begin(), kTraceFields.end()});
                fail(keyWhere, "unknown trace field " + describeNode(pair.first)
                                   + (closest.empty() ? " (docs/trace-format.md lists the fields)"
                                                      : " (did you mean " + quote(closest) + "?)"));
            }
            if (condition.fields.count(name) != 0)
                fail(keyWhere, "duplicate key " + quote(name) + " in fields");
            const SourceLocation valueWhere = pair.second.IsNull() ? keyWhere : m_source.at(pair.second);
            const Value number = m_source.value(pair.second, valueWhere);
            condition.fields[name] = readInteger(number, kMinInt64, kMaxInt64);
        }
    }
    return condition;
}

std::string ScenarioParser::readEvent(const Value &value)
{
    const std::string &name = readNonEmptyString(value, "an event kind such as accept, or a libvirt function");
    std::vector<std::string_view> known;
    for (size_t i = 0; i < size_t(EventKind::Count); ++i) {
        const EventKindInfo &info = eventKindInfo(EventKind(i));
        known.push_back(info.name);
        known.push_back(info.function);
    }
    if (std::find(known.begin(), known.end(), name) != known.end())
        return name;
    if (const std::string closest = closestName(name, known); !closest.empty())
        fail(value.where, "unknown event " + quote(name) + " (did you mean " + quote(closest) + "?)");
    fail(value.where, "unknown event " + quote(name)
                          + " (expected an event kind such as accept or a libvirt function such as "
                            "qemudDispatchServer; docs/trace-format.md lists them)");
}

EventReason ScenarioParser::readReason(const Value &value)
{
    const std::string &code = readNonEmptyString(value, "a reason code such as listener_found");
    if (const auto reason = eventReasonFromCode(code))
        return *reason;
    std::vector<std::string_view> known;
    for (size_t i = 1; i < size_t(EventReason::Count); ++i)
        known.push_back(eventReasonInfo(EventReason(i)).code);
    if (const std::string closest = closestName(code, known); !closest.empty())
        fail(value.where, "unknown reason " + quote(code) + " (did you mean " + quote(closest) + "?)");
    fail(value.where, "unknown reason " + quote(code) + " (docs/trace-format.md lists the reasons)");
}

std::string ScenarioParser::readClientName(const Value &value)
{
    const std::string &name = readNonEmptyString(value, "the name of a client of this scenario");
    if (m_clientNames.accepted.count(name) == 0) {
        if (m_clientNames.written.empty())
            fail(value.where, "unknown client " + quote(name) + " (this scenario has no clients)");
        fail(value.where, "unknown client " + quote(name) + " (expected one of: " + join(m_clientNames.written) + ")");
    }
    return name;
}

Expectation ScenarioParser::parseExpectation(const Value &value)
{
    const KeyedMap map(m_source, value, "an expectation", {"occurs", "before", "disconnected"});
    const std::vector<std::string> keys = map.keys();
    if (keys.empty())
        fail(value.where, "empty expectation (expected occurs:, before: or disconnected:)");
    if (keys.size() > 1)
        fail(map.keyAt(keys[1]), "an expectation checks one thing, but this one has both " + quote(keys[0]) + " and "
                                     + quote(keys[1]) + " (write two expectations)");
    Expectation expectation;
    expectation.where = value.where;
    const Value body = map.require(keys[0]);
    if (keys[0] == "occurs") {
        expectation.kind = Expectation::Kind::Occurs;
        if (body.isScalar()) {
            expectation.condition = parseCondition(body);
            return expectation;
        }
        const KeyedMap occurs(m_source, body, "occurs", withConditionKeys({"at_least", "at_most", "count"}));
        expectation.condition = conditionFrom(occurs);
        if (const auto count = occurs.get("count")) {
            if (occurs.has("at_least") || occurs.has("at_most"))
                fail(occurs.keyAt("count"), "count means exactly; it cannot go with at_least or at_most");
            expectation.atLeast = int(readInteger(*count, 0, kMaxInt));
            expectation.atMost = expectation.atLeast;
        }
        if (const auto atLeast = occurs.get("at_least"))
            expectation.atLeast = int(readInteger(*atLeast, 0, kMaxInt));
        if (const auto atMost = occurs.get("at_most")) {
            expectation.atMost = int(readInteger(*atMost, 0, kMaxInt));
            if (!occurs.has("at_least") && *expectation.atMost < expectation.atLeast)
                expectation.atLeast = 0;
            if (*expectation.atMost < expectation.atLeast)
                fail(atMost->where, "at_most (" + std::to_string(*expectation.atMost) + ") is below at_least ("
                                        + std::to_string(expectation.atLeast) + ")");
        }
        return expectation;
    }
    if (keys[0] == "before") {
        expectation.kind = Expectation::Kind::Before;
        if (body.node.IsSequence()) {
            const std::vector<Value> pair = readList(m_source, body, "[first, then]");
            if (pair.size() != 2)
                fail(body.where,
                     "expected two conditions, [first, then], not a list of " + std::to_string(pair.size()));
            expectation.condition = parseCondition(pair[0]);
            expectation.later = parseCondition(pair[1]);
        } else {
            const KeyedMap order(m_source, body, "before", {"first", "then"});
            expectation.condition = parseCondition(order.require("first"));
            expectation.later = parseCondition(order.require("then"));
        }
        return expectation;
    }
    expectation.kind = Expectation::Kind::Disconnected;
    if (body.isScalar()) {
        expectation.clientName = readClientName(body);
        return expectation;
    }
    const KeyedMap disconnected(m_source, body, "disconnected", {"client", "reason"});
    expectation.clientName = readClientName(disconnected.require("client"));
    if (const auto reason = disconnected.get("reason"))
        expectation.reasonContains = readNonEmptyString(*reason, "a part of the reason, such as \"too large\"");
    return expectation;
}

// yaml-cpp words its syntax errors for YAML experts; the common ones get a hint.
std::string explainSyntaxError(const std::string &message)
{
    static const std::map<std::string, std::string> hints = {
        {YAML::ErrorMsg::END_OF_SEQ_FLOW, "a [ list is not closed with ]"},
        {YAML::ErrorMsg::END_OF_MAP_FLOW, "a { map is not closed with }"},
        {YAML::ErrorMsg::MAP_VALUE, "a key: value is not allowed here (check the indentation)"},
        {YAML::ErrorMsg::BLOCK_ENTRY, "a list item (- ...) is not allowed here (check the indentation)"},
        {YAML::ErrorMsg::END_OF_MAP, "this line does not continue the map above it (check the indentation)"},
        {YAML::ErrorMsg::END_OF_SEQ, "this line does not continue the list above it (check the indentation)"},
        {YAML::ErrorMsg::EOF_IN_SCALAR, "a quoted text is not closed before the end of the file"},
        {YAML::ErrorMsg::UNKNOWN_ANCHOR, "an alias (*name) refers to no anchor (&name) above it"},
    };
    const auto it = hints.find(message);
    return "invalid YAML: " + (it == hints.end() ? message : it->second);
}

// A tab where YAML expects indentation is the likeliest syntax error of all, and
// yaml-cpp reports it in several ways; blame the tab itself.
std::optional<SourceLocation> findIndentingTab(const std::string &text, const std::string &fileName, int line)
{
    size_t start = 0;
    for (int i = 0; i < line; ++i) {
        start = text.find('\n', start);
        if (start == std::string::npos)
            return std::nullopt;
        ++start;
    }
    for (size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
        if (text[i] == '\t')
            return SourceLocation{fileName, line + 1, int(i - start) + 1};
    }
    return std::nullopt;
}

} // namespace

std::variant<Scenario, ScenarioParseError> parseScenarioText(const std::string &text, const std::string &fileName)
{
    try {
        return ScenarioParser(text, fileName).parse();
    } catch (const ParseFailure &failure) {
        return failure.error;
    } catch (const YAML::DeepRecursion &error) {
        return ScenarioParseError{Source(text, fileName).at(error.mark), "invalid YAML: nested too deeply"};
    } catch (const YAML::Exception &error) {
        if (!error.mark.is_null()) {
            if (const auto tab = findIndentingTab(text, fileName, error.mark.line))
                return ScenarioParseError{*tab, "a tab indents this line, but YAML indents with spaces only"};
        }
        return ScenarioParseError{Source(text, fileName).at(error.mark), explainSyntaxError(error.msg)};
    } catch (const std::exception &error) {
        return ScenarioParseError{{fileName, 1, 1}, std::string("cannot parse the file: ") + error.what()};
    }
}

std::variant<Scenario, ScenarioParseError> parseScenarioFile(const std::string &path)
{
    std::FILE *file = std::fopen(path.c_str(), "rb");
    std::string text;
    int error = file ? 0 : errno;
    if (file) {
        char buffer[65536];
        size_t got;
        while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0)
            text.append(buffer, got);
        if (std::ferror(file))
            error = errno;
        std::fclose(file);
    }
    if (error != 0)
        return ScenarioParseError{{path, 0, 0}, std::string("cannot read the file: ") + std::strerror(error)};
    return parseScenarioText(text, path);
}

} // namespace pollscope
