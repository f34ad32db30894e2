#include "eventkind.h"

#include <array>

namespace pollscope {

namespace {

constexpr std::array<EventKindInfo, size_t(EventKind::Count)> kKinds = {{
#define POLLSCOPE_KIND_INFO(Enum, name, function, probe, family, shape) \
    {name, function, probe, EventFamily::family, EventShape::shape},
    POLLSCOPE_EVENT_KINDS(POLLSCOPE_KIND_INFO)
#undef POLLSCOPE_KIND_INFO
}};

} // namespace

const EventKindInfo &eventKindInfo(EventKind kind)
{
    return kKinds[size_t(kind)];
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
