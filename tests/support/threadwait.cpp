#include "threadwait.h"

#include <fstream>
#include <string>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace pollscope::test {

namespace {

// The number of the system call thread `tid` is in, or -1.
long currentSyscall(pid_t tid)
{
    std::ifstream file("/proc/self/task/" + std::to_string(tid) + "/syscall");
    long number = -1;
    return file >> number ? number : -1;
}

} // namespace

pid_t currentTid()
{
    return ::gettid();
}

bool isBlockedInPoll(pid_t tid)
{
    const long number = currentSyscall(tid);
#ifdef SYS_poll
    if (number == SYS_poll)
        return true;
#endif
    return number == SYS_ppoll;
}

bool waitUntilBlockedInPoll(pid_t tid, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (isBlockedInPoll(tid))
            return true;
        std::this_thread::yield();
    }
    return false;
}

bool isBlockedInFutex(pid_t tid)
{
    return currentSyscall(tid) == SYS_futex;
}

} // namespace pollscope::test
