// Explicit synchronisation with another thread, without sleeping and hoping.
#pragma once

#include <chrono>
#include <sys/types.h>

namespace pollscope::test {

// The kernel id of the calling thread.
pid_t currentTid();

// Waits until thread `tid` of this process is blocked inside poll() (or ppoll), as
// the kernel reports it in /proc/self/task/TID/syscall. Returns false on timeout.
bool waitUntilBlockedInPoll(pid_t tid, std::chrono::milliseconds timeout = std::chrono::seconds(5));

} // namespace pollscope::test
