// A finished recording: the events in total order plus the names of the threads
// that emitted them. This is what exporters write and loaders read back.
#pragma once

#include "traceevent.h"

#include <string>
#include <vector>

namespace pollscope {

struct TraceSession
{
    std::vector<TraceEvent> events;
    std::vector<std::string> threadNames; // indexed by TraceEvent::thread
    std::string source;                   // what produced it: "demo", a scenario path, ...

    const std::string &threadName(const TraceEvent &event) const { return threadNames.at(event.thread); }
};

} // namespace pollscope
