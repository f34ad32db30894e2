#include "eventkind.h"

#include "tracefields.h"

#include <array>

namespace pollscope {

namespace {

constexpr std::array<EventKindInfo, size_t(EventKind::Count)> makeKinds()
{
    using namespace TraceField;
    return {{
#define POLLSCOPE_KIND_INFO(Enum, name, function, probe, family, shape, mark, span, stage, fields, call)             \
    {name, function, probe, EventFamily::family, EventShape::shape, EventMark::mark, EventSpan::span, ClientStage::stage, \
     uint32_t(fields), CallStep::call},
        POLLSCOPE_EVENT_KINDS(POLLSCOPE_KIND_INFO)
#undef POLLSCOPE_KIND_INFO
    }};
}

constexpr std::array<EventKindInfo, size_t(EventKind::Count)> kKinds = makeKinds();

constexpr bool spansOnlyOnBegins()
{
    for (const EventKindInfo &info : kKinds) {
        if ((info.span != EventSpan::None) != (info.shape == EventShape::Begin))
            return false;
    }
    return true;
}
static_assert(spansOnlyOnBegins(), "every Begin kind opens a span, and only Begin kinds do");

constexpr bool endsFollowTheirBegins()
{
    for (size_t i = 0; i < kKinds.size(); ++i) {
        const bool isEnd = kKinds[i].shape == EventShape::End;
        const bool afterBegin = i > 0 && kKinds[i - 1].shape == EventShape::Begin;
        if (isEnd != afterBegin)
            return false;
    }
    return true;
}
static_assert(endsFollowTheirBegins(), "each End kind comes right after the Begin kind whose span it closes");

} // namespace

const EventKindInfo &eventKindInfo(EventKind kind)
{
    return kKinds[size_t(kind)];
}

EventKind endOfSpan(EventKind begin)
{
    return EventKind(size_t(begin) + 1);
}

EventKind beginOfSpan(EventKind end)
{
    return EventKind(size_t(end) - 1);
}

EventSpan spanEndedBy(EventKind kind)
{
    const size_t index = size_t(kind);
    if (kKinds[index].shape != EventShape::End)
        return EventSpan::None;
    return kKinds[index - 1].span;
}

std::optional<EventKind> eventKindFromName(std::string_view name)
{
    for (size_t i = 0; i < kKinds.size(); ++i) {
        if (name == kKinds[i].name)
            return EventKind(i);
    }
    return std::nullopt;
}

const char *eventFamilyName(EventFamily family)
{
    switch (family) {
    case EventFamily::LoopPhase: return "loop";
    case EventFamily::Handle: return "handle";
    case EventFamily::Timer: return "timer";
    case EventFamily::Wakeup: return "wakeup";
    case EventFamily::Server: return "server";
    case EventFamily::Client: return "client";
    case EventFamily::Worker: return "worker";
    case EventFamily::Control: return "control";
    }
    return "unknown";
}

} // namespace pollscope
