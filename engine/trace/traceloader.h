// Reads a trace file written by pollscope back into a session: JSON Lines, the
// Chrome format (whose event args carry the same fields), or the binary format
// (told by its magic). Used to reopen a saved trace in the app and by `pollscope check`.
#pragma once

#include "tracesession.h"

#include "util/result.h"

#include <string>

namespace pollscope {

// The session, or an error at the file and line where reading stopped; it describes
// itself as "FILE:LINE: what is wrong". With a `sink`, the events go there, in seq
// order, instead of into the session.
Result<TraceSession> loadTrace(const std::string &path, const TraceEventSink &sink = {});
// The same for text already in memory that came from `name` (used in errors).
Result<TraceSession> loadTraceText(const std::string &text, const std::string &name);

} // namespace pollscope
