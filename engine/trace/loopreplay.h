// libvirt's `eventLoop` as a trace shows it, rebuilt by replaying the loop's events in
// order under the rules of virEventPoll (event_poll.c). This is the one place those
// rules are written for traces: the trace checker and the app's Loop state view both
// read this replay.
//
//   AddHandle / AddTimeout  append a record (arrays are in registration order)
//   Update*                 changes the record found by id, deleted or not
//   Remove*                 only marks the record deleted
//   Purge*                  removes the record (in a cleanup phase)
//   RunOnceBegin/End        set and clear `running`; RunOnceError leaves it set
//
// The members that mirror the engine's LoopState (engine/eventpoll/eventpoll.h) carry
// its names, so a test can compare the two field by field. The rest is what the trace
// adds: the poll set of the current iteration and what poll returned for each entry.
//
// Where the trace shows a step those rules forbid, the event's findings say which
// rule, for which record, with the numbers involved; the words are the reader's.
#pragma once

#include "traceevent.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace pollscope {

// Which of the loop's two arrays a finding is about.
enum class LoopRecordType : uint8_t { Handle, Timeout };

// A step of the trace that libvirt's loop rules forbid.
struct LoopFinding
{
    enum class Kind : uint8_t {
        DispatchOfDeleted, // the record's callback runs after its removal (`removedAt`)
        PurgeNotRemoved,   // cleanup purges a record that was never removed
        PurgedTwice,       // cleanup purges a record it had already purged
        FreeBeforePurge,   // a free callback runs for a record not purged yet
        FreedTwice,        // a record's free callback runs a second time
        FreeOutsideLoop,   // a free callback runs off the loop thread or outside an iteration
        PollSetMismatch,   // MakePollFDs polls `recorded` fds, the live records with events are `replayed`
        UpdateOfUnknown,   // an update the trace records as applied, of an id never given out
        RemovalOfUnknown,  // a removal the trace records as applied, with no live record of the id
        HandlesWithoutReadyPoll, // handles are dispatched though poll returned `recorded` (0 or less)
        TimerAfterHandles,       // a timer fires after the iteration's handle phase began
        WakeupOverdrained,       // more wakeup bytes drained than written
    };

    Kind kind;
    size_t eventIndex;     // the event that shows it
    LoopRecordType record; // which array
    int id;                // the watch or timer
    int64_t recorded = 0;  // PollSetMismatch: what the trace records
    int64_t replayed = 0;  // PollSetMismatch: what the replay holds
    size_t removedAt = 0;  // DispatchOfDeleted: the index of the removal

    bool operator==(const LoopFinding &) const = default;
};

class LoopReplay
{
public:
    struct Handle
    {
        int watch;
        int fd;
        int events; // VIR_EVENT_HANDLE_* bits, as LoopState reports them
        bool deleted;
        const char *callback; // the callback's name, as AddHandle recorded it
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
    std::optional<TraceEvent> heldBy; // the LoopPaused event, while step control holds the loop

    // The index of the last event applied, -1 before the first; and its time.
    ptrdiff_t position = -1;
    int64_t timeNs = 0;

    // Applies the next event of the trace.
    void apply(const TraceEvent &event);
    // What the event applied last shows against the loop's rules, usually nothing.
    const std::vector<LoopFinding> &findings() const { return m_findings; }

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
        int thread = -1; // the thread running the cleanup phase, -1 when none
        bool shrinkPending = false;
        bool slotPending = false; // a purged record still occupies its slot
        bool inFreeCallback = false;
    };

    // What the rules need to know of an id once its record may be gone.
    struct IdHistory
    {
        std::optional<size_t> removedAt;
        bool purged = false;
        bool freed = false;
    };

    // One of the two arrays' bookkeeping beyond the records themselves.
    struct ArrayHistory
    {
        // Whether the trace holds the array's whole life (its first id was 1): only
        // then is a missing record a finding.
        bool complete = false;
        bool added = false;
        std::map<int, IdHistory> ids; // only ids that were removed, purged or freed
    };

    // One rule per kind of event that changes the loop's state or can break a rule;
    // apply() looks it up, other kinds change nothing.
    using Rule = void (LoopReplay::*)(const TraceEvent &);
    static const std::array<Rule, size_t(EventKind::Count)> &rules();
    void onLoopInit(const TraceEvent &event);
    void onAddHandle(const TraceEvent &event);
    void onUpdateHandle(const TraceEvent &event);
    void onRemoveHandle(const TraceEvent &event);
    void onAddTimeout(const TraceEvent &event);
    void onUpdateTimeout(const TraceEvent &event);
    void onRemoveTimeout(const TraceEvent &event);
    void onRunOnceBegin(const TraceEvent &event);
    void onRunOnceEnd(const TraceEvent &event);
    void onCleanupTimeouts(const TraceEvent &event);
    void onCleanupHandles(const TraceEvent &event);
    void onPurgeTimeout(const TraceEvent &event);
    void onPurgeHandle(const TraceEvent &event);
    void onFreeCallbackBegin(const TraceEvent &event);
    void onMakePollFDs(const TraceEvent &event);
    void onCalculateTimeout(const TraceEvent &event);
    void onPollBegin(const TraceEvent &event);
    void onPollEnd(const TraceEvent &event);
    void onDispatchHandles(const TraceEvent &event);
    void onWakeupWritten(const TraceEvent &event); // Interrupt and ControlWakeup
    void onWakeupDrained(const TraceEvent &event);
    void onDispatchTimeoutBegin(const TraceEvent &event);
    void onDispatchHandleBegin(const TraceEvent &event);
    void onDispatchSkipDeleted(const TraceEvent &event);
    void onDispatchStopped(const TraceEvent &event);
    void onLoopPaused(const TraceEvent &event);
    void onLoopResumed(const TraceEvent &event);

    // `count` is the number of records shown, without a slot still pending.
    static void settleCleanup(CleanupTracking &tracking, size_t count, size_t &alloc, const TraceEvent &event,
                              uint32_t idField, EventKind purgeKind);
    void applyDispatch(const TraceEvent &event, PollOutcome outcome);
    void noteAdd(ArrayHistory &history, int id);
    void noteRemoval(ArrayHistory &history, LoopRecordType type, int id, bool markedLive);
    void noteUpdate(const ArrayHistory &history, LoopRecordType type, int id, bool found);
    void checkDispatch(const ArrayHistory &history, LoopRecordType type, int id);
    void notePurge(ArrayHistory &history, LoopRecordType type, int id);
    void noteFreeCallback(ArrayHistory &history, LoopRecordType type, int id, const TraceEvent &event);
    void checkPollSet(const TraceEvent &event);
    void report(LoopFinding::Kind kind, LoopRecordType type, int id);

    CleanupTracking m_handleCleanup;
    CleanupTracking m_timeoutCleanup;
    size_t m_dispatchCursor = 0; // the next poll set entry dispatch will look at
    bool m_inHandlePhase = false; // this iteration's DispatchHandles has begun
    int64_t m_wakeupsWritten = 0;
    int64_t m_wakeupsDrained = 0;
    ArrayHistory m_handleHistory;
    ArrayHistory m_timeoutHistory;
    std::vector<LoopFinding> m_findings;
};

} // namespace pollscope
