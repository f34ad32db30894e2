// Hands events from engine threads to the TraceStore on the GUI thread, in batches.
//
// Engine threads push whatever they drained; a timer on the GUI thread moves all of
// it into the store some thirty times a second, with one appended() signal per
// batch, never one per event (Wireshark and Hotspot do the same). Events wait in
// the store's compact form, encoded on the pushing thread, so a GUI that falls
// behind holds a fraction of their full size.
#pragma once

#include "trace/compactevents.h"
#include "trace/traceevent.h"

#include <QObject>
#include <QTimer>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pollscope::ui {

class TraceStore;

class EventBatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 33;

    explicit EventBatcher(TraceStore *store, QObject *parent = nullptr);

    // Any thread. The events' threads are the process's ThreadNames.
    void push(const std::vector<TraceEvent> &events);
    // Events whose threads index `threadNames` instead: an imported log's lanes.
    void push(const std::vector<TraceEvent> &events, const std::vector<std::string> &threadNames);
    // GUI thread: moves everything pending into the store now.
    void flush();
    // Any thread: whether fewer than kMaxPending events wait for the GUI thread.
    // A live session drains its tracer only then (TraceMonitor::setReady), so a GUI
    // busy for a while (rebuilding the views after the store let events go) makes
    // the tracer drop and count events instead of this queue growing without bound.
    bool hasRoom();
    static constexpr size_t kMaxPending = 500'000;

private:
    TraceStore *m_store;
    QTimer m_timer;
    std::mutex m_lock;
    CompactEvents m_pending;
    std::optional<std::vector<std::string>> m_threadNames; // set by the last push, if it gave names
};

} // namespace pollscope::ui
