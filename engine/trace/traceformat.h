// The export formats of a trace, documented field by field in docs/trace-format.md.
#pragma once

#include <optional>
#include <string_view>

namespace pollscope {

enum class TraceFormat {
    JsonLines, // one JSON object a line: a header line, then one line per event
    Chrome,    // the Trace Event Format that Perfetto and chrome://tracing open
};

// "jsonl" or "chrome".
std::optional<TraceFormat> traceFormatFromName(std::string_view name);
const char *traceFormatName(TraceFormat format);

} // namespace pollscope
