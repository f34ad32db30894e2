#include "eventbatcher.h"

#include "tracestore.h"

#include "trace/threadnames.h"

namespace pollscope::ui {

EventBatcher::EventBatcher(TraceStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventBatcher::flush);
    m_timer.start();
}

void EventBatcher::push(const std::vector<TraceEvent> &events)
{
    std::lock_guard guard(m_lock);
    for (const TraceEvent &event : events)
        m_pending.append(event);
    m_threadNames.reset();
}

void EventBatcher::push(const std::vector<TraceEvent> &events, const std::vector<std::string> &threadNames)
{
    std::lock_guard guard(m_lock);
    for (const TraceEvent &event : events)
        m_pending.append(event);
    m_threadNames = threadNames;
}

bool EventBatcher::hasRoom()
{
    std::lock_guard guard(m_lock);
    return m_pending.size() < kMaxPending;
}

void EventBatcher::flush()
{
    CompactEvents batch;
    std::vector<std::string> threadNames;
    {
        std::lock_guard guard(m_lock);
        std::swap(batch, m_pending);
        threadNames = m_threadNames ? *m_threadNames : ThreadNames::snapshot();
    }
    if (!batch.empty())
        m_store->append(batch, threadNames);
}

} // namespace pollscope::ui
