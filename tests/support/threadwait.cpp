#include "threadwait.h"

#include <fstream>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

namespace pollscope::test {

pid_t currentTid()
{
    return ::gettid();
}

bool isBlockedInFutex(pid_t tid)
{
    std::ifstream file("/proc/self/task/" + std::to_string(tid) + "/syscall");
    long number = -1;
    return file >> number && number == SYS_futex;
}

} // namespace pollscope::test
