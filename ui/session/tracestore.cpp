#include "tracestore.h"

#include "trace/traceloader.h"

#include <algorithm>
#include <malloc.h>

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
    // Only the header is read: this runs for every event of a trace opened.
    const EventKind kind = m_events.kind(size_t(index));
    const int64_t timeNs = timeNsAt(index);
    const bool holding = !m_holds.empty() && m_holds.back().durationNs < 0;
    const bool holdBegins = kind == EventKind::LoopPaused || kind == EventKind::SlowMotionBegin
        || kind == EventKind::QuestionHeld;
    const bool holdEnds = kind == EventKind::LoopResumed || kind == EventKind::SlowMotionEnd
        || kind == EventKind::QuestionReleased;
    int64_t loop = holding ? m_holds.back().loopNs : timeNs - m_heldNs;
    if (holding && holdEnds) {
        LoopHold &hold = m_holds.back();
        hold.durationNs = std::max<int64_t>(timeNs - hold.wallNs, 0);
        m_heldNs += hold.durationNs;
    } else if (!holding && holdBegins) {
        m_holds.push_back({loop, timeNs, -1, index, kind == EventKind::SlowMotionBegin});
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

namespace {

// Reading a file and building the lanes let go of more memory than the trace keeps
// (grown vectors, the reader's scratch). glibc holds freed memory for reuse until
// asked; an app that has just opened a large trace gives it back (some 18 MiB for
// a million events, docs/performance.md).
void trimHeap()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace

Result<TraceStore::LoadedTrace> TraceStore::readFile(const std::string &path)
{
    LoadedTrace trace;
    Result<TraceSession> loaded = loadTrace(path, [&trace](const TraceEvent &event) { trace.events.append(event); });
    if (!loaded)
        return loaded.error();
    trace.session = std::move(*loaded);
    return trace;
}

TraceStore::LoadedTrace TraceStore::compact(TraceSession session)
{
    LoadedTrace trace;
    for (const TraceEvent &event : session.events)
        trace.events.append(event);
    session.events = {};
    trace.session = std::move(session);
    return trace;
}

void TraceStore::setLoaded(LoadedTrace trace)
{
    m_events = std::move(trace.events);
    m_threadNames = std::move(trace.session.threadNames);
    m_source = QString::fromStdString(trace.session.source);
    m_origin = std::move(trace.session.origin);
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
        if (m_events.kind(size_t(i)) == EventKind::TraceLost)
            countLoss(at(i));
    }
    emit reset();
    trimHeap();
}

void TraceStore::append(const CompactEvents &batch, const std::vector<std::string> &threadNames)
{
    m_threadNames = threadNames;
    if (batch.empty())
        return;
    const qsizetype first = size();
    for (size_t i = 0; i < batch.size(); ++i)
        appendEvent(batch.at(i));
    finishAppend(first, qsizetype(batch.size()));
}

void TraceStore::append(const std::vector<TraceEvent> &batch, const std::vector<std::string> &threadNames)
{
    m_threadNames = threadNames;
    if (batch.empty())
        return;
    const qsizetype first = size();
    for (const TraceEvent &event : batch)
        appendEvent(event);
    finishAppend(first, qsizetype(batch.size()));
}

void TraceStore::appendEvent(const TraceEvent &event)
{
    if (m_events.empty()) {
        m_startNs = m_endNs = event.timeNs;
        resetLoopTime();
    }
    extendTimeSpan(event);
    m_events.append(event);
    addLoopTime(size() - 1);
    countLoss(event);
}

void TraceStore::finishAppend(qsizetype first, qsizetype count)
{
    if (letOldestGo())
        emit reset();
    else
        emit appended(first, count);
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
