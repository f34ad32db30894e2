// Explicit synchronisation with another thread, without sleeping and hoping.
#pragma once

#include "util/blockedinpoll.h"

#include <sys/types.h>

namespace pollscope::test {

using pollscope::waitUntilBlockedInPoll;

// The kernel id of the calling thread.
pid_t currentTid();

} // namespace pollscope::test
