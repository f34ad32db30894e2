#include "yamlreader.h"

#include "util/hexbytes.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <sstream>

namespace pollscope::yamlreader {

void fail(const SourceLocation &where, std::string message)
{
    throw ParseFailure{{std::move(message), where}};
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

std::string shortened(const std::string &digits)
{
    return digits.size() <= 24 ? digits : digits.substr(0, 24) + "...";
}

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

namespace {

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

} // namespace

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

int64_t readDurationMs(const Value &value, int64_t minMs, int64_t maxMs)
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

std::chrono::milliseconds readDuration(const Value &value, int64_t minMs)
{
    return std::chrono::milliseconds(readDurationMs(value, minMs));
}

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
    Result<std::vector<uint8_t>> bytes = decodeHex(text);
    if (!bytes)
        fail(value.where, "expected hex bytes such as \"00 00 00 1c\" in " + quote(text) + ": " + bytes.error().message);
    return std::move(bytes).value();
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

namespace {

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

// A scenario is one YAML document. YAML::LoadAll cannot tell: on a token it cannot
// use at the top level, such as a stray ",", it starts a new empty document at the
// same place forever, allocating as it goes (yaml-cpp issue #1040). So the documents
// are counted with the event parser, three at most, and a document that starts where
// the previous one did is that stuck token.
void checkSingleDocument(const Source &source, const std::string &text)
{
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts starts;
    for (int document = 0; document < 3 && parser.HandleNextDocument(starts); ++document) {
    }
    const std::vector<YAML::Mark> &marks = starts.marks();
    for (size_t i = 1; i < marks.size(); ++i) {
        if (marks[i].pos != marks[i - 1].pos)
            continue;
        const size_t at = std::min(size_t(std::max(marks[i].pos, 0)), text.size());
        // The whole character, when it is not ASCII.
        size_t end = std::min(at + 1, text.size());
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80)
            ++end;
        fail(source.at(marks[i]), "invalid YAML: unexpected " + quote(text.substr(at, end - at)));
    }
    if (marks.size() > 1)
        fail(source.at(marks[1]), "a scenario is one YAML document, but another one starts here");
}

Error errorFromYamlException(const YAML::Exception &error, const std::string &text, const std::string &fileName)
{
    if (dynamic_cast<const YAML::DeepRecursion *>(&error))
        return Error{"invalid YAML: nested too deeply", Source(text, fileName).at(error.mark)};
    if (!error.mark.is_null()) {
        if (const auto tab = findIndentingTab(text, fileName, error.mark.line))
            return Error{"a tab indents this line, but YAML indents with spaces only", *tab};
    }
    return Error{explainSyntaxError(error.msg), Source(text, fileName).at(error.mark)};
}

} // namespace pollscope::yamlreader
