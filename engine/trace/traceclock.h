// The clock of trace events. Every event reads it, and CLOCK_MONOTONIC costs about
// 20 ns on the project's machines, two thirds of what an event costs. Where the
// kernel itself keeps time with the CPU's time-stamp counter (x86-64, an invariant
// counter, "tsc" as the clocksource), an event records the raw counter instead, at
// half the price, and the consumer turns counts into CLOCK_MONOTONIC nanoseconds
// as it drains them. Anywhere else events read CLOCK_MONOTONIC and nothing is
// converted. Either way, drained events carry CLOCK_MONOTONIC nanoseconds.
#pragma once

#include "util/monotonicclock.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace pollscope {

class TraceClock
{
public:
    // Takes the first calibration point.
    TraceClock();

    // What an event records as its time.
    static int64_t stamp()
    {
#if defined(__x86_64__)
        if (usesCounter())
            return int64_t(__rdtsc());
#endif
        return monotonicNowNs();
    }

    // Whether stamp() reads the time-stamp counter; decided once per process. Inline:
    // every event asks.
    static bool usesCounter()
    {
        static const bool uses = counterKeepsTime();
        return uses;
    }

private:
    static bool counterKeepsTime();

    struct Point
    {
        double counts;
        int64_t ns;
    };

public:
    // Turns the stamps of one drain's events, in drain order, into nanoseconds.
    // One consumer at a time, like the drain itself.
    class Conversion
    {
    public:
        // Inline, in integers: the writer of a busy daemon's trace converts millions
        // of stamps a second.
        int64_t operator()(int64_t stamp, uint16_t thread)
        {
            return m_clock ? fromCounter(stamp, thread) : stamp;
        }

    private:
        friend class TraceClock;
        // The rate as a binary fraction with this many bits after the point: over the
        // longest span a drain converts, its rounding stays far below a nanosecond.
        static constexpr int kRateFractionBits = 40;
        int64_t fromCounter(int64_t stamp, uint16_t thread)
        {
            // Counts before the point are negative; their product needs 128 bits.
            const auto counts = __int128(int64_t(uint64_t(stamp) - uint64_t(m_nowCounts)));
            int64_t ns = m_nowNs + int64_t((counts * m_nsPerCountFixed) >> kRateFractionBits);
            // Two drains convert from two points whose errors differ by some ns: a
            // thread's next event must not seem to come before its last one.
            std::vector<int64_t> &lastNsOfThread = m_clock->m_lastNsOfThread;
            if (thread >= lastNsOfThread.size()) [[unlikely]]
                lastNsOfThread.resize(size_t(thread) + 1, INT64_MIN);
            int64_t &last = lastNsOfThread[thread];
            ns = std::max(ns, last);
            last = ns;
            return ns;
        }
        TraceClock *m_clock = nullptr; // null: stamps are nanoseconds already
        int64_t m_nowCounts = 0;
        int64_t m_nowNs = 0;
        int64_t m_nsPerCountFixed = 0; // ns per count, times 2^kRateFractionBits
    };
    Conversion startConversion();

private:
    static Point calibrationPoint();

    Point m_first;
    // The last time given to each thread's events: see Conversion::fromCounter().
    std::vector<int64_t> m_lastNsOfThread;
};

} // namespace pollscope
