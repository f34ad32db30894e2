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
    m_pending.insert(m_pending.end(), events.begin(), events.end());
}

void EventBatcher::flush()
{
    std::vector<TraceEvent> batch;
    {
        std::lock_guard guard(m_lock);
        batch.swap(m_pending);
    }
    if (!batch.empty())
        m_store->append(std::move(batch), ThreadNames::snapshot());
}

} // namespace pollscope::ui
