#include "tracechecker.h"

#include "kindrules.h"
#include "loopreplay.h"
#include "tracefieldnames.h"

#include <algorithm>
#include <csignal>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>
#include <unordered_map>

namespace pollscope {

namespace {

// The steps after which libvirt calls virEventPollInterruptLocked: the changes of a
// handle or timeout record.
bool interruptsTheLoop(EventKind kind)
{
    switch (eventKindInfo(kind).mark) {
    case EventMark::HandleAdded:
    case EventMark::HandleUpdated:
    case EventMark::HandleRemoved:
    case EventMark::TimeoutAdded:
    case EventMark::TimeoutUpdated:
    case EventMark::TimeoutRemoved:
        return true;
    default:
        return false;
    }
}

// How long a request may wait untaken, with every worker idle, before the daemon
// quits: far more than a woken worker needs to be scheduled, even on a loaded
// machine under a sanitizer.
constexpr int64_t kLostSignalNs = 2'000'000'000;

// The events a check reads: a session's own, or a compact store's, decoded one at
// a time (a trace of tens of millions of events is checked in a sixth of the memory).
class CheckedEvents
{
public:
    explicit CheckedEvents(const std::vector<TraceEvent> &events) : m_events(&events) {}
    explicit CheckedEvents(const CompactEvents &events) : m_compact(&events) {}

    size_t size() const { return m_events ? m_events->size() : m_compact->size(); }
    TraceEvent operator[](size_t index) const { return m_events ? (*m_events)[index] : m_compact->at(index); }
    uint64_t seq(size_t index) const { return m_events ? (*m_events)[index].seq : m_compact->seq(index); }
    EventKind kind(size_t index) const { return m_events ? (*m_events)[index].kind : m_compact->kind(index); }
    int64_t timeNs(size_t index) const { return m_events ? (*m_events)[index].timeNs : m_compact->timeNs(index); }
    uint16_t thread(size_t index) const { return m_events ? (*m_events)[index].thread : m_compact->thread(index); }

private:
    const std::vector<TraceEvent> *m_events = nullptr;
    const CompactEvents *m_compact = nullptr;
};

class Checker
{
public:
    Checker(CheckedEvents events, const TraceSession &session) : m_events(events), m_session(session) {}

    std::vector<TraceViolation> run();

private:
    void violate(size_t index, const char *rule, std::string message)
    {
        m_violations.push_back({index, rule, std::move(message)});
    }
    std::string ref(size_t index) const { return "#" + std::to_string(m_events.seq(index)); }

    void checkOrder(size_t index, const TraceEvent &event);
    void checkFields(size_t index, const TraceEvent &event);
    void checkIds(size_t index, const TraceEvent &event);
    void checkLoopState(size_t index);
    void checkInterrupts(size_t index, const TraceEvent &event);
    void checkSpans(size_t index, const TraceEvent &event);
    void checkClients(size_t index, const TraceEvent &event);
    void checkRequestsTaken(size_t index, const TraceEvent &event);
    // A trace imported from a real libvirtd 9's log (origin kLibvirtdLogOrigin) is held
    // to the rules that 9's GLib loop and virNetServerClient keep; the rest are 0.9's.
    std::vector<TraceViolation> runLibvirt9();
    void checkGLibRecords(size_t index, const TraceEvent &event);
    void checkClientLifetimes(size_t index, const TraceEvent &event);
    void checkMessageChains(size_t index, const TraceEvent &event);
    void checkSpansEnded();
    void checkDomainEvents(size_t index, const TraceEvent &event);
    using EventRule = void (Checker::*)(size_t index, const TraceEvent &event);
    void noteCallbackRegistered(size_t index, const TraceEvent &event);
    void noteCallbackDeregistered(size_t index, const TraceEvent &event);
    void noteDomainEventQueued(size_t index, const TraceEvent &event);
    void checkEventMessageQueued(size_t index, const TraceEvent &event);
    void checkEventMessageSent(size_t index, const TraceEvent &event);
    void beginGap(size_t index);
    void noteGap(size_t index, const TraceEvent &event);
    std::vector<size_t> gapStarts() const;
    // Whether what is known of `client` holds since its accept, with no gap after it.
    bool clientFullyTraced(int client) const;

    const CheckedEvents m_events;
    const TraceSession &m_session; // its origin

    // Gaps (trace_lost): events of a thread were dropped there. A rule that follows a
    // client, a span or the loop's state across one would judge it on steps it cannot
    // see: such rules start over or hold back after a gap, so a gap is never reported
    // as a violation; the rules about what the trace does show go on.
    std::optional<size_t> m_lastGap;        // index of the latest trace_lost
    std::set<uint16_t> m_gappedThreads;     // threads whose span stacks are partial
    bool m_interruptsTrusted = true;        // false from a gap to the next RunOnceBegin
    std::map<int, size_t> m_accepted;       // client -> index of its accept
    std::vector<TraceViolation> m_violations;

    // The loop's state after the event being checked, replayed under libvirt's
    // rules (who runs the loop, whether it is inside virEventPollRunOnce, ...); its
    // findings are violations.
    LoopReplay m_loop;
    int m_lastWatch = 0;
    int m_lastTimer = 0;

    // A mutation waiting for its interrupt, per thread: index and whether one must be written.
    std::unordered_map<uint16_t, std::pair<size_t, bool>> m_pendingInterrupt;

    std::unordered_map<uint16_t, std::vector<size_t>> m_openSpans;
    std::map<int, size_t> m_registered;   // client -> index of RegisterClientEvent
    std::map<int, size_t> m_failed;       // client -> index of its first ClientFailure
    std::map<int, size_t> m_freedClients; // client -> index of FreeClient

    // Requests received and not yet taken by a worker: (client, serial) -> index of
    // their message_received, one entry per request.
    std::multimap<std::pair<int, int64_t>, size_t> m_untakenRequests;
    std::set<uint16_t> m_busyWorkers; // threads inside a worker job
    size_t m_lastJobBegin = 0;
    bool m_quitSeen = false;

    // libvirtd 9: watches and timers by id -> whether removed, and the clients' lives.
    std::map<std::pair<bool, int>, bool> m_records; // (is a watch, id) -> removed
    std::map<int, int> m_clientWatches;             // client -> its watch, while added
    std::set<int> m_closedClients;
    std::map<uint64_t, EventKind> m_chainStep;      // flow -> the last receive/queue/send step in it
    // Domain events: each client's registered callback ids; the state changes that
    // queued an event, by flow; the event messages on transmit queues, as (client,
    // callback, flow) -> index of their event_message_queued.
    std::map<int, std::set<int>> m_eventCallbacks;
    std::map<uint64_t, size_t> m_domainEvents;
    std::multimap<std::tuple<int, int, uint64_t>, size_t> m_queuedEventMessages;
};

void Checker::checkOrder(size_t index, const TraceEvent &event)
{
    if (index > 0 && event.seq != m_events.seq(index - 1) + 1)
        violate(index, "total-order",
                "seq " + std::to_string(event.seq) + " follows " + std::to_string(m_events.seq(index - 1))
                    + ": events are missing or out of order");
}

void Checker::checkFields(size_t index, const TraceEvent &event)
{
    const EventKindInfo &info = eventKindInfo(event.kind);
    const uint32_t extra = event.present & ~info.fields;
    if (extra == 0)
        return;
    std::string names;
    const std::vector<std::string_view> fieldNames = traceFieldNames();
    for (size_t bit = 0; bit < fieldNames.size(); ++bit) {
        if (extra & (1u << bit))
            names += (names.empty() ? "" : ", ") + std::string(fieldNames[bit]);
    }
    violate(index, "fields-of-the-kind", std::string(info.name) + " carries " + names + ", which its kind does not declare");
}

void Checker::checkIds(size_t index, const TraceEvent &event)
{
    if (event.kind == EventKind::AddHandle && event.has(TraceField::Watch)) {
        if (event.watch <= m_lastWatch)
            violate(index, "ids-never-reused",
                    "watch " + std::to_string(event.watch) + " was given out again (the last new watch was "
                        + std::to_string(m_lastWatch) + ")");
        m_lastWatch = std::max(m_lastWatch, event.watch);
    }
    if (event.kind == EventKind::AddTimeout && event.has(TraceField::Timer)) {
        if (event.timer <= m_lastTimer)
            violate(index, "ids-never-reused",
                    "timer " + std::to_string(event.timer) + " was given out again (the last new timer was "
                        + std::to_string(m_lastTimer) + ")");
        m_lastTimer = std::max(m_lastTimer, event.timer);
    }
}

void Checker::checkLoopState(size_t index)
{
    for (const LoopFinding &finding : m_loop.findings()) {
        // After a gap the replay misses steps; only what the trace shows of one record
        // after its removal, purge or free still proves a broken rule.
        const bool provenAcrossGaps = finding.kind == LoopFinding::Kind::DispatchOfDeleted
                                      || finding.kind == LoopFinding::Kind::PurgedTwice
                                      || finding.kind == LoopFinding::Kind::FreedTwice;
        if (m_lastGap && !provenAcrossGaps)
            continue;
        const bool handle = finding.record == LoopRecordType::Handle;
        const std::string what = (handle ? "watch " : "timer ") + std::to_string(finding.id);
        switch (finding.kind) {
        case LoopFinding::Kind::DispatchOfDeleted:
            violate(index, "no-dispatch-of-deleted",
                    what + (handle ? " is dispatched after " : " fires after ") + ref(finding.removedAt)
                        + " marked it deleted");
            break;
        case LoopFinding::Kind::PurgeNotRemoved:
            violate(index, "purge-only-deleted", what + " is purged but was never removed");
            break;
        case LoopFinding::Kind::PurgedTwice:
            violate(index, "purge-only-deleted", what + " is purged twice");
            break;
        case LoopFinding::Kind::FreeBeforePurge:
            violate(index, "free-callback-once-in-loop-thread", "the free callback of " + what + " runs before it was purged");
            break;
        case LoopFinding::Kind::FreedTwice:
            violate(index, "free-callback-once-in-loop-thread", "the free callback of " + what + " runs twice");
            break;
        case LoopFinding::Kind::FreeOutsideLoop:
            violate(index, "free-callback-once-in-loop-thread",
                    "the free callback of " + what + " runs outside the loop thread's iteration");
            break;
        case LoopFinding::Kind::PollSetMismatch:
            violate(index, "poll-set-matches-state",
                    "the poll set has " + std::to_string(finding.recorded) + " fds, but " + std::to_string(finding.replayed)
                        + " handles are live with events");
            break;
        case LoopFinding::Kind::UpdateOfUnknown:
            violate(index, "changes-find-their-record",
                    what + " is updated, as the trace records it, but it was never given out");
            break;
        case LoopFinding::Kind::RemovalOfUnknown:
            violate(index, "changes-find-their-record",
                    what + " is removed, as the trace records it, but no live record has it");
            break;
        case LoopFinding::Kind::HandlesWithoutReadyPoll:
            violate(index, "handles-only-after-ready-poll",
                    "handles are dispatched though poll returned " + std::to_string(finding.recorded));
            break;
        case LoopFinding::Kind::TimerAfterHandles:
            violate(index, "timers-before-handles", "a timer fires after the handle phase of this iteration began");
            break;
        case LoopFinding::Kind::WakeupOverdrained:
            violate(index, "wakeup-drained", "more wakeup bytes were drained than written");
            break;
        }
    }
}

void Checker::beginGap(size_t index)
{
    m_lastGap = index;
    m_interruptsTrusted = false;
    m_pendingInterrupt.clear();
}

void Checker::noteGap(size_t index, const TraceEvent &event)
{
    beginGap(index);
    m_gappedThreads.insert(event.thread);
}

std::vector<size_t> Checker::gapStarts() const
{
    // A thread's trace_lost takes its place where the thread records again (or at
    // the end of the file), but carries the time its first event was dropped: from
    // then on, other threads' steps may follow from what was lost (a worker updates
    // the watch whose add the loop thread lost). So the gap counts from the first
    // event after the thread's last recorded one that is not earlier than that time;
    // the first, not the last, as threads read the clock after taking their seq.
    std::vector<size_t> starts;
    std::unordered_map<uint16_t, size_t> nextAfterThread; // thread -> index after its latest event
    for (size_t i = 0; i < m_events.size(); ++i) {
        const uint16_t thread = m_events.thread(i);
        if (m_events.kind(i) == EventKind::TraceLost) {
            size_t start = nextAfterThread.contains(thread) ? nextAfterThread[thread] : 0;
            while (m_events.timeNs(start) < m_events.timeNs(i))
                ++start;
            starts.push_back(start);
        }
        nextAfterThread[thread] = i + 1;
    }
    std::sort(starts.begin(), starts.end());
    return starts;
}

bool Checker::clientFullyTraced(int client) const
{
    if (!m_lastGap)
        return true;
    const auto accepted = m_accepted.find(client);
    return accepted != m_accepted.end() && accepted->second > *m_lastGap;
}

void Checker::checkInterrupts(size_t index, const TraceEvent &event)
{
    // After a gap, whether the loop runs and who leads it is known again at its next iteration.
    if (event.kind == EventKind::RunOnceBegin)
        m_interruptsTrusted = true;
    if (!m_interruptsTrusted)
        return;
    if (interruptsTheLoop(event.kind) && (event.kind == EventKind::AddHandle || event.kind == EventKind::AddTimeout
                                   || event.result == 0)) {
        // Recorded under the loop lock, like the interrupt that follows, so the
        // loop's state here is the state InterruptLocked saw.
        const bool mustWrite = m_loop.running && event.thread != m_loop.leaderThread;
        m_pendingInterrupt[event.thread] = {index, mustWrite};
        return;
    }
    if (event.kind != EventKind::Interrupt)
        return;
    const bool wrote = event.has(TraceField::Bytes) && event.bytes == 1;
    const auto pending = m_pendingInterrupt.find(event.thread);
    if (pending == m_pendingInterrupt.end())
        return; // a plain virEventPollInterrupt
    const auto [mutation, mustWrite] = pending->second;
    m_pendingInterrupt.erase(pending);
    const bool failedWrite = event.has(TraceField::Result) && event.result == -1;
    if (mustWrite && !wrote && !failedWrite)
        violate(index, "interrupt-when-polling",
                ref(mutation) + " changed the loop from another thread while it was running, but no wakeup byte was written");
    if (!mustWrite && wrote)
        violate(index, "interrupt-when-polling",
                "a wakeup byte was written for " + ref(mutation) + ", though the loop was not running or the caller was the loop thread");
}

void Checker::checkSpans(size_t index, const TraceEvent &event)
{
    const EventShape shape = eventKindInfo(event.kind).shape;
    auto &open = m_openSpans[event.thread];
    if (shape == EventShape::Begin) {
        open.push_back(index);
    } else if (shape == EventShape::End) {
        if (open.empty() || endOfSpan(m_events.kind(open.back())) != event.kind) {
            if (m_gappedThreads.count(event.thread)) {
                // Begins or ends of this thread may be in a gap: close the innermost
                // span this end matches, if any, and say nothing.
                const auto match = std::find_if(open.rbegin(), open.rend(), [&](size_t begin) {
                    return endOfSpan(m_events.kind(begin)) == event.kind;
                });
                if (match != open.rend())
                    open.erase(std::prev(match.base()), open.end());
                return;
            }
            violate(index, "spans-balanced",
                    std::string(eventKindInfo(event.kind).name) + " does not close the innermost open span of its thread");
            return;
        }
        open.pop_back();
    }
}

void Checker::checkClients(size_t index, const TraceEvent &event)
{
    if (!event.has(TraceField::Client))
        return;
    const int client = event.client;
    if (event.kind == EventKind::Accept)
        m_accepted[client] = index;
    const ClientStage stage = eventKindInfo(event.kind).clientStage;
    switch (stage) {
    case ClientStage::Registered:
        m_registered[client] = index;
        break;
    case ClientStage::Dispatched:
    case ClientStage::Read:
    case ClientStage::Request:
        if (!m_registered.count(client) && clientFullyTraced(client))
            violate(index, "client-registered-before-read",
                    "client " + std::to_string(client) + " is read before qemudRegisterClientEvent added its handle");
        break;
    case ClientStage::Failed:
        m_failed.emplace(client, index);
        break;
    case ClientStage::Freed:
        if (!m_failed.count(client) && clientFullyTraced(client))
            violate(index, "client-freed-after-failure", "client " + std::to_string(client) + " is freed but never failed");
        m_freedClients[client] = index;
        break;
    case ClientStage::Written:
    case ClientStage::Closed:
    case ClientStage::None:
        break;
    }
    if ((stage == ClientStage::Read || stage == ClientStage::Written) && m_freedClients.count(client))
        violate(index, "client-freed-after-failure", "client " + std::to_string(client) + " does I/O after it was freed");
}

void Checker::checkRequestsTaken(size_t index, const TraceEvent &event)
{
    const EventKindInfo &info = eventKindInfo(event.kind);
    if (info.clientStage == ClientStage::Request) {
        m_untakenRequests.emplace(std::pair{event.client, int64_t(event.serial)}, index);
        return;
    }
    if (info.span == EventSpan::WorkerJob) {
        m_busyWorkers.insert(event.thread);
        m_lastJobBegin = index;
        if (const auto it = m_untakenRequests.find({event.client, int64_t(event.serial)}); it != m_untakenRequests.end())
            m_untakenRequests.erase(it);
        return;
    }
    if (spanEndedBy(event.kind) == EventSpan::WorkerJob) {
        m_busyWorkers.erase(event.thread);
        return;
    }
    if (info.clientStage == ClientStage::Failed) {
        // A failed client's requests need no answer.
        std::erase_if(m_untakenRequests, [&event](const auto &request) { return request.first.first == event.client; });
        return;
    }
    const bool quitSignal = event.kind == EventKind::DispatchSignalEvent && event.has(TraceField::Signal)
                            && (event.signal == SIGINT || event.signal == SIGQUIT || event.signal == SIGTERM);
    if (!quitSignal && event.kind != EventKind::InactiveTimer)
        return;
    // The daemon decides to quit. A request still waiting is fine while workers are
    // busy, or took other requests after it came: it waits its turn. It is fine too
    // when it came just before: the worker its signal woke may not have run yet.
    // But with no worker busy, none having started anything since it was queued, and
    // seconds gone by, every worker has been waiting all along: the signal that
    // should have woken one was lost.
    if (std::exchange(m_quitSeen, true) || !m_busyWorkers.empty())
        return;
    for (const auto &[request, received] : m_untakenRequests) {
        const int64_t waitedNs = event.timeNs - m_events.timeNs(received);
        // A request from before a gap may have been taken in it.
        if (received > m_lastJobBegin && waitedNs >= kLostSignalNs && (!m_lastGap || received > *m_lastGap))
            violate(received, "requests-reach-a-worker",
                    "client " + std::to_string(request.first) + "'s request (serial " + std::to_string(request.second)
                        + ") was never taken by a worker: for the " + std::to_string(waitedNs / 1000000)
                        + " ms from its arrival to the daemon's decision to quit at " + ref(index)
                        + ", no worker was busy or started a job");
    }
}

void Checker::checkGLibRecords(size_t index, const TraceEvent &event)
{
    const EventKindInfo &info = eventKindInfo(event.kind);
    const bool handle = info.family == EventFamily::Handle;
    if (!(handle ? event.has(TraceField::Watch) : event.has(TraceField::Timer)))
        return;
    const int id = handle ? event.watch : event.timer;
    const std::pair key{handle, id};
    const std::string what = (handle ? "watch " : "timer ") + std::to_string(id);
    const auto record = m_records.find(key);
    const EventMark mark = info.mark;
    if (mark == EventMark::HandleAdded || mark == EventMark::TimeoutAdded) {
        m_records[key] = false;
    } else if (mark == EventMark::HandleUpdated || mark == EventMark::TimeoutUpdated || mark == EventMark::HandleRemoved
               || mark == EventMark::TimeoutRemoved) {
        // virEventGLib looks the id up among the records not yet removed.
        if (record == m_records.end() || record->second)
            violate(index, "changes-find-their-record", what + " is changed, but no live record has it");
        else if (mark == EventMark::HandleRemoved || mark == EventMark::TimeoutRemoved)
            record->second = true;
    } else if (info.span == EventSpan::HandleCallback || info.span == EventSpan::TimerCallback) {
        // Removal destroys the GSource at once: it is never dispatched again.
        if (record == m_records.end())
            violate(index, "changes-find-their-record", what + " is dispatched, but was never added");
        else if (record->second)
            violate(index, "no-dispatch-of-deleted", what + " is dispatched after its removal");
    } else if (mark == EventMark::HandlePurged || mark == EventMark::TimeoutPurged) {
        // The idle callback that frees the record is queued by the removal.
        if (record == m_records.end() || !record->second)
            violate(index, "purge-only-deleted", what + " is freed but was never removed");
        else
            m_records.erase(record);
    }
}

void Checker::checkClientLifetimes(size_t index, const TraceEvent &event)
{
    if (!event.has(TraceField::Client))
        return;
    const int client = event.client;
    const std::string who = "client " + std::to_string(client);
    const EventKindInfo &info = eventKindInfo(event.kind);
    if (info.mark == EventMark::HandleAdded) {
        m_clientWatches[client] = event.watch;
    } else if (info.mark == EventMark::HandleRemoved) {
        if (const auto watch = m_clientWatches.find(client); watch != m_clientWatches.end() && watch->second == event.watch)
            m_clientWatches.erase(watch);
    }
    switch (info.clientStage) {
    case ClientStage::Registered:
        m_registered[client] = index;
        break;
    case ClientStage::Request:
        if (!m_registered.count(client))
            violate(index, "client-registered-before-read",
                    who + " is read before virNetServerClientRegisterEvent added its handle");
        break;
    case ClientStage::Closed:
        m_closedClients.insert(client);
        break;
    case ClientStage::Freed:
        if (!m_closedClients.count(client))
            violate(index, "client-freed-after-close", who + " is freed but was never closed");
        if (m_clientWatches.count(client))
            violate(index, "client-freed-after-close", who + " is freed while its watch is still added");
        m_freedClients[client] = index;
        return;
    default:
        break;
    }
    // Receiving, queueing a reply and sending it are the I/O a freed client must not see.
    const bool messageStep = info.clientStage == ClientStage::Request || info.mark == EventMark::ReplyQueued
                             || event.kind == EventKind::MessageSent;
    if (m_freedClients.count(client) && messageStep)
        violate(index, "client-freed-after-close", who + " does I/O after it was freed");
}

void Checker::checkMessageChains(size_t index, const TraceEvent &event)
{
    if (!event.flow)
        return;
    // A call's chain: received, then its reply queued, then the reply sent, in that order.
    const EventKind before = event.kind == EventKind::ReplyQueued ? EventKind::MessageReceived
                           : event.kind == EventKind::MessageSent ? EventKind::ReplyQueued
                                                                  : EventKind::Count;
    if (event.kind == EventKind::MessageReceived) {
        if (m_chainStep.count(event.flow))
            violate(index, "replies-follow-requests", "a message is received into a chain that already has one");
        m_chainStep[event.flow] = event.kind;
    } else if (before != EventKind::Count) {
        const auto step = m_chainStep.find(event.flow);
        if (step == m_chainStep.end() || step->second != before)
            violate(index, "replies-follow-requests",
                    std::string(eventKindInfo(event.kind).name) + " does not follow the chain's "
                        + eventKindInfo(before).name);
        m_chainStep[event.flow] = event.kind;
    }
}

void Checker::checkSpansEnded()
{
    // The importer ends every span where the log shows the next step, or at its end.
    for (const auto &[thread, open] : m_openSpans) {
        for (const size_t index : open)
            violate(index, "spans-balanced",
                    std::string(eventKindInfo(m_events.kind(index)).name) + " never ends");
    }
}

std::vector<TraceViolation> Checker::runLibvirt9()
{
    for (size_t i = 0; i < m_events.size(); ++i) {
        const TraceEvent event = m_events[i];
        checkOrder(i, event);
        checkIds(i, event);
        checkGLibRecords(i, event);
        checkSpans(i, event);
        checkClientLifetimes(i, event);
        checkMessageChains(i, event);
    }
    checkSpansEnded();
    return std::move(m_violations);
}

// Every event message sent was queued after the state change that caused it (the
// domain_event_queued of the same flow), and only to a client that had a callback
// registered at that moment.
void Checker::noteCallbackRegistered(size_t, const TraceEvent &event)
{
    m_eventCallbacks[event.client].insert(event.result);
}

void Checker::noteCallbackDeregistered(size_t, const TraceEvent &event)
{
    m_eventCallbacks[event.client].erase(event.result);
}

void Checker::noteDomainEventQueued(size_t index, const TraceEvent &event)
{
    m_domainEvents.emplace(event.flow, index);
}

void Checker::checkEventMessageQueued(size_t index, const TraceEvent &event)
{
    // Its cause, or the callback's registration, may be in a gap.
    if (m_lastGap) {
        m_queuedEventMessages.emplace(std::tuple{event.client, event.result, event.flow}, index);
        return;
    }
    if (!m_domainEvents.count(event.flow))
        violate(index, "events-follow-their-cause",
                "an event message is queued for client " + std::to_string(event.client)
                    + " before any state change of its flow queued a domain event");
    const auto registered = m_eventCallbacks.find(event.client);
    if (registered == m_eventCallbacks.end() || !registered->second.count(event.result))
        violate(index, "events-follow-their-cause",
                "an event message for callback " + std::to_string(event.result) + " is queued for client "
                    + std::to_string(event.client) + ", which has no such callback registered");
    m_queuedEventMessages.emplace(std::tuple{event.client, event.result, event.flow}, index);
}

void Checker::checkEventMessageSent(size_t index, const TraceEvent &event)
{
    const auto queued = m_queuedEventMessages.find({event.client, event.result, event.flow});
    if (queued == m_queuedEventMessages.end() && !m_lastGap)
        violate(index, "events-follow-their-cause",
                "an event message for callback " + std::to_string(event.result) + " is sent to client "
                    + std::to_string(event.client) + " without having been queued for it");
    else
        m_queuedEventMessages.erase(queued);
}

void Checker::checkDomainEvents(size_t index, const TraceEvent &event)
{
    static constexpr auto rules = kindRules<EventRule>({
        {EventKind::EventCallbackRegistered, &Checker::noteCallbackRegistered},
        {EventKind::EventCallbackDeregistered, &Checker::noteCallbackDeregistered},
        {EventKind::DomainEventQueued, &Checker::noteDomainEventQueued},
        {EventKind::EventMessageQueued, &Checker::checkEventMessageQueued},
        {EventKind::EventMessageSent, &Checker::checkEventMessageSent},
    });
    if (const EventRule rule = rules[size_t(event.kind)])
        (this->*rule)(index, event);
}

std::vector<TraceViolation> Checker::run()
{
    if (m_session.origin == kLibvirtdLogOrigin)
        return runLibvirt9();
    const std::vector<size_t> gaps = gapStarts();
    auto nextGap = gaps.begin();
    for (size_t i = 0; i < m_events.size(); ++i) {
        const TraceEvent event = m_events[i];
        for (; nextGap != gaps.end() && *nextGap == i; ++nextGap)
            beginGap(i);
        m_loop.apply(event);
        if (event.kind == EventKind::TraceLost)
            noteGap(i, event);
        checkOrder(i, event);
        checkFields(i, event);
        checkIds(i, event);
        checkLoopState(i);
        checkInterrupts(i, event);
        checkSpans(i, event);
        checkClients(i, event);
        checkRequestsTaken(i, event);
        checkDomainEvents(i, event);
    }
    return std::move(m_violations);
}

} // namespace

std::vector<TraceViolation> checkTrace(const TraceSession &session)
{
    return Checker(CheckedEvents(session.events), session).run();
}

std::vector<TraceViolation> checkTrace(const CompactEvents &events, const TraceSession &session)
{
    return Checker(CheckedEvents(events), session).run();
}

std::string describeEvent(const TraceSession &session, const TraceEvent &event)
{
    std::ostringstream out;
    out << '#' << event.seq << ' ' << (event.thread < session.threadNames.size() ? session.threadNames[event.thread] : "?")
        << ' ' << eventKindInfo(event.kind).name;
#define POLLSCOPE_DESCRIBE_FIELD(type, member, Flag, json)      \
    if (event.present & TraceField::Flag)                       \
        out << ' ' << json << '=' << int64_t(event.member);
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_DESCRIBE_FIELD)
#undef POLLSCOPE_DESCRIBE_FIELD
    if (event.reason != EventReason::None)
        out << " reason=" << eventReasonInfo(event.reason).code;
    if (const std::string message = englishMessage(event); !message.empty())
        out << " \"" << message << '"';
    return out.str();
}

} // namespace pollscope
