// Reads a trace file written by pollscope back into a session: JSON Lines, or the
// Chrome format (whose event args carry the same fields). Used to reopen a saved
// trace in the app and by `pollscope check`.
#pragma once

#include "tracesession.h"

#include <optional>
#include <string>

namespace pollscope {

// On failure returns nullopt and sets `error` to "FILE:LINE: what is wrong".
std::optional<TraceSession> loadTrace(const std::string &path, std::string *error);
// The same for text already in memory that came from `name` (used in errors).
std::optional<TraceSession> loadTraceText(const std::string &text, const std::string &name, std::string *error);

} // namespace pollscope
