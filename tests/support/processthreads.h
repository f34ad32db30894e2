// What each thread of a process is doing, from /proc: for a test whose child did
// not exit in time, so that the failure says where it waits.
#pragma once

#include <string>

namespace pollscope::test {

// The signals pending for the whole process, then a line per thread: its id, name,
// state, the kernel function it sleeps in, the system call it is in, and the signals
// pending for it and blocked by it (hex masks, bit N-1 for signal N). Empty of
// threads when the process is gone.
std::string threadStates(long long pid);

} // namespace pollscope::test
