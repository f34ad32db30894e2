// What the trace says about whether the daemon is at rest, read from the events a
// TraceMonitor has collected: the runner waits on these instead of asking the
// kernel what the event thread is doing.
//
// The trace is drained in seq order with no gaps, so the events seen are everything
// recorded up to some moment. The event thread ("loop") is asleep in poll() as far
// as that moment shows when the last event it recorded is a PollBegin: anything that
// woke it, or was done by it afterwards, would come later on its own thread.
#pragma once

#include "trace/traceevent.h"

#include <cstdint>
#include <vector>

namespace pollscope {

// The last event of thread `thread`, or nullptr if it recorded none.
const TraceEvent *lastEventOf(const std::vector<TraceEvent> &events, uint16_t thread);

// The event thread's last event is a PollBegin, and every byte written to the
// wakeup pipe has been drained: nothing already sent will end that poll().
bool loopAsleepInPoll(const std::vector<TraceEvent> &events);

// Worker thread `worker` waits at the start of the call of causal chain `flow` (its
// last event is that call's RemoteDispatchBegin) and the loop is asleep in poll().
// Holding that very event, the events seen also hold everything the loop did before
// the request reached the worker. The flow matters: the events seen may be a few
// milliseconds old, and then the worker's last event is its previous call's.
bool loopAsleepDuringCall(const std::vector<TraceEvent> &events, uint16_t worker, uint64_t flow);

// Every registered client has been freed, no worker job is open, and the event
// thread went back to poll() after all that: nothing is left that could wake it
// but something new from outside.
bool daemonSettled(const std::vector<TraceEvent> &events);

} // namespace pollscope
