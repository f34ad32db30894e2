#include "threadwait.h"

#include <unistd.h>

namespace pollscope::test {

pid_t currentTid()
{
    return ::gettid();
}

} // namespace pollscope::test
