// Every event of the session being shown, in total (seq) order: the one store that
// the timeline, the event log, the loop state and the details all read.
//
// Events arrive in batches (from a live run, every few milliseconds) or all at
// once (a trace file); views hear of them through appended() and reset(), never
// one signal per event. They are kept compactly (CompactEvents) and decoded on
// access. A live session can be told to keep only its newest events.
#pragma once

#include "trace/compactevents.h"
#include "trace/tracesession.h"
#include "util/result.h"

#include <QObject>
#include <QString>

#include <deque>
#include <vector>

namespace pollscope::ui {

// A stretch of wall time in which pollscope held the loop (paused, stepping, or a
// slow-motion wait): the loop time axis leaves it out.
struct LoopHold
{
    int64_t loopNs;     // where it sits on the loop time axis
    int64_t wallNs;     // when it began
    int64_t durationNs; // how long it lasted; -1 while it lasts
    qsizetype index;    // the event that began it
    bool slowMotion;    // a slow-motion wait rather than a pause
};

class TraceStore : public QObject
{
    Q_OBJECT

public:
    explicit TraceStore(QObject *parent = nullptr);

    // A trace in the store's compact form, not shown yet; `session` holds the rest
    // (thread names, source, a warning if the file was cut off), its events empty.
    struct LoadedTrace
    {
        CompactEvents events;
        TraceSession session;
    };
    // Reads the trace file at `path`, its events straight into the compact form:
    // the full-size events of a whole trace never exist at once.
    static Result<LoadedTrace> readFile(const std::string &path);
    static LoadedTrace compact(TraceSession session);

    // Replaces everything with a loaded trace.
    void setLoaded(LoadedTrace trace);
    void setSession(TraceSession session) { setLoaded(compact(std::move(session))); }
    // Adds a batch that continues the current order; `threadNames` is the full table.
    void append(const CompactEvents &batch, const std::vector<std::string> &threadNames);
    void append(const std::vector<TraceEvent> &batch, const std::vector<std::string> &threadNames);
    void clear();

    qsizetype size() const { return qsizetype(m_events.size()); }
    bool isEmpty() const { return m_events.empty(); }
    // The event at `index`, decoded; seqAt and timeNsAt read only the header.
    TraceEvent at(qsizetype index) const { return m_events.at(size_t(index)); }
    uint64_t seqAt(qsizetype index) const { return m_events.seq(size_t(index)); }
    int64_t timeNsAt(qsizetype index) const { return m_events.timeNs(size_t(index)); }
    // Heap bytes the events take.
    size_t eventBytes() const { return m_events.memoryBytes(); }

    // At most this many events are kept (0: all). Past it, append() lets the oldest
    // go, a quarter of the limit at a time, and views hear reset(); a loaded session
    // is kept whole.
    void setKeptEventLimit(qsizetype limit) { m_keptEventLimit = limit; }
    qsizetype keptEventLimit() const { return m_keptEventLimit; }
    // How many events have been let go since the session began.
    qsizetype eventsLetGo() const { return m_eventsLetGo; }

    QString threadName(uint16_t thread) const;
    const std::vector<std::string> &threadNames() const { return m_threadNames; }
    QString source() const { return m_source; }
    void setSource(const QString &source) { m_source = source; }
    // Whose steps the events are: empty for the replica's (see TraceSession::origin).
    const std::string &origin() const { return m_origin; }
    void setOrigin(std::string origin) { m_origin = std::move(origin); }

    // The index of the event with this seq, or -1.
    qsizetype indexOfSeq(uint64_t seq) const;
    // The session's time span; both 0 when empty.
    int64_t startNs() const { return m_startNs; }
    int64_t endNs() const { return m_endNs; }

    // Loop time: an event's time with every earlier hold of the loop left out, so
    // that spans measure the daemon's own work. Events recorded during a hold (other
    // threads go on) all sit at the hold's point.
    int64_t loopNs(qsizetype index) const { return m_loopNs[size_t(index)]; }
    int64_t loopStartNs() const { return m_loopStartNs; }
    int64_t loopEndNs() const { return m_loopEndNs; }
    // The holds, in order.
    const std::vector<LoopHold> &holds() const { return m_holds; }

    // Events the recorder dropped because its buffer was full, as the session's
    // trace_lost events count them: the store holds everything else.
    int64_t lostEvents() const { return m_lostEvents; }

    // The session as it stands, for export.
    TraceSession toSession() const;

signals:
    void reset();
    // The oldest `count` events are about to go (a live session past its limit);
    // reset() follows once they have.
    void aboutToLetGo(qsizetype count);
    void appended(qsizetype first, qsizetype count);

private:
    void appendEvent(const TraceEvent &event);
    // After a batch: lets the oldest go if there are too many, and tells the views.
    void finishAppend(qsizetype first, qsizetype count);
    void extendTimeSpan(const TraceEvent &event);
    void resetLoopTime();
    void addLoopTime(qsizetype index);
    void countLoss(const TraceEvent &event);
    bool letOldestGo();

    CompactEvents m_events;
    std::vector<std::string> m_threadNames;
    QString m_source;
    std::string m_origin;
    int64_t m_startNs = 0;
    int64_t m_endNs = 0;
    std::deque<int64_t> m_loopNs;
    std::vector<LoopHold> m_holds;
    int64_t m_heldNs = 0; // total of the holds that have ended
    int64_t m_loopStartNs = 0;
    int64_t m_loopEndNs = 0;
    int64_t m_lostEvents = 0;
    qsizetype m_keptEventLimit = 0;
    qsizetype m_eventsLetGo = 0;
};

} // namespace pollscope::ui
