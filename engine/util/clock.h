// Where EventPoll's timers read the time: monotonic milliseconds. The loop of a
// real session reads CLOCK_MONOTONIC (Clock::monotonic()); a test gives the loop a
// clock it moves by hand, so that whether a timer is due never depends on how fast
// the machine ran the test.
#pragma once

#include <cstdint>

namespace pollscope {

class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds; only differences between readings mean anything.
    virtual int64_t nowMs() const = 0;

    // The process's CLOCK_MONOTONIC (monotonicclock.h).
    static const Clock &monotonic();
};

} // namespace pollscope
