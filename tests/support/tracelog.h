// What a test drained from a Tracer, with the queries tests make on it.
#pragma once

#include "trace/tracer.h"

#include <functional>
#include <string>
#include <vector>

namespace pollscope::test {

class TraceLog
{
public:
    using Predicate = std::function<bool(const TraceEvent &)>;

    // Appends everything the tracer recorded since the last drain.
    void drainFrom(Tracer &tracer);
    void clear() { m_events.clear(); }

    const std::vector<TraceEvent> &events() const { return m_events; }
    int count(EventKind kind, const Predicate &matches = {}) const;
    // Index of the first matching event at or after `from`, or -1.
    int indexOf(EventKind kind, const Predicate &matches = {}, int from = 0) const;
    const TraceEvent *first(EventKind kind, const Predicate &matches = {}) const;
    // The kinds in order, as names, for readable failure messages.
    std::vector<std::string> kindNames() const;
    // One event per line, for printing when an assertion fails.
    std::string dump() const;

private:
    std::vector<TraceEvent> m_events;
};

// Predicates used all over the tests.
TraceLog::Predicate withWatch(int watch);
TraceLog::Predicate withTimer(int timer);

} // namespace pollscope::test
