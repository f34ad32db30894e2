#include "tracelog.h"

#include "trace/threadnames.h"

#include <sstream>

namespace pollscope::test {

void TraceLog::drainFrom(Tracer &tracer)
{
    tracer.drain(m_events);
}

int TraceLog::indexOf(EventKind kind, const Predicate &matches, int from) const
{
    for (size_t i = size_t(from); i < m_events.size(); ++i) {
        if (m_events[i].kind == kind && (!matches || matches(m_events[i])))
            return int(i);
    }
    return -1;
}

int TraceLog::count(EventKind kind, const Predicate &matches) const
{
    int n = 0;
    for (const TraceEvent &event : m_events) {
        if (event.kind == kind && (!matches || matches(event)))
            ++n;
    }
    return n;
}

const TraceEvent *TraceLog::first(EventKind kind, const Predicate &matches) const
{
    const int index = indexOf(kind, matches);
    return index < 0 ? nullptr : &m_events[size_t(index)];
}

std::vector<std::string> TraceLog::kindNames() const
{
    std::vector<std::string> names;
    for (const TraceEvent &event : m_events)
        names.emplace_back(eventKindInfo(event.kind).name);
    return names;
}

std::string TraceLog::dump() const
{
    const auto threads = ThreadNames::snapshot();
    std::ostringstream out;
    for (const TraceEvent &event : m_events) {
        out << '#' << event.seq << ' ' << (event.thread < threads.size() ? threads[event.thread] : "?") << ' '
            << eventKindInfo(event.kind).name;
        if (event.has(TraceField::Watch))
            out << " watch=" << event.watch;
        if (event.has(TraceField::Timer))
            out << " timer=" << event.timer;
        if (event.has(TraceField::Fd))
            out << " fd=" << event.fd;
        if (event.has(TraceField::Result))
            out << " result=" << event.result;
        if (event.flow)
            out << " flow=" << event.flow;
        if (const std::string message = englishMessage(event); !message.empty())
            out << " \"" << message << '"';
        out << '\n';
    }
    return out.str();
}

TraceLog::Predicate withWatch(int watch)
{
    return [watch](const TraceEvent &event) { return event.has(TraceField::Watch) && event.watch == watch; };
}

TraceLog::Predicate withTimer(int timer)
{
    return [timer](const TraceEvent &event) { return event.has(TraceField::Timer) && event.timer == timer; };
}

} // namespace pollscope::test
