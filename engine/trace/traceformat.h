// The export formats of a trace, documented field by field in docs/trace-format.md.
#pragma once

#include <optional>
#include <string_view>

namespace pollscope {

enum class TraceFormat {
    JsonLines, // one JSON object a line: a header line, then one line per event
    Chrome,    // the Trace Event Format that Perfetto and chrome://tracing open
    Binary,    // pollscope's compact binary format, the one a long run streams best
};

// The extension that makes --trace-out write the binary format when no format is named.
inline constexpr std::string_view kBinaryTraceExtension = ".pstrace";

// "jsonl", "chrome" or "binary".
std::optional<TraceFormat> traceFormatFromName(std::string_view name);
// The format a file of that name is written in when none is named: binary for
// ".pstrace", else JSON Lines.
TraceFormat traceFormatForPath(std::string_view path);
const char *traceFormatName(TraceFormat format);

} // namespace pollscope
