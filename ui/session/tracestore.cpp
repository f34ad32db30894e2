#include "tracestore.h"

#include <algorithm>

namespace pollscope::ui {

TraceStore::TraceStore(QObject *parent)
    : QObject(parent)
{
}

void TraceStore::extendTimeSpan(const TraceEvent &event)
{
    if (m_events.empty() || event.timeNs < m_startNs)
        m_startNs = event.timeNs;
    m_endNs = std::max(m_endNs, event.timeNs);
}

void TraceStore::setSession(TraceSession session)
{
    m_events = std::move(session.events);
    m_threadNames = std::move(session.threadNames);
    m_source = QString::fromStdString(session.source);
    m_origin = std::move(session.origin);
    m_startNs = m_endNs = 0;
    if (!m_events.empty()) {
        const auto [earliest, latest] = std::minmax_element(
            m_events.begin(), m_events.end(), [](const TraceEvent &a, const TraceEvent &b) { return a.timeNs < b.timeNs; });
        m_startNs = earliest->timeNs;
        m_endNs = latest->timeNs;
    }
    emit reset();
}

void TraceStore::append(std::vector<TraceEvent> batch, const std::vector<std::string> &threadNames)
{
    m_threadNames = threadNames;
    if (batch.empty())
        return;
    const qsizetype first = size();
    for (const TraceEvent &event : batch) {
        if (m_events.empty())
            m_startNs = m_endNs = event.timeNs;
        extendTimeSpan(event);
        // No reserve() for the batch: reserving the exact new size would reallocate,
        // and copy every event so far, on every batch of a live run.
        m_events.push_back(event);
    }
    emit appended(first, qsizetype(batch.size()));
}

void TraceStore::clear()
{
    m_events.clear();
    m_threadNames.clear();
    m_source.clear();
    m_origin.clear();
    m_startNs = m_endNs = 0;
    emit reset();
}

QString TraceStore::threadName(uint16_t thread) const
{
    if (thread < m_threadNames.size())
        return QString::fromStdString(m_threadNames[thread]);
    return QStringLiteral("thread %1").arg(thread);
}

qsizetype TraceStore::indexOfSeq(uint64_t seq) const
{
    const auto it = std::lower_bound(m_events.begin(), m_events.end(), seq,
                                     [](const TraceEvent &event, uint64_t value) { return event.seq < value; });
    if (it == m_events.end() || it->seq != seq)
        return -1;
    return qsizetype(it - m_events.begin());
}

TraceSession TraceStore::toSession() const
{
    TraceSession session;
    session.events = m_events;
    session.threadNames = m_threadNames;
    session.source = m_source.toStdString();
    session.origin = m_origin;
    return session;
}

} // namespace pollscope::ui
