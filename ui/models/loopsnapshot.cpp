#include "loopsnapshot.h"

#include "eventpoll/slotallocation.h"

#include <algorithm>

namespace pollscope::ui {

namespace {

// libvirt's allocation rule, as the loop itself applies it.
void growIfFull(size_t count, size_t &alloc)
{
    alloc = slots::allocationForAdd(count, alloc);
}

void shrinkIfSparse(size_t count, size_t &alloc)
{
    alloc = slots::allocationAfterCleanup(count, alloc);
}

bool succeeded(const TraceEvent &event)
{
    return event.has(TraceField::Result) && event.result >= 0;
}

} // namespace

const LoopSnapshot::Handle *LoopSnapshot::handle(int watch) const
{
    const auto it = std::find_if(handles.begin(), handles.end(), [watch](const Handle &h) { return h.watch == watch; });
    return it == handles.end() ? nullptr : &*it;
}

const LoopSnapshot::Timeout *LoopSnapshot::timeout(int timer) const
{
    const auto it = std::find_if(timeouts.begin(), timeouts.end(), [timer](const Timeout &t) { return t.timer == timer; });
    return it == timeouts.end() ? nullptr : &*it;
}

const LoopSnapshot::PollFd *LoopSnapshot::pollFd(int watch) const
{
    const auto it = std::find_if(pollFds.begin(), pollFds.end(), [watch](const PollFd &p) { return p.watch == watch; });
    return it == pollFds.end() ? nullptr : &*it;
}

void LoopSnapshot::settleCleanup(CleanupTracking &tracking, size_t count, size_t &alloc, const TraceEvent &event,
                                 uint32_t idField, EventKind purgeKind)
{
    if (tracking.thread < 0 || event.thread != tracking.thread)
        return;
    const bool freeCallback =
        (event.kind == EventKind::FreeCallbackBegin || event.kind == EventKind::FreeCallbackEnd) && event.has(idField);
    if (tracking.slotPending) {
        // While the free callback runs, the loop lock is released and the purged
        // record still fills its slot; whatever the callback records is inside it.
        if (tracking.inFreeCallback) {
            if (event.kind == EventKind::FreeCallbackEnd && event.has(idField)) {
                tracking.inFreeCallback = false;
                tracking.slotPending = false;
            }
            return;
        }
        if (event.kind == EventKind::FreeCallbackBegin && event.has(idField)) {
            tracking.inFreeCallback = true;
            return;
        }
        tracking.slotPending = false;
    }
    if (event.kind == purgeKind || freeCallback)
        return;
    // Anything else the cleanup thread records comes after the phase, which shrank
    // the array before it let go of the lock.
    if (tracking.shrinkPending)
        shrinkIfSparse(count, alloc);
    tracking = {};
}

void LoopSnapshot::applyDispatch(const TraceEvent &event, PollOutcome outcome)
{
    // Dispatch walks the poll set in order and pairs entries with records by fd, so
    // the entry is the next one with this fd; the ones it passed had nothing.
    size_t n = m_dispatchCursor;
    while (n < pollFds.size() && pollFds[n].fd != event.fd)
        ++n;
    if (n == pollFds.size())
        return;
    for (size_t passed = m_dispatchCursor; passed < n; ++passed) {
        if (pollFds[passed].outcome == PollOutcome::Waiting)
            pollFds[passed].outcome = PollOutcome::Quiet;
    }
    if (event.has(TraceField::Revents))
        pollFds[n].revents = event.revents;
    if (outcome == PollOutcome::Undispatched) {
        for (size_t rest = n; rest < pollFds.size(); ++rest)
            pollFds[rest].outcome = PollOutcome::Undispatched;
        m_dispatchCursor = pollFds.size();
        return;
    }
    pollFds[n].outcome = outcome;
    m_dispatchCursor = n + 1;
}

void LoopSnapshot::apply(const TraceEvent &event, qsizetype index)
{
    Q_ASSERT(index == position + 1);
    position = index;
    timeNs = event.timeNs;

    // Timeouts are cleaned up before handles, so their phase is settled first.
    settleCleanup(m_timeoutCleanup, timeouts.size(), timeoutsAlloc, event, TraceField::Timer, EventKind::PurgeTimeout);
    settleCleanup(m_handleCleanup, handles.size(), handlesAlloc, event, TraceField::Watch, EventKind::PurgeHandle);

    if (eventKindInfo(event.kind).family == EventFamily::LoopPhase)
        phase = event.kind;

    switch (event.kind) {
    case EventKind::LoopInit:
        if (succeeded(event) && event.has(TraceField::Fd))
            wakeupReadFd = event.fd;
        break;
    case EventKind::AddHandle:
        if (succeeded(event)) {
            growIfFull(handles.size() + (m_handleCleanup.slotPending ? 1 : 0), handlesAlloc);
            handles.push_back({event.watch, event.fd, event.events, false, event.text});
        }
        break;
    case EventKind::UpdateHandle:
        // Deleted records are updated too, as libvirt does.
        if (succeeded(event)) {
            for (Handle &h : handles) {
                if (h.watch == event.watch) {
                    h.events = event.events;
                    break;
                }
            }
        }
        break;
    case EventKind::RemoveHandle:
        if (succeeded(event)) {
            for (Handle &h : handles) {
                if (!h.deleted && h.watch == event.watch) {
                    h.deleted = true;
                    break;
                }
            }
        }
        break;
    case EventKind::AddTimeout:
        if (succeeded(event)) {
            growIfFull(timeouts.size() + (m_timeoutCleanup.slotPending ? 1 : 0), timeoutsAlloc);
            timeouts.push_back({event.timer, event.frequency, event.expiresAt, false, event.text});
        }
        break;
    case EventKind::UpdateTimeout:
        if (succeeded(event)) {
            for (Timeout &t : timeouts) {
                if (t.timer == event.timer) {
                    t.frequency = event.frequency;
                    t.expiresAt = event.expiresAt;
                    break;
                }
            }
        }
        break;
    case EventKind::RemoveTimeout:
        if (succeeded(event)) {
            for (Timeout &t : timeouts) {
                if (!t.deleted && t.timer == event.timer) {
                    t.deleted = true;
                    break;
                }
            }
        }
        break;
    case EventKind::RunOnceBegin:
        running = true;
        leaderThread = event.thread;
        iterations = event.has(TraceField::Iteration) ? event.iteration : iterations + 1;
        pollFds.clear();
        pollTimeout.reset();
        pollResult.reset();
        m_dispatchCursor = 0;
        break;
    case EventKind::RunOnceEnd:
        running = false;
        if (pollResult && *pollResult >= 0) {
            for (PollFd &p : pollFds) {
                if (p.outcome == PollOutcome::Waiting)
                    p.outcome = PollOutcome::Quiet;
            }
        }
        break;
    case EventKind::CleanupTimeouts:
        m_timeoutCleanup = {int(event.thread), true, false, false};
        break;
    case EventKind::CleanupHandles:
        m_handleCleanup = {int(event.thread), true, false, false};
        break;
    case EventKind::PurgeTimeout: {
        const auto it = std::find_if(timeouts.begin(), timeouts.end(),
                                     [&](const Timeout &t) { return t.deleted && t.timer == event.timer; });
        if (it != timeouts.end()) {
            timeouts.erase(it);
            m_timeoutCleanup.slotPending = m_timeoutCleanup.thread >= 0;
        }
        break;
    }
    case EventKind::PurgeHandle: {
        const auto it = std::find_if(handles.begin(), handles.end(),
                                     [&](const Handle &h) { return h.deleted && h.watch == event.watch; });
        if (it != handles.end()) {
            handles.erase(it);
            m_handleCleanup.slotPending = m_handleCleanup.thread >= 0;
        }
        break;
    }
    case EventKind::MakePollFDs:
        pollFds.clear();
        for (const Handle &h : handles) {
            if (!h.deleted && h.events != 0)
                pollFds.push_back({h.watch, h.fd, h.events, 0, PollOutcome::Waiting});
        }
        m_dispatchCursor = 0;
        break;
    case EventKind::CalculateTimeout:
        pollTimeout = event.timeout;
        break;
    case EventKind::PollBegin:
        pollResult.reset();
        break;
    case EventKind::PollEnd:
        pollResult = event.result;
        if (event.result == 0) {
            for (PollFd &p : pollFds)
                p.outcome = PollOutcome::Quiet;
        }
        break;
    case EventKind::DispatchTimeoutBegin:
        // The new expiry was set just before the callback was called.
        if (event.has(TraceField::ExpiresAt)) {
            for (Timeout &t : timeouts) {
                if (t.timer == event.timer) {
                    t.expiresAt = event.expiresAt;
                    break;
                }
            }
        }
        break;
    case EventKind::DispatchHandleBegin:
        applyDispatch(event, PollOutcome::Dispatched);
        break;
    case EventKind::DispatchSkipDeleted:
        applyDispatch(event, PollOutcome::SkippedDeleted);
        break;
    case EventKind::DispatchStopped:
        applyDispatch(event, PollOutcome::Undispatched);
        break;
    case EventKind::LoopPaused:
        heldAt = event.text ? event.text : "";
        break;
    case EventKind::LoopResumed:
        heldAt = nullptr;
        break;
    default:
        break;
    }
}

} // namespace pollscope::ui
