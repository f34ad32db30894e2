#include "callalignment.h"

#include <map>

namespace pollscope {

namespace {

constexpr int32_t kCall = 0; // VIR_NET_CALL

} // namespace

std::vector<ClientCall> clientCalls(const TraceSession &session)
{
    std::vector<ClientCall> calls;
    std::map<int, int> ordinals;                       // the trace's client number -> order of first call
    std::map<int, int> counts;                         // the trace's client number -> calls so far
    std::map<uint64_t, size_t> byFlow;                 // flow -> call
    std::map<std::pair<int, uint32_t>, size_t> bySerial; // (client, serial) -> call awaiting its reply
    for (size_t i = 0; i < session.events.size(); ++i) {
        const TraceEvent &event = session.events[i];
        if (!event.has(TraceField::Client))
            continue;
        if (event.kind == EventKind::MessageReceived && event.has(TraceField::MsgType | TraceField::Serial)
            && event.msgType == kCall) {
            ClientCall call;
            call.client = ordinals.try_emplace(event.client, int(ordinals.size()) + 1).first->second;
            call.index = counts[event.client]++;
            call.proc = event.has(TraceField::Proc) ? event.proc : 0;
            call.serial = event.serial;
            call.flow = event.flow;
            call.received = i;
            if (event.flow)
                byFlow[event.flow] = calls.size();
            bySerial[{event.client, event.serial}] = calls.size();
            calls.push_back(call);
            continue;
        }
        if (event.kind != EventKind::ReplyQueued && event.kind != EventKind::MessageSent)
            continue;
        // By the client and the serial, which both daemons keep on a reply; else by the chain.
        std::optional<size_t> call;
        if (const auto found = bySerial.find({event.client, event.serial});
            event.has(TraceField::Serial) && found != bySerial.end())
            call = found->second;
        else if (const auto inChain = byFlow.find(event.flow); event.flow && inChain != byFlow.end())
            call = inChain->second;
        if (!call)
            continue;
        if (event.kind == EventKind::ReplyQueued && !calls[*call].queued)
            calls[*call].queued = i;
        else if (event.kind == EventKind::MessageSent && calls[*call].queued && !calls[*call].sent)
            calls[*call].sent = i;
    }
    return calls;
}

std::vector<std::pair<size_t, size_t>> alignCalls(const std::vector<ClientCall> &a, const std::vector<ClientCall> &b)
{
    std::map<std::pair<int, int>, size_t> inB;
    for (size_t i = 0; i < b.size(); ++i)
        inB.emplace(std::pair{b[i].client, b[i].index}, i);
    std::vector<std::pair<size_t, size_t>> pairs;
    for (size_t i = 0; i < a.size(); ++i) {
        if (const auto found = inB.find({a[i].client, a[i].index}); found != inB.end())
            pairs.emplace_back(i, found->second);
    }
    return pairs;
}

} // namespace pollscope
