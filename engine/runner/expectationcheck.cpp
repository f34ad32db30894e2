#include "expectationcheck.h"

#include "clientdirectory.h"
#include "conditionmatcher.h"

#include <algorithm>
#include <set>

namespace pollscope {

namespace {

constexpr size_t kContextEvents = 6;

std::vector<size_t> matchesOf(const ConditionMatcher &matcher, const std::vector<TraceEvent> &events)
{
    std::vector<size_t> found;
    for (size_t i = 0; i < events.size(); ++i) {
        if (matcher.matches(events[i]))
            found.push_back(i);
    }
    return found;
}

// The last few events of the run: where a missing event should have been.
std::vector<size_t> tail(const std::vector<TraceEvent> &events)
{
    std::vector<size_t> indexes;
    for (size_t i = events.size() > kContextEvents ? events.size() - kContextEvents : 0; i < events.size(); ++i)
        indexes.push_back(i);
    return indexes;
}

std::vector<size_t> firstFew(const std::vector<size_t> &indexes)
{
    return {indexes.begin(), indexes.begin() + ptrdiff_t(std::min(indexes.size(), kContextEvents))};
}

std::string timesText(int count)
{
    return std::to_string(count) + (count == 1 ? " time" : " times");
}

} // namespace

std::vector<ScenarioFailure> checkExpectations(const Scenario &scenario, const std::vector<TraceEvent> &events,
                                               const ClientDirectory &clients)
{
    std::vector<ScenarioFailure> failures;
    for (const Expectation &expectation : scenario.expectations) {
        switch (expectation.kind) {
        case Expectation::Kind::Occurs: {
            const ConditionMatcher matcher(expectation.condition, clients);
            const std::vector<size_t> found = matchesOf(matcher, events);
            const int count = int(found.size());
            if (count < expectation.atLeast) {
                failures.push_back({expectation.where,
                                    "expected " + matcher.describe() + " at least " + timesText(expectation.atLeast)
                                        + ", found " + timesText(count),
                                    found.empty() ? tail(events) : firstFew(found)});
            } else if (expectation.atMost && count > *expectation.atMost) {
                failures.push_back({expectation.where,
                                    "expected " + matcher.describe() + " at most " + timesText(*expectation.atMost)
                                        + ", found " + timesText(count),
                                    firstFew(found)});
            }
            break;
        }
        case Expectation::Kind::Before: {
            const ConditionMatcher first(expectation.condition, clients);
            const ConditionMatcher then(expectation.later, clients);
            const std::vector<size_t> firstFound = matchesOf(first, events);
            const std::vector<size_t> thenFound = matchesOf(then, events);
            if (firstFound.empty() || thenFound.empty()) {
                failures.push_back({expectation.where,
                                    "expected " + first.describe() + " before " + then.describe() + ", but "
                                        + (firstFound.empty() ? first.describe() : then.describe()) + " never happened",
                                    tail(events)});
            } else if (firstFound.front() > thenFound.front()) {
                failures.push_back({expectation.where,
                                    "expected " + first.describe() + " before " + then.describe()
                                        + ", but it came after",
                                    {thenFound.front(), firstFound.front()}});
            }
            break;
        }
        case Expectation::Kind::Disconnected: {
            const std::set<int> ids = clients.idsOf(expectation.clientName);
            std::vector<size_t> dropped;
            for (size_t i = 0; i < events.size(); ++i) {
                if (events[i].kind == EventKind::ClientFailure && ids.count(events[i].client))
                    dropped.push_back(i);
            }
            if (dropped.empty()) {
                failures.push_back({expectation.where,
                                    "expected client " + expectation.clientName + " to be disconnected, but it was not",
                                    tail(events)});
                break;
            }
            if (expectation.reasonContains) {
                const bool anyMatches = std::any_of(dropped.begin(), dropped.end(), [&](size_t i) {
                    return englishMessage(events[i]).find(*expectation.reasonContains) != std::string::npos;
                });
                if (!anyMatches)
                    failures.push_back({expectation.where,
                                        "client " + expectation.clientName + " was disconnected, but not because of \""
                                            + *expectation.reasonContains + "\"",
                                        firstFew(dropped)});
            }
            break;
        }
        }
    }
    return failures;
}

} // namespace pollscope
