#include "tracemonitor.h"

#include "trace/threadnames.h"

namespace pollscope {

namespace {
constexpr std::chrono::milliseconds kDrainPeriod{5};
} // namespace

TraceMonitor::TraceMonitor(Tracer &tracer, BatchListener listener, bool keepEvents)
    : m_tracer(tracer)
    , m_listener(std::move(listener))
    , m_keepEvents(keepEvents)
{
}

TraceMonitor::~TraceMonitor()
{
    stop();
}

void TraceMonitor::start()
{
    m_thread = std::thread([this] {
        ThreadNames::setCurrent("trace-monitor");
        std::unique_lock lock(m_lock);
        while (!m_stopping) {
            m_changed.wait_for(lock, kDrainPeriod, [this] { return m_stopping; });
            lock.unlock();
            if (!m_ready || m_ready())
                drainOnce();
            lock.lock();
        }
    });
}

void TraceMonitor::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard guard(m_lock);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
    drainOnce();
}

void TraceMonitor::drainOnce()
{
    std::lock_guard drain(m_drainLock);
    std::vector<TraceEvent> batch;
    m_tracer.drain(batch);
    if (batch.empty())
        return;
    if (m_listener)
        m_listener(batch);
    if (!m_keepEvents)
        return;
    {
        std::lock_guard guard(m_lock);
        m_events.insert(m_events.end(), batch.begin(), batch.end());
    }
    m_changed.notify_all();
}

bool TraceMonitor::waitUntil(const Predicate &satisfied, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_lock);
    return m_changed.wait_for(lock, timeout, [&] { return m_aborted || satisfied(m_events); }) && !m_aborted;
}

void TraceMonitor::abortWaits()
{
    {
        std::lock_guard guard(m_lock);
        m_aborted = true;
    }
    m_changed.notify_all();
}

void TraceMonitor::inspect(const std::function<void(const std::vector<TraceEvent> &)> &read)
{
    std::lock_guard guard(m_lock);
    read(m_events);
}

std::vector<TraceEvent> TraceMonitor::takeEvents()
{
    std::lock_guard guard(m_lock);
    return std::move(m_events);
}

} // namespace pollscope
