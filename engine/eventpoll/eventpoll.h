// The poll(2) event loop of libvirt 0.9 (src/util/event_poll.c), one object per loop.
//
// Handles and timeouts live in arrays kept in registration order; ids start at 1
// and are never reused; the wakeup pipe is watch 1. Every API call is safe from
// any thread and from inside callbacks, because callbacks run with the loop lock
// released. Remove only marks a record deleted: it is purged, and its free
// callback run, by the loop thread in a later cleanup phase.
//
// runOnce() is virEventPollRunOnce: a short list of the phases of
// docs/fidelity.md and the specification, each traced under libvirt's name.
#pragma once

#include "eventhandle.h"
#include "stepcontrol.h"
#include "trace/callbackrole.h"
#include "trace/tracer.h"
#include "util/clock.h"
#include "util/lightmutex.h"

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct pollfd;

namespace pollscope {

// A copy of the loop's state, for viewers and tests (the seed's `eventLoop`).
struct LoopState
{
    struct Handle
    {
        int watch;
        int fd;
        int events; // EventHandle bits
        bool deleted;
        std::string callback;
    };
    struct Timeout
    {
        int timer;
        int frequency;
        int64_t expiresAt; // the loop clock's ms, 0 when disabled
        bool deleted;
        std::string callback;
    };

    bool running = false;
    std::thread::id leader;
    int wakeupFds[2] = {-1, -1};
    std::vector<Handle> handles;
    size_t handlesAlloc = 0;
    std::vector<Timeout> timeouts;
    size_t timeoutsAlloc = 0;
    int64_t iterations = 0;
};

class EventPoll
{
public:
    // Timers this close to their expiry fire now rather than after a tiny sleep.
    static constexpr int64_t kEarlyFireMs = 20;

    // Timers read `clock`, which must outlive the loop; poll() still waits in real
    // time for the timeout computed from it.
    explicit EventPoll(Tracer &tracer, const Clock &clock = Clock::monotonic());
    ~EventPoll();
    EventPoll(const EventPoll &) = delete;
    EventPoll &operator=(const EventPoll &) = delete;

    // virEventPollInit: creates the wakeup pipe and registers it as watch 1.
    int init();

    int addHandle(int fd, int events, HandleCallback cb, void *opaque, FreeCallback ff,
                  const char *callbackName = "callback", CallbackRole role = CallbackRole::Other);
    void updateHandle(int watch, int events);
    int removeHandle(int watch);

    int addTimeout(int frequency, TimeoutCallback cb, void *opaque, FreeCallback ff,
                   const char *callbackName = "callback", CallbackRole role = CallbackRole::Other);
    void updateTimeout(int timer, int frequency);
    int removeTimeout(int timer);

    // One iteration; returns 0, or -1 if poll() failed with something other than EINTR.
    int runOnce();
    // virEventPollInterrupt: wake a poll() in progress on another thread.
    int interrupt();

    StepControl &stepControl() { return m_stepControl; }
    Tracer &tracer() { return m_tracer; }
    LoopState state() const;

private:
    struct Handle
    {
        int watch;
        int fd;
        int events; // native poll(2) bits, as libvirt stores them
        HandleCallback cb;
        FreeCallback ff;
        void *opaque;
        bool deleted;
        const char *callbackName;
    };

    struct Timeout
    {
        int timer;
        int frequency;
        int64_t expiresAt;
        TimeoutCallback cb;
        FreeCallback ff;
        void *opaque;
        bool deleted;
        const char *callbackName;
    };

    using Lock = std::unique_lock<LightMutex>;

    // The record with this id among the first `count`, deleted or not; nullptr if none.
    Handle *findHandle(int watch);
    Timeout *findTimeout(int timer);

    // The phases of runOnce, in order.
    void cleanupTimeouts(Lock &lock);
    void cleanupHandles(Lock &lock);
    int makePollFDs();
    int calculateTimeout();
    int pollRetryingOnEintr(int nfds, int timeout);
    void dispatchTimeouts(Lock &lock);
    void dispatchHandles(Lock &lock, int nfds);

    // virEventPollInterruptLocked: writes the wakeup byte at once, loop lock held.
    int interruptLocked();
    void wakeForStepControl();
    static void handleWakeup(int watch, int fd, int events, void *opaque);

    Tracer &m_tracer;
    const Clock &m_clock;
    StepControl m_stepControl;

    // Taken several times per iteration and per handle update: see LightMutex.
    mutable LightMutex m_lock;
    bool m_running = false;
    std::thread::id m_leader;
    int m_wakeupFd[2] = {-1, -1};
    // Slots, as in libvirt: size() is the allocation, the count is separate. Records
    // are appended with ever larger ids and purged in place, so both arrays stay
    // sorted by id: a lookup by id is a binary search, not libvirt's linear scan.
    std::vector<Handle> m_handles;
    size_t m_handlesCount = 0;
    std::vector<Timeout> m_timeouts;
    size_t m_timeoutsCount = 0;
    // Records marked deleted and not yet purged: cleanup has nothing to look for
    // while these are 0, which is most iterations.
    size_t m_deletedHandles = 0;
    size_t m_deletedTimeouts = 0;
    // Where findHandle() last found each watch, by watch modulo the size: updates
    // come again and again for the same busy watches (each client's reads and
    // writes). Only a guess, checked before use, as purges move records. The size is
    // a power of two kept above the number of records, so that live watches, whose
    // ids are mostly consecutive, rarely share an entry.
    std::vector<size_t> m_handleSlotGuess = std::vector<size_t>(256);
    int m_nextWatch = 1;
    int m_nextTimer = 1;
    int64_t m_iterations = 0;

    // The poll set of the current iteration; only the loop thread touches it.
    std::vector<struct pollfd> m_pollFds;

    // Flow ids of wakeup bytes written but not yet drained, oldest first, so that the
    // trace can link each interrupt to the poll return and wakeup it causes.
    std::mutex m_wakeupFlowsLock;
    std::deque<uint64_t> m_wakeupFlows;
};

} // namespace pollscope
