// A mutex for the short, rarely contended critical sections of the loop and of a
// client, which are taken a dozen times per request: when nobody waits, lock and
// unlock are one atomic instruction each, where a glibc pthread mutex spends some
// twenty-five instructions per call on its type checks. A contended lock sleeps on
// the state word (C++20 atomic wait, a futex on Linux).
//
// The states are Drepper's ("Futexes Are Tricky", mutex 2): 0 free, 1 locked, 2
// locked and maybe waited for. Unlock wakes a waiter only from state 2.
#pragma once

#include <atomic>
#include <cstdint>

namespace pollscope {

class LightMutex
{
public:
    LightMutex() = default;
    LightMutex(const LightMutex &) = delete;
    LightMutex &operator=(const LightMutex &) = delete;

    void lock()
    {
        uint32_t expected = kFree;
        if (!m_state.compare_exchange_strong(expected, kLocked, std::memory_order_acquire))
            lockContended();
    }

    bool try_lock()
    {
        uint32_t expected = kFree;
        return m_state.compare_exchange_strong(expected, kLocked, std::memory_order_acquire);
    }

    void unlock()
    {
        if (m_state.exchange(kFree, std::memory_order_release) == kContended)
            m_state.notify_one();
    }

private:
    static constexpr uint32_t kFree = 0;
    static constexpr uint32_t kLocked = 1;
    static constexpr uint32_t kContended = 2;

    void lockContended()
    {
        // Whoever takes the lock from here on marks it contended, as it cannot know
        // whether others still wait; at worst one unlock wakes nobody.
        while (m_state.exchange(kContended, std::memory_order_acquire) != kFree)
            m_state.wait(kContended, std::memory_order_relaxed);
    }

    std::atomic<uint32_t> m_state{kFree};
};

} // namespace pollscope
