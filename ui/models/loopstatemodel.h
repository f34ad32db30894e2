// The loop state panel's model: libvirt's `eventLoop` at one point of the trace,
// rebuilt by replaying the store's events up to that point (see LoopSnapshot).
//
// Live, it follows the newest event as batches arrive. seek() moves it to any
// event instead (rewind), and stops the following until setFollowsNewest(true).
//
// Seeking is O(interval), not O(trace): a copy of the state is kept every
// checkpoint interval (4096 events unless told otherwise), and a seek replays from the nearest checkpoint at or
// before its target (or from the current state, when that is closer).
#pragma once

#include "loopsnapshot.h"

#include <QObject>

#include <optional>
#include <vector>

namespace pollscope::ui {

class LoopHandlesModel;
class LoopTimeoutsModel;
class TraceStore;

class LoopStateModel : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kDefaultCheckpointInterval = 4096;

    // A smaller interval makes seeks faster and costs a state copy more often.
    explicit LoopStateModel(TraceStore *store, QObject *parent = nullptr,
                            qsizetype checkpointInterval = kDefaultCheckpointInterval);

    TraceStore *store() const { return m_store; }
    const LoopSnapshot &state() const { return m_state; }
    // The index of the last event applied, -1 before the first.
    qsizetype position() const { return m_state.position; }

    bool followsNewest() const { return m_followsNewest; }
    void setFollowsNewest(bool follow);

    // Shows the state right after the event at `index` (-1: before any event).
    // Indices past the end are clamped to the newest event.
    void seek(qsizetype index);

    // The state right after the event at `index`, without moving this model.
    LoopSnapshot stateAt(qsizetype index);

    LoopHandlesModel *handlesModel() const { return m_handlesModel; }
    LoopTimeoutsModel *timeoutsModel() const { return m_timeoutsModel; }

    qsizetype checkpointInterval() const { return m_checkpointInterval; }
    qsizetype checkpointCount() const { return qsizetype(m_checkpoints.size()); }
    // How many events the last move replayed: at most one checkpoint interval.
    qsizetype lastReplayLength() const { return m_lastReplayLength; }

signals:
    void stateChanged();
    void followsNewestChanged(bool follow);

private:
    void onStoreReset();
    void onStoreAboutToLetGo(qsizetype count);
    void onStoreAppended();
    void moveTo(qsizetype index);
    // The index into m_checkpoints of the latest saved state at or before `applied` events.
    qsizetype nearestCheckpoint(qsizetype applied) const;
    // Replays `snapshot` forward to just after `index`, saving checkpoints it passes.
    void replayTo(LoopSnapshot &snapshot, qsizetype index);
    void publish();

    TraceStore *m_store;
    const qsizetype m_checkpointInterval;
    LoopSnapshot m_state;
    bool m_followsNewest = true;
    qsizetype m_lastReplayLength = 0;
    // m_checkpoints[k] is the state after the first k * m_checkpointInterval events;
    // [0] is empty, or the state the events let go of left.
    std::vector<LoopSnapshot> m_checkpoints;
    // The state before the first event kept, while the store lets older ones go.
    std::optional<LoopSnapshot> m_start;
    LoopHandlesModel *m_handlesModel;
    LoopTimeoutsModel *m_timeoutsModel;
};

} // namespace pollscope::ui
