// Every event of the session being shown, in total (seq) order: the one store that
// the timeline, the event log, the loop state and the details all read.
//
// Events arrive in batches (from a live run, every few milliseconds) or all at
// once (a trace file); views hear of them through appended() and reset(), never
// one signal per event.
#pragma once

#include "trace/tracesession.h"

#include <QObject>
#include <QString>

#include <vector>

namespace pollscope::ui {

class TraceStore : public QObject
{
    Q_OBJECT

public:
    explicit TraceStore(QObject *parent = nullptr);

    // Replaces everything with a loaded session.
    void setSession(TraceSession session);
    // Adds a batch that continues the current order; `threadNames` is the full table.
    void append(std::vector<TraceEvent> batch, const std::vector<std::string> &threadNames);
    void clear();

    qsizetype size() const { return qsizetype(m_events.size()); }
    bool isEmpty() const { return m_events.empty(); }
    const TraceEvent &at(qsizetype index) const { return m_events[size_t(index)]; }
    const std::vector<TraceEvent> &events() const { return m_events; }

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

    // The session as it stands, for export.
    TraceSession toSession() const;

signals:
    void reset();
    void appended(qsizetype first, qsizetype count);

private:
    void extendTimeSpan(const TraceEvent &event);

    std::vector<TraceEvent> m_events;
    std::vector<std::string> m_threadNames;
    QString m_source;
    std::string m_origin;
    int64_t m_startNs = 0;
    int64_t m_endNs = 0;
};

} // namespace pollscope::ui
