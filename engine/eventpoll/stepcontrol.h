// Pause, step and slow down a running loop from another thread.
//
// The loop calls checkpoint() at each phase boundary of virEventPollRunOnce, always
// with the loop lock released, so while the loop is held here other threads keep
// adding, updating and removing handles and clients keep sending: when it runs
// again, poll() sees everything that became ready meanwhile. Unused, a checkpoint
// is one relaxed atomic load.
#pragma once

#include "trace/eventreason.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

namespace pollscope {

class Tracer;

// Where in virEventPollRunOnce the loop can be held, in the order they are met.
enum class LoopBoundary : uint8_t {
    IterationStart,        // before the loop lock is taken
    BeforePoll,            // poll set and timeout computed, lock released
    AfterPoll,             // poll() returned, before dispatch
    BeforeDispatchTimeout, // a timer is due; its callback is next
    BeforeDispatchHandle,  // a handle is ready; its callback is next
};

// Where a held loop is, as the reason its LoopPaused and LoopResumed events carry.
EventReason loopBoundaryReason(LoopBoundary boundary);

// Whether a boundary lies outside every callback span. Slow motion waits only at
// these, so that a callback's span measures the daemon's work and nothing else.
bool isOutsideCallbacks(LoopBoundary boundary);

class StepControl
{
public:
    // `wake` brings the loop out of poll(), so a pause takes effect even when the
    // loop sleeps with nothing to do.
    StepControl(Tracer &tracer, std::function<void()> wake);

    // Loop thread, no lock held. `id` is the watch or timer about to be dispatched.
    void checkpoint(LoopBoundary boundary, int id = -1)
    {
        if (m_engaged.load(std::memory_order_relaxed))
            checkpointSlow(boundary, id);
    }

    // Any thread.
    // Holds the loop at the next boundary (waking it from poll()). True when the loop
    // was running: a caller that pauses for a while of its own resumes only then, so
    // as not to undo someone else's pause (the scenario runner's hold at start-up).
    bool pause();
    void resume();         // run freely again (the slow-motion delay stays)
    void stepPhase();      // run to the next boundary, then hold again
    void stepIteration();  // run to the start of the next iteration, then hold again
    void setDelay(std::chrono::milliseconds perBoundary); // 0 is full speed
    std::chrono::milliseconds delay() const;

    // A thread that may hold the loop's lock waits for a learner (a question): a
    // wakeup would wait for that lock, so pause() writes none meanwhile and the loop
    // holds at its next boundary once it wakes by itself. Nests; any thread.
    void holdBackWakes(bool held) { m_wakesHeldBack.fetch_add(held ? 1 : -1, std::memory_order_acq_rel); }
    bool wakesHeldBack() const { return m_wakesHeldBack.load(std::memory_order_acquire) > 0; }

    // Where the loop is held now, if it is.
    std::optional<LoopBoundary> heldAt() const;
    // How many times the loop has been held so far.
    uint64_t holds() const;
    // Blocks until the loop has been held more than `afterHolds` times in total.
    bool waitForHold(uint64_t afterHolds, std::chrono::milliseconds timeout) const;
    // How long the loop has been held so far, paused or in slow motion, the hold in
    // progress included: steady time minus this is the loop's own time.
    std::chrono::nanoseconds heldTime() const;

private:
    enum class Mode : uint8_t { Run, Pause, StepPhase, StepIteration };

    void checkpointSlow(LoopBoundary boundary, int id);
    void updateEngagedLocked();
    void beginHoldLocked();
    void endHoldLocked();

    Tracer &m_tracer;
    std::function<void()> m_wake;
    std::atomic<bool> m_engaged{false};
    std::atomic<int> m_wakesHeldBack{0};
    mutable std::mutex m_lock;
    mutable std::condition_variable m_changed;
    Mode m_mode = Mode::Run;
    std::chrono::milliseconds m_delay{0};
    std::optional<LoopBoundary> m_heldAt;
    uint64_t m_holds = 0;
    std::chrono::nanoseconds m_heldTotal{0};
    std::optional<std::chrono::steady_clock::time_point> m_holdStart;
};

} // namespace pollscope
