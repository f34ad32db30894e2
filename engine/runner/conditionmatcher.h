// Matches trace events against a scenario's TraceCondition.
#pragma once

#include "scenario/scenario.h"
#include "trace/traceevent.h"

#include <bitset>
#include <optional>
#include <string>

namespace pollscope {

class ClientDirectory;

class ConditionMatcher
{
public:
    ConditionMatcher(const TraceCondition &condition, const ClientDirectory &clients);

    bool matches(const TraceEvent &event) const;
    // Whether an event of this kind could match.
    bool mayMatch(EventKind kind) const { return m_kinds.test(size_t(kind)); }
    // "accept with client=alice, watch=5": what is being looked for, in words.
    std::string describe() const;

private:
    const TraceCondition &m_condition;
    const ClientDirectory &m_clients;
    std::bitset<size_t(EventKind::Count)> m_kinds;
    std::optional<uint16_t> m_thread;
};

} // namespace pollscope
