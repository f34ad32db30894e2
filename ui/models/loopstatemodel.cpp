#include "loopstatemodel.h"

#include "loophandlesmodel.h"
#include "looptimeoutsmodel.h"

#include "session/tracestore.h"

#include <algorithm>

namespace pollscope::ui {

LoopStateModel::LoopStateModel(TraceStore *store, QObject *parent, qsizetype checkpointInterval)
    : QObject(parent)
    , m_store(store)
    , m_checkpointInterval(std::max<qsizetype>(checkpointInterval, 1))
    , m_checkpoints(1)
    , m_handlesModel(new LoopHandlesModel(this))
    , m_timeoutsModel(new LoopTimeoutsModel(this))
{
    connect(store, &TraceStore::reset, this, &LoopStateModel::onStoreReset);
    connect(store, &TraceStore::aboutToLetGo, this, &LoopStateModel::onStoreAboutToLetGo);
    connect(store, &TraceStore::appended, this, &LoopStateModel::onStoreAppended);
    if (!store->isEmpty())
        moveTo(store->size() - 1);
}

void LoopStateModel::setFollowsNewest(bool follow)
{
    if (follow == m_followsNewest)
        return;
    m_followsNewest = follow;
    emit followsNewestChanged(follow);
    if (follow)
        moveTo(m_store->size() - 1);
}

void LoopStateModel::seek(qsizetype index)
{
    setFollowsNewest(false);
    moveTo(index);
}

void LoopStateModel::onStoreAboutToLetGo(qsizetype count)
{
    // The state just before the first event kept becomes the start, so that the
    // handles and timers added before it stay known.
    LoopSnapshot start = stateAt(count - 1);
    start.position = -1;
    m_start = std::move(start);
}

void LoopStateModel::onStoreReset()
{
    m_checkpoints.assign(1, m_start ? *m_start : LoopSnapshot{});
    m_start.reset();
    m_state = m_checkpoints.front();
    if (m_followsNewest && !m_store->isEmpty()) {
        moveTo(m_store->size() - 1);
        return;
    }
    publish();
}

void LoopStateModel::onStoreAppended()
{
    if (m_followsNewest)
        moveTo(m_store->size() - 1);
}

void LoopStateModel::replayTo(LoopSnapshot &snapshot, qsizetype index)
{
    m_lastReplayLength += std::max<qsizetype>(index - snapshot.position, 0);
    for (qsizetype next = snapshot.position + 1; next <= index; ++next) {
        snapshot.apply(m_store->at(next), next);
        const qsizetype applied = next + 1;
        if (applied % m_checkpointInterval == 0 && qsizetype(m_checkpoints.size()) == applied / m_checkpointInterval)
            m_checkpoints.push_back(snapshot);
    }
}

qsizetype LoopStateModel::nearestCheckpoint(qsizetype applied) const
{
    return std::min(applied / m_checkpointInterval, qsizetype(m_checkpoints.size()) - 1);
}

LoopSnapshot LoopStateModel::stateAt(qsizetype index)
{
    index = std::clamp<qsizetype>(index, -1, m_store->size() - 1);
    const qsizetype applied = index + 1;
    const qsizetype k = nearestCheckpoint(applied);
    // The current state is the better start when it lies between that checkpoint
    // and the target, as it does when stepping forward.
    const qsizetype currentApplied = m_state.position + 1;
    const bool fromCurrent = currentApplied <= applied && currentApplied >= k * m_checkpointInterval;
    LoopSnapshot snapshot = fromCurrent ? m_state : m_checkpoints[size_t(k)];
    replayTo(snapshot, index);
    return snapshot;
}

void LoopStateModel::moveTo(qsizetype index)
{
    index = std::clamp<qsizetype>(index, -1, m_store->size() - 1);
    m_lastReplayLength = 0;
    if (index == m_state.position)
        return;
    const qsizetype currentApplied = m_state.position + 1;
    // Forward, with no checkpoint in between: replay in place, without a copy.
    if (index > m_state.position && currentApplied >= nearestCheckpoint(index + 1) * m_checkpointInterval)
        replayTo(m_state, index);
    else
        m_state = stateAt(index);
    publish();
}

void LoopStateModel::publish()
{
    m_handlesModel->setSnapshot(m_state);
    m_timeoutsModel->setSnapshot(m_state);
    emit stateChanged();
}

} // namespace pollscope::ui
