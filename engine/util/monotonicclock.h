// The one clock of the project: CLOCK_MONOTONIC. libvirt 0.9 used the wall clock
// for timers; a monotonic clock is one of the two intended deviations
// (docs/fidelity.md), so that setting the system time cannot fire or stall timers.
#pragma once

#include <cstdint>
#include <ctime>

namespace pollscope {

inline int64_t monotonicNowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

inline int64_t monotonicNowMs()
{
    return monotonicNowNs() / 1000000;
}

} // namespace pollscope
