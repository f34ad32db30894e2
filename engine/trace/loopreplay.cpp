#include "loopreplay.h"

#include "eventpoll/slotallocation.h"
#include "kindrules.h"

#include <algorithm>
#include <utility>

namespace pollscope {

namespace {

bool succeeded(const TraceEvent &event)
{
    return event.has(TraceField::Result) && event.result >= 0;
}

// The name of the callback a new record was registered with: AddHandle and AddTimeout
// carry it in `text`. The only place the replay reads it.
const char *callbackName(const TraceEvent &event)
{
    return event.text;
}

// The record with this id, deleted or not; null when there is none.
template<typename Records, typename Id>
auto findById(Records &records, Id id, int value) -> decltype(&*records.begin())
{
    const auto it = std::find_if(records.begin(), records.end(), [&](const auto &r) { return r.*id == value; });
    return it == records.end() ? nullptr : &*it;
}

// The record with this id that is not deleted; null when there is none.
template<typename Record>
Record *findLive(std::vector<Record> &records, int Record::*id, int value)
{
    const auto it =
        std::find_if(records.begin(), records.end(), [&](const Record &r) { return !r.deleted && r.*id == value; });
    return it == records.end() ? nullptr : &*it;
}

// Removes the record with this id; false when there is none.
template<typename Record>
bool eraseById(std::vector<Record> &records, int Record::*id, int value)
{
    const auto it = std::find_if(records.begin(), records.end(), [&](const Record &r) { return r.*id == value; });
    if (it == records.end())
        return false;
    records.erase(it);
    return true;
}

} // namespace

const LoopReplay::Handle *LoopReplay::handle(int watch) const
{
    return findById(handles, &Handle::watch, watch);
}

const LoopReplay::Timeout *LoopReplay::timeout(int timer) const
{
    return findById(timeouts, &Timeout::timer, timer);
}

const LoopReplay::PollFd *LoopReplay::pollFd(int watch) const
{
    return findById(pollFds, &PollFd::watch, watch);
}

void LoopReplay::settleCleanup(CleanupTracking &tracking, size_t count, size_t &alloc, const TraceEvent &event,
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
        alloc = slots::allocationAfterCleanup(count, alloc);
    tracking = {};
}

void LoopReplay::applyDispatch(const TraceEvent &event, PollOutcome outcome)
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

void LoopReplay::report(LoopFinding::Kind kind, LoopRecordType type, int id)
{
    m_findings.push_back({kind, size_t(position), type, id});
}

void LoopReplay::noteAdd(ArrayHistory &history, int id)
{
    // Ids start at 1 and are never reused: a trace whose first new id is 1 has seen
    // every record of the array.
    if (!std::exchange(history.added, true))
        history.complete = id == 1;
}

void LoopReplay::noteUpdate(const ArrayHistory &history, LoopRecordType type, int id, bool found)
{
    // A purged record stays in its slot while its free callback runs, and can still
    // be updated then: only an id the replay never saw at all is unknown.
    if (!found && history.complete && !history.ids.contains(id))
        report(LoopFinding::Kind::UpdateOfUnknown, type, id);
}

void LoopReplay::noteRemoval(ArrayHistory &history, LoopRecordType type, int id, bool markedLive)
{
    // Remove fails on a deleted record, so a successful one always finds a live record.
    if (!markedLive && history.complete)
        report(LoopFinding::Kind::RemovalOfUnknown, type, id);
    history.ids[id].removedAt = size_t(position);
}

void LoopReplay::checkDispatch(const ArrayHistory &history, LoopRecordType type, int id)
{
    const auto it = history.ids.find(id);
    if (it == history.ids.end() || !it->second.removedAt)
        return;
    report(LoopFinding::Kind::DispatchOfDeleted, type, id);
    m_findings.back().removedAt = *it->second.removedAt;
}

void LoopReplay::notePurge(ArrayHistory &history, LoopRecordType type, int id)
{
    IdHistory &record = history.ids[id];
    if (!record.removedAt)
        report(LoopFinding::Kind::PurgeNotRemoved, type, id);
    if (std::exchange(record.purged, true))
        report(LoopFinding::Kind::PurgedTwice, type, id);
}

void LoopReplay::noteFreeCallback(ArrayHistory &history, LoopRecordType type, int id, const TraceEvent &event)
{
    IdHistory &record = history.ids[id];
    if (!record.purged)
        report(LoopFinding::Kind::FreeBeforePurge, type, id);
    if (std::exchange(record.freed, true))
        report(LoopFinding::Kind::FreedTwice, type, id);
    // Cleanup runs inside virEventPollRunOnce, on the thread that runs it.
    if (!running || event.thread != leaderThread)
        report(LoopFinding::Kind::FreeOutsideLoop, type, id);
}

void LoopReplay::checkPollSet(const TraceEvent &event)
{
    // Without the array's whole life, records from before the trace are missing.
    if (!m_handleHistory.complete || !event.has(TraceField::Nfds))
        return;
    if (event.nfds == int(pollFds.size()))
        return;
    report(LoopFinding::Kind::PollSetMismatch, LoopRecordType::Handle, 0);
    m_findings.back().recorded = event.nfds;
    m_findings.back().replayed = int64_t(pollFds.size());
}

const std::array<LoopReplay::Rule, size_t(EventKind::Count)> &LoopReplay::rules()
{
    // The kinds that change the loop's state or show a rule broken; the others leave it.
    static constexpr auto byKind = kindRules<Rule>({
        {EventKind::LoopInit, &LoopReplay::onLoopInit},
        {EventKind::AddHandle, &LoopReplay::onAddHandle},
        {EventKind::UpdateHandle, &LoopReplay::onUpdateHandle},
        {EventKind::RemoveHandle, &LoopReplay::onRemoveHandle},
        {EventKind::AddTimeout, &LoopReplay::onAddTimeout},
        {EventKind::UpdateTimeout, &LoopReplay::onUpdateTimeout},
        {EventKind::RemoveTimeout, &LoopReplay::onRemoveTimeout},
        {EventKind::RunOnceBegin, &LoopReplay::onRunOnceBegin},
        {EventKind::RunOnceEnd, &LoopReplay::onRunOnceEnd},
        {EventKind::CleanupTimeouts, &LoopReplay::onCleanupTimeouts},
        {EventKind::CleanupHandles, &LoopReplay::onCleanupHandles},
        {EventKind::PurgeTimeout, &LoopReplay::onPurgeTimeout},
        {EventKind::PurgeHandle, &LoopReplay::onPurgeHandle},
        {EventKind::FreeCallbackBegin, &LoopReplay::onFreeCallbackBegin},
        {EventKind::MakePollFDs, &LoopReplay::onMakePollFDs},
        {EventKind::CalculateTimeout, &LoopReplay::onCalculateTimeout},
        {EventKind::PollBegin, &LoopReplay::onPollBegin},
        {EventKind::PollEnd, &LoopReplay::onPollEnd},
        {EventKind::DispatchHandles, &LoopReplay::onDispatchHandles},
        {EventKind::Interrupt, &LoopReplay::onWakeupWritten},
        {EventKind::ControlWakeup, &LoopReplay::onWakeupWritten},
        {EventKind::HandleWakeup, &LoopReplay::onWakeupDrained},
        {EventKind::DispatchTimeoutBegin, &LoopReplay::onDispatchTimeoutBegin},
        {EventKind::DispatchHandleBegin, &LoopReplay::onDispatchHandleBegin},
        {EventKind::DispatchSkipDeleted, &LoopReplay::onDispatchSkipDeleted},
        {EventKind::DispatchStopped, &LoopReplay::onDispatchStopped},
        {EventKind::LoopPaused, &LoopReplay::onLoopPaused},
        {EventKind::LoopResumed, &LoopReplay::onLoopResumed},
    });
    return byKind;
}

void LoopReplay::onLoopInit(const TraceEvent &event)
{
    if (succeeded(event) && event.has(TraceField::Fd))
        wakeupReadFd = event.fd;
}

void LoopReplay::onAddHandle(const TraceEvent &event)
{
    if (event.has(TraceField::Watch))
        noteAdd(m_handleHistory, event.watch);
    if (succeeded(event)) {
        handlesAlloc = slots::allocationForAdd(handles.size() + (m_handleCleanup.slotPending ? 1 : 0), handlesAlloc);
        handles.push_back({event.watch, event.fd, event.events, false, callbackName(event)});
    }
}

void LoopReplay::onUpdateHandle(const TraceEvent &event)
{
    // Deleted records are updated too, as libvirt does.
    if (succeeded(event)) {
        Handle *h = findById(handles, &Handle::watch, event.watch);
        if (h)
            h->events = event.events;
        noteUpdate(m_handleHistory, LoopRecordType::Handle, event.watch, h != nullptr);
    }
}

void LoopReplay::onRemoveHandle(const TraceEvent &event)
{
    if (succeeded(event)) {
        Handle *h = findLive(handles, &Handle::watch, event.watch);
        if (h)
            h->deleted = true;
        noteRemoval(m_handleHistory, LoopRecordType::Handle, event.watch, h != nullptr);
    }
}

void LoopReplay::onAddTimeout(const TraceEvent &event)
{
    if (event.has(TraceField::Timer))
        noteAdd(m_timeoutHistory, event.timer);
    if (succeeded(event)) {
        timeoutsAlloc =
            slots::allocationForAdd(timeouts.size() + (m_timeoutCleanup.slotPending ? 1 : 0), timeoutsAlloc);
        timeouts.push_back({event.timer, event.frequency, event.expiresAt, false, callbackName(event)});
    }
}

void LoopReplay::onUpdateTimeout(const TraceEvent &event)
{
    if (succeeded(event)) {
        Timeout *t = findById(timeouts, &Timeout::timer, event.timer);
        if (t) {
            t->frequency = event.frequency;
            t->expiresAt = event.expiresAt;
        }
        noteUpdate(m_timeoutHistory, LoopRecordType::Timeout, event.timer, t != nullptr);
    }
}

void LoopReplay::onRemoveTimeout(const TraceEvent &event)
{
    if (succeeded(event)) {
        Timeout *t = findLive(timeouts, &Timeout::timer, event.timer);
        if (t)
            t->deleted = true;
        noteRemoval(m_timeoutHistory, LoopRecordType::Timeout, event.timer, t != nullptr);
    }
}

void LoopReplay::onRunOnceBegin(const TraceEvent &event)
{
    running = true;
    leaderThread = event.thread;
    iterations = event.has(TraceField::Iteration) ? event.iteration : iterations + 1;
    pollFds.clear();
    pollTimeout.reset();
    pollResult.reset();
    m_dispatchCursor = 0;
    m_inHandlePhase = false;
}

void LoopReplay::onRunOnceEnd(const TraceEvent &)
{
    running = false;
    if (pollResult && *pollResult >= 0) {
        for (PollFd &p : pollFds) {
            if (p.outcome == PollOutcome::Waiting)
                p.outcome = PollOutcome::Quiet;
        }
    }
}

void LoopReplay::onCleanupTimeouts(const TraceEvent &event)
{
    m_timeoutCleanup = {int(event.thread), true, false, false};
}

void LoopReplay::onCleanupHandles(const TraceEvent &event)
{
    m_handleCleanup = {int(event.thread), true, false, false};
}

void LoopReplay::onPurgeTimeout(const TraceEvent &event)
{
    if (!event.has(TraceField::Timer))
        return;
    notePurge(m_timeoutHistory, LoopRecordType::Timeout, event.timer);
    if (eraseById(timeouts, &Timeout::timer, event.timer))
        m_timeoutCleanup.slotPending = m_timeoutCleanup.thread >= 0;
}

void LoopReplay::onPurgeHandle(const TraceEvent &event)
{
    if (!event.has(TraceField::Watch))
        return;
    notePurge(m_handleHistory, LoopRecordType::Handle, event.watch);
    if (eraseById(handles, &Handle::watch, event.watch))
        m_handleCleanup.slotPending = m_handleCleanup.thread >= 0;
}

void LoopReplay::onFreeCallbackBegin(const TraceEvent &event)
{
    if (event.has(TraceField::Watch))
        noteFreeCallback(m_handleHistory, LoopRecordType::Handle, event.watch, event);
    else if (event.has(TraceField::Timer))
        noteFreeCallback(m_timeoutHistory, LoopRecordType::Timeout, event.timer, event);
}

void LoopReplay::onMakePollFDs(const TraceEvent &event)
{
    pollFds.clear();
    for (const Handle &h : handles) {
        if (!h.deleted && h.events != 0)
            pollFds.push_back({h.watch, h.fd, h.events, 0, PollOutcome::Waiting});
    }
    m_dispatchCursor = 0;
    checkPollSet(event);
}

void LoopReplay::onCalculateTimeout(const TraceEvent &event)
{
    pollTimeout = event.timeout;
}

void LoopReplay::onPollBegin(const TraceEvent &)
{
    pollResult.reset();
}

void LoopReplay::onPollEnd(const TraceEvent &event)
{
    pollResult = event.result;
    if (event.result == 0) {
        for (PollFd &p : pollFds)
            p.outcome = PollOutcome::Quiet;
    }
}

void LoopReplay::onDispatchHandles(const TraceEvent &event)
{
    if (event.thread == leaderThread) {
        m_inHandlePhase = true;
        if (pollResult.value_or(-1) <= 0)
            m_findings.push_back({LoopFinding::Kind::HandlesWithoutReadyPoll, size_t(position),
                                  LoopRecordType::Handle, 0, pollResult.value_or(-1)});
    }
}

void LoopReplay::onWakeupWritten(const TraceEvent &event)
{
    if (event.has(TraceField::Bytes) && event.bytes == 1)
        ++m_wakeupsWritten;
}

void LoopReplay::onWakeupDrained(const TraceEvent &event)
{
    if (event.has(TraceField::Bytes) && event.bytes == 1 && ++m_wakeupsDrained > m_wakeupsWritten)
        report(LoopFinding::Kind::WakeupOverdrained, LoopRecordType::Handle, 0);
}

void LoopReplay::onDispatchTimeoutBegin(const TraceEvent &event)
{
    if (event.thread == leaderThread && m_inHandlePhase)
        report(LoopFinding::Kind::TimerAfterHandles, LoopRecordType::Timeout, event.has(TraceField::Timer) ? event.timer : 0);
    if (event.has(TraceField::Timer))
        checkDispatch(m_timeoutHistory, LoopRecordType::Timeout, event.timer);
    // The new expiry was set just before the callback was called.
    if (event.has(TraceField::ExpiresAt)) {
        if (Timeout *t = findById(timeouts, &Timeout::timer, event.timer))
            t->expiresAt = event.expiresAt;
    }
}

void LoopReplay::onDispatchHandleBegin(const TraceEvent &event)
{
    if (event.has(TraceField::Watch))
        checkDispatch(m_handleHistory, LoopRecordType::Handle, event.watch);
    applyDispatch(event, PollOutcome::Dispatched);
}

void LoopReplay::onDispatchSkipDeleted(const TraceEvent &event)
{
    applyDispatch(event, PollOutcome::SkippedDeleted);
}

void LoopReplay::onDispatchStopped(const TraceEvent &event)
{
    applyDispatch(event, PollOutcome::Undispatched);
}

void LoopReplay::onLoopPaused(const TraceEvent &event)
{
    heldBy = event;
}

void LoopReplay::onLoopResumed(const TraceEvent &)
{
    heldBy.reset();
}

void LoopReplay::apply(const TraceEvent &event)
{
    ++position;
    timeNs = event.timeNs;
    m_findings.clear();

    // Timeouts are cleaned up before handles, so their phase is settled first.
    settleCleanup(m_timeoutCleanup, timeouts.size(), timeoutsAlloc, event, TraceField::Timer, EventKind::PurgeTimeout);
    settleCleanup(m_handleCleanup, handles.size(), handlesAlloc, event, TraceField::Watch, EventKind::PurgeHandle);

    if (eventKindInfo(event.kind).family == EventFamily::LoopPhase)
        phase = event.kind;

    if (const Rule rule = rules()[size_t(event.kind)])
        (this->*rule)(event);
}

} // namespace pollscope
