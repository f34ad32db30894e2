#include "traceclock.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace pollscope {

bool TraceClock::counterKeepsTime()
{
#if defined(__x86_64__)
    // CPUID 0x80000007, EDX bit 8: the counter ticks at a constant rate in every
    // power state. The kernel's own choice of clocksource says it also agrees
    // across cores and with CLOCK_MONOTONIC; a kernel that found it unreliable
    // has switched away from it.
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(0x80000007, &eax, &ebx, &ecx, &edx) || !(edx & (1u << 8)))
        return false;
    std::ifstream in("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    std::string source;
    return in >> source && source == "tsc";
#else
    return false;
#endif
}

TraceClock::TraceClock()
    : m_first(calibrationPoint())
{
}

TraceClock::Point TraceClock::calibrationPoint()
{
#if defined(__x86_64__)
    if (usesCounter()) {
        // The counter read on either side of the clock: the tightest of a few
        // tries, taken at its middle, is within a few ns of the clock's reading.
        Point best{0, 0};
        uint64_t bestWidth = UINT64_MAX;
        for (int attempt = 0; attempt < 5; ++attempt) {
            const uint64_t before = __rdtsc();
            const int64_t ns = monotonicNowNs();
            const uint64_t after = __rdtsc();
            if (after - before < bestWidth) {
                bestWidth = after - before;
                best = {double(before) + double(after - before) / 2, ns};
            }
        }
        return best;
    }
#endif
    return {0, monotonicNowNs()};
}

TraceClock::Conversion TraceClock::startConversion()
{
    Conversion conversion;
    if (!usesCounter())
        return conversion;
    // Counted back from a point taken now, at the rate measured since the first
    // point: the longer the clock runs, the better the rate, and an event is
    // never further from the newest point than the baseline is long, so the
    // error stays within a few calibration errors (tens of ns).
    const Point now = calibrationPoint();
    const double nsPerCount = double(now.ns - m_first.ns) / std::max(now.counts - m_first.counts, 1.0);
    conversion.m_clock = this;
    conversion.m_nowCounts = int64_t(std::llround(now.counts));
    conversion.m_nowNs = now.ns;
    // Bounded so that the fixed-point rate fits: no counter runs at a millionth of a GHz.
    conversion.m_nsPerCountFixed =
        int64_t(std::clamp(nsPerCount, 0.0, 1e6) * double(int64_t(1) << Conversion::kRateFractionBits));
    return conversion;
}

} // namespace pollscope
