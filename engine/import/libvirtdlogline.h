// One line of a real libvirtd's log, split into what libvirt's file output writes:
//
//   2026-12-02 17:37:18.490+0000: 7354: info : virEventGLibHandleAdd:159 : EVENT_GLIB_ADD_HANDLE: watch=5 fd=14 ...
//   TIME                          TID    LEVEL  FUNCTION:LINE               MESSAGE
//
// A probe's message is its name and `key=value` arguments (libvirt logs each
// SystemTap probe this way at the info level).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace pollscope {

struct LibvirtdLogLine
{
    int64_t epochMs = 0;         // the timestamp, in UTC
    int64_t tid = 0;             // the thread that logged it
    std::string_view level;      // debug, info, warning, error
    std::string_view function;   // empty for the lines that name no function (the version banner)
    int sourceLine = 0;          // the line of `function`'s source file
    std::string_view message;
};

// Nullopt when `line` is not in libvirtd's log format.
std::optional<LibvirtdLogLine> parseLibvirtdLogLine(std::string_view line);

// The `key=value` words of a message, after an optional "PROBE_NAME: " prefix.
class LogArguments
{
public:
    explicit LogArguments(std::string_view text);

    std::optional<std::string_view> text(std::string_view key) const;
    std::optional<int64_t> number(std::string_view key) const;   // decimal
    std::optional<uint64_t> pointer(std::string_view key) const; // 0x... or (nil)

private:
    std::vector<std::pair<std::string_view, std::string_view>> m_pairs;
};

// "EVENT_GLIB_ADD_HANDLE" from "EVENT_GLIB_ADD_HANDLE: watch=5 ...", or empty when
// the message is not a probe's.
std::string_view probeName(std::string_view message);

} // namespace pollscope
