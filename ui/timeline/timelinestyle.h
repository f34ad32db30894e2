// How the timeline draws things: one colour per event family, one style per span
// and one shape+colour per marker meaning. The painter and the legend both
// read these tables, so the legend explains exactly what is drawn.
#pragma once

#include "trace/traceevent.h"

#include <QColor>
#include <QCoreApplication>
#include <QPixmap>
#include <QString>

#include <array>

class QBrush;
class QLineF;
class QPainter;
class QPointF;
class QRectF;

namespace pollscope::ui {

constexpr int kEventFamilyCount = int(EventFamily::Control) + 1;

// Spans and markers are the engine's EventSpan and EventMark (each kind names its
// own in eventkind.h); the style tables below are indexed by them, None included.
constexpr int kEventSpanCount = int(EventSpan::Count);

enum class SpanFill : uint8_t {
    Band, // a thin pale strip: structure, not work
    Wait, // a light tint with an outline: the thread is blocked
    Busy, // solid: the thread is running code
};

constexpr int kEventMarkCount = int(EventMark::Count);

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
    Break, // an axis break: two slanted strokes, where the record is missing
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

    static const SpanStyle &spanStyle(EventSpan kind);
    static QString spanLabel(EventSpan kind);
    static QColor spanColor(EventSpan kind);

    static const MarkerStyle &markerStyle(EventMark kind);
    static QString markerLabel(EventMark kind);
    static QColor markerColor(EventMark kind);

    // Paints a marker centred at `centre`; a folded marker stands for several.
    static void paintMarker(QPainter &painter, EventMark kind, const QPointF &centre, bool folded = false);
    // The same marker pre-rendered, for painting thousands of them quickly.
    static QPixmap markerPixmap(EventMark kind, bool folded, qreal devicePixelRatio);
    // Paints a span's body; `folded` when it stands for several narrow spans.
    static void paintSpan(QPainter &painter, EventSpan kind, const QRectF &rect, bool folded = false);
    // The colour of a label written inside a span.
    static QColor spanTextColor(EventSpan kind);
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
