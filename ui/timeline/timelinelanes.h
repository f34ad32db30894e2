// The timeline's data: the store's events sorted into lanes of spans and markers,
// plus the causal arrows between them. No painting here.
//
// There is one lane per thread and one per watch. A watch lane starts at the
// AddHandle of its watch and ends at its PurgeHandle. Spans pair Begin and End
// events of one thread; dispatch spans, and every event that names a watch (or
// happens inside that watch's callback), also appear on the watch's lane. Events
// that share a flow id form a chain, linked in seq order.
//
// Batches from a live run are consumed as they arrive: only the new events are
// looked at, and the result equals a rebuild from scratch over the same events.
#pragma once

#include "timelinestyle.h"

#include <QObject>
#include <QString>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pollscope::ui {

class TraceStore;

struct TimelineSpan
{
    // The end of a span whose End has not arrived; it sorts after every real end.
    static constexpr int64_t kOpenEndNs = std::numeric_limits<int64_t>::max();

    int64_t startNs;
    int64_t endNs;       // kOpenEndNs while open
    int32_t beginIndex;  // store index of the Begin event
    int32_t endIndex;    // store index of the End event, or -1 while open
    EventSpan kind;

    bool isOpen() const { return endIndex < 0; }
};
// Store indices are 32 bits wide in the lanes, which hold several records per
// event: a span, a marker and a causal link take 32, 16 and 32 bytes.
static_assert(sizeof(TimelineSpan) == 32);

struct TimelineMarker
{
    int64_t timeNs;
    int32_t index; // store index of the event
};

struct TimelineLane
{
    enum class Kind : uint8_t { Thread, Watch };
    static constexpr int64_t kNoTimeNs = std::numeric_limits<int64_t>::min();

    Kind kind;
    int id;         // the thread's index in the store's name table, or the watch number
    QString label;  // "loop", "worker-3", "wakeup pipe", "client 4", or the callback name
    QString detail; // "fd 5 · qemudDispatchClientEvent"; empty for threads
    int fd = -1;
    int64_t startNs = kNoTimeNs;   // the lane's first event (AddHandle for a watch)
    int64_t removedNs = kNoTimeNs; // RemoveHandle: marked deleted, waiting for its purge
    int64_t endNs = kNoTimeNs;     // PurgeHandle; threads never end

    // Per depth, sorted by start. Spans at one depth never overlap, so their ends
    // are sorted too, and a visible range is found with lower_bound on either.
    std::vector<std::vector<TimelineSpan>> spans;
    // Per depth: true while every span there is a thin band (iterations), so the
    // row can be drawn thin.
    std::vector<bool> bandOnly;
    // Per marker kind, sorted by time.
    std::array<std::vector<TimelineMarker>, kEventMarkCount> markers;

    bool hasEnded() const { return endNs != kNoTimeNs; }
    int depthCount() const { return int(spans.size()); }
};

// One link of a causal chain: from one event to the next event with its flow id.
struct TimelineFlow
{
    struct End
    {
        int32_t index; // store index
        int32_t lane : 24; // lane id (see TimelineLanes::rowOfLane)
        int32_t slot : 8;  // -1: the marker row; otherwise the span depth
        int64_t timeNs;
    };
    End from;
    End to;

    int64_t lowNs() const { return std::min(from.timeNs, to.timeNs); }
    int64_t highNs() const { return std::max(from.timeNs, to.timeNs); }
};
static_assert(sizeof(TimelineFlow) == 32);

class TimelineLanes : public QObject
{
    Q_OBJECT

public:
    explicit TimelineLanes(TraceStore *store, QObject *parent = nullptr);

    TraceStore *store() const { return m_store; }

    // Lanes in display order: threads (loop, main, workers by number, others),
    // then watches by watch number.
    int laneCount() const { return int(m_rows.size()); }
    const TimelineLane &lane(int row) const { return m_lanes[size_t(m_rows[size_t(row)])]; }
    // Lane ids are stable while rows move as lanes are added.
    int rowOfLane(int laneId) const { return m_rowOfLane[size_t(laneId)]; }
    int rowOfThread(uint16_t thread) const;
    int rowOfWatch(int watch) const;

    // All links of all chains, sorted by highNs().
    const std::vector<TimelineFlow> &flows() const { return m_flows; }
    // The longest link, so that a visible range can be searched by its end.
    int64_t longestFlowNs() const { return m_longestFlowNs; }

    // Which time the lanes are laid out in: loop time leaves out the holds of the
    // loop (pauses, steps, slow motion); wall time is the clock's.
    enum class TimeAxis : uint8_t { Loop, Wall };
    TimeAxis timeAxis() const { return m_axis; }
    void setTimeAxis(TimeAxis axis);
    // An event's time on the axis, and the axis's extent.
    int64_t timeOf(qsizetype index) const;
    int64_t startNs() const;
    int64_t endNs() const;

    // The store index of the End of the span this Begin opened, or -1.
    qsizetype endOfSpan(qsizetype beginIndex) const;

    // Open spans reach up to here: the latest event time on the axis.
    int64_t latestNs() const;
    int64_t spanEndNs(const TimelineSpan &span) const { return span.isOpen() ? latestNs() : span.endNs; }

    // After a change of the application's language: the lanes are made again, with
    // their labels in it, and announced as appended() with a changed layout (the
    // events, and so the spans, markers and rows, are the same).
    void retranslate();

signals:
    // Everything was rebuilt from the store.
    void reset();
    // A batch was added; `layoutChanged` when lanes, labels or rows changed.
    void appended(bool layoutChanged);

private:
    struct OpenSpan
    {
        EventKind beginKind;
        qsizetype beginIndex;
        int lane;
        int depth;
        int watchLane; // the watch's lane it also appears on, or -1
        int watchDepth;
    };
    struct ThreadState
    {
        int lane = -1;
        std::vector<OpenSpan> open;
    };

    void rebuild();
    void build();
    void consume(qsizetype first, qsizetype count);
    void consumeEvent(qsizetype index);
    // Each returns where the event is drawn, if it is drawn at all.
    std::optional<TimelineFlow::End> placeBegin(qsizetype index, ThreadState &thread);
    std::optional<TimelineFlow::End> placeEnd(qsizetype index, ThreadState &thread);
    std::optional<TimelineFlow::End> placeInstant(qsizetype index, ThreadState &thread);
    void link(uint64_t flow, const TimelineFlow::End &end);
    TimelineFlow::End endAt(qsizetype index, int lane, int slot) const
    {
        return {int32_t(index), lane, slot, timeOf(index)};
    }

    int addLane(TimelineLane lane);
    int threadLane(uint16_t thread);
    int addWatchLane(qsizetype index);
    void addStartedWorkerLane(qsizetype index);
    int watchLane(int watch) const;
    int openSpan(int lane, EventSpan kind, qsizetype index);
    void closeSpan(int lane, int depth, qsizetype beginIndex, qsizetype endIndex, int64_t endNs);
    void addMarker(int lane, EventMark kind, int64_t timeNs, qsizetype index);
    void relabelWatchLane(TimelineLane &lane, const QString &label);
    void refreshThreadLabels();
    void sortRows();

    TraceStore *m_store;
    std::vector<TimelineLane> m_lanes; // by lane id, in creation order
    std::vector<std::vector<bool>> m_busyDepths; // by lane id: which depths hold an open span
    std::vector<int> m_rows;           // lane ids in display order
    std::vector<int> m_rowOfLane;
    std::vector<ThreadState> m_threads; // by thread index
    std::unordered_map<int, int> m_watchLanes;
    std::unordered_map<uint64_t, TimelineFlow::End> m_flowTails;
    std::vector<TimelineFlow> m_flows;
    int64_t m_longestFlowNs = 0;
    bool m_layoutChanged = false;
    TimeAxis m_axis = TimeAxis::Loop;
};

} // namespace pollscope::ui
