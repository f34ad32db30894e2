// A normalized trace: the same events with everything that changes from run to run
// taken out, so that the trace of a deterministic scenario is byte-identical every
// time and can be compared with a golden file.
//
// Threads run concurrently, so only each thread's own order is stable: the events are
// grouped by thread (main, loop, workers, clients, others, each group in its own
// order), timestamps and global sequence numbers are dropped, fds and flows are
// renumbered in order of appearance, positive poll timeouts become ">0", and texts
// lose process ids, ports, the host name and the scenario's folder.
#pragma once

#include "tracesession.h"

#include "util/result.h"

#include <string>

namespace pollscope {

struct NormalizeOptions
{
    std::string folder;   // the scenario's temporary folder, written as "{dir}"
    std::string hostname; // written as "{hostname}"
};

// The normalized text, one JSON object a line after a header line.
std::string normalizeTrace(const TraceSession &session, const NormalizeOptions &options);
// Writes it to `path` whole or not at all.
Result<void> writeNormalizedTrace(const TraceSession &session, const NormalizeOptions &options,
                                  const std::string &path);

} // namespace pollscope
