// The words for domain lifecycle events (VIR_DOMAIN_EVENT_*) and their details, as a
// scenario writes them (`wait_event: {event: suspended, detail: paused}`) and as the
// runner reports what came. The numbers are libvirt's virDomainEventType and its
// per-event detail enums; virsh prints the same words capitalised.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace pollscope {

struct LifecycleEventWords
{
    int32_t event;
    std::string_view word;
    std::span<const std::string_view> details; // indexed by the detail number
};

// Every lifecycle event, in number order.
std::span<const LifecycleEventWords> lifecycleEvents();
const LifecycleEventWords *findLifecycleEvent(std::string_view word);
const LifecycleEventWords *lifecycleEvent(int32_t event);
// "suspended paused", or the numbers for an event or detail that has no word.
std::string lifecycleEventText(int32_t event, int32_t detail);

} // namespace pollscope
