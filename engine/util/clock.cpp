#include "clock.h"

#include "monotonicclock.h"

namespace pollscope {

namespace {

class MonotonicClock final : public Clock
{
public:
    int64_t nowMs() const override { return monotonicNowMs(); }
};

} // namespace

const Clock &Clock::monotonic()
{
    static const MonotonicClock clock;
    return clock;
}

} // namespace pollscope
