// Reading YAML for a strict format: typed reads that name file:line:column and what
// was expected, unknown and repeated keys refused, closest-name suggestions, and
// yaml-cpp's syntax errors worded for people. The scenario format is built on it.
//
// A read that finds a problem throws ParseFailure; readYamlText() catches it, and
// every yaml-cpp exception, and returns the Error instead, so nothing escapes.
#pragma once

#include "util/result.h"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pollscope::yamlreader {

constexpr int64_t kMaxDurationMs = 86400000; // one day
constexpr int64_t kMaxInt = std::numeric_limits<int32_t>::max();
constexpr int64_t kMaxUint32 = std::numeric_limits<uint32_t>::max();
constexpr int64_t kMinInt = std::numeric_limits<int32_t>::min();
constexpr int64_t kMinInt64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

// Thrown by the readers at the first problem.
struct ParseFailure
{
    Error error;
};

[[noreturn]] void fail(const SourceLocation &where, std::string message);

std::string join(const std::vector<std::string> &items);
// Text from the file, quoted for a message: control bytes escaped, long text cut.
std::string quote(std::string_view text);
// A number as written, for a message: long runs of digits are cut.
std::string shortened(const std::string &digits);
// What a node is, for "expected ..., not <this>".
std::string describeNode(const YAML::Node &node);
// The candidate a typo most likely meant: at most two edits away. Empty if none is.
std::string closestName(std::string_view name, const std::vector<std::string_view> &candidates);

// A whole number as scenarios write it: decimal or 0x hex, with an optional minus.
struct WholeNumber
{
    bool wellFormed = false; // digits, whatever their size
    bool fits = false;       // and within 64 bits
    int64_t value = 0;
};

WholeNumber parseWholeNumber(std::string_view text);

// "10ms", "2s", "1.5s" or a lone "0", in whole milliseconds.
struct ParsedDuration
{
    enum class Status { Ok, NotADuration, Negative, NotWholeMilliseconds, TooLong };
    Status status = Status::NotADuration;
    int64_t milliseconds = 0;
};

ParsedDuration parseDuration(std::string_view text);
std::string formatDuration(int64_t milliseconds);

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
const std::string &readScalar(const Value &value, std::string_view expected);
std::string readNonEmptyString(const Value &value, std::string_view expected);
bool readBool(const Value &value);
int64_t readInteger(const Value &value, int64_t min, int64_t max);
int64_t readDurationMs(const Value &value, int64_t minMs = 0, int64_t maxMs = kMaxDurationMs);
std::chrono::milliseconds readDuration(const Value &value, int64_t minMs = 0);
// A timer's frequency: a duration, 0 (every iteration), or -1/off.
int readFrequency(const Value &value);
std::vector<uint8_t> readHex(const Value &value);
std::vector<Value> readList(const Source &source, const Value &value, std::string_view expected);
// A name from `names`, or a number; `what` names the field in messages ("type").
uint32_t readNamedNumber(const Value &value, std::initializer_list<std::pair<const char *, uint32_t>> names,
                         std::string_view what);

// The text must be one YAML document: fails at the start of a second one, or at a
// token yaml-cpp would loop on.
void checkSingleDocument(const Source &source, const std::string &text);

// Runs `read` over the text, turning any failure into the Error it returns.
template <typename T, typename Read>
Result<T> readYamlText(const std::string &text, const std::string &fileName, Read &&read);

// The Error for a yaml-cpp exception, blaming an indenting tab where there is one.
Error errorFromYamlException(const YAML::Exception &error, const std::string &text, const std::string &fileName);

template <typename T, typename Read>
Result<T> readYamlText(const std::string &text, const std::string &fileName, Read &&read)
{
    try {
        return read();
    } catch (const ParseFailure &failure) {
        return failure.error;
    } catch (const YAML::Exception &error) {
        return errorFromYamlException(error, text, fileName);
    } catch (const std::exception &error) {
        return Error{std::string("cannot parse the file: ") + error.what(), {fileName, 1, 1}};
    }
}

} // namespace pollscope::yamlreader
