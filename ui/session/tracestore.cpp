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
    m_loopStartNs = m_loopEndNs = m_startNs;
}

void TraceStore::addLoopTime(qsizetype index)
{
    const TraceEvent event = at(index);
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
    m_events.clear();
    for (const TraceEvent &event : session.events)
        m_events.append(event);
    // The full-size events go now, before views build on the store.
    std::vector<TraceEvent>().swap(session.events);
    m_threadNames = std::move(session.threadNames);
    m_source = QString::fromStdString(session.source);
    m_origin = std::move(session.origin);
    m_eventsLetGo = 0;
    m_startNs = m_endNs = 0;
    for (qsizetype i = 0; i < size(); ++i) {
        const int64_t time = timeNsAt(i);
        m_startNs = i == 0 ? time : std::min(m_startNs, time);
        m_endNs = i == 0 ? time : std::max(m_endNs, time);
    }
    resetLoopTime();
    m_lostEvents = 0;
    for (qsizetype i = 0; i < size(); ++i) {
        addLoopTime(i);
        countLoss(at(i));
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
        m_events.append(event);
        addLoopTime(size() - 1);
        countLoss(event);
    }
    if (letOldestGo())
        emit reset();
    else
        emit appended(first, qsizetype(batch.size()));
}

bool TraceStore::letOldestGo()
{
    if (m_keptEventLimit <= 0 || size() <= m_keptEventLimit)
        return false;
    const size_t gone = m_events.droppable(size_t(size() - m_keptEventLimit * 3 / 4));
    if (gone == 0)
        return false;
    emit aboutToLetGo(qsizetype(gone));
    m_events.dropFront(gone);
    m_eventsLetGo += qsizetype(gone);
    m_loopNs.erase(m_loopNs.begin(), m_loopNs.begin() + qsizetype(gone));
    std::erase_if(m_holds, [gone](const LoopHold &hold) {
        return hold.index < qsizetype(gone) && hold.durationNs >= 0;
    });
    for (LoopHold &hold : m_holds)
        hold.index = std::max<qsizetype>(hold.index - qsizetype(gone), 0);
    m_startNs = timeNsAt(0);
    for (qsizetype i = 1; i < size(); ++i)
        m_startNs = std::min(m_startNs, timeNsAt(i));
    m_loopStartNs = m_loopNs.front();
    return true;
}

void TraceStore::clear()
{
    m_events.clear();
    m_threadNames.clear();
    m_source.clear();
    m_origin.clear();
    m_startNs = m_endNs = 0;
    m_lostEvents = 0;
    m_eventsLetGo = 0;
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
    qsizetype low = 0;
    qsizetype high = size();
    while (low < high) {
        const qsizetype middle = low + (high - low) / 2;
        if (seqAt(middle) < seq)
            low = middle + 1;
        else
            high = middle;
    }
    return low < size() && seqAt(low) == seq ? low : -1;
}

TraceSession TraceStore::toSession() const
{
    TraceSession session;
    session.events.reserve(m_events.size());
    for (qsizetype i = 0; i < size(); ++i)
        session.events.push_back(at(i));
    session.threadNames = m_threadNames;
    session.source = m_source.toStdString();
    session.origin = m_origin;
    return session;
}

} // namespace pollscope::ui
