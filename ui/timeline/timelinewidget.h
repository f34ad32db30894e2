// The timeline: lanes of spans and markers on a time axis, with causal arrows.
//
// Drawing follows Tracy: only what is visible is looked at (lower_bound on time
// per lane row), items narrower than a few pixels fold into one mark with a
// count, and a list of items is built first and then painted. The same list
// answers hit tests, so what is clicked is exactly what is drawn.
#pragma once

#include "timelinestyle.h"

#include "models/eventsummary.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QLineF>
#include <QRectF>

#include <array>
#include <cstdint>
#include <vector>

namespace pollscope::ui {

class TimelineLanes;
struct TimelineLane;
class TraceCursor;
struct LoopHold;

class TimelineWidget : public QAbstractScrollArea
{
    Q_OBJECT
    Q_PROPERTY(bool followLive READ followLive WRITE setFollowLive NOTIFY followLiveChanged)

public:
    // One drawn thing, in viewport coordinates.
    struct Item
    {
        enum class Type : uint8_t { Span, FoldedSpans, Marker, FoldedMarkers };
        Type type;
        uint8_t style; // EventSpan for spans; EventMark for markers (a fold: its most telling kind)
        int row;
        QRectF rect;
        qsizetype event;    // the event it stands for: a span's Begin; a fold's first of its kind
        qsizetype endEvent; // a span's End, or -1
        qsizetype count;    // how many spans or markers it stands for
        int64_t firstNs;
        int64_t lastNs;
        qreal room; // markers: pixels from the mark's left edge to the next mark, for a count

        bool isFolded() const { return type == Type::FoldedSpans || type == Type::FoldedMarkers; }
    };

    // Items narrower than this many pixels fold together.
    static constexpr double kMinVisiblePx = 3.0;

    explicit TimelineWidget(TraceCursor *cursor, QWidget *parent = nullptr);

    TimelineLanes *lanes() const { return m_lanes; }
    TraceCursor *cursor() const { return m_cursor; }
    bool followLive() const { return m_followLive; }

    qint64 viewStartNs() const { return m_viewStartNs; }
    qint64 viewEndNs() const;
    double nsPerPixel() const { return m_nsPerPx; }

    // What is drawn now, in paint order.
    const std::vector<Item> &items();
    // The topmost item at a viewport position, or nullptr.
    const Item *itemAt(const QPoint &pos);
    // The unfolded item drawn for this event, or nullptr.
    const Item *itemForEvent(qsizetype index);
    // The part of the viewport where a lane row is drawn (may lie outside it).
    QRect laneRect(int row) const;
    // Arrows drawn, and links left out because too many were in view.
    qsizetype arrowCount();
    qsizetype hiddenFlowCount();

    // The axis's texts, in viewport coordinates: the header's ("loop time, view
    // 2.5 ms") first, then a label per major tick. A text that would not fit whole
    // is left out rather than cut.
    struct AxisLabel
    {
        QRectF rect;
        QString text;
    };
    std::vector<AxisLabel> axisLabels() const;

public slots:
    void zoomIn();
    void zoomOut();
    void fitAll();
    void setFollowLive(bool follow);
    void setVisibleRange(qint64 startNs, qint64 endNs);
    // Scrolls, if needed, so that the event and its thread's lane are in view.
    void revealEvent(qsizetype index);
    // Zooms to what the event is part of: its span and its causal chain.
    void frameEvent(qsizetype index);
    void frameSelection();

signals:
    void followLiveChanged(bool follow);
    void visibleRangeChanged(qint64 startNs, qint64 endNs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;

private:
    struct RowGeometry
    {
        int top;    // in content coordinates
        int height;
        std::vector<int> depthTop; // relative to top
        std::vector<int> depthHeight;
    };

    void retranslate();
    void onLanesReset();
    void onLanesAppended(bool layoutChanged);
    void relayout();
    // Lanes of watches that were purged are drawn thin.
    static bool isFolded(const TimelineLane &lane);
    void syncScrollBars();
    void invalidate();

    // View changes. A user's change that loses sight of the newest event ends follow.
    void applyView(int64_t startNs, double nsPerPx);
    void changeViewByUser(int64_t startNs, double nsPerPx);
    void moveToLiveEdge();
    void zoomAround(double factor, double anchorX);
    void panByPixels(double dx);
    double clampNsPerPx(double nsPerPx) const;

    double laneLeft() const;
    double laneWidth() const;
    double xOf(int64_t timeNs) const;
    int64_t timeAt(double x) const;
    int rowY(int row) const;
    double slotCentreY(int row, int slot) const;

    void buildItems();
    void collectSpans(int row, int depth, double top, double height, int64_t fromNs, int64_t toNs);
    void collectMarkers(int row, double centreY, int64_t fromNs, int64_t toNs);
    void collectArrows();

    void paintLaneBackgrounds(QPainter &painter, const QRect &area);
    void paintGrid(QPainter &painter, const QRect &area);
    void paintHolds(QPainter &painter, const QRect &area);
    const LoopHold *holdAt(const QPoint &pos) const;
    void paintItems(QPainter &painter);
    void paintArrows(QPainter &painter);
    void paintSelection(QPainter &painter, const QRect &area);
    void paintHeaders(QPainter &painter);
    void paintAxis(QPainter &painter);
    // The time between labelled ticks at the present zoom.
    int64_t majorTickNs() const;
    const QPixmap &markerPixmap(EventMark kind, bool folded);
    const QString &spanText(const Item &item);

    QString toolTipFor(const Item &item) const;
    QString toolTipForRow(int row) const;
    QString describeEvent(qsizetype index) const;
    static QString formatDuration(int64_t ns);
    QString formatOffset(int64_t timeNs) const;
    void click(const QPoint &pos);

    TraceCursor *m_cursor;
    TimelineLanes *m_lanes;

    bool m_hasView = false;
    bool m_followLive = false;
    bool m_fitted = false; // the view is "fit all" until the user moves it
    int64_t m_viewStartNs = 0;
    double m_nsPerPx = 1000.0;

    std::vector<RowGeometry> m_rows;
    int m_contentHeight = 0;

    // The draw list, rebuilt when the view or the data change; its buffers keep
    // their capacity, so a repaint allocates nothing in proportion to the events.
    bool m_itemsValid = false;
    std::vector<Item> m_items;
    std::vector<QLineF> m_arrows;
    qsizetype m_hiddenFlows = 0;

    std::array<QPixmap, 2 * kEventMarkCount> m_markerPixmaps;
    qreal m_markerPixmapRatio = 0;
    std::array<QString, kEventSpanCount> m_spanNames;
    EventSummary m_summary; // the tooltip's line about an event
    QHash<const char *, QString> m_texts; // event text, converted once per distinct pointer

    int64_t m_scrollOriginNs = 0;
    int64_t m_scrollUnitNs = 1;
    bool m_syncingScrollBars = false;

    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace pollscope::ui
