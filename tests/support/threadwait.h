// Explicit synchronisation with another thread, without sleeping and hoping.
#pragma once

#include "util/blockedinpoll.h"

#include <sys/types.h>

namespace pollscope::test {

using pollscope::waitUntilBlockedInPoll;

// The kernel id of the calling thread.
pid_t currentTid();

// Whether thread `tid` of this process sleeps in futex(), as a thread waiting for a
// contended lock or a condition variable does (from /proc/self/task/TID/syscall).
bool isBlockedInFutex(pid_t tid);

} // namespace pollscope::test
