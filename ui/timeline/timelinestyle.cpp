#include "timelinestyle.h"

#include <QBrush>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <cmath>
#include <numbers>

namespace pollscope::ui {

namespace {

struct FamilyStyle
{
    QRgb rgb;
    const char *label;
    const char *description;
};

// Indexed by EventFamily. Hues far apart, dark enough to read on a light lane.
constexpr std::array<FamilyStyle, kEventFamilyCount> kFamilies = {{
    {0x3f6fb0, QT_TRANSLATE_NOOP("TimelineStyle", "Loop phases"),
     QT_TRANSLATE_NOOP("TimelineStyle", "virEventPollRunOnce: iterations, poll waits, phase steps")},
    {0x3f9a48, QT_TRANSLATE_NOOP("TimelineStyle", "Handles"),
     QT_TRANSLATE_NOOP("TimelineStyle", "Watches on file descriptors: add, update, remove, purge, dispatch")},
    {0xe07b1f, QT_TRANSLATE_NOOP("TimelineStyle", "Timers"),
     QT_TRANSLATE_NOOP("TimelineStyle", "Timeouts: add, update, remove, purge, fire")},
    {0x9b4fa8, QT_TRANSLATE_NOOP("TimelineStyle", "Wakeup"),
     QT_TRANSLATE_NOOP("TimelineStyle", "The self-pipe: interrupts write it, the wakeup handler drains it")},
    {0xd0424a, QT_TRANSLATE_NOOP("TimelineStyle", "Server"),
     QT_TRANSLATE_NOOP("TimelineStyle", "The daemon: start-up, listeners, accept, signals, shutdown")},
    {0x12908e, QT_TRANSLATE_NOOP("TimelineStyle", "Clients"),
     QT_TRANSLATE_NOOP("TimelineStyle", "Per-client reads, writes, throttling and failures")},
    {0xb8911a, QT_TRANSLATE_NOOP("TimelineStyle", "Workers"),
     QT_TRANSLATE_NOOP("TimelineStyle", "Worker threads running requests and queueing replies")},
    {0x6e6e6e, QT_TRANSLATE_NOOP("TimelineStyle", "Control"),
     QT_TRANSLATE_NOOP("TimelineStyle", "Step control, scripted clients and narration")},
}};

// Indexed by EventSpan; None is never drawn.
constexpr std::array<SpanStyle, kEventSpanCount> kSpans = {{
    {EventFamily::LoopPhase, SpanFill::Band, 100, ""},
    {EventFamily::Server, SpanFill::Band, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Daemon loop thread (qemudRunLoop)")},
    {EventFamily::LoopPhase, SpanFill::Band, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Loop iteration (virEventPollRunOnce)")},
    {EventFamily::LoopPhase, SpanFill::Wait, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Waiting in poll()")},
    {EventFamily::Handle, SpanFill::Busy, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Handle callback")},
    {EventFamily::Timer, SpanFill::Busy, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Timer callback")},
    {EventFamily::Handle, SpanFill::Busy, 160, QT_TRANSLATE_NOOP("TimelineStyle", "Free callback (after purge)")},
    {EventFamily::Worker, SpanFill::Busy, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Worker job")},
    {EventFamily::Worker, SpanFill::Busy, 150, QT_TRANSLATE_NOOP("TimelineStyle", "Remote procedure call")},
    {EventFamily::Control, SpanFill::Wait, 100, QT_TRANSLATE_NOOP("TimelineStyle", "Held in slow motion (not libvirt)")},
}};

// Indexed by EventMark; None is never drawn. No two marks share both shape and family.
constexpr std::array<MarkerStyle, kEventMarkCount> kMarkers = {{
    {MarkerShape::Tick, EventFamily::Control, true, ""},
    {MarkerShape::Tick, EventFamily::LoopPhase, false, QT_TRANSLATE_NOOP("TimelineStyle", "Loop phase step")},
    {MarkerShape::HollowDiamond, EventFamily::Wakeup, true,
     QT_TRANSLATE_NOOP("TimelineStyle", "Interrupt skipped (nothing to wake)")},
    {MarkerShape::Circle, EventFamily::Server, false, QT_TRANSLATE_NOOP("TimelineStyle", "Server step")},
    {MarkerShape::Circle, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client bookkeeping")},
    {MarkerShape::Plus, EventFamily::Handle, false, QT_TRANSLATE_NOOP("TimelineStyle", "Handle added")},
    {MarkerShape::Square, EventFamily::Handle, false, QT_TRANSLATE_NOOP("TimelineStyle", "Handle updated (new mode)")},
    {MarkerShape::Cross, EventFamily::Handle, false, QT_TRANSLATE_NOOP("TimelineStyle", "Handle removed (marked deleted)")},
    {MarkerShape::Bar, EventFamily::Handle, false, QT_TRANSLATE_NOOP("TimelineStyle", "Handle purged")},
    {MarkerShape::Ring, EventFamily::Handle, false,
     QT_TRANSLATE_NOOP("TimelineStyle", "Ready handle not dispatched")},
    {MarkerShape::Plus, EventFamily::Timer, false, QT_TRANSLATE_NOOP("TimelineStyle", "Timeout added")},
    {MarkerShape::Square, EventFamily::Timer, false, QT_TRANSLATE_NOOP("TimelineStyle", "Timeout updated")},
    {MarkerShape::Cross, EventFamily::Timer, false, QT_TRANSLATE_NOOP("TimelineStyle", "Timeout removed (marked deleted)")},
    {MarkerShape::Bar, EventFamily::Timer, false, QT_TRANSLATE_NOOP("TimelineStyle", "Timeout purged")},
    {MarkerShape::Plus, EventFamily::Worker, false, QT_TRANSLATE_NOOP("TimelineStyle", "Worker started")},
    {MarkerShape::Bar, EventFamily::Worker, false, QT_TRANSLATE_NOOP("TimelineStyle", "Worker stopped")},
    {MarkerShape::ArrowDown, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client read")},
    {MarkerShape::ArrowUp, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client write")},
    {MarkerShape::Pause, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client throttled")},
    {MarkerShape::TriangleRight, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client unthrottled")},
    {MarkerShape::Square, EventFamily::Worker, false, QT_TRANSLATE_NOOP("TimelineStyle", "Reply queued")},
    {MarkerShape::HollowSquare, EventFamily::Control, false, QT_TRANSLATE_NOOP("TimelineStyle", "Scripted client action")},
    {MarkerShape::Ring, EventFamily::Control, false, QT_TRANSLATE_NOOP("TimelineStyle", "Note")},
    {MarkerShape::TriangleRight, EventFamily::Control, false, QT_TRANSLATE_NOOP("TimelineStyle", "Loop resumed")},
    {MarkerShape::Pause, EventFamily::Control, false, QT_TRANSLATE_NOOP("TimelineStyle", "Loop paused (step control)")},
    {MarkerShape::Diamond, EventFamily::Control, false,
     QT_TRANSLATE_NOOP("TimelineStyle", "Step control woke the loop (not libvirt)")},
    {MarkerShape::Star, EventFamily::Timer, false, QT_TRANSLATE_NOOP("TimelineStyle", "Timer fired")},
    {MarkerShape::TriangleDown, EventFamily::Wakeup, false,
     QT_TRANSLATE_NOOP("TimelineStyle", "Wakeup pipe drained (loop woken)")},
    {MarkerShape::Diamond, EventFamily::Wakeup, false,
     QT_TRANSLATE_NOOP("TimelineStyle", "Interrupt: wrote the wakeup pipe")},
    {MarkerShape::TriangleUp, EventFamily::Server, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client accepted")},
    {MarkerShape::Cross, EventFamily::Server, false, QT_TRANSLATE_NOOP("TimelineStyle", "Accept failed or client rejected")},
    {MarkerShape::Cross, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client failure")},
    {MarkerShape::Bar, EventFamily::Client, false, QT_TRANSLATE_NOOP("TimelineStyle", "Client freed")},
    {MarkerShape::Cross, EventFamily::LoopPhase, false, QT_TRANSLATE_NOOP("TimelineStyle", "poll() failed")},
    {MarkerShape::Break, EventFamily::Control, false,
     QT_TRANSLATE_NOOP("TimelineStyle", "Events lost here (trace buffer full)")},
}};

QPolygonF regularPolygon(const QPointF &centre, qreal radius, std::initializer_list<QPointF> unitPoints)
{
    QPolygonF polygon;
    for (const QPointF &point : unitPoints)
        polygon << centre + point * radius;
    return polygon;
}

} // namespace

QColor TimelineStyle::familyColor(EventFamily family)
{
    return QColor::fromRgb(kFamilies[size_t(family)].rgb);
}

QString TimelineStyle::familyLabel(EventFamily family)
{
    return tr(kFamilies[size_t(family)].label);
}

QString TimelineStyle::familyDescription(EventFamily family)
{
    return tr(kFamilies[size_t(family)].description);
}

const SpanStyle &TimelineStyle::spanStyle(EventSpan kind)
{
    return kSpans[size_t(kind)];
}

QString TimelineStyle::spanLabel(EventSpan kind)
{
    return tr(kSpans[size_t(kind)].label);
}

QColor TimelineStyle::spanColor(EventSpan kind)
{
    const SpanStyle &style = spanStyle(kind);
    return familyColor(style.family).darker(style.darker);
}

const MarkerStyle &TimelineStyle::markerStyle(EventMark kind)
{
    return kMarkers[size_t(kind)];
}

QString TimelineStyle::markerLabel(EventMark kind)
{
    return tr(kMarkers[size_t(kind)].label);
}

QColor TimelineStyle::markerColor(EventMark kind)
{
    QColor color = familyColor(markerStyle(kind).family);
    if (markerStyle(kind).faint)
        color.setAlpha(110);
    return color;
}

void TimelineStyle::paintSpan(QPainter &painter, EventSpan kind, const QRectF &rect, bool folded)
{
    const QColor color = spanColor(kind);
    const SpanFill fill = spanStyle(kind).fill;
    if (folded) {
        // Pale with a dotted texture: several spans too narrow to draw apart. A
        // pixel of gap keeps neighbouring folds apart.
        const QRectF mark = rect.width() > 4 ? rect.adjusted(0, 0, -1, 0) : rect;
        QColor pale = color;
        pale.setAlpha(fill == SpanFill::Busy ? 110 : 60);
        painter.fillRect(mark, pale);
        painter.fillRect(mark, QBrush(color.darker(130), Qt::Dense6Pattern));
        return;
    }
    switch (fill) {
    case SpanFill::Band: {
        QColor band = color;
        band.setAlpha(80);
        painter.fillRect(rect, band);
        return;
    }
    case SpanFill::Wait:
        painter.fillRect(rect, color.lighter(175));
        break;
    case SpanFill::Busy:
        painter.fillRect(rect, color);
        break;
    }
    if (rect.width() >= 5) {
        painter.setPen(color.darker(fill == SpanFill::Wait ? 110 : 150));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
    }
}

QColor TimelineStyle::spanTextColor(EventSpan kind)
{
    return spanStyle(kind).fill == SpanFill::Busy ? QColor(Qt::white) : spanColor(kind).darker(200);
}

void TimelineStyle::paintArrows(QPainter &painter, const QLineF *lines, size_t count)
{
    const QColor color(40, 40, 48, 190);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // A cosmetic pen takes the raster engine's fast line path; a wider one is
    // stroked as a polygon, which is many times slower for a thousand arrows.
    QPen pen(color, 1.0);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.drawLines(lines, int(count));
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    for (size_t i = 0; i < count; ++i) {
        const QLineF &line = lines[i];
        if (line.length() < 8)
            continue;
        const QPointF along = (line.p2() - line.p1()) / line.length();
        const QPointF back = line.p2() - along * 7;
        const QPointF side(-along.y() * 3.5, along.x() * 3.5);
        const QPointF head[3] = {line.p2(), back + side, back - side};
        painter.drawPolygon(head, 3);
    }
    painter.restore();
}

QBrush TimelineStyle::watchAliveBrush()
{
    QColor alive = familyColor(EventFamily::Handle);
    alive.setAlpha(28);
    return alive;
}

QBrush TimelineStyle::watchDeletedBrush()
{
    QColor hatch = familyColor(EventFamily::Handle).darker(130);
    hatch.setAlpha(90);
    return QBrush(hatch, Qt::BDiagPattern);
}

QColor TimelineStyle::selectionColor()
{
    return QColor(255, 196, 0);
}

void TimelineStyle::paintSelectionOutline(QPainter &painter, const QRectF &itemRect)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(selectionColor().darker(120), 2.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(itemRect.adjusted(-2, -2, 2, 2), 2, 2);
    painter.restore();
}

void TimelineStyle::paintMarker(QPainter &painter, EventMark kind, const QPointF &centre, bool folded)
{
    const MarkerStyle &style = markerStyle(kind);
    const QColor color = markerColor(kind);
    const QColor outline = style.faint ? color : color.darker(170);
    const qreal r = kMarkerSize / 2.0;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    if (folded) {
        // A shadow copy behind the shape says "more than one here".
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 70));
        painter.drawEllipse(centre + QPointF(1.5, 1.5), r, r);
    }
    const QPen thin(outline, 1.0);
    const QPen thick(color, 2.0, Qt::SolidLine, Qt::FlatCap);
    painter.setPen(thin);
    painter.setBrush(color);

    switch (style.shape) {
    case MarkerShape::Tick:
        painter.setPen(QPen(color, 1.6, Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(centre + QPointF(0, -r), centre + QPointF(0, r));
        break;
    case MarkerShape::Circle:
        painter.drawEllipse(centre, r - 0.5, r - 0.5);
        break;
    case MarkerShape::Ring:
        painter.setPen(QPen(color, 1.8));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(centre, r - 1, r - 1);
        break;
    case MarkerShape::Square:
        painter.drawRect(QRectF(centre.x() - r + 1, centre.y() - r + 1, 2 * r - 2, 2 * r - 2));
        break;
    case MarkerShape::HollowSquare:
        painter.setPen(QPen(color, 1.8));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(centre.x() - r + 1.5, centre.y() - r + 1.5, 2 * r - 3, 2 * r - 3));
        break;
    case MarkerShape::Diamond:
        painter.drawPolygon(regularPolygon(centre, r, {{0, -1}, {1, 0}, {0, 1}, {-1, 0}}));
        break;
    case MarkerShape::HollowDiamond:
        painter.setPen(QPen(color, 1.4));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolygon(regularPolygon(centre, r - 0.5, {{0, -1}, {1, 0}, {0, 1}, {-1, 0}}));
        break;
    case MarkerShape::TriangleUp:
        painter.drawPolygon(regularPolygon(centre, r, {{0, -1}, {1, 0.8}, {-1, 0.8}}));
        break;
    case MarkerShape::TriangleDown:
        painter.drawPolygon(regularPolygon(centre, r, {{-1, -0.8}, {1, -0.8}, {0, 1}}));
        break;
    case MarkerShape::TriangleRight:
        painter.drawPolygon(regularPolygon(centre, r, {{-0.8, -1}, {1, 0}, {-0.8, 1}}));
        break;
    case MarkerShape::ArrowDown:
        painter.drawPolygon(regularPolygon(
            centre, r, {{-0.35, -1}, {0.35, -1}, {0.35, 0}, {1, 0}, {0, 1}, {-1, 0}, {-0.35, 0}}));
        break;
    case MarkerShape::ArrowUp:
        painter.drawPolygon(regularPolygon(
            centre, r, {{0, -1}, {1, 0}, {0.35, 0}, {0.35, 1}, {-0.35, 1}, {-0.35, 0}, {-1, 0}}));
        break;
    case MarkerShape::Plus:
        painter.setPen(thick);
        painter.drawLine(centre + QPointF(-r, 0), centre + QPointF(r, 0));
        painter.drawLine(centre + QPointF(0, -r), centre + QPointF(0, r));
        break;
    case MarkerShape::Cross:
        painter.setPen(thick);
        painter.drawLine(centre + QPointF(-r + 1, -r + 1), centre + QPointF(r - 1, r - 1));
        painter.drawLine(centre + QPointF(-r + 1, r - 1), centre + QPointF(r - 1, -r + 1));
        break;
    case MarkerShape::Bar:
        painter.drawRect(QRectF(centre.x() - 1.5, centre.y() - r, 3, 2 * r));
        break;
    case MarkerShape::Star: {
        QPolygonF star;
        for (int i = 0; i < 10; ++i) {
            const qreal angle = std::numbers::pi / 5 * i - std::numbers::pi / 2;
            const qreal radius = i % 2 ? r * 0.45 : r + 0.5;
            star << centre + QPointF(std::cos(angle) * radius, std::sin(angle) * radius);
        }
        painter.drawPolygon(star);
        break;
    }
    case MarkerShape::Pause:
        painter.setPen(Qt::NoPen);
        painter.drawRect(QRectF(centre.x() - r + 1, centre.y() - r, 3, 2 * r));
        painter.drawRect(QRectF(centre.x() + r - 4, centre.y() - r, 3, 2 * r));
        break;
    case MarkerShape::Break:
        // Like the break of a chart's axis: what lies between was not recorded.
        painter.setPen(QPen(color, 2.0, Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(centre + QPointF(-r, r), centre + QPointF(-1, -r));
        painter.drawLine(centre + QPointF(1, r), centre + QPointF(r, -r));
        break;
    }
    painter.restore();
}

QPixmap TimelineStyle::markerPixmap(EventMark kind, bool folded, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(kMarkerPixmapSide, kMarkerPixmapSide) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintMarker(painter, kind, QPointF(kMarkerPixmapCentre, kMarkerPixmapCentre), folded);
    return pixmap;
}

} // namespace pollscope::ui
