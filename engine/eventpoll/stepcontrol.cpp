#include "stepcontrol.h"

#include "trace/threadnames.h"
#include "trace/tracer.h"

namespace pollscope {

EventReason loopBoundaryReason(LoopBoundary boundary)
{
    switch (boundary) {
    case LoopBoundary::IterationStart: return EventReason::HeldAtIterationStart;
    case LoopBoundary::BeforePoll: return EventReason::HeldBeforePoll;
    case LoopBoundary::AfterPoll: return EventReason::HeldAfterPoll;
    case LoopBoundary::BeforeDispatchTimeout: return EventReason::HeldBeforeTimeoutDispatch;
    case LoopBoundary::BeforeDispatchHandle: return EventReason::HeldBeforeHandleDispatch;
    }
    return EventReason::None;
}

bool isOutsideCallbacks(LoopBoundary boundary)
{
    // The dispatch boundaries come after the Begin of the callback's span.
    return boundary == LoopBoundary::IterationStart || boundary == LoopBoundary::BeforePoll
        || boundary == LoopBoundary::AfterPoll;
}

namespace {

template<typename Probe>
void describeHold(Probe &event, LoopBoundary boundary, int id)
{
    event->setReason(loopBoundaryReason(boundary));
    if (boundary == LoopBoundary::BeforeDispatchHandle)
        event->setWatch(id);
    else if (boundary == LoopBoundary::BeforeDispatchTimeout)
        event->setTimer(id);
}

} // namespace

StepControl::StepControl(Tracer &tracer, std::function<void()> wake)
    : m_tracer(tracer)
    , m_wake(std::move(wake))
{
}

void StepControl::updateEngagedLocked()
{
    m_engaged.store(m_mode != Mode::Run || m_delay.count() > 0, std::memory_order_relaxed);
    m_changed.notify_all();
}

bool StepControl::pause()
{
    bool wasRunning = false;
    {
        std::lock_guard guard(m_lock);
        wasRunning = m_mode == Mode::Run;
        if (wasRunning)
            m_mode = Mode::Pause;
        updateEngagedLocked();
    }
    // Outside our lock: the loop may be at a checkpoint, holding nothing but wanting it.
    if (m_wake && !wakesHeldBack())
        m_wake();
    return wasRunning;
}

void StepControl::resume()
{
    std::lock_guard guard(m_lock);
    m_mode = Mode::Run;
    updateEngagedLocked();
}

void StepControl::stepPhase()
{
    std::lock_guard guard(m_lock);
    m_mode = Mode::StepPhase;
    updateEngagedLocked();
}

void StepControl::stepIteration()
{
    std::lock_guard guard(m_lock);
    m_mode = Mode::StepIteration;
    updateEngagedLocked();
}

void StepControl::setDelay(std::chrono::milliseconds perBoundary)
{
    std::lock_guard guard(m_lock);
    m_delay = perBoundary < std::chrono::milliseconds(0) ? std::chrono::milliseconds(0) : perBoundary;
    updateEngagedLocked();
}

std::chrono::milliseconds StepControl::delay() const
{
    std::lock_guard guard(m_lock);
    return m_delay;
}

std::optional<LoopBoundary> StepControl::heldAt() const
{
    std::lock_guard guard(m_lock);
    return m_heldAt;
}

uint64_t StepControl::holds() const
{
    std::lock_guard guard(m_lock);
    return m_holds;
}

bool StepControl::waitForHold(uint64_t afterHolds, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_lock);
    return m_changed.wait_for(lock, timeout, [&] { return m_holds > afterHolds; });
}

std::chrono::nanoseconds StepControl::heldTime() const
{
    std::lock_guard guard(m_lock);
    if (!m_holdStart)
        return m_heldTotal;
    return m_heldTotal + (std::chrono::steady_clock::now() - *m_holdStart);
}

void StepControl::beginHoldLocked()
{
    m_holdStart = std::chrono::steady_clock::now();
}

void StepControl::endHoldLocked()
{
    if (m_holdStart)
        m_heldTotal += std::chrono::steady_clock::now() - *m_holdStart;
    m_holdStart.reset();
}

void StepControl::checkpointSlow(LoopBoundary boundary, int id)
{
    std::unique_lock lock(m_lock);

    // A step that has reached its end turns back into a pause here.
    if (m_mode == Mode::StepIteration && boundary == LoopBoundary::IterationStart)
        m_mode = Mode::Pause;

    if (m_mode == Mode::Pause) {
        m_heldAt = boundary;
        ++m_holds;
        if (auto event = m_tracer.probe<EventKind::LoopPaused>())
            describeHold(event, boundary, id);
        beginHoldLocked();
        m_changed.notify_all();
        m_changed.wait(lock, [&] { return m_mode != Mode::Pause; });
        endHoldLocked();
        m_heldAt.reset();
        if (m_mode == Mode::StepPhase)
            m_mode = Mode::Pause;
        if (auto event = m_tracer.probe<EventKind::LoopResumed>())
            describeHold(event, boundary, id);
        updateEngagedLocked();
        return;
    }

    if (m_mode == Mode::StepPhase) {
        // Asked to step while running: the step ends at this boundary.
        m_mode = Mode::Pause;
        lock.unlock();
        checkpointSlow(boundary, id);
        return;
    }

    if (m_delay.count() > 0 && isOutsideCallbacks(boundary)) {
        // Slow motion: wait here, but let a pause or a speed change cut it short.
        // The wait is recorded, so that a loop time axis can leave it out.
        // Recorded on pollscope's own lane, apart from the daemon's threads.
        const Mode mode = m_mode;
        const auto delay = m_delay;
        {
            ThreadNames::Scope control(ThreadNames::kControl);
            if (auto event = m_tracer.probe<EventKind::SlowMotionBegin>())
                describeHold(event, boundary, id);
        }
        beginHoldLocked();
        m_changed.wait_for(lock, delay, [&] { return m_mode != mode || m_delay != delay; });
        endHoldLocked();
        {
            ThreadNames::Scope control(ThreadNames::kControl);
            if (auto event = m_tracer.probe<EventKind::SlowMotionEnd>())
                describeHold(event, boundary, id);
        }
        if (m_mode == Mode::Pause || m_mode == Mode::StepPhase) {
            lock.unlock();
            checkpointSlow(boundary, id);
        }
    }
}

} // namespace pollscope
