// A finished recording: the events in total order plus the names of the threads
// that emitted them. This is what exporters write and loaders read back.
#pragma once

#include "traceevent.h"

#include <functional>
#include <string>
#include <vector>

namespace pollscope {

// The origin of a trace imported from a real libvirtd's log (engine/import).
inline constexpr const char *kLibvirtdLogOrigin = "libvirtd-log";

// Where a loader puts each event it reads, in seq order, for a caller that keeps
// events in a form of its own (the app's compact store); the session's `events`
// then stay empty.
using TraceEventSink = std::function<void(const TraceEvent &)>;

struct TraceSession
{
    std::vector<TraceEvent> events;
    std::vector<std::string> threadNames; // indexed by TraceEvent::thread
    std::string source;                   // what produced it: "demo", a scenario path, ...
    std::string origin;                   // empty: the replica recorded it; else whose steps these are
                                          // (kLibvirtdLogOrigin: imported from a real libvirtd's log)
    std::string warning;                  // empty for a file read whole; else where it was cut off

    const std::string &threadName(const TraceEvent &event) const { return threadNames.at(event.thread); }
};

} // namespace pollscope
