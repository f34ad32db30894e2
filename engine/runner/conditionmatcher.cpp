#include "conditionmatcher.h"

#include "clientdirectory.h"
#include "trace/threadnames.h"
#include "trace/tracefieldnames.h"

#include <cstring>

namespace pollscope {

ConditionMatcher::ConditionMatcher(const TraceCondition &condition, const ClientDirectory &clients)
    : m_condition(condition)
    , m_clients(clients)
{
    // The name may be a kind ("accept") or a libvirt function ("qemudDispatchServer").
    for (size_t i = 0; i < size_t(EventKind::Count); ++i) {
        const EventKindInfo &info = eventKindInfo(EventKind(i));
        if (condition.event == info.name || condition.event == info.function)
            m_kinds.set(i);
    }
    if (condition.thread)
        m_thread = ThreadNames::idOf(*condition.thread);
}

bool ConditionMatcher::matches(const TraceEvent &event) const
{
    if (!m_kinds.test(size_t(event.kind)))
        return false;
    if (m_thread && event.thread != *m_thread)
        return false;
    for (const auto &[field, value] : m_condition.fields) {
        if (traceFieldValue(event, field) != value)
            return false;
    }
    if (m_condition.clientName
        && !(event.has(TraceField::Client) && m_clients.matches(*m_condition.clientName, event.client)))
        return false;
    if (m_condition.reason && event.reason != *m_condition.reason)
        return false;
    if (m_condition.textContains && englishMessage(event).find(*m_condition.textContains) == std::string::npos)
        return false;
    return true;
}

std::string ConditionMatcher::describe() const
{
    std::string text = m_condition.event;
    std::string details;
    const auto add = [&](const std::string &part) { details += (details.empty() ? "" : ", ") + part; };
    if (m_condition.clientName)
        add("client " + *m_condition.clientName);
    if (m_condition.thread)
        add("on thread " + *m_condition.thread);
    for (const auto &[field, value] : m_condition.fields)
        add(field + "=" + std::to_string(value));
    if (m_condition.reason)
        add(std::string("reason ") + eventReasonInfo(*m_condition.reason).code);
    if (m_condition.textContains)
        add("text containing \"" + *m_condition.textContains + "\"");
    return details.empty() ? text : text + " (" + details + ")";
}

} // namespace pollscope
