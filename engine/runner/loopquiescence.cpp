#include "loopquiescence.h"

#include "trace/threadnames.h"

namespace pollscope {

const TraceEvent *lastEventOf(const std::vector<TraceEvent> &events, uint16_t thread)
{
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->thread == thread)
            return &*it;
    }
    return nullptr;
}

bool loopAsleepInPoll(const std::vector<TraceEvent> &events)
{
    const TraceEvent *last = lastEventOf(events, ThreadNames::idOf("loop"));
    if (!last || last->kind != EventKind::PollBegin)
        return false;
    int64_t pendingWakeups = 0;
    for (const TraceEvent &event : events) {
        const bool written = event.kind == EventKind::Interrupt || event.kind == EventKind::ControlWakeup;
        if (written && event.has(TraceField::Bytes))
            pendingWakeups += event.bytes;
        else if (event.kind == EventKind::HandleWakeup && event.has(TraceField::Bytes))
            pendingWakeups -= event.bytes;
    }
    return pendingWakeups == 0;
}

bool loopAsleepDuringCall(const std::vector<TraceEvent> &events, uint16_t worker, uint64_t flow)
{
    const TraceEvent *own = lastEventOf(events, worker);
    return own && own->kind == EventKind::RemoteDispatchBegin && own->flow == flow && loopAsleepInPoll(events);
}

bool daemonSettled(const std::vector<TraceEvent> &events)
{
    int openClients = 0;
    int openJobs = 0;
    for (const TraceEvent &event : events) {
        const EventKindInfo &info = eventKindInfo(event.kind);
        openClients += (info.clientStage == ClientStage::Registered) - (info.clientStage == ClientStage::Freed);
        openJobs += (info.span == EventSpan::WorkerJob) - (spanEndedBy(event.kind) == EventSpan::WorkerJob);
    }
    // A worker's last word to the loop is the wakeup byte of its handle update,
    // which loopAsleepInPoll() counts.
    return openClients == 0 && openJobs == 0 && loopAsleepInPoll(events);
}

} // namespace pollscope
