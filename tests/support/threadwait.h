// Explicit synchronisation with another thread, without sleeping and hoping: what
// the kernel says the thread is doing (/proc/self/task/TID/syscall).
#pragma once

#include <chrono>
#include <sys/types.h>

namespace pollscope::test {

// The kernel id of the calling thread.
pid_t currentTid();

// Whether thread `tid` of this process sleeps in poll() or ppoll().
bool isBlockedInPoll(pid_t tid);
// Waits until it does; false if it did not within `timeout`.
bool waitUntilBlockedInPoll(pid_t tid, std::chrono::milliseconds timeout = std::chrono::seconds(5));

// Whether thread `tid` of this process sleeps in futex(), as a thread waiting for a
// contended lock or a condition variable does.
bool isBlockedInFutex(pid_t tid);

} // namespace pollscope::test
