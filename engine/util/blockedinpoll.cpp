#include "blockedinpoll.h"

#include <fstream>
#include <string>
#include <sys/syscall.h>
#include <thread>

namespace pollscope {

bool isBlockedInPoll(pid_t tid)
{
    std::ifstream file("/proc/self/task/" + std::to_string(tid) + "/syscall");
    long number = -1;
    if (!(file >> number))
        return false;
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

} // namespace pollscope
