// Trace predicates and waits shared by the tests that talk to a daemon.
#pragma once

#include "daemonfixture.h"
#include "tracelog.h"

#include <chrono>
#include <string>

namespace pollscope::test {

TraceLog::Predicate withClient(int client);
// Events whose words (their reason's English sentence, else their text) contain `fragment`.
TraceLog::Predicate withText(const std::string &fragment);
TraceLog::Predicate withReason(EventReason reason);
TraceLog::Predicate allOf(TraceLog::Predicate first, TraceLog::Predicate second);

// Drains the daemon's trace until the log holds at least `count` events of `kind`
// matching `matches`; false on timeout.
bool waitForCount(DaemonFixture &daemon, EventKind kind, int count, const TraceLog::Predicate &matches = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(20));

} // namespace pollscope::test
