// Reads the binary trace format (see binarytracewriter.h) back into a session.
#pragma once

#include "tracesession.h"

#include "util/result.h"

#include <string>
#include <string_view>

namespace pollscope {

// Whether `bytes` begin with the binary format's magic.
bool isBinaryTrace(std::string_view bytes);

// The session, or an error naming `name` and the byte where the data is wrong. A file
// cut off (in the middle of a record, or before its end record) still loads up to its
// last whole event; the session's `warning` then says where it was cut. With a
// `sink`, the events go there as they are read.
Result<TraceSession> readBinaryTrace(std::string_view bytes, const std::string &name,
                                     const TraceEventSink &sink = {});

} // namespace pollscope
