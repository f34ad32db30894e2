// A Clock that moves only when the test moves it. A loop with this clock computes
// its poll timeout and decides which timers are due from the time the test set: to
// fire a timer, advance the clock past its expiry (the next poll then has timeout 0)
// and run one iteration. poll() itself still waits in real time for whatever timeout
// the loop computed, so a test advances first and steps second.
#pragma once

#include "util/clock.h"

#include <atomic>
#include <cstdint>

namespace pollscope::test {

class ManualClock final : public Clock
{
public:
    // Well above 0: an expiry of 0 means "disabled" to the loop.
    static constexpr int64_t kStartMs = 1'000'000;

    int64_t nowMs() const override { return m_nowMs.load(); }
    // Safe from any thread: the loop, workers and the test may read it meanwhile.
    void advance(int64_t ms) { m_nowMs.fetch_add(ms); }

private:
    std::atomic<int64_t> m_nowMs{kStartMs};
};

} // namespace pollscope::test
