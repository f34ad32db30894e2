#include "timelinewidget.h"

#include "eventpoll/eventhandle.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timelinelanes.h"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStringList>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pollscope::ui {

namespace {

constexpr int kHeaderWidth = 180;
constexpr int kAxisHeight = 30;
constexpr int kLanePadding = 3;
constexpr int kMarkerRowHeight = 14;
constexpr int kSpanRowHeight = 16;
constexpr int kBandRowHeight = 6;
constexpr int kMinLaneHeight = 36;
constexpr int kFoldedSpanRowHeight = 3;
constexpr int kDragThreshold = 4;
// More causal arrows than this would only paint the view grey, and cost a frame.
constexpr qsizetype kMaxArrows = 1500;
// Tick labels need about this much room.
constexpr double kMinTickSpacingPx = 110.0;
// The live edge sits this far across the view while following.
constexpr double kLiveEdgeFraction = 0.95;
constexpr double kZoomStep = 1.5;
// Framing a single instant shows this much time around it.
constexpr int64_t kMinFrameNs = 200'000;
// Half the width of the hatched mark where a hold was cut out of loop time.
constexpr double kHoldHalfWidthPx = 2.0;
constexpr double kMinNsPerPx = 0.01;
constexpr double kMaxFoldPx = 40.0;

// The smallest 1, 2 or 5 times a power of ten that is at least `minimum`.
int64_t niceStep(double minimum)
{
    for (int64_t magnitude = 1;; magnitude *= 10) {
        for (int64_t mantissa : {1, 2, 5}) {
            if (double(mantissa * magnitude) >= minimum)
                return mantissa * magnitude;
        }
    }
}

int64_t floorDiv(int64_t a, int64_t b)
{
    const int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct TimeUnit
{
    int64_t ns;
    const char *name;
};

constexpr std::array<TimeUnit, 4> kUnits = {{
    {1'000'000'000, QT_TRANSLATE_NOOP("pollscope::ui::TimelineWidget", "s")},
    {1'000'000, QT_TRANSLATE_NOOP("pollscope::ui::TimelineWidget", "ms")},
    {1'000, QT_TRANSLATE_NOOP("pollscope::ui::TimelineWidget", "µs")},
    {1, QT_TRANSLATE_NOOP("pollscope::ui::TimelineWidget", "ns")},
}};

const TimeUnit &unitFor(int64_t magnitudeNs)
{
    for (const TimeUnit &unit : kUnits) {
        if (std::abs(magnitudeNs) >= unit.ns)
            return unit;
    }
    return kUnits.back();
}

QString fieldValue(uint32_t flag, int64_t value)
{
    if (flag == TraceField::Events)
        return QString::fromStdString(eventHandleString(int(value)));
    if (flag == TraceField::Revents)
        return QString::fromStdString(nativeEventString(int(value)));
    return QString::number(value);
}

} // namespace

TimelineWidget::TimelineWidget(TraceCursor *cursor, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_cursor(cursor)
    , m_lanes(new TimelineLanes(cursor->store(), this))
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setMouseTracking(true);
    setMinimumSize(kHeaderWidth + 200, kAxisHeight + 3 * kMinLaneHeight);

    retranslate();
    connect(m_lanes, &TimelineLanes::reset, this, &TimelineWidget::onLanesReset);
    connect(m_lanes, &TimelineLanes::appended, this, &TimelineWidget::onLanesAppended);
    connect(m_cursor, &TraceCursor::selectionChanged, this, [this](qsizetype index) {
        if (index >= 0)
            revealEvent(index);
        viewport()->update();
    });
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_syncingScrollBars)
            return;
        changeViewByUser(m_scrollOriginNs + int64_t(value) * m_scrollUnitNs, m_nsPerPx);
    });
    onLanesReset();
}

void TimelineWidget::retranslate()
{
    for (int kind = 0; kind < kEventSpanCount; ++kind)
        m_spanNames[size_t(kind)] = TimelineStyle::spanLabel(EventSpan(kind));
    m_spanNames[size_t(EventSpan::PollWait)] = tr("poll");
    m_spanNames[size_t(EventSpan::WorkerJob)] = tr("job");
    m_summary.retranslate();
    viewport()->update();
}

void TimelineWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_lanes->retranslate();
    }
    QAbstractScrollArea::changeEvent(event);
}

qint64 TimelineWidget::viewEndNs() const
{
    return m_viewStartNs + int64_t(std::llround(laneWidth() * m_nsPerPx));
}

// --- data ------------------------------------------------------------------------

void TimelineWidget::onLanesReset()
{
    m_texts.clear();
    relayout();
    m_hasView = false;
    fitAll();
    invalidate();
    syncScrollBars();
}

void TimelineWidget::onLanesAppended(bool layoutChanged)
{
    if (layoutChanged)
        relayout();
    // The first batch is fitted. Then a followed view slides along at its scale,
    // and a fitted one that is not followed grows with the run.
    if (!m_hasView || (m_fitted && !m_followLive))
        fitAll();
    else if (m_followLive)
        moveToLiveEdge();
    invalidate();
    syncScrollBars();
}

void TimelineWidget::relayout()
{
    m_rows.resize(size_t(m_lanes->laneCount()));
    int top = 0;
    for (int row = 0; row < m_lanes->laneCount(); ++row) {
        const TimelineLane &lane = m_lanes->lane(row);
        RowGeometry &geometry = m_rows[size_t(row)];
        geometry.top = top;
        geometry.depthTop.resize(size_t(lane.depthCount()));
        geometry.depthHeight.resize(size_t(lane.depthCount()));
        // A purged watch (a client that has gone) folds to a thin lane: its history
        // stays, but it no longer takes the room of the living ones.
        const bool folded = isFolded(lane);
        int y = kLanePadding + kMarkerRowHeight;
        for (int depth = 0; depth < lane.depthCount(); ++depth) {
            const int height = folded ? kFoldedSpanRowHeight
                                      : lane.bandOnly[size_t(depth)] ? kBandRowHeight : kSpanRowHeight;
            geometry.depthTop[size_t(depth)] = y;
            geometry.depthHeight[size_t(depth)] = height;
            y += height + 1;
        }
        geometry.height = folded ? y + 1 : std::max(kMinLaneHeight, y + kLanePadding);
        top += geometry.height;
    }
    m_contentHeight = top;
    invalidate();
}

bool TimelineWidget::isFolded(const TimelineLane &lane)
{
    return lane.kind == TimelineLane::Kind::Watch && lane.hasEnded();
}

void TimelineWidget::syncScrollBars()
{
    m_syncingScrollBars = true;
    const int areaHeight = std::max(0, viewport()->height() - kAxisHeight);
    verticalScrollBar()->setRange(0, std::max(0, m_contentHeight - areaHeight));
    verticalScrollBar()->setPageStep(std::max(1, areaHeight));
    verticalScrollBar()->setSingleStep(kSpanRowHeight);

    QScrollBar *bar = horizontalScrollBar();
    if (!m_hasView) {
        bar->setRange(0, 0);
    } else {
        // The bar covers the session and the view; its int steps are scaled so
        // that a long session at nanosecond zoom still fits.
        const int64_t viewSpan = viewEndNs() - m_viewStartNs;
        const int64_t worldStart = std::min<int64_t>(m_lanes->startNs(), m_viewStartNs);
        const int64_t worldEnd = std::max<int64_t>(m_lanes->endNs(), viewEndNs());
        m_scrollOriginNs = worldStart;
        m_scrollUnitNs = (worldEnd - worldStart) / 1'000'000'000 + 1;
        bar->setRange(0, int((worldEnd - worldStart - viewSpan) / m_scrollUnitNs));
        bar->setPageStep(int(std::max<int64_t>(1, viewSpan / m_scrollUnitNs)));
        bar->setSingleStep(std::max(1, bar->pageStep() / 10));
        bar->setValue(int((m_viewStartNs - worldStart) / m_scrollUnitNs));
    }
    m_syncingScrollBars = false;
}

void TimelineWidget::invalidate()
{
    m_itemsValid = false;
    viewport()->update();
}

// --- view ------------------------------------------------------------------------

double TimelineWidget::laneLeft() const
{
    return kHeaderWidth;
}

double TimelineWidget::laneWidth() const
{
    return std::max(1.0, double(viewport()->width() - kHeaderWidth));
}

double TimelineWidget::xOf(int64_t timeNs) const
{
    return laneLeft() + double(timeNs - m_viewStartNs) / m_nsPerPx;
}

int64_t TimelineWidget::timeAt(double x) const
{
    return m_viewStartNs + int64_t(std::llround((x - laneLeft()) * m_nsPerPx));
}

int TimelineWidget::rowY(int row) const
{
    return kAxisHeight + m_rows[size_t(row)].top - verticalScrollBar()->value();
}

double TimelineWidget::slotCentreY(int row, int slot) const
{
    const RowGeometry &geometry = m_rows[size_t(row)];
    if (slot < 0)
        return rowY(row) + kLanePadding + kMarkerRowHeight / 2.0;
    return rowY(row) + geometry.depthTop[size_t(slot)] + geometry.depthHeight[size_t(slot)] / 2.0;
}

QRect TimelineWidget::laneRect(int row) const
{
    return QRect(kHeaderWidth, rowY(row), viewport()->width() - kHeaderWidth, m_rows[size_t(row)].height);
}

double TimelineWidget::clampNsPerPx(double nsPerPx) const
{
    const double span = double(std::max<int64_t>(m_lanes->endNs() - m_lanes->startNs(), 1'000'000));
    return std::clamp(nsPerPx, kMinNsPerPx, 4.0 * span / laneWidth());
}

void TimelineWidget::applyView(int64_t startNs, double nsPerPx)
{
    nsPerPx = clampNsPerPx(nsPerPx);
    const bool changed = !m_hasView || startNs != m_viewStartNs || nsPerPx != m_nsPerPx;
    m_hasView = true;
    m_viewStartNs = startNs;
    m_nsPerPx = nsPerPx;
    if (!changed)
        return;
    invalidate();
    syncScrollBars();
    emit visibleRangeChanged(m_viewStartNs, viewEndNs());
}

void TimelineWidget::changeViewByUser(int64_t startNs, double nsPerPx)
{
    m_fitted = false;
    applyView(startNs, nsPerPx);
    const int64_t latest = m_lanes->latestNs();
    if (m_followLive && (latest < m_viewStartNs || latest > viewEndNs()))
        setFollowLive(false);
}

void TimelineWidget::moveToLiveEdge()
{
    const TraceStore *store = m_cursor->store();
    if (store->isEmpty())
        return;
    const double span = laneWidth() * m_nsPerPx;
    const int64_t start = std::max(m_lanes->endNs() - int64_t(span * kLiveEdgeFraction),
                                   m_lanes->startNs() - int64_t(span * (1 - kLiveEdgeFraction)));
    applyView(start, m_nsPerPx);
}

void TimelineWidget::zoomAround(double factor, double anchorX)
{
    if (!m_hasView)
        return;
    // While following, zoom about the live edge so that it stays in view.
    if (m_followLive)
        anchorX = xOf(m_lanes->latestNs());
    const int64_t anchorNs = timeAt(anchorX);
    const double nsPerPx = clampNsPerPx(m_nsPerPx / factor);
    changeViewByUser(anchorNs - int64_t(std::llround((anchorX - laneLeft()) * nsPerPx)), nsPerPx);
}

void TimelineWidget::panByPixels(double dx)
{
    if (m_hasView)
        changeViewByUser(m_viewStartNs + int64_t(std::llround(dx * m_nsPerPx)), m_nsPerPx);
}

void TimelineWidget::zoomIn()
{
    zoomAround(kZoomStep, laneLeft() + laneWidth() / 2);
}

void TimelineWidget::zoomOut()
{
    zoomAround(1 / kZoomStep, laneLeft() + laneWidth() / 2);
}

void TimelineWidget::fitAll()
{
    const TraceStore *store = m_cursor->store();
    if (store->isEmpty())
        return;
    const int64_t margin = std::max<int64_t>((m_lanes->endNs() - m_lanes->startNs()) / 50, 1);
    setVisibleRange(m_lanes->startNs() - margin, m_lanes->endNs() + margin);
    m_fitted = true;
}

void TimelineWidget::setFollowLive(bool follow)
{
    if (follow == m_followLive)
        return;
    m_followLive = follow;
    if (follow)
        moveToLiveEdge();
    emit followLiveChanged(follow);
}

void TimelineWidget::setVisibleRange(qint64 startNs, qint64 endNs)
{
    const int64_t span = std::max<int64_t>(endNs - startNs, 1);
    changeViewByUser(startNs, double(span) / laneWidth());
}

void TimelineWidget::frameEvent(qsizetype index)
{
    const TraceStore *store = m_cursor->store();
    if (index < 0 || index >= store->size())
        return;
    int64_t low = m_lanes->timeOf(index);
    int64_t high = low;
    const auto include = [&](qsizetype other) {
        low = std::min(low, m_lanes->timeOf(other));
        high = std::max(high, m_lanes->timeOf(other));
    };
    // A callback or a job is framed whole; the daemon's loop thread, an iteration
    // or a wait in poll() may last the whole recording, and only their start is.
    const EventSpan span = eventKindInfo(store->at(index).kind).span;
    const bool longLived = span == EventSpan::RunLoop || span == EventSpan::Iteration || span == EventSpan::PollWait;
    if (const qsizetype end = m_lanes->endOfSpan(index); end >= 0 && !longLived)
        include(end);
    if (const uint64_t flow = store->at(index).flow) {
        for (qsizetype i = 0; i < store->size(); ++i) {
            if (store->at(i).flow == flow)
                include(i);
        }
    }
    // A lone instant still gets some room around it, to show its neighbours.
    const int64_t width = std::max<int64_t>(high - low, kMinFrameNs);
    const int64_t margin = width / 8;
    const int64_t centre = low + (high - low) / 2;
    setFollowLive(false);
    setVisibleRange(centre - width / 2 - margin, centre + width / 2 + margin);
    m_fitted = false;
    revealEvent(index);
}

void TimelineWidget::frameSelection()
{
    frameEvent(m_cursor->selected());
}

void TimelineWidget::revealEvent(qsizetype index)
{
    const TraceStore *store = m_cursor->store();
    if (index < 0 || index >= store->size())
        return;
    const TraceEvent &event = store->at(index);
    if (!m_hasView)
        fitAll();
    const int64_t span = viewEndNs() - m_viewStartNs;
    const int64_t time = m_lanes->timeOf(index);
    if (time < m_viewStartNs + span / 20 || time > viewEndNs() - span / 20)
        changeViewByUser(time - span / 2, m_nsPerPx);

    const int row = m_lanes->rowOfThread(event.thread);
    if (row < 0)
        return;
    const RowGeometry &geometry = m_rows[size_t(row)];
    const int areaHeight = viewport()->height() - kAxisHeight;
    QScrollBar *bar = verticalScrollBar();
    if (geometry.top < bar->value() || geometry.top + geometry.height > bar->value() + areaHeight)
        bar->setValue(geometry.top - std::max(0, (areaHeight - geometry.height) / 2));
}

// --- the draw list ------------------------------------------------------------------

const std::vector<TimelineWidget::Item> &TimelineWidget::items()
{
    if (!m_itemsValid) {
        buildItems();
        m_itemsValid = true;
    }
    return m_items;
}

const TimelineWidget::Item *TimelineWidget::itemAt(const QPoint &pos)
{
    const std::vector<Item> &list = items();
    // The last painted is on top; a thin item is easier to hit with some slack.
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        const qreal slack = std::max<qreal>(0, (5 - it->rect.width()) / 2);
        if (it->rect.adjusted(-slack, 0, slack, 0).contains(pos))
            return &*it;
    }
    return nullptr;
}

const TimelineWidget::Item *TimelineWidget::itemForEvent(qsizetype index)
{
    for (const Item &item : items()) {
        if (!item.isFolded() && (item.event == index || item.endEvent == index))
            return &item;
    }
    return nullptr;
}

qsizetype TimelineWidget::arrowCount()
{
    items();
    return qsizetype(m_arrows.size());
}

qsizetype TimelineWidget::hiddenFlowCount()
{
    items();
    return m_hiddenFlows;
}

void TimelineWidget::buildItems()
{
    m_items.clear();
    m_arrows.clear();
    m_hiddenFlows = 0;
    if (!m_hasView)
        return;

    // Markers are wider than a point: one half-way out of the view still shows.
    const double markerSlack = TimelineStyle::kMarkerSize;
    const int64_t fromNs = timeAt(laneLeft() - markerSlack);
    const int64_t toNs = timeAt(viewport()->width() + markerSlack);
    const int scroll = verticalScrollBar()->value();
    const int areaHeight = viewport()->height() - kAxisHeight;

    const auto firstRow = std::upper_bound(m_rows.begin(), m_rows.end(), scroll,
                                           [](int y, const RowGeometry &row) { return y < row.top + row.height; });
    for (auto it = firstRow; it != m_rows.end() && it->top < scroll + areaHeight; ++it) {
        const int row = int(it - m_rows.begin());
        const TimelineLane &lane = m_lanes->lane(row);
        const int y = rowY(row);
        for (int depth = 0; depth < lane.depthCount(); ++depth)
            collectSpans(row, depth, y + it->depthTop[size_t(depth)], it->depthHeight[size_t(depth)], fromNs, toNs);
        collectMarkers(row, slotCentreY(row, -1), fromNs, toNs);
    }
    collectArrows();
}

void TimelineWidget::collectSpans(int row, int depth, double top, double height, int64_t fromNs, int64_t toNs)
{
    const std::vector<TimelineSpan> &spans = m_lanes->lane(row).spans[size_t(depth)];
    const auto endsBefore = [](const TimelineSpan &span, int64_t time) { return span.endNs < time; };
    const double left = laneLeft() - 2;
    const double right = viewport()->width() + 2;
    const auto clampedRect = [&](double x0, double x1) {
        x0 = std::max(x0, left);
        x1 = std::min(x1, right);
        return QRectF(x0, top, std::max(1.0, x1 - x0), height);
    };

    auto it = std::lower_bound(spans.begin(), spans.end(), fromNs, endsBefore);
    while (it != spans.end() && it->startNs <= toNs) {
        const double x0 = xOf(it->startNs);
        const double x1 = xOf(m_lanes->spanEndNs(*it));
        if (x1 - x0 >= kMinVisiblePx) {
            m_items.push_back({Item::Type::Span, uint8_t(it->kind), row, clampedRect(x0, x1), it->beginIndex,
                               it->endIndex, 1, it->startNs, m_lanes->spanEndNs(*it), 0});
            ++it;
            continue;
        }
        // Fold this narrow span with the narrow ones right after it: jump with
        // lower_bound past every span ending within kMinVisiblePx of the fold,
        // so that a million tiny spans cost a few steps per pixel, not per span.
        // A fold stops growing at kMaxFoldPx, so that a busy stretch reads as a
        // row of marks with counts, and a click on one zooms in by a useful step.
        const auto first = it;
        double foldX1 = x1;
        while (foldX1 - x0 < kMaxFoldPx) {
            auto next = std::lower_bound(it, spans.end(), timeAt(foldX1 + kMinVisiblePx), endsBefore);
            if (next == it)
                ++next;
            it = next;
            foldX1 = std::max(foldX1, xOf(m_lanes->spanEndNs(*(it - 1))));
            if (it == spans.end())
                break;
            const double nextX0 = xOf(it->startNs);
            if (xOf(m_lanes->spanEndNs(*it)) - nextX0 >= kMinVisiblePx || nextX0 - foldX1 >= kMinVisiblePx)
                break;
        }
        const auto last = it - 1;
        if (first == last) {
            m_items.push_back({Item::Type::Span, uint8_t(first->kind), row, clampedRect(x0, x0 + 1),
                               first->beginIndex, first->endIndex, 1, first->startNs, m_lanes->spanEndNs(*first), 0});
        } else {
            m_items.push_back({Item::Type::FoldedSpans, uint8_t(first->kind), row,
                               clampedRect(x0, std::max(foldX1, x0 + kMinVisiblePx)), first->beginIndex, -1,
                               qsizetype(it - first), first->startNs, m_lanes->spanEndNs(*last), 0});
        }
    }
}

void TimelineWidget::collectMarkers(int row, double centreY, int64_t fromNs, int64_t toNs)
{
    using Iterator = std::vector<TimelineMarker>::const_iterator;
    struct Cursor
    {
        Iterator at;
        Iterator end;
        EventMark kind;
    };
    const auto before = [](const TimelineMarker &marker, int64_t time) { return marker.timeNs < time; };
    const TimelineLane &lane = m_lanes->lane(row);
    const double radius = TimelineStyle::kMarkerSize / 2.0;

    // One cursor per marker kind in view, walked together in time order.
    std::array<Cursor, kEventMarkCount> cursors;
    int cursorCount = 0;
    for (int kind = 0; kind < kEventMarkCount; ++kind) {
        const std::vector<TimelineMarker> &markers = lane.markers[size_t(kind)];
        const auto first = std::lower_bound(markers.begin(), markers.end(), fromNs, before);
        if (first != markers.end() && first->timeNs <= toNs)
            cursors[size_t(cursorCount++)] = {first, markers.end(), EventMark(kind)};
    }

    const size_t firstItem = m_items.size();
    for (;;) {
        int64_t startNs = std::numeric_limits<int64_t>::max();
        for (int i = 0; i < cursorCount; ++i) {
            if (cursors[size_t(i)].at != cursors[size_t(i)].end)
                startNs = std::min(startNs, cursors[size_t(i)].at->timeNs);
        }
        if (startNs > toNs)
            break;
        // Markers closer than one marker's width would overlap, whatever their
        // kind: they fold into one mark, drawn as the most telling kind among them.
        const double x = xOf(startNs);
        const int64_t limit = std::max(timeAt(x + TimelineStyle::kMarkerSize), startNs + 1);
        Item item{Item::Type::Marker, 0, row, {}, -1, -1, 0, startNs, startNs, 0};
        for (int i = 0; i < cursorCount; ++i) {
            Cursor &cursor = cursors[size_t(i)];
            if (cursor.at == cursor.end || cursor.at->timeNs >= limit)
                continue;
            const auto next = std::lower_bound(cursor.at, cursor.end, limit, before);
            item.count += next - cursor.at;
            item.style = uint8_t(cursor.kind);
            item.event = cursor.at->index;
            item.lastNs = std::max(item.lastNs, (next - 1)->timeNs);
            cursor.at = next;
        }
        if (item.count > 1)
            item.type = Item::Type::FoldedMarkers;
        item.rect = QRectF(x - radius, centreY - radius, xOf(item.lastNs) - x + 2 * radius, 2 * radius);
        m_items.push_back(item);
    }
    // What lies up to the next mark is room for this one's count.
    for (size_t i = firstItem; i < m_items.size(); ++i) {
        const double next = i + 1 < m_items.size() ? m_items[i + 1].rect.left() : viewport()->width();
        m_items[i].room = next - m_items[i].rect.left();
    }
}

void TimelineWidget::collectArrows()
{
    const std::vector<TimelineFlow> &flows = m_lanes->flows();
    const int64_t viewEnd = viewEndNs();
    const auto first = std::lower_bound(flows.begin(), flows.end(), m_viewStartNs,
                                        [](const TimelineFlow &flow, int64_t time) { return flow.highNs() < time; });
    const auto last = std::upper_bound(first, flows.end(), viewEnd + m_lanes->longestFlowNs(),
                                       [](int64_t time, const TimelineFlow &flow) { return time < flow.highNs(); });
    // Zoomed far out, thousands of arrows would hide everything else: say how
    // many there are instead, and draw them once the view is close enough.
    if (last - first > kMaxArrows) {
        m_hiddenFlows = last - first;
        return;
    }
    for (auto it = first; it != last; ++it) {
        // Steps of a chain on one lane follow each other already; arrows show hops.
        if (it->from.lane == it->to.lane || it->lowNs() > viewEnd)
            continue;
        const int fromRow = m_lanes->rowOfLane(it->from.lane);
        const int toRow = m_lanes->rowOfLane(it->to.lane);
        m_arrows.emplace_back(xOf(it->from.timeNs), slotCentreY(fromRow, it->from.slot), xOf(it->to.timeNs),
                              slotCentreY(toRow, it->to.slot));
    }
}

// --- painting -------------------------------------------------------------------------

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QRect area(kHeaderWidth, kAxisHeight, viewport()->width() - kHeaderWidth,
                     viewport()->height() - kAxisHeight);
    painter.fillRect(viewport()->rect(), palette().base());

    if (!m_hasView || m_lanes->laneCount() == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter, tr("No events yet: run a scenario or open a trace."));
        paintAxis(painter);
        return;
    }

    items();
    painter.save();
    painter.setClipRect(area);
    paintLaneBackgrounds(painter, area);
    paintGrid(painter, area);
    paintHolds(painter, area);
    paintItems(painter);
    paintArrows(painter);
    paintSelection(painter, area);
    painter.restore();

    paintHeaders(painter);
    paintAxis(painter);

    if (m_hiddenFlows > 0) {
        const QString hint = tr("%n causal link(s) hidden: zoom in to see the arrows", "", int(m_hiddenFlows));
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        painter.setFont(font);
        const QRect box = painter.fontMetrics().boundingRect(hint).adjusted(-6, -3, 6, 3);
        const QRect placed(area.right() - box.width() - 8, area.bottom() - box.height() - 8, box.width(), box.height());
        painter.fillRect(placed, QColor(255, 255, 255, 220));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(placed, Qt::AlignCenter, hint);
    }
}

void TimelineWidget::paintLaneBackgrounds(QPainter &painter, const QRect &area)
{
    const QColor alternate = palette().color(QPalette::AlternateBase);
    const QColor separator = palette().color(QPalette::Mid);
    const int64_t latest = m_lanes->latestNs();
    for (int row = 0; row < m_lanes->laneCount(); ++row) {
        const QRect rect = laneRect(row);
        if (rect.bottom() < area.top() || rect.top() > area.bottom())
            continue;
        if (row % 2)
            painter.fillRect(rect, alternate);
        const TimelineLane &lane = m_lanes->lane(row);
        if (lane.kind == TimelineLane::Kind::Watch) {
            // The watch exists from its AddHandle to its purge; between its
            // removal and its purge it is marked deleted but still in the array.
            const int64_t end = lane.hasEnded() ? lane.endNs : latest;
            const double x0 = std::max(xOf(lane.startNs), double(area.left()));
            const double x1 = std::min(xOf(end), double(area.right() + 1));
            if (x1 > x0)
                painter.fillRect(QRectF(x0, rect.top() + 1, x1 - x0, rect.height() - 2), TimelineStyle::watchAliveBrush());
            if (lane.removedNs != TimelineLane::kNoTimeNs) {
                const double r0 = std::max(xOf(lane.removedNs), double(area.left()));
                if (x1 > r0)
                    painter.fillRect(QRectF(r0, rect.top() + 1, x1 - r0, rect.height() - 2),
                                     TimelineStyle::watchDeletedBrush());
            }
        }
        painter.fillRect(QRect(rect.left(), rect.bottom(), rect.width(), 1), separator);
    }
}

void TimelineWidget::paintGrid(QPainter &painter, const QRect &area)
{
    const int64_t step = majorTickNs();
    const int64_t origin = m_lanes->startNs();
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(60);
    for (int64_t tick = origin + (floorDiv(m_viewStartNs - origin, step) + 1) * step; tick <= viewEndNs();
         tick += step)
        painter.fillRect(QRectF(xOf(tick), area.top(), 1, area.height()), grid);
}

const QPixmap &TimelineWidget::markerPixmap(EventMark kind, bool folded)
{
    const qreal ratio = viewport()->devicePixelRatioF();
    if (ratio != m_markerPixmapRatio) {
        for (int i = 0; i < kEventMarkCount; ++i) {
            m_markerPixmaps[size_t(2 * i)] = TimelineStyle::markerPixmap(EventMark(i), false, ratio);
            m_markerPixmaps[size_t(2 * i + 1)] = TimelineStyle::markerPixmap(EventMark(i), true, ratio);
        }
        m_markerPixmapRatio = ratio;
    }
    return m_markerPixmaps[size_t(2 * int(kind) + (folded ? 1 : 0))];
}

const QString &TimelineWidget::spanText(const Item &item)
{
    // Callbacks are named by their function, jobs by their procedure; a span
    // without text (a poll) by what it is.
    const char *text = m_cursor->store()->at(item.event).text;
    if (!text)
        return m_spanNames[size_t(item.style)];
    auto cached = m_texts.find(text);
    if (cached == m_texts.end())
        cached = m_texts.insert(text, QString::fromUtf8(text));
    return *cached;
}

void TimelineWidget::paintItems(QPainter &painter)
{
    const QFontMetrics metrics = painter.fontMetrics();
    QFont small = painter.font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    const QFontMetrics smallMetrics(small);
    const double radius = TimelineStyle::kMarkerSize / 2.0;

    for (const Item &item : m_items) {
        switch (item.type) {
        case Item::Type::Span:
        case Item::Type::FoldedSpans: {
            const EventSpan kind = EventSpan(item.style);
            const bool folded = item.type == Item::Type::FoldedSpans;
            TimelineStyle::paintSpan(painter, kind, item.rect, folded);
            if (TimelineStyle::spanStyle(kind).fill == SpanFill::Band)
                break;
            if (folded) {
                const QString count = QString::number(item.count);
                if (smallMetrics.horizontalAdvance(count) + 4 < item.rect.width()) {
                    painter.setFont(small);
                    painter.setPen(Qt::black);
                    painter.drawText(item.rect, Qt::AlignCenter, count);
                    painter.setFont(font());
                }
            } else if (item.rect.width() >= 28) {
                const QString text = metrics.elidedText(spanText(item), Qt::ElideRight, int(item.rect.width()) - 6);
                painter.setPen(TimelineStyle::spanTextColor(kind));
                painter.drawText(item.rect.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            }
            break;
        }
        case Item::Type::Marker:
        case Item::Type::FoldedMarkers: {
            const bool folded = item.type == Item::Type::FoldedMarkers;
            const QPointF centre(item.rect.center().x(), item.rect.center().y());
            const QPointF origin(TimelineStyle::kMarkerPixmapCentre, TimelineStyle::kMarkerPixmapCentre);
            painter.drawPixmap(centre - origin, markerPixmap(EventMark(item.style), folded));
            if (folded) {
                const QString count = QString::number(item.count);
                const double x = centre.x() + radius + 1;
                if (item.rect.left() + item.room - x > smallMetrics.horizontalAdvance(count) + 2) {
                    painter.setFont(small);
                    painter.setPen(palette().color(QPalette::Text));
                    painter.drawText(QPointF(x, centre.y() + smallMetrics.ascent() / 2.0 - 1), count);
                    painter.setFont(font());
                }
            }
            break;
        }
        }
    }
}

void TimelineWidget::paintArrows(QPainter &painter)
{
    TimelineStyle::paintArrows(painter, m_arrows.data(), m_arrows.size());
}

void TimelineWidget::paintSelection(QPainter &painter, const QRect &area)
{
    const qsizetype selected = m_cursor->selected();
    if (selected < 0)
        return;
    const QColor color = TimelineStyle::selectionColor();
    const double x = xOf(m_lanes->timeOf(selected));
    if (x >= area.left() && x <= area.right()) {
        QColor line = color;
        line.setAlpha(150);
        painter.fillRect(QRectF(x - 0.5, area.top(), 1.5, area.height()), line);
    }
    for (const Item &item : m_items) {
        if (!item.isFolded() && (item.event == selected || item.endEvent == selected))
            TimelineStyle::paintSelectionOutline(painter, item.rect);
    }
}

void TimelineWidget::paintHeaders(QPainter &painter)
{
    const QRect column(0, kAxisHeight, kHeaderWidth, viewport()->height() - kAxisHeight);
    painter.fillRect(column, palette().window());
    painter.save();
    painter.setClipRect(column);
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    const QFontMetrics smallMetrics(small);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor faded = palette().color(QPalette::PlaceholderText);
    const int64_t viewStart = m_viewStartNs;

    for (int row = 0; row < m_lanes->laneCount(); ++row) {
        const QRect rect(0, rowY(row), kHeaderWidth, m_rows[size_t(row)].height);
        if (rect.bottom() < column.top() || rect.top() > column.bottom())
            continue;
        const TimelineLane &lane = m_lanes->lane(row);
        const bool gone = lane.hasEnded() && lane.endNs < viewStart;
        const QRect inner = rect.adjusted(8, 3, -6, -3);
        QString title = lane.label;
        if (lane.kind == TimelineLane::Kind::Watch) {
            // A strip in the handle colour tells watch lanes from thread lanes.
            painter.fillRect(QRect(0, rect.top() + 2, 3, rect.height() - 4),
                             TimelineStyle::familyColor(EventFamily::Handle));
            title = tr("w%1  %2").arg(lane.id).arg(lane.label);
        }
        painter.setFont(bold);
        painter.setPen(gone ? faded : text);
        painter.drawText(inner, Qt::AlignTop | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(title, Qt::ElideRight, inner.width()));
        if (!lane.detail.isEmpty() && !isFolded(lane)) {
            painter.setFont(small);
            painter.setPen(faded);
            painter.drawText(inner, Qt::AlignBottom | Qt::AlignLeft,
                             smallMetrics.elidedText(lane.detail, Qt::ElideRight, inner.width()));
        }
        painter.fillRect(QRect(0, rect.bottom(), kHeaderWidth, 1), palette().color(QPalette::Mid));
    }
    painter.restore();
    painter.fillRect(QRect(kHeaderWidth - 1, kAxisHeight, 1, column.height()), palette().color(QPalette::Mid));
}

void TimelineWidget::paintAxis(QPainter &painter)
{
    const QRect axis(0, 0, viewport()->width(), kAxisHeight);
    painter.fillRect(axis, palette().window());
    painter.fillRect(QRect(0, kAxisHeight - 1, axis.width(), 1), palette().color(QPalette::Mid));
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(font());
    if (m_hasView) {
        const int64_t step = majorTickNs();
        int64_t mantissa = step;
        while (mantissa % 10 == 0)
            mantissa /= 10;
        const int64_t minor = mantissa == 2 ? step / 4 : step / 5;
        const int64_t origin = m_lanes->startNs();
        const int64_t viewEnd = viewEndNs();
        painter.save();
        painter.setClipRect(QRect(kHeaderWidth, 0, axis.width() - kHeaderWidth, kAxisHeight));
        if (minor >= 1 && double(minor) / m_nsPerPx >= 6) {
            for (int64_t tick = origin + floorDiv(m_viewStartNs - origin, minor) * minor; tick <= viewEnd; tick += minor)
                painter.fillRect(QRectF(xOf(tick), kAxisHeight - 4, 1, 3), palette().color(QPalette::Mid));
        }
        for (int64_t tick = origin + floorDiv(m_viewStartNs - origin, step) * step; tick <= viewEnd; tick += step)
            painter.fillRect(QRectF(xOf(tick), kAxisHeight - 9, 1, 8), palette().color(QPalette::WindowText));
        painter.restore();
    }
    for (const AxisLabel &label : axisLabels())
        painter.drawText(label.rect, Qt::AlignVCenter | Qt::AlignLeft, label.text);
}

int64_t TimelineWidget::majorTickNs() const
{
    return niceStep(kMinTickSpacingPx * m_nsPerPx);
}

std::vector<TimelineWidget::AxisLabel> TimelineWidget::axisLabels() const
{
    const QFontMetricsF metrics(font());
    std::vector<AxisLabel> labels;
    // Whole or not at all: a cut label reads as a different number.
    auto add = [&](double left, double right, const QString &text) {
        const double width = metrics.horizontalAdvance(text);
        if (left + width <= right)
            labels.push_back({QRectF(left, 0, width, kAxisHeight - 6), text});
    };
    if (!m_hasView) {
        add(8, kHeaderWidth - 4, tr("time"));
        return labels;
    }
    const int64_t viewEnd = viewEndNs();
    const int64_t origin = m_lanes->startNs();
    const int64_t step = majorTickNs();
    // One unit for every label in view, chosen by the largest; enough decimals
    // to tell neighbouring ticks apart.
    const TimeUnit &unit = unitFor(std::max(std::abs(m_viewStartNs - origin), std::abs(viewEnd - origin)));
    int decimals = 0;
    for (int64_t resolution = unit.ns; resolution > 1 && step % resolution != 0; resolution /= 10)
        ++decimals;
    const QString unitName = tr(unit.name);

    const QString view = formatOffset(origin + (viewEnd - m_viewStartNs));
    add(8, kHeaderWidth - 4,
        m_lanes->timeAxis() == TimelineLanes::TimeAxis::Loop ? tr("loop time, view %1").arg(view)
                                                             : tr("wall time, view %1").arg(view));
    const double right = viewport()->width();
    for (int64_t tick = origin + floorDiv(m_viewStartNs - origin, step) * step; tick <= viewEnd; tick += step) {
        const double x = xOf(tick);
        // A tick left of the lanes has its mark cut off; its label would be too.
        if (x < laneLeft())
            continue;
        add(x + 3, right,
            tr("%1 %2").arg(QString::number(double(tick - origin) / double(unit.ns), 'f', decimals), unitName));
    }
    return labels;
}

// --- interaction -------------------------------------------------------------------

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    // A fitted view stays fitted: the session may be loaded before the window
    // has its final size.
    if (m_fitted)
        fitAll();
    else if (m_followLive)
        moveToLiveEdge();
    invalidate();
    syncScrollBars();
}

void TimelineWidget::scrollContentsBy(int, int)
{
    invalidate();
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) {
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y() / 2);
    } else if (delta.y() != 0) {
        const double x = event->position().x();
        zoomAround(std::pow(1.25, delta.y() / 120.0), x < laneLeft() ? laneLeft() + laneWidth() / 2 : x);
    }
    if (delta.x() != 0)
        panByPixels(-delta.x() / 2.0);
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastDragPos = event->position().toPoint();
    event->accept();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return QAbstractScrollArea::mouseMoveEvent(event);
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= kDragThreshold) {
        m_dragging = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        const QPoint delta = pos - m_lastDragPos;
        m_lastDragPos = pos;
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        panByPixels(-delta.x());
    }
    event->accept();
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    m_pressed = false;
    if (m_dragging)
        viewport()->unsetCursor();
    else
        click(event->position().toPoint());
    m_dragging = false;
    event->accept();
}

void TimelineWidget::click(const QPoint &pos)
{
    const Item *item = itemAt(pos);
    if (!item)
        return;
    if (item->isFolded()) {
        // A fold is too small to pick from: open it up instead.
        const int64_t span = std::max<int64_t>(item->lastNs - item->firstNs, 1000);
        setVisibleRange(item->firstNs - span / 4, item->lastNs + span / 4);
        return;
    }
    m_cursor->select(item->event);
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    const Item *item = itemAt(event->position().toPoint());
    if (item && item->type == Item::Type::Span) {
        const int64_t span = std::max<int64_t>(item->lastNs - item->firstNs, 100);
        setVisibleRange(item->firstNs - span / 10, item->lastNs + span / 10);
    }
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Left:
        panByPixels(-laneWidth() / 10);
        break;
    case Qt::Key_Right:
        panByPixels(laneWidth() / 10);
        break;
    case Qt::Key_Up:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Down:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    case Qt::Key_Home:
        fitAll();
        break;
    case Qt::Key_End:
        setFollowLive(true);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

const LoopHold *TimelineWidget::holdAt(const QPoint &pos) const
{
    if (m_lanes->timeAxis() != TimelineLanes::TimeAxis::Loop || pos.x() < laneLeft() || pos.y() < kAxisHeight)
        return nullptr;
    const std::vector<LoopHold> &holds = m_cursor->store()->holds();
    const int64_t from = timeAt(pos.x() - kHoldHalfWidthPx - 1);
    auto it = std::lower_bound(holds.begin(), holds.end(), from,
                               [](const LoopHold &hold, int64_t time) { return hold.loopNs < time; });
    for (; it != holds.end() && xOf(it->loopNs) <= pos.x() + kHoldHalfWidthPx + 1; ++it) {
        if (!it->slowMotion)
            return &*it;
    }
    return nullptr;
}

void TimelineWidget::paintHolds(QPainter &painter, const QRect &area)
{
    // Pauses and steps are left out of loop time: a thin hatched mark says where.
    // Slow-motion waits, a few per iteration, are left out without a mark.
    if (m_lanes->timeAxis() != TimelineLanes::TimeAxis::Loop)
        return;
    const std::vector<LoopHold> &holds = m_cursor->store()->holds();
    auto it = std::lower_bound(holds.begin(), holds.end(), m_viewStartNs,
                               [](const LoopHold &hold, int64_t time) { return hold.loopNs < time; });
    const QColor colour = TimelineStyle::familyColor(EventFamily::Control);
    double lastX = -1e9;
    for (; it != holds.end() && it->loopNs <= viewEndNs(); ++it) {
        const double x = xOf(it->loopNs);
        if (it->slowMotion || x - lastX < 2 * kHoldHalfWidthPx)
            continue;
        lastX = x;
        const QRectF mark(x - kHoldHalfWidthPx, area.top(), 2 * kHoldHalfWidthPx, area.height());
        painter.fillRect(mark, QBrush(colour, Qt::BDiagPattern));
        painter.fillRect(QRectF(x, area.top(), 1, area.height()), colour);
    }
}

bool TimelineWidget::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QAbstractScrollArea::viewportEvent(event);
    auto *help = static_cast<QHelpEvent *>(event);
    QString text;
    if (const Item *item = itemAt(help->pos())) {
        text = toolTipFor(*item);
    } else if (const LoopHold *hold = holdAt(help->pos())) {
        text = hold->durationNs < 0
            ? tr("The loop is held here by pollscope's step control. Loop time leaves the hold out.")
            : tr("The loop was held here for %1 by pollscope's step control. Loop time leaves the hold out; "
                 "switch to wall time to see it.")
                  .arg(formatDuration(hold->durationNs));
    } else if (help->pos().x() < kHeaderWidth && help->pos().y() >= kAxisHeight) {
        for (int row = 0; row < m_lanes->laneCount() && text.isEmpty(); ++row) {
            if (help->pos().y() >= rowY(row) && help->pos().y() < rowY(row) + m_rows[size_t(row)].height)
                text = toolTipForRow(row);
        }
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, viewport());
    return true;
}

// --- text ------------------------------------------------------------------------------

QString TimelineWidget::formatDuration(int64_t ns)
{
    const TimeUnit &unit = unitFor(ns);
    const int decimals = unit.ns == 1 ? 0 : 3;
    return tr("%1 %2").arg(QString::number(double(ns) / double(unit.ns), 'f', decimals), tr(unit.name));
}

QString TimelineWidget::formatOffset(int64_t timeNs) const
{
    return formatDuration(timeNs - m_lanes->startNs());
}

QString TimelineWidget::describeEvent(qsizetype index) const
{
    const TraceStore *store = m_cursor->store();
    const TraceEvent &event = store->at(index);
    const EventKindInfo &info = eventKindInfo(event.kind);
    QStringList lines;
    lines << tr("<b>%1</b> &nbsp;<i>%2</i>").arg(QString::fromUtf8(info.function), QString::fromUtf8(info.name));
    lines << tr("#%1 at %2 on %3")
                 .arg(event.seq)
                 .arg(formatOffset(m_lanes->timeOf(index)), store->threadName(event.thread).toHtmlEscaped());
    const QString summary = m_summary.text(event);
    lines << summary.toHtmlEscaped();
    // The text is a name (a callback, a socket, a peer); most summaries quote it.
    if (event.text && !summary.contains(QString::fromUtf8(event.text)))
        lines << QString::fromUtf8(event.text).toHtmlEscaped();
    QStringList fields;
#define POLLSCOPE_FIELD_TEXT(type, member, Flag, json)                                                  \
    if (event.has(TraceField::Flag))                                                                    \
        fields << QStringLiteral("%1=%2").arg(QLatin1String(json), fieldValue(TraceField::Flag, int64_t(event.member)));
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_FIELD_TEXT)
#undef POLLSCOPE_FIELD_TEXT
    if (event.flow)
        fields << QStringLiteral("flow=%1").arg(event.flow);
    if (!fields.isEmpty())
        lines << fields.join(QLatin1Char(' ')).toHtmlEscaped();
    return lines.join(QLatin1String("<br>"));
}

QString TimelineWidget::toolTipFor(const Item &item) const
{
    if (item.isFolded()) {
        QString text = tr("%n items folded here, from %1 to %2.", "", int(item.count))
                           .arg(formatOffset(item.firstNs), formatOffset(item.lastNs));
        if (item.type == Item::Type::FoldedMarkers) {
            // Which kinds of marker the fold stands for.
            const auto before = [](const TimelineMarker &marker, int64_t time) { return marker.timeNs < time; };
            const TimelineLane &lane = m_lanes->lane(item.row);
            for (int kind = kEventMarkCount - 1; kind >= 0; --kind) {
                const std::vector<TimelineMarker> &markers = lane.markers[size_t(kind)];
                const auto first = std::lower_bound(markers.begin(), markers.end(), item.firstNs, before);
                const auto last = std::lower_bound(first, markers.end(), item.lastNs + 1, before);
                if (last != first)
                    text += tr("<br>%1 × %2").arg(last - first).arg(TimelineStyle::markerLabel(EventMark(kind)));
            }
        }
        return text + tr("<br>Click to zoom in.");
    }
    const QString event = describeEvent(item.event);
    if (item.type == Item::Type::Marker)
        return tr("%1<br>%2").arg(TimelineStyle::markerLabel(EventMark(item.style)), event);
    const QString duration = formatDuration(item.lastNs - item.firstNs);
    return tr("%1, %2<br>%3")
        .arg(TimelineStyle::spanLabel(EventSpan(item.style)),
             item.endEvent < 0 ? tr("running for %1 so far").arg(duration) : tr("took %1").arg(duration), event);
}

QString TimelineWidget::toolTipForRow(int row) const
{
    const TimelineLane &lane = m_lanes->lane(row);
    if (lane.kind == TimelineLane::Kind::Thread)
        return tr("<b>%1</b><br>thread").arg(lane.label.toHtmlEscaped());
    QString text = tr("<b>%1</b><br>watch %2, %3<br>added at %4")
                       .arg(lane.label.toHtmlEscaped())
                       .arg(lane.id)
                       .arg(lane.detail.toHtmlEscaped(), formatOffset(lane.startNs));
    if (lane.removedNs != TimelineLane::kNoTimeNs)
        text += tr("<br>removed at %1").arg(formatOffset(lane.removedNs));
    if (lane.hasEnded())
        text += tr("<br>purged at %1").arg(formatOffset(lane.endNs));
    return text;
}

} // namespace pollscope::ui
