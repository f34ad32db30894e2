// How the timeline draws things: one colour per event family, one style per span
// kind and one shape+colour per marker meaning. The painter and the legend both
// read these tables, so the legend explains exactly what is drawn.
#pragma once

#include "trace/traceevent.h"

#include <QColor>
#include <QCoreApplication>
#include <QPixmap>
#include <QString>

#include <array>
#include <optional>

class QBrush;
class QLineF;
class QPainter;
class QPointF;
class QRectF;

namespace pollscope::ui {

constexpr int kEventFamilyCount = int(EventFamily::Control) + 1;

// What a span is; a span runs from a Begin event to its End on the same thread.
enum class SpanKind : uint8_t {
    RunLoop,        // qemudRunLoop: the daemon's loop thread body
    Iteration,      // virEventPollRunOnce: one loop iteration
    PollWait,       // poll(2) blocked
    HandleCallback, // a handle callback run by DispatchHandles
    TimerCallback,  // a timer callback run by DispatchTimeouts
    FreeCallback,   // a free callback run by cleanup
    WorkerJob,      // a worker thread handling one request
    RemoteDispatch, // remoteDispatchClientRequest inside a job
    Count
};
constexpr int kSpanKindCount = int(SpanKind::Count);

enum class SpanFill : uint8_t {
    Band, // a thin pale strip: structure, not work
    Wait, // a light tint with an outline: the thread is blocked
    Busy, // solid: the thread is running code
};

// What a marker (an instant event) means. The order is the drawing order: minor
// steps first, so that rarer, more telling markers are painted on top of them.
enum class MarkerKind : uint8_t {
    PhaseStep,        // a phase of RunOnce: cleanup, make pollfds, calculate timeout, ...
    InterruptSkipped, // an interrupt that did not write: no poll to wake, or the loop itself
    ServerStep,       // daemon start-up, listeners, signals, shutdown
    ClientStep,       // client bookkeeping: register, handle mode, keepalive
    HandleAdded,
    HandleUpdated,
    HandleRemoved,
    HandlePurged,
    DispatchSkipped, // a ready handle not dispatched: deleted, or the walk stopped
    TimeoutAdded,
    TimeoutUpdated,
    TimeoutRemoved,
    TimeoutPurged,
    WorkerStarted,
    WorkerStopped,
    ClientRead,
    ClientWrite,
    ClientThrottled,
    ClientUnthrottled,
    ReplyQueued,
    ClientAction, // a scripted client did something
    Note,         // narration
    LoopResumed,
    LoopPaused,
    TimerFire,
    WakeupDrain, // virEventPollHandleWakeup read a byte
    WakeupWrite, // an interrupt wrote a byte to the wakeup pipe
    Accept,
    AcceptFailed,
    ClientFailure,
    ClientFreed,
    LoopError,
    Count
};
constexpr int kMarkerKindCount = int(MarkerKind::Count);

enum class MarkerShape : uint8_t {
    Tick,
    Circle,
    Ring,
    Square,
    HollowSquare,
    Diamond,
    HollowDiamond,
    TriangleUp,
    TriangleDown,
    TriangleRight,
    ArrowDown,
    ArrowUp,
    Plus,
    Cross,
    Bar,
    Star,
    Pause,
};

struct SpanStyle
{
    EventFamily family;
    SpanFill fill;
    int darker;        // QColor::darker factor applied to the family colour (100: none)
    const char *label; // for the legend, translated in the TimelineStyle context
};

struct MarkerStyle
{
    MarkerShape shape;
    EventFamily family;
    bool faint;        // drawn see-through: it happened, but nothing came of it
    const char *label; // for the legend, translated in the TimelineStyle context
};

class TimelineStyle
{
    Q_DECLARE_TR_FUNCTIONS(TimelineStyle)

public:
    // Size of a marker's shape in pixels; markers closer than this fold together.
    static constexpr int kMarkerSize = 9;
    // A marker pixmap is square, with room for the outline and the folded shadow
    // (which falls down and to the right); the shape's centre is at (centre, centre).
    static constexpr int kMarkerPixmapSide = kMarkerSize + 4;
    static constexpr qreal kMarkerPixmapCentre = kMarkerPixmapSide / 2.0 - 1;

    // The project's one colour per family: the event log, the details and the
    // call flow use it too, so that a family reads the same everywhere.
    static QColor familyColor(EventFamily family);
    static QString familyLabel(EventFamily family);
    static QString familyDescription(EventFamily family);

    static const SpanStyle &spanStyle(SpanKind kind);
    static QString spanLabel(SpanKind kind);
    static QColor spanColor(SpanKind kind);

    static const MarkerStyle &markerStyle(MarkerKind kind);
    static QString markerLabel(MarkerKind kind);
    static QColor markerColor(MarkerKind kind);

    // The span a Begin event opens, or nothing for other shapes.
    static std::optional<SpanKind> spanKindOf(EventKind begin);
    // The marker an Instant event is drawn as (an interrupt's meaning depends on
    // whether it wrote); timer fires also mark their DispatchTimeoutBegin.
    static std::optional<MarkerKind> markerKindOf(const TraceEvent &event);

    // Paints a marker centred at `centre`; a folded marker stands for several.
    static void paintMarker(QPainter &painter, MarkerKind kind, const QPointF &centre, bool folded = false);
    // The same marker pre-rendered, for painting thousands of them quickly.
    static QPixmap markerPixmap(MarkerKind kind, bool folded, qreal devicePixelRatio);
    // Paints a span's body; `folded` when it stands for several narrow spans.
    static void paintSpan(QPainter &painter, SpanKind kind, const QRectF &rect, bool folded = false);
    // The colour of a label written inside a span.
    static QColor spanTextColor(SpanKind kind);
    // Paints causal arrows, each with its head at the effect.
    static void paintArrows(QPainter &painter, const QLineF *lines, size_t count);
    // The background of a watch lane while the watch exists, and once it is
    // marked deleted but not yet purged.
    static QBrush watchAliveBrush();
    static QBrush watchDeletedBrush();
    // The selected event: an outline around its item, and a line across the lanes.
    static QColor selectionColor();
    static void paintSelectionOutline(QPainter &painter, const QRectF &itemRect);
};

} // namespace pollscope::ui
