#include "lifecycleeventwords.h"

#include <algorithm>
#include <array>

namespace pollscope {

namespace {

constexpr std::array<std::string_view, 4> kDefined = {"added", "updated", "renamed", "from_snapshot"};
constexpr std::array<std::string_view, 2> kUndefined = {"removed", "renamed"};
constexpr std::array<std::string_view, 5> kStarted = {"booted", "migrated", "restored", "from_snapshot", "wakeup"};
constexpr std::array<std::string_view, 9> kSuspended = {"paused",   "migrated",      "ioerror",
                                                        "watchdog", "restored",      "from_snapshot",
                                                        "api_error", "postcopy",     "postcopy_failed"};
constexpr std::array<std::string_view, 5> kResumed = {"unpaused", "migrated", "from_snapshot", "postcopy",
                                                      "postcopy_failed"};
constexpr std::array<std::string_view, 7> kStopped = {"shutdown", "destroyed", "crashed",      "migrated",
                                                      "saved",    "failed",    "from_snapshot"};
constexpr std::array<std::string_view, 3> kShutdown = {"finished", "guest", "host"};
constexpr std::array<std::string_view, 2> kPmSuspended = {"memory", "disk"};
constexpr std::array<std::string_view, 2> kCrashed = {"panicked", "crashloaded"};

const std::array<LifecycleEventWords, 9> kEvents = {{
    {0, "defined", kDefined},
    {1, "undefined", kUndefined},
    {2, "started", kStarted},
    {3, "suspended", kSuspended},
    {4, "resumed", kResumed},
    {5, "stopped", kStopped},
    {6, "shutdown", kShutdown},
    {7, "pmsuspended", kPmSuspended},
    {8, "crashed", kCrashed},
}};

} // namespace

std::span<const LifecycleEventWords> lifecycleEvents()
{
    return kEvents;
}

const LifecycleEventWords *findLifecycleEvent(std::string_view word)
{
    const auto it = std::find_if(kEvents.begin(), kEvents.end(),
                                 [word](const LifecycleEventWords &event) { return event.word == word; });
    return it == kEvents.end() ? nullptr : &*it;
}

const LifecycleEventWords *lifecycleEvent(int32_t event)
{
    return event >= 0 && size_t(event) < kEvents.size() ? &kEvents[size_t(event)] : nullptr;
}

std::string lifecycleEventText(int32_t event, int32_t detail)
{
    const LifecycleEventWords *words = lifecycleEvent(event);
    std::string text = words ? std::string(words->word) : "event " + std::to_string(event);
    if (words && detail >= 0 && size_t(detail) < words->details.size())
        return text + " " + std::string(words->details[size_t(detail)]);
    return text + " detail " + std::to_string(detail);
}

} // namespace pollscope
