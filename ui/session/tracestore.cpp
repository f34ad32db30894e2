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

void TraceStore::resetLoopTime()
{
    m_loopNs.clear();
    m_holds.clear();
    m_heldNs = 0;
    m_loopEndNs = m_startNs;
}

void TraceStore::addLoopTime(qsizetype index)
{
    const TraceEvent &event = m_events[size_t(index)];
    const bool holding = !m_holds.empty() && m_holds.back().durationNs < 0;
    const bool holdBegins = event.kind == EventKind::LoopPaused || event.kind == EventKind::SlowMotionBegin
        || event.kind == EventKind::QuestionHeld;
    const bool holdEnds = event.kind == EventKind::LoopResumed || event.kind == EventKind::SlowMotionEnd
        || event.kind == EventKind::QuestionReleased;
    int64_t loop = holding ? m_holds.back().loopNs : event.timeNs - m_heldNs;
    if (holding && holdEnds) {
        LoopHold &hold = m_holds.back();
        hold.durationNs = std::max<int64_t>(event.timeNs - hold.wallNs, 0);
        m_heldNs += hold.durationNs;
    } else if (!holding && holdBegins) {
        m_holds.push_back({loop, event.timeNs, -1, index, event.kind == EventKind::SlowMotionBegin});
    }
    // Threads' clocks are read a moment apart from their seq: never step back.
    if (!m_loopNs.empty())
        loop = std::max(loop, m_loopNs.back());
    m_loopNs.push_back(loop);
    m_loopEndNs = std::max(m_loopEndNs, loop);
}

void TraceStore::countLoss(const TraceEvent &event)
{
    if (event.kind == EventKind::TraceLost && event.has(TraceField::Length))
        m_lostEvents += event.length;
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
    resetLoopTime();
    m_lostEvents = 0;
    for (qsizetype i = 0; i < size(); ++i) {
        addLoopTime(i);
        countLoss(m_events[size_t(i)]);
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
        if (m_events.empty()) {
            m_startNs = m_endNs = event.timeNs;
            resetLoopTime();
        }
        extendTimeSpan(event);
        // No reserve() for the batch: reserving the exact new size would reallocate,
        // and copy every event so far, on every batch of a live run.
        m_events.push_back(event);
        addLoopTime(size() - 1);
        countLoss(event);
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
    m_lostEvents = 0;
    resetLoopTime();
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
