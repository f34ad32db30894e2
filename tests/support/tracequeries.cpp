#include "tracequeries.h"

#include <thread>

namespace pollscope::test {

TraceLog::Predicate withClient(int client)
{
    return [client](const TraceEvent &e) { return e.has(TraceField::Client) && e.client == client; };
}

TraceLog::Predicate withText(const std::string &fragment)
{
    return [fragment](const TraceEvent &e) { return englishMessage(e).find(fragment) != std::string::npos; };
}

TraceLog::Predicate withReason(EventReason reason)
{
    return [reason](const TraceEvent &e) { return e.reason == reason; };
}

TraceLog::Predicate allOf(TraceLog::Predicate first, TraceLog::Predicate second)
{
    return [first, second](const TraceEvent &e) { return first(e) && second(e); };
}

bool waitForCount(DaemonFixture &daemon, EventKind kind, int count, const TraceLog::Predicate &matches,
                  std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        daemon.drain();
        if (daemon.log().count(kind, matches) >= count)
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        // As DaemonFixture::waitFor: the condition is polled until the daemon records it.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace pollscope::test
