// What each thread of a process is doing, from /proc: for a test whose child did
// not exit in time, so that the failure says where it waits.
#pragma once

#include <string>

namespace pollscope::test {

// One line per thread: its id, name, state, the kernel function it sleeps in and
// the system call it is in (or "running"). Empty when the process is gone.
std::string threadStates(long long pid);

} // namespace pollscope::test
