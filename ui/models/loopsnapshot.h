// libvirt's `eventLoop` as the trace shows it at one moment, rebuilt by replaying
// the loop's events in order, under the rules of virEventPoll (event_poll.c):
//
//   AddHandle / AddTimeout  append a record (arrays are in registration order)
//   Update*                 changes the record found by id, deleted or not
//   Remove*                 only marks the record deleted
//   Purge*                  removes the record (in a cleanup phase)
//   RunOnceBegin/End        set and clear `running`; RunOnceError leaves it set
//
// The members that mirror the engine's LoopState (engine/eventpoll/eventpoll.h)
// carry its names, so a test can compare the two field by field. The rest is what
// the trace adds: the poll set of the current iteration and what poll returned for
// each of its entries.
#pragma once

#include "trace/traceevent.h"

#include <QtGlobal>

#include <optional>
#include <vector>

namespace pollscope::ui {

struct LoopSnapshot
{
    struct Handle
    {
        int watch;
        int fd;
        int events; // VIR_EVENT_HANDLE_* bits, as LoopState reports them
        bool deleted;
        const char *callback; // the callback's name, from AddHandle's text
        bool operator==(const Handle &) const = default;
    };

    struct Timeout
    {
        int timer;
        int frequency;
        int64_t expiresAt; // monotonic ms, 0 when disabled
        bool deleted;
        const char *callback;
        bool operator==(const Timeout &) const = default;
    };

    // What became of one entry of the poll set in this iteration.
    enum class PollOutcome : uint8_t {
        Waiting,        // poll has not returned yet, or dispatch has not reached it
        Quiet,          // poll returned nothing for it
        Dispatched,     // ready, and its callback was called
        SkippedDeleted, // ready, but its record was deleted meanwhile: no callback
        Undispatched,   // dispatch stopped before it (see DispatchStopped)
    };

    // One entry of the poll set: a record that was polled, as it was at MakePollFDs.
    struct PollFd
    {
        int watch;
        int fd;
        int events;  // VIR_EVENT_HANDLE_* bits asked for
        int revents; // poll(2) bits returned, 0 until known
        PollOutcome outcome;
        bool operator==(const PollFd &) const = default;
    };

    // Mirrors LoopState.
    bool running = false;
    int leaderThread = -1; // trace thread id of the last RunOnceBegin, -1 before one
    int wakeupReadFd = -1;
    std::vector<Handle> handles;
    size_t handlesAlloc = 0;
    std::vector<Timeout> timeouts;
    size_t timeoutsAlloc = 0;
    int64_t iterations = 0;

    // The current iteration, or the last one once it has ended.
    std::vector<PollFd> pollFds;
    std::optional<int> pollTimeout; // ms, from CalculateTimeout; -1 is infinite
    std::optional<int> pollResult;  // what poll returned, once it has
    std::optional<EventKind> phase; // the last loop phase recorded
    const char *heldAt = nullptr;   // where step control holds the loop, if it does

    // The index of the last event applied, -1 before the first; and its time.
    qsizetype position = -1;
    int64_t timeNs = 0;

    // Applies the event at `index`, which must be position + 1.
    void apply(const TraceEvent &event, qsizetype index);

    const Handle *handle(int watch) const;
    const Timeout *timeout(int timer) const;
    const PollFd *pollFd(int watch) const;

private:
    // A cleanup phase releases array slots in steps the trace does not record one by
    // one: a purged record's slot is freed after its free callback returns, and the
    // array shrinks when the phase ends. This follows those steps, so that the
    // allocation sizes match the engine's at every event.
    struct CleanupTracking
    {
        int thread = -1;           // the thread running the cleanup phase, -1 when none
        bool shrinkPending = false;
        bool slotPending = false;  // a purged record still occupies its slot
        bool inFreeCallback = false;
    };

    // `count` is the number of records shown, without a slot still pending.
    static void settleCleanup(CleanupTracking &tracking, size_t count, size_t &alloc, const TraceEvent &event,
                              uint32_t idField, EventKind purgeKind);
    void applyDispatch(const TraceEvent &event, PollOutcome outcome);

    CleanupTracking m_handleCleanup;
    CleanupTracking m_timeoutCleanup;
    size_t m_dispatchCursor = 0; // the next poll set entry dispatch will look at
};

} // namespace pollscope::ui
