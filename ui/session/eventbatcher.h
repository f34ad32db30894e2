// Hands events from engine threads to the TraceStore on the GUI thread, in batches.
//
// Engine threads push whatever they drained; a timer on the GUI thread moves all of
// it into the store some thirty times a second, with one appended() signal per
// batch, never one per event (Wireshark and Hotspot do the same).
#pragma once

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

private:
    TraceStore *m_store;
    QTimer m_timer;
    std::mutex m_lock;
    std::vector<TraceEvent> m_pending;
    std::optional<std::vector<std::string>> m_threadNames; // set by the last push, if it gave names
};

} // namespace pollscope::ui
