// Whether a thread of this process is blocked inside poll(), as the kernel reports
// it in /proc/self/task/TID/syscall. Deterministic scenario runs and tests use it to
// wait for the loop to be asleep in poll() before letting another thread act:
// explicit synchronisation on a state the kernel shows, not a sleep.
#pragma once

#include <chrono>
#include <sys/types.h>

namespace pollscope {

bool isBlockedInPoll(pid_t tid);
// Waits until thread `tid` is blocked in poll() or ppoll(); false on timeout.
bool waitUntilBlockedInPoll(pid_t tid, std::chrono::milliseconds timeout = std::chrono::seconds(5));

} // namespace pollscope
