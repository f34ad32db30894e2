#include "timelinelanes.h"

#include "session/tracestore.h"
#include "trace/callbackrole.h"
#include "trace/threadnames.h"

#include <QtGlobal>

#include <string>

namespace pollscope::ui {

namespace {

struct WatchRoleLabel
{
    CallbackRole role;
    const char *label;
};

// The daemon's own watches are named by what their callback is for.
constexpr std::array<WatchRoleLabel, 3> kWatchLabels = {{
    {CallbackRole::WakeupPipe, QT_TRANSLATE_NOOP("pollscope::ui::TimelineLanes", "wakeup pipe")},
    {CallbackRole::SignalPipe, QT_TRANSLATE_NOOP("pollscope::ui::TimelineLanes", "signal pipe")},
    {CallbackRole::Listener, QT_TRANSLATE_NOOP("pollscope::ui::TimelineLanes", "listener")},
}};

// Names compared as a reader would: runs of digits by their value, so that
// "crowd-2" comes before "crowd-10".
bool naturalLess(const QString &left, const QString &right)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < left.size() && j < right.size()) {
        if (left[i].isDigit() && right[j].isDigit()) {
            const qsizetype startI = i;
            const qsizetype startJ = j;
            while (i < left.size() && left[i].isDigit())
                ++i;
            while (j < right.size() && right[j].isDigit())
                ++j;
            const qulonglong a = QStringView(left).mid(startI, i - startI).toULongLong();
            const qulonglong b = QStringView(right).mid(startJ, j - startJ).toULongLong();
            if (a != b)
                return a < b;
            continue;
        }
        if (left[i] != right[j])
            return left[i] < right[j];
        ++i;
        ++j;
    }
    return left.size() - i < right.size() - j;
}

// Thread lanes come in this order: the loop, main, workers by number, the rest by
// name, and pollscope's own control lane last, apart from the daemon's threads.
int threadRank(const QString &name)
{
    if (name == QLatin1String("loop"))
        return 0;
    if (name == QLatin1String("main"))
        return 1;
    if (name.startsWith(QLatin1String("worker")))
        return 2;
    if (name == QLatin1String(ThreadNames::kControl.data(), qsizetype(ThreadNames::kControl.size())))
        return 4;
    return 3;
}

bool threadLess(const QString &left, const QString &right)
{
    const int a = threadRank(left);
    const int b = threadRank(right);
    return a != b ? a < b : naturalLess(left, right);
}

template<typename Item, typename Time>
void insertSorted(std::vector<Item> &items, Item item, Time timeOf)
{
    // Events arrive in seq order, which is time order on one thread, so this is
    // almost always an append; threads racing by a few ns insert near the end.
    if (items.empty() || timeOf(items.back()) <= timeOf(item)) {
        items.push_back(item);
        return;
    }
    const auto at = std::upper_bound(items.begin(), items.end(), timeOf(item),
                                     [&](int64_t time, const Item &other) { return time < timeOf(other); });
    items.insert(at, item);
}

} // namespace

TimelineLanes::TimelineLanes(TraceStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(store, &TraceStore::reset, this, &TimelineLanes::rebuild);
    connect(store, &TraceStore::appended, this, [this](qsizetype first, qsizetype count) {
        m_layoutChanged = false;
        consume(first, count);
        refreshThreadLabels();
        if (m_layoutChanged)
            sortRows();
        emit appended(m_layoutChanged);
    });
    rebuild();
}

int TimelineLanes::rowOfThread(uint16_t thread) const
{
    if (thread >= m_threads.size() || m_threads[thread].lane < 0)
        return -1;
    return rowOfLane(m_threads[thread].lane);
}

int TimelineLanes::rowOfWatch(int watch) const
{
    const int lane = watchLane(watch);
    return lane < 0 ? -1 : rowOfLane(lane);
}

int64_t TimelineLanes::latestNs() const
{
    return endNs();
}

int64_t TimelineLanes::timeOf(qsizetype index) const
{
    return m_axis == TimeAxis::Loop ? m_store->loopNs(index) : m_store->at(index).timeNs;
}

int64_t TimelineLanes::startNs() const
{
    return m_store->startNs();
}

int64_t TimelineLanes::endNs() const
{
    return m_axis == TimeAxis::Loop ? m_store->loopEndNs() : m_store->endNs();
}

qsizetype TimelineLanes::endOfSpan(qsizetype beginIndex) const
{
    const TraceEvent &event = m_store->at(beginIndex);
    if (event.thread >= m_threads.size() || m_threads[event.thread].lane < 0)
        return -1;
    const int64_t startNs = timeOf(beginIndex);
    for (const std::vector<TimelineSpan> &row : m_lanes[size_t(m_threads[event.thread].lane)].spans) {
        auto it = std::lower_bound(row.begin(), row.end(), startNs,
                                   [](const TimelineSpan &span, int64_t time) { return span.startNs < time; });
        for (; it != row.end() && it->startNs == startNs; ++it) {
            if (it->beginIndex == beginIndex)
                return it->endIndex;
        }
    }
    return -1;
}

void TimelineLanes::setTimeAxis(TimeAxis axis)
{
    if (axis == m_axis)
        return;
    m_axis = axis;
    rebuild();
}

void TimelineLanes::rebuild()
{
    build();
    emit reset();
}

void TimelineLanes::retranslate()
{
    build();
    emit appended(true);
}

void TimelineLanes::build()
{
    m_lanes.clear();
    m_busyDepths.clear();
    m_rows.clear();
    m_rowOfLane.clear();
    m_threads.clear();
    m_watchLanes.clear();
    m_flowTails.clear();
    m_flows.clear();
    m_longestFlowNs = 0;
    consume(0, m_store->size());
    // Built whole at once, the arrays give back what their growth reserved: a
    // quarter of the lanes' memory on a large trace.
    for (TimelineLane &lane : m_lanes) {
        for (std::vector<TimelineSpan> &depth : lane.spans)
            depth.shrink_to_fit();
        for (std::vector<TimelineMarker> &kind : lane.markers)
            kind.shrink_to_fit();
    }
    m_flows.shrink_to_fit();
    refreshThreadLabels();
    sortRows();
}

void TimelineLanes::consume(qsizetype first, qsizetype count)
{
    for (qsizetype index = first; index < first + count; ++index)
        consumeEvent(index);
}

void TimelineLanes::consumeEvent(qsizetype index)
{
    const TraceEvent &event = m_store->at(index);
    // Before any reference into the lanes or threads is taken: this adds to both.
    if (event.kind == EventKind::WorkerStart && event.text)
        addStartedWorkerLane(index);
    if (event.thread >= m_threads.size())
        m_threads.resize(size_t(event.thread) + 1);
    ThreadState &thread = m_threads[event.thread];
    if (thread.lane < 0)
        thread.lane = threadLane(event.thread);
    TimelineLane &lane = m_lanes[size_t(thread.lane)];
    if (lane.startNs == TimelineLane::kNoTimeNs)
        lane.startNs = timeOf(index);

    std::optional<TimelineFlow::End> end;
    switch (eventKindInfo(event.kind).shape) {
    case EventShape::Begin:
        end = placeBegin(index, thread);
        break;
    case EventShape::End:
        end = placeEnd(index, thread);
        break;
    case EventShape::Instant:
        end = placeInstant(index, thread);
        break;
    }
    if (event.flow != 0 && end)
        link(event.flow, *end);
}

std::optional<TimelineFlow::End> TimelineLanes::placeBegin(qsizetype index, ThreadState &thread)
{
    const TraceEvent &event = m_store->at(index);
    const EventSpan kind = eventKindInfo(event.kind).span;
    // A slow-motion wait has no length in loop time: only wall time draws it.
    if (kind == EventSpan::None || (kind == EventSpan::SlowMotion && m_axis == TimeAxis::Loop))
        return std::nullopt;
    OpenSpan open{event.kind, index, thread.lane, openSpan(thread.lane, kind, index), -1, -1};
    TimelineFlow::End end = endAt(index, thread.lane, open.depth);
    // A Begin can be worth a marker too: a timer firing reads better as a star
    // than as a callback span a few microseconds wide.
    if (const EventMark marker = eventMark(event); marker != EventMark::None)
        addMarker(thread.lane, marker, timeOf(index), index);
    if (event.has(TraceField::Watch)) {
        const int lane = watchLane(event.watch);
        if (lane >= 0) {
            open.watchLane = lane;
            open.watchDepth = openSpan(lane, kind, index);
            end = endAt(index, lane, open.watchDepth);
        }
    }
    thread.open.push_back(open);
    return end;
}

std::optional<TimelineFlow::End> TimelineLanes::placeEnd(qsizetype index, ThreadState &thread)
{
    const TraceEvent &event = m_store->at(index);
    const EventKind beginKind = beginOfSpan(event.kind);
    auto match = thread.open.end();
    for (auto it = thread.open.begin(); it != thread.open.end(); ++it) {
        if (it->beginKind == beginKind)
            match = it;
    }
    // An End without its Begin (a trace that starts mid-span) is not drawn.
    if (match == thread.open.end())
        return std::nullopt;
    // Spans still open inside the matched one lost their End: they stop here too.
    for (auto it = match; it != thread.open.end(); ++it) {
        closeSpan(it->lane, it->depth, it->beginIndex, index, timeOf(index));
        if (it->watchLane >= 0)
            closeSpan(it->watchLane, it->watchDepth, it->beginIndex, index, timeOf(index));
    }
    const TimelineFlow::End end = match->watchLane >= 0
        ? endAt(index, match->watchLane, match->watchDepth)
        : endAt(index, match->lane, match->depth);
    thread.open.erase(match, thread.open.end());
    return end;
}

std::optional<TimelineFlow::End> TimelineLanes::placeInstant(qsizetype index, ThreadState &thread)
{
    const TraceEvent &event = m_store->at(index);
    const EventMark marker = eventMark(event);
    if (marker == EventMark::None)
        return std::nullopt;

    int onWatch = -1;
    if (event.kind == EventKind::AddHandle && event.has(TraceField::Watch) && event.watch > 0) {
        onWatch = addWatchLane(index);
    } else if (event.has(TraceField::Watch)) {
        onWatch = watchLane(event.watch);
    } else {
        // Inside a handle callback, a step that names no watch is still that
        // watch's doing: the wakeup drain, an accept on a listener, a client read.
        for (auto it = thread.open.rbegin(); it != thread.open.rend(); ++it) {
            if (it->beginKind == EventKind::DispatchHandleBegin && it->watchLane >= 0) {
                onWatch = it->watchLane;
                break;
            }
        }
    }

    addMarker(thread.lane, marker, timeOf(index), index);
    TimelineFlow::End end = endAt(index, thread.lane, -1);
    if (onWatch < 0)
        return end;

    addMarker(onWatch, marker, timeOf(index), index);
    end.lane = onWatch;
    TimelineLane &lane = m_lanes[size_t(onWatch)];
    if (event.kind == EventKind::RemoveHandle && lane.removedNs == TimelineLane::kNoTimeNs
        && (!event.has(TraceField::Result) || event.result == 0)) {
        lane.removedNs = timeOf(index);
    } else if (event.kind == EventKind::PurgeHandle) {
        lane.endNs = timeOf(index);
        m_layoutChanged = true;
    } else if (eventKindInfo(event.kind).clientStage == ClientStage::Registered && event.has(TraceField::Client)) {
        relabelWatchLane(lane, tr("client %1").arg(event.client));
    }
    return end;
}

void TimelineLanes::link(uint64_t flow, const TimelineFlow::End &end)
{
    const auto [tail, isFirst] = m_flowTails.try_emplace(flow, end);
    if (isFirst)
        return;
    const TimelineFlow link{tail->second, end};
    insertSorted(m_flows, link, [](const TimelineFlow &item) { return item.highNs(); });
    m_longestFlowNs = std::max(m_longestFlowNs, link.highNs() - link.lowNs());
    tail->second = end;
}

int TimelineLanes::addLane(TimelineLane lane)
{
    m_lanes.push_back(std::move(lane));
    m_busyDepths.emplace_back();
    m_rowOfLane.push_back(-1);
    m_layoutChanged = true;
    return int(m_lanes.size()) - 1;
}

int TimelineLanes::threadLane(uint16_t thread)
{
    TimelineLane lane;
    lane.kind = TimelineLane::Kind::Thread;
    lane.id = thread;
    lane.label = m_store->threadName(thread);
    return addLane(std::move(lane));
}

void TimelineLanes::addStartedWorkerLane(qsizetype index)
{
    // A worker records nothing until its first job: its lane starts when it does,
    // so that the learner sees the pool waiting.
    const std::vector<std::string> &names = m_store->threadNames();
    const auto it = std::find(names.begin(), names.end(), std::string_view(m_store->at(index).text));
    if (it == names.end())
        return;
    const size_t thread = size_t(it - names.begin());
    if (thread >= m_threads.size())
        m_threads.resize(thread + 1);
    if (m_threads[thread].lane >= 0)
        return;
    m_threads[thread].lane = threadLane(uint16_t(thread));
    m_lanes[size_t(m_threads[thread].lane)].startNs = timeOf(index);
}

int TimelineLanes::addWatchLane(qsizetype index)
{
    const TraceEvent &event = m_store->at(index);
    if (const int existing = watchLane(event.watch); existing >= 0)
        return existing;

    const QString callback = event.text ? QString::fromUtf8(event.text) : tr("callback");
    TimelineLane lane;
    lane.kind = TimelineLane::Kind::Watch;
    lane.id = event.watch;
    lane.startNs = timeOf(index);
    lane.label = callback;
    for (const WatchRoleLabel &known : kWatchLabels) {
        if (event.has(TraceField::Role) && CallbackRole(event.role) == known.role)
            lane.label = tr(known.label);
    }
    if (event.has(TraceField::Client))
        lane.label = tr("client %1").arg(event.client);
    if (event.has(TraceField::Fd)) {
        lane.fd = event.fd;
        lane.detail = tr("fd %1 · %2").arg(event.fd).arg(callback);
    } else {
        lane.detail = callback;
    }
    const int id = addLane(std::move(lane));
    m_watchLanes.emplace(event.watch, id);
    return id;
}

int TimelineLanes::watchLane(int watch) const
{
    const auto it = m_watchLanes.find(watch);
    return it == m_watchLanes.end() ? -1 : it->second;
}

int TimelineLanes::openSpan(int laneId, EventSpan kind, qsizetype index)
{
    TimelineLane &lane = m_lanes[size_t(laneId)];
    std::vector<bool> &busy = m_busyDepths[size_t(laneId)];
    const bool band = TimelineStyle::spanStyle(kind).fill == SpanFill::Band;
    // The shallowest free depth: on one thread that is the nesting depth; on a
    // watch lane it keeps spans from two threads from overlapping in one row.
    const auto free = std::find(busy.begin(), busy.end(), false);
    const int depth = int(free - busy.begin());
    if (free == busy.end()) {
        busy.push_back(false);
        lane.spans.emplace_back();
        lane.bandOnly.push_back(band);
        m_layoutChanged = true;
    } else if (!band && lane.bandOnly[size_t(depth)]) {
        lane.bandOnly[size_t(depth)] = false;
        m_layoutChanged = true;
    }
    busy[size_t(depth)] = true;
    insertSorted(lane.spans[size_t(depth)], TimelineSpan{timeOf(index), TimelineSpan::kOpenEndNs, int32_t(index), -1, kind},
                 [](const TimelineSpan &span) { return span.startNs; });
    return depth;
}

void TimelineLanes::closeSpan(int laneId, int depth, qsizetype beginIndex, qsizetype endIndex, int64_t endNs)
{
    std::vector<TimelineSpan> &row = m_lanes[size_t(laneId)].spans[size_t(depth)];
    // The open span is the last one at its depth, or very near it.
    for (auto it = row.rbegin(); it != row.rend(); ++it) {
        if (it->beginIndex == beginIndex) {
            it->endIndex = int32_t(endIndex);
            it->endNs = std::max(endNs, it->startNs);
            break;
        }
    }
    m_busyDepths[size_t(laneId)][size_t(depth)] = false;
}

void TimelineLanes::addMarker(int laneId, EventMark kind, int64_t timeNs, qsizetype index)
{
    insertSorted(m_lanes[size_t(laneId)].markers[size_t(kind)], TimelineMarker{timeNs, int32_t(index)},
                 [](const TimelineMarker &marker) { return marker.timeNs; });
}

void TimelineLanes::relabelWatchLane(TimelineLane &lane, const QString &label)
{
    if (lane.label == label)
        return;
    lane.label = label;
    m_layoutChanged = true;
}

void TimelineLanes::refreshThreadLabels()
{
    // A batch carries the full name table; a thread named late gets its name here.
    for (TimelineLane &lane : m_lanes) {
        if (lane.kind != TimelineLane::Kind::Thread)
            continue;
        const QString name = m_store->threadName(uint16_t(lane.id));
        if (name != lane.label) {
            lane.label = name;
            m_layoutChanged = true;
        }
    }
}

void TimelineLanes::sortRows()
{
    m_rows.resize(m_lanes.size());
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_rows[i] = int(i);
    std::stable_sort(m_rows.begin(), m_rows.end(), [this](int a, int b) {
        const TimelineLane &left = m_lanes[size_t(a)];
        const TimelineLane &right = m_lanes[size_t(b)];
        if (left.kind != right.kind)
            return left.kind == TimelineLane::Kind::Thread;
        if (left.kind == TimelineLane::Kind::Watch)
            return left.id < right.id;
        return threadLess(left.label, right.label);
    });
    for (size_t row = 0; row < m_rows.size(); ++row)
        m_rowOfLane[size_t(m_rows[row])] = int(row);
}

} // namespace pollscope::ui
