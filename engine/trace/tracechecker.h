// Checks the invariants of an exported trace, the rules libvirt's loop and daemon
// keep (docs/trace-format.md lists them): a violation names the rule and the event.
#pragma once

#include "compactevents.h"
#include "tracesession.h"

#include <string>
#include <vector>

namespace pollscope {

struct TraceViolation
{
    size_t eventIndex;   // into the events checked
    std::string rule;    // e.g. "no-dispatch-of-deleted"
    std::string message; // what is wrong, in words
};

std::vector<TraceViolation> checkTrace(const TraceSession &session);
// The same for events kept compactly; `session` gives the rest (thread names, origin).
std::vector<TraceViolation> checkTrace(const CompactEvents &events, const TraceSession &session);

// "#123 loop dispatch_handle_begin watch=5 fd=9 \"text\"": one event on one line.
std::string describeEvent(const TraceSession &session, const TraceEvent &event);

} // namespace pollscope
