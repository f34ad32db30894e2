#include "eventpoll.h"

#include "slotallocation.h"

#include "trace/stringpool.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <thread>
#include <poll.h>
#include <unistd.h>

namespace pollscope {

namespace {

// A full array grows, and a sparse one shrinks, by libvirt's rule (slotallocation.h).
template<typename Record>
void growIfFull(std::vector<Record> &slots, size_t count)
{
    slots.resize(slots::allocationForAdd(count, slots.size()));
}

template<typename Record>
void shrinkIfSparse(std::vector<Record> &slots, size_t count)
{
    const size_t alloc = slots::allocationAfterCleanup(count, slots.size());
    if (alloc != slots.size()) {
        slots.resize(alloc);
        slots.shrink_to_fit();
    }
}

ssize_t readRetryingOnEintr(int fd, void *buffer, size_t size)
{
    ssize_t n;
    do {
        n = ::read(fd, buffer, size);
    } while (n < 0 && errno == EINTR);
    return n;
}

ssize_t writeRetryingOnEintr(int fd, const void *buffer, size_t size)
{
    ssize_t n;
    do {
        n = ::write(fd, buffer, size);
    } while (n < 0 && errno == EINTR);
    return n;
}

// Binary search by id over the first `count` slots, which are sorted by id.
template<typename Record, int Record::*id>
Record *findById(std::vector<Record> &slots, size_t count, int wanted)
{
    const auto end = slots.begin() + ptrdiff_t(count);
    const auto it = std::lower_bound(slots.begin(), end, wanted,
                                     [](const Record &record, int value) { return record.*id < value; });
    return it != end && (*it).*id == wanted ? &*it : nullptr;
}

} // namespace

EventPoll::Handle *EventPoll::findHandle(int watch)
{
    size_t &guess = m_handleSlotGuess[size_t(watch) & (m_handleSlotGuess.size() - 1)];
    if (guess < m_handlesCount && m_handles[guess].watch == watch)
        return &m_handles[guess];
    Handle *found = findById<Handle, &Handle::watch>(m_handles, m_handlesCount, watch);
    if (found)
        guess = size_t(found - m_handles.data());
    return found;
}

EventPoll::Timeout *EventPoll::findTimeout(int timer)
{
    return findById<Timeout, &Timeout::timer>(m_timeouts, m_timeoutsCount, timer);
}

EventPoll::EventPoll(Tracer &tracer, const Clock &clock)
    : m_tracer(tracer)
    , m_clock(clock)
    , m_stepControl(tracer, [this] { wakeForStepControl(); })
{
}

EventPoll::~EventPoll()
{
    for (int fd : m_wakeupFd) {
        if (fd >= 0)
            ::close(fd);
    }
}

int EventPoll::init()
{
    if (::pipe2(m_wakeupFd, O_CLOEXEC | O_NONBLOCK) < 0) {
        const int err = errno;
        if (auto event = m_tracer.probe<EventKind::LoopInit>()) {
            event->setResult(-1).setErrno(err);
            event->setReason(EventReason::WakeupPipeFailed);
        }
        return -1;
    }
    if (auto event = m_tracer.probe<EventKind::LoopInit>())
        event->setFd(m_wakeupFd[0]).setResult(0);
    if (addHandle(m_wakeupFd[0], EventHandle::Readable, handleWakeup, this, nullptr, "virEventPollHandleWakeup",
                  CallbackRole::WakeupPipe)
        < 0) {
        ::close(m_wakeupFd[0]);
        ::close(m_wakeupFd[1]);
        m_wakeupFd[0] = m_wakeupFd[1] = -1;
        return -1;
    }
    return 0;
}

int EventPoll::addHandle(int fd, int events, HandleCallback cb, void *opaque, FreeCallback ff,
                         const char *callbackName, CallbackRole role)
{
    Lock lock(m_lock);
    growIfFull(m_handles, m_handlesCount);
    const int watch = m_nextWatch++;
    m_handles[m_handlesCount++] = {watch, fd, toNativeEvents(events), cb, ff, opaque, false, callbackName};
    if (m_handlesCount > m_handleSlotGuess.size())
        m_handleSlotGuess.assign(2 * m_handleSlotGuess.size(), 0);
    if (auto event = m_tracer.probe<EventKind::AddHandle>()) {
        event->setWatch(watch).setFd(fd).setEvents(events).setResult(watch).setHandles(int(m_handlesCount))
            .setRole(int32_t(role));
        event->setText(callbackName);
    }
    interruptLocked();
    return watch;
}

void EventPoll::updateHandle(int watch, int events)
{
    if (watch <= 0) {
        if (auto event = m_tracer.probe<EventKind::UpdateHandle>()) {
            event->setWatch(watch).setEvents(events).setResult(-1);
            event->setReason(EventReason::IgnoringInvalidUpdateWatch);
        }
        return;
    }
    Lock lock(m_lock);
    // Deleted records are not skipped here, exactly as in libvirt.
    if (Handle *handle = findHandle(watch)) {
        handle->events = toNativeEvents(events);
        if (auto event = m_tracer.probe<EventKind::UpdateHandle>()) {
            event->setWatch(watch).setFd(handle->fd).setEvents(events).setResult(0);
            event->setText(handle->callbackName);
        }
        interruptLocked();
        return;
    }
    if (auto event = m_tracer.probe<EventKind::UpdateHandle>()) {
        event->setWatch(watch).setEvents(events).setResult(-1);
        event->setReason(EventReason::NoSuchWatch);
    }
}

int EventPoll::removeHandle(int watch)
{
    if (watch <= 0) {
        if (auto event = m_tracer.probe<EventKind::RemoveHandle>()) {
            event->setWatch(watch).setResult(-1);
            event->setReason(EventReason::IgnoringInvalidRemoveWatch);
        }
        return -1;
    }
    Lock lock(m_lock);
    if (Handle *handle = findHandle(watch); handle && !handle->deleted) {
        // Only marked: the record is purged, and ff called, by a later cleanup phase.
        handle->deleted = true;
        ++m_deletedHandles;
        if (auto event = m_tracer.probe<EventKind::RemoveHandle>()) {
            event->setWatch(watch).setFd(handle->fd).setResult(0);
            event->setText(handle->callbackName);
        }
        interruptLocked();
        return 0;
    }
    if (auto event = m_tracer.probe<EventKind::RemoveHandle>()) {
        event->setWatch(watch).setResult(-1);
        event->setReason(EventReason::NoSuchLiveWatch);
    }
    return -1;
}

int EventPoll::addTimeout(int frequency, TimeoutCallback cb, void *opaque, FreeCallback ff,
                          const char *callbackName, CallbackRole role)
{
    // The clock is read before the lock is taken, as libvirt does.
    const int64_t now = m_clock.nowMs();
    Lock lock(m_lock);
    growIfFull(m_timeouts, m_timeoutsCount);
    const int timer = m_nextTimer++;
    const int64_t expiresAt = frequency >= 0 ? now + frequency : 0;
    m_timeouts[m_timeoutsCount++] = {timer, frequency, expiresAt, cb, ff, opaque, false, callbackName};
    if (auto event = m_tracer.probe<EventKind::AddTimeout>()) {
        event->setTimer(timer).setFrequency(frequency).setExpiresAt(expiresAt).setResult(timer)
            .setTimeouts(int(m_timeoutsCount)).setRole(int32_t(role));
        event->setText(callbackName);
    }
    interruptLocked();
    return timer;
}

void EventPoll::updateTimeout(int timer, int frequency)
{
    if (timer <= 0) {
        if (auto event = m_tracer.probe<EventKind::UpdateTimeout>()) {
            event->setTimer(timer).setFrequency(frequency).setResult(-1);
            event->setReason(EventReason::IgnoringInvalidUpdateTimer);
        }
        return;
    }
    const int64_t now = m_clock.nowMs();
    Lock lock(m_lock);
    // Deleted records are not skipped here either.
    if (Timeout *timeout = findTimeout(timer)) {
        // Updating always restarts the period, even with an unchanged frequency.
        timeout->frequency = frequency;
        timeout->expiresAt = frequency >= 0 ? now + frequency : 0;
        if (auto event = m_tracer.probe<EventKind::UpdateTimeout>()) {
            event->setTimer(timer).setFrequency(frequency).setExpiresAt(timeout->expiresAt).setResult(0);
            event->setText(timeout->callbackName);
        }
        interruptLocked();
        return;
    }
    if (auto event = m_tracer.probe<EventKind::UpdateTimeout>()) {
        event->setTimer(timer).setFrequency(frequency).setResult(-1);
        event->setReason(EventReason::NoSuchTimer);
    }
}

int EventPoll::removeTimeout(int timer)
{
    if (timer <= 0) {
        if (auto event = m_tracer.probe<EventKind::RemoveTimeout>()) {
            event->setTimer(timer).setResult(-1);
            event->setReason(EventReason::IgnoringInvalidRemoveTimer);
        }
        return -1;
    }
    Lock lock(m_lock);
    if (Timeout *timeout = findTimeout(timer); timeout && !timeout->deleted) {
        timeout->deleted = true;
        ++m_deletedTimeouts;
        if (auto event = m_tracer.probe<EventKind::RemoveTimeout>()) {
            event->setTimer(timer).setResult(0);
            event->setText(timeout->callbackName);
        }
        interruptLocked();
        return 0;
    }
    if (auto event = m_tracer.probe<EventKind::RemoveTimeout>()) {
        event->setTimer(timer).setResult(-1);
        event->setReason(EventReason::NoSuchLiveTimer);
    }
    return -1;
}

int EventPoll::runOnce()
{
    m_stepControl.checkpoint(LoopBoundary::IterationStart);

    Lock lock(m_lock);
    // Set in the same critical section that builds the poll set: a change made
    // before it is in the set, a change made after it sees `running` and wakes us.
    m_running = true;
    m_leader = std::this_thread::get_id();
    ++m_iterations;
    if (auto event = m_tracer.probe<EventKind::RunOnceBegin>())
        event->setIteration(m_iterations).setHandles(int(m_handlesCount)).setTimeouts(int(m_timeoutsCount));

    cleanupTimeouts(lock);
    cleanupHandles(lock);
    const int nfds = makePollFDs();
    const int timeout = calculateTimeout();
    lock.unlock();

    m_stepControl.checkpoint(LoopBoundary::BeforePoll);
    const int ready = pollRetryingOnEintr(nfds, timeout);
    if (ready < 0) {
        // As in libvirt, `running` stays set on this path.
        const int err = errno;
        if (auto event = m_tracer.probe<EventKind::RunOnceError>()) {
            event->setErrno(err).setIteration(m_iterations);
            event->setReason(EventReason::PollFailed);
        }
        return -1;
    }
    m_stepControl.checkpoint(LoopBoundary::AfterPoll);

    lock.lock();
    // Timers are dispatched on every iteration, handles only when poll saw something.
    dispatchTimeouts(lock);
    if (ready > 0)
        dispatchHandles(lock, nfds);
    cleanupTimeouts(lock);
    cleanupHandles(lock);

    m_running = false;
    if (auto event = m_tracer.probe<EventKind::RunOnceEnd>())
        event->setIteration(m_iterations).setHandles(int(m_handlesCount)).setTimeouts(int(m_timeoutsCount));
    return 0;
}

void EventPoll::cleanupTimeouts(Lock &lock)
{
    if (auto event = m_tracer.probe<EventKind::CleanupTimeouts>())
        event->setTimeouts(int(m_timeoutsCount));
    // Nothing marked means nothing to purge, and nothing to shrink: the allocation
    // was checked when the count last went down.
    if (m_deletedTimeouts == 0)
        return;

    for (size_t i = 0; i < m_timeoutsCount;) {
        if (!m_timeouts[i].deleted) {
            ++i;
            continue;
        }
        if (auto event = m_tracer.probe<EventKind::PurgeTimeout>()) {
            event->setTimer(m_timeouts[i].timer);
            event->setText(m_timeouts[i].callbackName);
        }
        if (FreeCallback ff = m_timeouts[i].ff) {
            void *opaque = m_timeouts[i].opaque;
            const int timer = m_timeouts[i].timer;
            lock.unlock();
            if (auto event = m_tracer.probe<EventKind::FreeCallbackBegin>())
                event->setTimer(timer);
            ff(opaque);
            if (auto event = m_tracer.probe<EventKind::FreeCallbackEnd>())
                event->setTimer(timer);
            lock.lock();
        }
        // Close the gap, keeping registration order.
        m_timeouts.erase(m_timeouts.begin() + ptrdiff_t(i));
        m_timeouts.emplace_back();
        --m_timeoutsCount;
        --m_deletedTimeouts;
    }
    shrinkIfSparse(m_timeouts, m_timeoutsCount);
}

void EventPoll::cleanupHandles(Lock &lock)
{
    if (auto event = m_tracer.probe<EventKind::CleanupHandles>())
        event->setHandles(int(m_handlesCount));
    if (m_deletedHandles == 0)
        return;

    for (size_t i = 0; i < m_handlesCount;) {
        if (!m_handles[i].deleted) {
            ++i;
            continue;
        }
        if (auto event = m_tracer.probe<EventKind::PurgeHandle>()) {
            event->setWatch(m_handles[i].watch).setFd(m_handles[i].fd);
            event->setText(m_handles[i].callbackName);
        }
        if (FreeCallback ff = m_handles[i].ff) {
            void *opaque = m_handles[i].opaque;
            const int watch = m_handles[i].watch;
            lock.unlock();
            if (auto event = m_tracer.probe<EventKind::FreeCallbackBegin>())
                event->setWatch(watch);
            ff(opaque);
            if (auto event = m_tracer.probe<EventKind::FreeCallbackEnd>())
                event->setWatch(watch);
            lock.lock();
        }
        m_handles.erase(m_handles.begin() + ptrdiff_t(i));
        m_handles.emplace_back();
        --m_handlesCount;
        --m_deletedHandles;
    }
    shrinkIfSparse(m_handles, m_handlesCount);
}

int EventPoll::makePollFDs()
{
    // Sized once for the worst case and filled in place: no capacity check per fd.
    m_pollFds.resize(m_handlesCount);
    size_t nfds = 0;
    for (size_t i = 0; i < m_handlesCount; ++i) {
        const Handle &handle = m_handles[i];
        if (handle.events == 0 || handle.deleted)
            continue;
        m_pollFds[nfds++] = {handle.fd, short(handle.events), 0};
    }
    if (auto event = m_tracer.probe<EventKind::MakePollFDs>())
        event->setNfds(int(nfds)).setHandles(int(m_handlesCount));
    return int(nfds);
}

int EventPoll::calculateTimeout()
{
    // Deleted timers are not skipped here, as in libvirt; cleanup has just run, so
    // none are left in practice.
    int64_t then = 0;
    for (size_t i = 0; i < m_timeoutsCount; ++i) {
        const Timeout &timeout = m_timeouts[i];
        if (timeout.frequency < 0)
            continue;
        if (then == 0 || timeout.expiresAt < then)
            then = timeout.expiresAt;
    }
    int timeout = -1;
    if (then > 0) {
        const int64_t remaining = then - m_clock.nowMs();
        timeout = remaining < 0 ? 0 : int(remaining);
    }
    if (auto event = m_tracer.probe<EventKind::CalculateTimeout>()) {
        event->setTimeout(timeout).setTimeouts(int(m_timeoutsCount));
        if (then > 0)
            event->setExpiresAt(then);
    }
    return timeout;
}

int EventPoll::pollRetryingOnEintr(int nfds, int timeout)
{
    for (;;) {
        if (auto event = m_tracer.probe<EventKind::PollBegin>())
            event->setNfds(nfds).setTimeout(timeout).setIteration(m_iterations);
        const int ready = ::poll(m_pollFds.data(), nfds_t(nfds), timeout);
        const int err = errno;
        if (auto event = m_tracer.probe<EventKind::PollEnd>()) {
            event->setNfds(nfds).setResult(ready).setIteration(m_iterations);
            if (ready < 0)
                event->setErrno(err);
            // The wakeup pipe is always the first pollfd; if it is readable, the
            // oldest pending interrupt is what ended this wait.
            if (ready > 0 && nfds > 0 && m_pollFds[0].fd == m_wakeupFd[0] && m_pollFds[0].revents) {
                std::lock_guard guard(m_wakeupFlowsLock);
                if (!m_wakeupFlows.empty())
                    event->setFlow(m_wakeupFlows.front());
            }
        }
        if (ready >= 0)
            return ready;
        if (err != EINTR) {
            errno = err;
            return -1;
        }
        // Same fds, same timeout: libvirt does not recompute it.
        if (auto event = m_tracer.probe<EventKind::PollRetry>())
            event->setErrno(err).setTimeout(timeout);
    }
}

void EventPoll::dispatchTimeouts(Lock &lock)
{
    // Timers added by callbacks during this pass wait for the next iteration.
    const size_t ntimeouts = m_timeoutsCount;
    const int64_t now = m_clock.nowMs();
    if (auto event = m_tracer.probe<EventKind::DispatchTimeouts>())
        event->setTimeouts(int(ntimeouts));

    for (size_t i = 0; i < ntimeouts; ++i) {
        // Re-read through the array each time: a callback may have reallocated it.
        Timeout &timeout = m_timeouts[i];
        if (timeout.deleted || timeout.frequency < 0)
            continue;
        if (timeout.expiresAt > now + kEarlyFireMs)
            continue;
        const TimeoutCallback cb = timeout.cb;
        const int timer = timeout.timer;
        void *opaque = timeout.opaque;
        const char *callbackName = timeout.callbackName;
        // No catch-up: missed periods are dropped.
        timeout.expiresAt = now + timeout.frequency;
        const int64_t expiresAt = timeout.expiresAt;
        const int frequency = timeout.frequency;

        // Recorded under the lock, where the decision is made: a removal traced after
        // this point came too late to stop the callback.
        if (auto event = m_tracer.probe<EventKind::DispatchTimeoutBegin>()) {
            event->setTimer(timer).setFrequency(frequency).setExpiresAt(expiresAt);
            event->setText(callbackName);
        }
        lock.unlock();
        m_stepControl.checkpoint(LoopBoundary::BeforeDispatchTimeout, timer);
        cb(timer, opaque);
        if (auto event = m_tracer.probe<EventKind::DispatchTimeoutEnd>())
            event->setTimer(timer);
        lock.lock();
    }
}

void EventPoll::dispatchHandles(Lock &lock, int nfds)
{
    if (auto event = m_tracer.probe<EventKind::DispatchHandles>())
        event->setNfds(nfds).setHandles(int(m_handlesCount));

    // Two cursors: n over the poll set, i over the records. Handles added during
    // dispatch are appended after the polled ones, and nfds bounds the walk.
    size_t i = 0;
    for (int n = 0; n < nfds && i < m_handlesCount; ++n) {
        const pollfd polled = m_pollFds[size_t(n)];
        // The bound is tested before the record is read (0.9.0 read one past the end).
        while (i < m_handlesCount && (m_handles[i].fd != polled.fd || m_handles[i].events == 0))
            ++i;
        if (i == m_handlesCount) {
            if (auto event = m_tracer.probe<EventKind::DispatchStopped>()) {
                event->setFd(polled.fd).setRevents(polled.revents).setNfds(nfds - n);
            }
            break;
        }
        const Handle &handle = m_handles[i];
        if (handle.deleted) {
            if (polled.revents) {
                if (auto event = m_tracer.probe<EventKind::DispatchSkipDeleted>()) {
                    event->setWatch(handle.watch).setFd(polled.fd).setRevents(polled.revents);
                    event->setText(handle.callbackName);
                }
            }
            continue;
        }
        if (!polled.revents)
            continue;

        const HandleCallback cb = handle.cb;
        const int watch = handle.watch;
        void *opaque = handle.opaque;
        const char *callbackName = handle.callbackName;
        const int events = fromNativeEvents(polled.revents);

        if (auto event = m_tracer.probe<EventKind::DispatchHandleBegin>()) {
            event->setWatch(watch).setFd(polled.fd).setEvents(events).setRevents(polled.revents);
            event->setText(callbackName);
        }
        lock.unlock();
        m_stepControl.checkpoint(LoopBoundary::BeforeDispatchHandle, watch);
        cb(watch, polled.fd, events, opaque);
        if (auto event = m_tracer.probe<EventKind::DispatchHandleEnd>())
            event->setWatch(watch).setFd(polled.fd);
        lock.lock();
    }
}

int EventPoll::interruptLocked()
{
    if (!m_running || m_leader == std::this_thread::get_id()) {
        // Nothing to wake: no poll in progress, or we are the loop thread itself,
        // which rebuilds its poll set before it polls again.
        if (auto event = m_tracer.probe<EventKind::Interrupt>()) {
            event->setResult(0).setBytes(0);
            event->setReason(m_running ? EventReason::InterruptFromLoopThread : EventReason::InterruptLoopNotRunning);
        }
        return 0;
    }
    // As in libvirt, the byte is written here, under the loop lock, by the thread
    // that changed the loop (a worker also holds its client's lock). The event is
    // opened before the byte goes into the pipe, and the flow queued: the loop may
    // wake up, and record its poll return, the moment the byte is there.
    auto event = m_tracer.probe<EventKind::Interrupt>();
    uint64_t flow = 0;
    if (event) {
        flow = event->flow() ? event->flow() : m_tracer.newFlow();
        std::lock_guard guard(m_wakeupFlowsLock);
        m_wakeupFlows.push_back(flow);
    }
    const char byte = '\0';
    const ssize_t written = writeRetryingOnEintr(m_wakeupFd[1], &byte, 1);
    const int err = errno;
    if (written != 1 && flow) {
        // No byte, so no wakeup will take this flow; the loop lock kept any other
        // interrupt from queueing one behind it.
        std::lock_guard guard(m_wakeupFlowsLock);
        m_wakeupFlows.pop_back();
    }
    if (event) {
        event->setFlow(written == 1 ? flow : 0);
        event->setFd(m_wakeupFd[1]).setBytes(written == 1 ? 1 : 0).setResult(written == 1 ? 0 : -1);
        if (written != 1) {
            event->setErrno(err);
            event->setReason(EventReason::InterruptWriteFailed);
        }
    }
    return written == 1 ? 0 : -1;
}

void EventPoll::wakeForStepControl()
{
    // Only a loop asleep in another thread's poll() needs waking; anything else
    // reaches a boundary by itself, and a skipped write would only be noise.
    // The lock is taken politely: a thread held for a learner's answer may have it,
    // and then the loop is left to hold at its next boundary by itself.
    Lock lock(m_lock, std::defer_lock);
    while (!lock.try_lock()) {
        if (m_stepControl.wakesHeldBack())
            return;
        std::this_thread::yield();
    }
    if (!m_running || m_leader == std::this_thread::get_id())
        return;
    // This byte is pollscope's, not libvirt's: it is recorded as a control event on
    // a lane of its own, and queued with no flow, so that the poll return and the
    // drain it causes join no libvirt causal chain.
    ThreadNames::Scope control(ThreadNames::kControl);
    auto event = m_tracer.probe<EventKind::ControlWakeup>();
    if (event) {
        std::lock_guard guard(m_wakeupFlowsLock);
        m_wakeupFlows.push_back(0);
    }
    const char byte = '\0';
    const ssize_t written = writeRetryingOnEintr(m_wakeupFd[1], &byte, 1);
    const int err = errno;
    if (written != 1 && event) {
        std::lock_guard guard(m_wakeupFlowsLock);
        m_wakeupFlows.pop_back();
    }
    if (event) {
        event->setFlow(0);
        event->setFd(m_wakeupFd[1]).setBytes(written == 1 ? 1 : 0).setResult(written == 1 ? 0 : -1);
        if (written != 1) {
            event->setErrno(err);
            event->setReason(EventReason::InterruptWriteFailed);
        }
    }
}

int EventPoll::interrupt()
{
    Lock lock(m_lock);
    return interruptLocked();
}

void EventPoll::handleWakeup(int /*watch*/, int fd, int /*events*/, void *opaque)
{
    auto *self = static_cast<EventPoll *>(opaque);
    Lock lock(self->m_lock);
    // Exactly one byte per call: with several pending, the loop runs several short
    // iterations, draining one each, as libvirt does.
    char byte;
    const ssize_t n = readRetryingOnEintr(fd, &byte, 1);
    uint64_t flow = 0;
    if (n == 1) {
        std::lock_guard guard(self->m_wakeupFlowsLock);
        if (!self->m_wakeupFlows.empty()) {
            flow = self->m_wakeupFlows.front();
            self->m_wakeupFlows.pop_front();
        }
    }
    if (auto event = self->m_tracer.probe<EventKind::HandleWakeup>()) {
        event->setFd(fd).setBytes(n > 0 ? n : 0);
        if (flow)
            event->setFlow(flow);
        if (n != 1)
            event->setReason(EventReason::WakeupPipeEmpty);
    }
}

LoopState EventPoll::state() const
{
    Lock lock(m_lock);
    LoopState state;
    state.running = m_running;
    state.leader = m_leader;
    state.wakeupFds[0] = m_wakeupFd[0];
    state.wakeupFds[1] = m_wakeupFd[1];
    state.handlesAlloc = m_handles.size();
    state.timeoutsAlloc = m_timeouts.size();
    state.iterations = m_iterations;
    for (size_t i = 0; i < m_handlesCount; ++i) {
        const Handle &h = m_handles[i];
        state.handles.push_back({h.watch, h.fd, fromNativeEvents(h.events), h.deleted, h.callbackName});
    }
    for (size_t i = 0; i < m_timeoutsCount; ++i) {
        const Timeout &t = m_timeouts[i];
        state.timeouts.push_back({t.timer, t.frequency, t.expiresAt, t.deleted, t.callbackName});
    }
    return state;
}

} // namespace pollscope
