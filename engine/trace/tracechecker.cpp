#include "tracechecker.h"

#include "loopreplay.h"
#include "tracefieldnames.h"

#include <algorithm>
#include <csignal>
#include <map>
#include <set>
#include <sstream>
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

class Checker
{
public:
    explicit Checker(const TraceSession &session) : m_session(session) {}

    std::vector<TraceViolation> run();

private:
    void violate(size_t index, const char *rule, std::string message)
    {
        m_violations.push_back({index, rule, std::move(message)});
    }
    std::string ref(size_t index) const { return "#" + std::to_string(m_session.events[index].seq); }

    void checkOrder(size_t index, const TraceEvent &event);
    void checkFields(size_t index, const TraceEvent &event);
    void checkIds(size_t index, const TraceEvent &event);
    void checkLoopState(size_t index);
    void checkInterrupts(size_t index, const TraceEvent &event);
    void checkSpans(size_t index, const TraceEvent &event);
    void checkClients(size_t index, const TraceEvent &event);
    void checkRequestsTaken(size_t index, const TraceEvent &event);

    const TraceSession &m_session;
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
};

void Checker::checkOrder(size_t index, const TraceEvent &event)
{
    if (index > 0 && event.seq != m_session.events[index - 1].seq + 1)
        violate(index, "total-order",
                "seq " + std::to_string(event.seq) + " follows " + std::to_string(m_session.events[index - 1].seq)
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

void Checker::checkInterrupts(size_t index, const TraceEvent &event)
{
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
        if (open.empty() || endOfSpan(m_session.events[open.back()].kind) != event.kind) {
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
    const ClientStage stage = eventKindInfo(event.kind).clientStage;
    switch (stage) {
    case ClientStage::Registered:
        m_registered[client] = index;
        break;
    case ClientStage::Dispatched:
    case ClientStage::Read:
    case ClientStage::Request:
        if (!m_registered.count(client))
            violate(index, "client-registered-before-read",
                    "client " + std::to_string(client) + " is read before qemudRegisterClientEvent added its handle");
        break;
    case ClientStage::Failed:
        m_failed.emplace(client, index);
        break;
    case ClientStage::Freed:
        if (!m_failed.count(client))
            violate(index, "client-freed-after-failure", "client " + std::to_string(client) + " is freed but never failed");
        m_freedClients[client] = index;
        break;
    case ClientStage::Written:
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
        const int64_t waitedNs = event.timeNs - m_session.events[received].timeNs;
        if (received > m_lastJobBegin && waitedNs >= kLostSignalNs)
            violate(received, "requests-reach-a-worker",
                    "client " + std::to_string(request.first) + "'s request (serial " + std::to_string(request.second)
                        + ") was never taken by a worker: for the " + std::to_string(waitedNs / 1000000)
                        + " ms from its arrival to the daemon's decision to quit at " + ref(index)
                        + ", no worker was busy or started a job");
    }
}

std::vector<TraceViolation> Checker::run()
{
    for (size_t i = 0; i < m_session.events.size(); ++i) {
        const TraceEvent &event = m_session.events[i];
        m_loop.apply(event);
        checkOrder(i, event);
        checkFields(i, event);
        checkIds(i, event);
        checkLoopState(i);
        checkInterrupts(i, event);
        checkSpans(i, event);
        checkClients(i, event);
        checkRequestsTaken(i, event);
    }
    return std::move(m_violations);
}

} // namespace

std::vector<TraceViolation> checkTrace(const TraceSession &session)
{
    return Checker(session).run();
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
