#include "libvirtdlogline.h"

#include <charconv>

namespace pollscope {

namespace {

bool digitsAt(std::string_view text, size_t at, size_t count, int &value)
{
    if (at + count > text.size())
        return false;
    value = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t daysFromCivil(int64_t year, int month, int day)
{
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const int64_t yearOfEra = year - era * 400;
    const int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// "2026-12-02 17:37:18.490+0000" in milliseconds since the epoch.
std::optional<int64_t> parseTimestamp(std::string_view text)
{
    int year, month, day, hour, minute, second, millis, zoneHours, zoneMinutes;
    if (text.size() != 28 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
        || text[19] != '.' || (text[23] != '+' && text[23] != '-'))
        return std::nullopt;
    if (!digitsAt(text, 0, 4, year) || !digitsAt(text, 5, 2, month) || !digitsAt(text, 8, 2, day)
        || !digitsAt(text, 11, 2, hour) || !digitsAt(text, 14, 2, minute) || !digitsAt(text, 17, 2, second)
        || !digitsAt(text, 20, 3, millis) || !digitsAt(text, 24, 2, zoneHours) || !digitsAt(text, 26, 2, zoneMinutes))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const int64_t zoneSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (text[23] == '-' ? -1 : 1);
    const int64_t seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - zoneSeconds;
    return seconds * 1000 + millis;
}

bool isIdentifier(std::string_view text)
{
    if (text.empty())
        return false;
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

template<typename Integer>
std::optional<Integer> parseInteger(std::string_view text, int base)
{
    Integer value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

std::optional<LibvirtdLogLine> parseLibvirtdLogLine(std::string_view line)
{
    // TIME: TID: LEVEL : [FUNCTION:LINE : ]MESSAGE
    constexpr size_t kTimeLength = 28;
    if (line.size() < kTimeLength + 2 || line.substr(kTimeLength, 2) != ": ")
        return std::nullopt;
    LibvirtdLogLine parsed;
    const auto time = parseTimestamp(line.substr(0, kTimeLength));
    if (!time)
        return std::nullopt;
    parsed.epochMs = *time;
    std::string_view rest = line.substr(kTimeLength + 2);
    const size_t tidEnd = rest.find(": ");
    if (tidEnd == std::string_view::npos)
        return std::nullopt;
    const auto tid = parseInteger<int64_t>(rest.substr(0, tidEnd), 10);
    if (!tid || *tid < 0)
        return std::nullopt;
    parsed.tid = *tid;
    rest = rest.substr(tidEnd + 2);
    const size_t levelEnd = rest.find(" : ");
    if (levelEnd == std::string_view::npos || !isIdentifier(rest.substr(0, levelEnd)))
        return std::nullopt;
    parsed.level = rest.substr(0, levelEnd);
    rest = rest.substr(levelEnd + 3);
    // FUNCTION:LINE, when the line names where it was logged.
    const size_t where = rest.find(" : ");
    if (where != std::string_view::npos) {
        const std::string_view site = rest.substr(0, where);
        const size_t colon = site.rfind(':');
        if (colon != std::string_view::npos && isIdentifier(site.substr(0, colon))) {
            if (const auto number = parseInteger<int>(site.substr(colon + 1), 10); number && *number >= 0) {
                parsed.function = site.substr(0, colon);
                parsed.sourceLine = *number;
                rest = rest.substr(where + 3);
            }
        }
    }
    parsed.message = rest;
    return parsed;
}

std::string_view probeName(std::string_view message)
{
    const size_t colon = message.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return {};
    const std::string_view name = message.substr(0, colon);
    for (const char c : name) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return {};
    }
    return name;
}

LogArguments::LogArguments(std::string_view text)
{
    if (const std::string_view probe = probeName(text); !probe.empty())
        text.remove_prefix(probe.size() + 1);
    size_t at = 0;
    while (at < text.size()) {
        const size_t end = std::min(text.find(' ', at), text.size());
        std::string_view word = text.substr(at, end - at);
        at = end + 1;
        if (word.ends_with(','))
            word.remove_suffix(1);
        const size_t equals = word.find('=');
        if (equals == std::string_view::npos || equals == 0)
            continue;
        m_pairs.emplace_back(word.substr(0, equals), word.substr(equals + 1));
    }
}

std::optional<std::string_view> LogArguments::text(std::string_view key) const
{
    for (const auto &[name, value] : m_pairs) {
        if (name == key)
            return value;
    }
    return std::nullopt;
}

std::optional<int64_t> LogArguments::number(std::string_view key) const
{
    const auto value = text(key);
    return value ? parseInteger<int64_t>(*value, 10) : std::nullopt;
}

std::optional<uint64_t> LogArguments::pointer(std::string_view key) const
{
    const auto value = text(key);
    if (!value)
        return std::nullopt;
    if (*value == "(nil)")
        return uint64_t(0);
    if (!value->starts_with("0x"))
        return std::nullopt;
    return parseInteger<uint64_t>(value->substr(2), 16);
}

} // namespace pollscope
