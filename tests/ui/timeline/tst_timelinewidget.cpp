// TimelineWidget draws the lanes. Under test:
// - clicking a marker or a span selects its event in the shared cursor, and a
//   selection made elsewhere scrolls the event and its lane into view;
// - zoom (slots, keys, wheel about the pointer, which stays put over 40 notches), fit all, and follow live, which
//   keeps the newest events in view as batches arrive until the user pans back;
// - level of detail: thousands of tiny spans or markers fold into a few marks whose
//   counts add up to every item, and clicking a fold zooms into it;
// - a span still open reaches the latest event; causal arrows are drawn between
//   lanes, and hidden with a note when too many are in view;
// - the lanes of purged watches (clients gone) fold thin;
// - the legend lists every family, span and marker style exactly once;
// - screenshots of real sessions are saved to $POLLSCOPE_ARTIFACTS.
#include "daemonsession.h"
#include "demo/demosession.h"
#include "session/tracecursor.h"
#include "session/tracestore.h"
#include "timeline/legendwidget.h"
#include "timeline/timelinelanes.h"
#include "timeline/timelinewidget.h"
#include "timelinescript.h"
#include "trace/tracer.h"

#include <QApplication>
#include <QDir>
#include <QScrollBar>
#include <QSignalSpy>
#include <QToolTip>
#include <QWheelEvent>
#include <QtTest/QTest>

#include <set>

using namespace pollscope;
using namespace pollscope::ui;
using pollscope::test::scriptedSession;

Q_DECLARE_METATYPE(pollscope::ui::TimelineWidget::Item::Type)

namespace {

using Item = TimelineWidget::Item;

const Item *firstOfType(TimelineWidget &widget, Item::Type type)
{
    const auto &items = widget.items();
    const auto it = std::find_if(items.begin(), items.end(), [&](const Item &item) { return item.type == type; });
    return it == items.end() ? nullptr : &*it;
}

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("POLLSCOPE_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

// Where lanes start on the left: the time of pixel x is viewStart + (x - left) * nsPerPixel.
int laneLeft(TimelineWidget &widget)
{
    return widget.laneRect(0).left();
}

double timeAtPixel(TimelineWidget &widget, double x)
{
    return double(widget.viewStartNs()) + (x - laneLeft(widget)) * widget.nsPerPixel();
}

// `count` polls of 100 ns, one every microsecond, on the loop thread.
TraceSession tinyPolls(int count)
{
    TraceSession session;
    session.threadNames = {"loop"};
    for (int i = 0; i < count; ++i) {
        for (EventKind kind : {EventKind::PollBegin, EventKind::PollEnd}) {
            TraceEvent event{};
            event.seq = session.events.size() + 1;
            event.timeNs = int64_t(i) * 1000 + (kind == EventKind::PollEnd ? 100 : 0);
            event.kind = kind;
            session.events.push_back(event);
        }
    }
    return session;
}

// `count` wakeup writes by a worker, one every microsecond; every other one
// carries on a flow to the loop's poll return right after it.
TraceSession manyWakeups(int count)
{
    TraceSession session;
    session.threadNames = {"loop", "worker-1"};
    for (int i = 0; i < count; ++i) {
        TraceEvent write{};
        write.seq = session.events.size() + 1;
        write.timeNs = int64_t(i) * 1000;
        write.kind = EventKind::Interrupt;
        write.thread = 1;
        write.setBytes(1);
        write.flow = uint64_t(i + 1);
        session.events.push_back(write);
        TraceEvent wakeup = write;
        wakeup.seq = session.events.size() + 1;
        wakeup.timeNs += 500;
        wakeup.kind = EventKind::HandleWakeup;
        wakeup.thread = 0;
        session.events.push_back(wakeup);
    }
    return session;
}

struct Fixture
{
    TraceStore store;
    TraceCursor cursor{&store};
    TimelineWidget widget{&cursor};

    explicit Fixture(const TraceSession &session, QSize size = QSize(1100, 520))
    {
        widget.resize(size);
        widget.show();
        store.setSession(session);
    }
};

qsizetype indexOfSeq(const TraceStore &store, uint64_t seq)
{
    return store.indexOfSeq(seq);
}

} // namespace

class TimelineWidgetTest : public QObject
{
    Q_OBJECT

private slots:
    void clickSelectsEvent_data();
    void clickSelectsEvent();
    void toolTipDescribesEvent();
    void selectionElsewhereRevealsEvent();
    void zoomKeepsTheAnchor_data();
    void zoomKeepsTheAnchor();
    void wheelZoomKeepsThePointUnderThePointer();
    void purgedWatchLanesFold();
    void fitAllShowsEverything();
    void axisLabelsAreWhole_data();
    void axisLabelsAreWhole();
    void followLiveTracksBatches();
    void fittedViewGrowsWithTheRun();
    void followLiveEndsWhenPanningBack_data();
    void followLiveEndsWhenPanningBack();
    void tinyItemsFold_data();
    void tinyItemsFold();
    void clickingAFoldZoomsIn();
    void openSpanReachesLatestEvent();
    void arrowsLinkLanes();
    void tooManyArrowsAreHidden();
    void legendListsEveryStyle();
    void screenshots();
};

void TimelineWidgetTest::clickSelectsEvent_data()
{
    QTest::addColumn<int>("seq");
    QTest::addColumn<Item::Type>("type");

    QTest::addRow("accept marker") << 6 << Item::Type::Marker;
    QTest::addRow("wakeup write marker") << 18 << Item::Type::Marker;
    QTest::addRow("client write marker") << 25 << Item::Type::Marker;
    QTest::addRow("poll span") << 3 << Item::Type::Span;
    QTest::addRow("worker job span") << 16 << Item::Type::Span;
    QTest::addRow("handle callback span") << 21 << Item::Type::Span;
}

void TimelineWidgetTest::clickSelectsEvent()
{
    QFETCH(int, seq);
    QFETCH(Item::Type, type);

    Fixture f(scriptedSession(QString::fromUtf8(test::kDaemonScript)));
    const qsizetype index = indexOfSeq(f.store, uint64_t(seq));
    const Item *item = f.widget.itemForEvent(index);
    QVERIFY(item);
    QCOMPARE(item->type, type);
    const QPoint centre = item->rect.center().toPoint();
    QCOMPARE(f.widget.itemAt(centre)->event, index);

    QSignalSpy selected(&f.cursor, &TraceCursor::selectionChanged);
    QTest::mouseClick(f.widget.viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(f.cursor.selected(), index);
    QCOMPARE(selected.count(), 1);
}

void TimelineWidgetTest::toolTipDescribesEvent()
{
    Fixture f(scriptedSession(QString::fromUtf8(test::kDaemonScript)));
    const Item *item = f.widget.itemForEvent(indexOfSeq(f.store, 6));
    QVERIFY(item);
    const QPoint pos = item->rect.center().toPoint();
    QHelpEvent help(QEvent::ToolTip, pos, f.widget.viewport()->mapToGlobal(pos));
    QApplication::sendEvent(f.widget.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains("qemudDispatchServer"), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains("client=1"));
    QToolTip::hideText();
}

void TimelineWidgetTest::selectionElsewhereRevealsEvent()
{
    // Short enough that only the first lanes fit.
    Fixture f(scriptedSession(QString::fromUtf8(test::kDaemonScript)), QSize(900, 160));
    const qsizetype write = indexOfSeq(f.store, 25); // on the loop lane, row 0
    f.widget.setVisibleRange(0, 5);
    f.widget.verticalScrollBar()->setValue(f.widget.verticalScrollBar()->maximum());
    QVERIFY(f.widget.verticalScrollBar()->value() > 0);
    QVERIFY(!f.widget.itemForEvent(write));

    f.cursor.select(write);
    QVERIFY(f.widget.viewStartNs() <= 65 && f.widget.viewEndNs() >= 65);
    const Item *item = f.widget.itemForEvent(write);
    QVERIFY(item);
    QVERIFY(f.widget.viewport()->rect().contains(item->rect.center().toPoint()));
    QCOMPARE(f.widget.verticalScrollBar()->value(), 0);
}

void TimelineWidgetTest::zoomKeepsTheAnchor_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<double>("factor");

    QTest::addRow("zoomIn slot") << "slot" << 1.5;
    QTest::addRow("zoomOut slot") << "slot" << 1 / 1.5;
    QTest::addRow("plus key") << "key" << 1.5;
    QTest::addRow("minus key") << "key" << 1 / 1.5;
    QTest::addRow("wheel forward") << "wheel" << 1.25;
    QTest::addRow("wheel back") << "wheel" << 1 / 1.25;
}

void TimelineWidgetTest::zoomKeepsTheAnchor()
{
    QFETCH(QString, how);
    QFETCH(double, factor);

    Fixture f(scriptedSession("loop 0 poll_begin\nloop 1000000000 poll_end"));
    f.widget.setVisibleRange(200'000'000, 600'000'000);
    const double before = f.widget.nsPerPixel();
    const int width = f.widget.viewport()->width();
    // The slots and keys zoom about the middle, the wheel about the pointer.
    const double anchorX = how == "wheel" ? laneLeft(f.widget) + 100.0 : (laneLeft(f.widget) + width) / 2.0;
    const double anchorNs = timeAtPixel(f.widget, anchorX);
    QSignalSpy changed(&f.widget, &TimelineWidget::visibleRangeChanged);

    if (how == "slot") {
        factor > 1 ? f.widget.zoomIn() : f.widget.zoomOut();
    } else if (how == "key") {
        QTest::keyClick(&f.widget, factor > 1 ? Qt::Key_Plus : Qt::Key_Minus);
    } else {
        const QPointF pos(anchorX, 100);
        QWheelEvent wheel(pos, f.widget.viewport()->mapToGlobal(pos), QPoint(), QPoint(0, factor > 1 ? 120 : -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(f.widget.viewport(), &wheel);
    }

    QCOMPARE(changed.count(), 1);
    QVERIFY(qAbs(f.widget.nsPerPixel() - before / factor) < before * 1e-9);
    QVERIFY(qAbs(timeAtPixel(f.widget, anchorX) - anchorNs) <= f.widget.nsPerPixel());
}

void TimelineWidgetTest::wheelZoomKeepsThePointUnderThePointer()
{
    // Ten seconds of recording, a point at 6.350 s under the pointer, 40 notches in.
    Fixture f(scriptedSession("loop 0 poll_begin\nloop 10000000000 poll_end"));
    f.widget.fitAll();
    const double anchorNs = 6'350'000'000.0;
    const double anchorX = laneLeft(f.widget) + (anchorNs - double(f.widget.viewStartNs())) / f.widget.nsPerPixel();
    const double before = f.widget.nsPerPixel();
    for (int notch = 0; notch < 40; ++notch) {
        const QPointF pos(anchorX, 100);
        QWheelEvent wheel(pos, f.widget.viewport()->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(f.widget.viewport(), &wheel);
    }
    QVERIFY(f.widget.nsPerPixel() < before / 1000);
    QVERIFY2(qAbs(timeAtPixel(f.widget, anchorX) - anchorNs) <= 2 * f.widget.nsPerPixel(),
             qPrintable(QStringLiteral("%1 ns under the pointer, %2 ns a pixel")
                            .arg(timeAtPixel(f.widget, anchorX), 0, 'f', 0)
                            .arg(f.widget.nsPerPixel())));
}

void TimelineWidgetTest::purgedWatchLanesFold()
{
    Fixture f(scriptedSession("loop 0 add_handle watch=2 fd=5 client=1\n"
                              "loop 10 add_handle watch=3 fd=6 client=2\n"
                              "loop 20 remove_handle watch=2 fd=5 result=0\n"
                              "loop 30 purge_handle watch=2 fd=5\n"
                              "loop 40 update_handle watch=3 fd=6 events=1"));
    const int gone = f.widget.lanes()->rowOfWatch(2);
    const int live = f.widget.lanes()->rowOfWatch(3);
    QVERIFY(gone >= 0 && live >= 0);
    QVERIFY2(f.widget.laneRect(gone).height() <= f.widget.laneRect(live).height() / 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(f.widget.laneRect(gone).height()).arg(f.widget.laneRect(live).height())));
}

void TimelineWidgetTest::axisLabelsAreWhole_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<qint64>("viewStart");
    QTest::addColumn<qint64>("viewEnd");
    QTest::addColumn<bool>("zeroOnTheLeftEdge");
    // The session starts at 1000 ns: a view from there puts the 0 tick on the lanes' left edge,
    // the label that used to be cut.
    QTest::addRow("view from the start") << 1100 << qint64(1000) << qint64(51000) << true;
    QTest::addRow("narrow window") << 420 << qint64(1000) << qint64(51000) << true;
    QTest::addRow("a tick just inside the left edge") << 1100 << qint64(10990) << qint64(30990) << false;
    QTest::addRow("a tick just inside the right edge") << 700 << qint64(1000) << qint64(21010) << true;
}

void TimelineWidgetTest::axisLabelsAreWhole()
{
    QFETCH(int, width);
    QFETCH(qint64, viewStart);
    QFETCH(qint64, viewEnd);
    QFETCH(bool, zeroOnTheLeftEdge);
    Fixture f(scriptedSession("loop 1000 poll_begin\nloop 51000 poll_end"), QSize(width, 400));
    f.widget.setVisibleRange(viewStart, viewEnd);
    const std::vector<TimelineWidget::AxisLabel> labels = f.widget.axisLabels();
    QVERIFY(labels.size() >= 2);
    QVERIFY2(labels.front().text.startsWith(QLatin1StringView("loop time, view ")), qPrintable(labels.front().text));
    QVERIFY(labels.front().rect.right() <= laneLeft(f.widget));
    if (zeroOnTheLeftEdge) {
        QVERIFY2(labels[1].text.startsWith(QLatin1StringView("0 ")), qPrintable(labels[1].text));
        QCOMPARE(labels[1].rect.left(), laneLeft(f.widget) + 3.0);
    }
    // Left to right, apart, and each whole inside the lanes' part of the axis.
    double previousRight = laneLeft(f.widget);
    for (size_t i = 1; i < labels.size(); ++i) {
        const QRectF &rect = labels[i].rect;
        QVERIFY2(rect.left() >= previousRight, qPrintable(labels[i].text));
        QVERIFY2(rect.right() <= f.widget.viewport()->width(), qPrintable(labels[i].text));
        QCOMPARE(rect.width(), QFontMetricsF(f.widget.font()).horizontalAdvance(labels[i].text));
        previousRight = rect.right();
    }
}

void TimelineWidgetTest::fitAllShowsEverything()
{
    Fixture f(scriptedSession("loop 1000 poll_begin\nloop 51000 poll_end"));
    f.widget.setVisibleRange(40000, 41000);
    QVERIFY(f.widget.viewStartNs() > 1000);

    f.widget.fitAll();
    QVERIFY(f.widget.viewStartNs() <= 1000);
    QVERIFY(f.widget.viewEndNs() >= 51000);
    // With a small margin, not a lot of empty room.
    QVERIFY(f.widget.viewEndNs() - f.widget.viewStartNs() < 55000);

    f.widget.setVisibleRange(40000, 41000);
    QTest::keyClick(&f.widget, Qt::Key_Home);
    QVERIFY(f.widget.viewStartNs() <= 1000 && f.widget.viewEndNs() >= 51000);

    // A fitted view stays fitted when the window changes size; a zoomed one keeps its scale.
    f.widget.resize(f.widget.width() / 2, f.widget.height());
    QVERIFY(f.widget.viewStartNs() <= 1000 && f.widget.viewEndNs() >= 51000);
    QVERIFY(f.widget.viewEndNs() - f.widget.viewStartNs() < 55000);
    f.widget.zoomIn();
    const double scale = f.widget.nsPerPixel();
    f.widget.resize(f.widget.width() * 2, f.widget.height());
    QCOMPARE(f.widget.nsPerPixel(), scale);
}

void TimelineWidgetTest::followLiveTracksBatches()
{
    const TraceSession session = tinyPolls(2000);
    Fixture f(TraceSession{});
    QSignalSpy follow(&f.widget, &TimelineWidget::followLiveChanged);
    QSignalSpy range(&f.widget, &TimelineWidget::visibleRangeChanged);
    f.widget.setFollowLive(true);
    QCOMPARE(follow.count(), 1);
    QCOMPARE(follow.takeFirst().at(0).toBool(), true);

    // The first batch is fitted; zoom in so the later ones have to scroll.
    f.store.append({session.events.begin(), session.events.begin() + 200}, session.threadNames);
    f.widget.zoomIn();
    f.widget.zoomIn();
    QVERIFY(f.widget.followLive());
    for (size_t first = 200; first < session.events.size(); first += 200) {
        range.clear();
        f.store.append({session.events.begin() + ptrdiff_t(first), session.events.begin() + ptrdiff_t(first + 200)},
                       session.threadNames);
        QCOMPARE(range.count(), 1);
        QVERIFY(f.widget.viewStartNs() > f.store.startNs());
        QVERIFY(f.widget.viewStartNs() <= f.store.endNs() && f.store.endNs() <= f.widget.viewEndNs());
    }
    QVERIFY(f.widget.followLive());
    QCOMPARE(follow.count(), 0);

    // Not following: a batch leaves the view alone.
    f.widget.setFollowLive(false);
    const qint64 start = f.widget.viewStartNs();
    TraceEvent later = session.events.back();
    later.seq += 1;
    later.timeNs += 1'000'000;
    f.store.append({later}, session.threadNames);
    QCOMPARE(f.widget.viewStartNs(), start);
    QVERIFY(f.widget.viewEndNs() < f.store.endNs());

    // The End key turns following back on and jumps to the newest events.
    QTest::keyClick(&f.widget, Qt::Key_End);
    QVERIFY(f.widget.followLive());
    QVERIFY(f.widget.viewEndNs() >= f.store.endNs());
}

void TimelineWidgetTest::fittedViewGrowsWithTheRun()
{
    const TraceSession session = tinyPolls(1000);
    Fixture f(TraceSession{});
    for (size_t first = 0; first < session.events.size(); first += 500) {
        f.store.append({session.events.begin() + ptrdiff_t(first), session.events.begin() + ptrdiff_t(first + 500)},
                       session.threadNames);
        QVERIFY(f.widget.viewStartNs() <= f.store.startNs() && f.widget.viewEndNs() >= f.store.endNs());
    }
    // Once the user zooms, batches leave the view alone.
    f.widget.zoomIn();
    const qint64 start = f.widget.viewStartNs();
    const qint64 end = f.widget.viewEndNs();
    TraceEvent later = session.events.back();
    later.seq += 1;
    later.timeNs += 1'000'000;
    f.store.append({later}, session.threadNames);
    QCOMPARE(f.widget.viewStartNs(), start);
    QCOMPARE(f.widget.viewEndNs(), end);
}

void TimelineWidgetTest::followLiveEndsWhenPanningBack_data()
{
    QTest::addColumn<QString>("how");
    QTest::addRow("left arrow") << "key";
    QTest::addRow("drag right") << "drag";
    QTest::addRow("scroll bar") << "scrollbar";
    QTest::addRow("zoom to a range in the past") << "range";
}

void TimelineWidgetTest::followLiveEndsWhenPanningBack()
{
    QFETCH(QString, how);

    Fixture f(tinyPolls(1000));
    f.widget.zoomIn();
    f.widget.setFollowLive(true);
    QSignalSpy follow(&f.widget, &TimelineWidget::followLiveChanged);

    // Panning forward keeps following.
    QTest::keyClick(&f.widget, Qt::Key_Right);
    QVERIFY(f.widget.followLive());

    if (how == "key") {
        QTest::keyClick(&f.widget, Qt::Key_Left);
        QTest::keyClick(&f.widget, Qt::Key_Left);
    } else if (how == "drag") {
        QWidget *viewport = f.widget.viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, QPoint(400, 100));
        QMouseEvent move(QEvent::MouseMove, QPointF(700, 100), viewport->mapToGlobal(QPointF(700, 100)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(700, 100));
    } else if (how == "scrollbar") {
        f.widget.horizontalScrollBar()->setValue(0);
    } else {
        f.widget.setVisibleRange(0, 1000);
    }

    QVERIFY(!f.widget.followLive());
    QCOMPARE(follow.count(), 1);
    QCOMPARE(follow.first().at(0).toBool(), false);
    QVERIFY(f.widget.viewEndNs() < f.store.endNs());
    // A drag is a pan, not a click.
    QCOMPARE(f.cursor.selected(), -1);
}

void TimelineWidgetTest::tinyItemsFold_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("count");

    QTest::addRow("2 000 spans") << "spans" << 2000;
    QTest::addRow("200 000 spans") << "spans" << 200000;
    QTest::addRow("2 000 markers") << "markers" << 2000;
    QTest::addRow("200 000 markers") << "markers" << 200000;
}

void TimelineWidgetTest::tinyItemsFold()
{
    QFETCH(QString, what);
    QFETCH(int, count);

    const bool spans = what == "spans";
    Fixture f(spans ? tinyPolls(count) : manyWakeups(count));
    const int row = f.widget.lanes()->rowOfThread(spans ? 0 : 1);
    const Item::Type single = spans ? Item::Type::Span : Item::Type::Marker;
    const Item::Type folded = spans ? Item::Type::FoldedSpans : Item::Type::FoldedMarkers;

    qsizetype items = 0;
    qsizetype folds = 0;
    qsizetype covered = 0;
    for (const Item &item : f.widget.items()) {
        if (item.row != row || (item.type != single && item.type != folded))
            continue;
        ++items;
        folds += item.type == folded;
        covered += item.count;
        if (item.type == folded)
            QVERIFY(item.count > 1 && item.lastNs > item.firstNs);
    }
    // Every item is accounted for, in a number of marks bounded by the width.
    QCOMPARE(covered, qsizetype(count));
    QVERIFY(folds > 0);
    const double minimum = spans ? TimelineWidget::kMinVisiblePx : double(TimelineStyle::kMarkerSize);
    QVERIFY2(items <= qsizetype(f.widget.viewport()->width() / minimum) + 4, qPrintable(QString::number(items)));
}

void TimelineWidgetTest::clickingAFoldZoomsIn()
{
    Fixture f(tinyPolls(20000));
    QVERIFY(firstOfType(f.widget, Item::Type::FoldedSpans));
    // Each click opens a fold up, until the polls are wide enough to draw one by one.
    for (int click = 0; click < 8 && !firstOfType(f.widget, Item::Type::Span); ++click) {
        const Item *fold = firstOfType(f.widget, Item::Type::FoldedSpans);
        QVERIFY(fold);
        const int64_t first = fold->firstNs;
        const int64_t last = fold->lastNs;
        const double before = f.widget.nsPerPixel();
        QTest::mouseClick(f.widget.viewport(), Qt::LeftButton, {}, fold->rect.center().toPoint());
        QVERIFY(f.widget.nsPerPixel() < before / 10);
        QVERIFY(f.widget.viewStartNs() <= first && f.widget.viewEndNs() >= last);
    }
    QVERIFY(firstOfType(f.widget, Item::Type::Span));
    QCOMPARE(f.cursor.selected(), -1);
}

void TimelineWidgetTest::openSpanReachesLatestEvent()
{
    Fixture f(scriptedSession("loop 0 poll_begin\nworker-1 1000 note"));
    const Item *poll = f.widget.itemForEvent(0);
    QVERIFY(poll);
    QCOMPARE(poll->type, Item::Type::Span);
    QCOMPARE(poll->endEvent, -1);
    QCOMPARE(poll->lastNs, int64_t(1000));
    const Item *note = f.widget.itemForEvent(1);
    QVERIFY(note);
    QVERIFY(qAbs(poll->rect.right() - note->rect.center().x()) <= 1.5);
}

void TimelineWidgetTest::arrowsLinkLanes()
{
    Fixture f(scriptedSession(QString::fromUtf8(test::kDaemonScript)));
    // Nine links; the four between steps on one lane need no arrow.
    QCOMPARE(f.widget.lanes()->flows().size(), size_t(9));
    QCOMPARE(f.widget.arrowCount(), qsizetype(5));
    QCOMPARE(f.widget.hiddenFlowCount(), qsizetype(0));
}

void TimelineWidgetTest::tooManyArrowsAreHidden()
{
    Fixture f(manyWakeups(10000));
    QCOMPARE(f.widget.arrowCount(), qsizetype(0));
    QCOMPARE(f.widget.hiddenFlowCount(), qsizetype(10000));

    f.widget.setVisibleRange(0, 20'000);
    QVERIFY(f.widget.arrowCount() > 0);
    QCOMPARE(f.widget.hiddenFlowCount(), qsizetype(0));
}

void TimelineWidgetTest::legendListsEveryStyle()
{
    LegendWidget legend;
    std::multiset<std::pair<LegendWidget::Sample, int>> shown;
    for (const LegendWidget::Row &row : legend.rows()) {
        QVERIFY(!row.text.isEmpty());
        shown.emplace(row.sample, row.style);
    }
    for (int family = 0; family < kEventFamilyCount; ++family)
        QCOMPARE(shown.count({LegendWidget::Sample::Family, family}), size_t(1));
    for (int kind = int(EventSpan::None) + 1; kind < kEventSpanCount; ++kind)
        QCOMPARE(shown.count({LegendWidget::Sample::Span, kind}), size_t(1));
    for (int kind = int(EventMark::None) + 1; kind < kEventMarkCount; ++kind)
        QCOMPARE(shown.count({LegendWidget::Sample::Marker, kind}), size_t(1));
    for (LegendWidget::Sample sample : {LegendWidget::Sample::FoldedSpans, LegendWidget::Sample::FoldedMarkers,
                                        LegendWidget::Sample::Flow, LegendWidget::Sample::WatchAlive,
                                        LegendWidget::Sample::WatchDeleted, LegendWidget::Sample::Selection}) {
        QVERIFY(std::any_of(legend.rows().begin(), legend.rows().end(),
                            [&](const LegendWidget::Row &row) { return row.sample == sample; }));
    }
    // Narrow, it flows into one tall column; wide, into shorter columns.
    QVERIFY(legend.heightForWidth(320) > legend.heightForWidth(1000));
}

void TimelineWidgetTest::screenshots()
{
    const QString dir = artifactsDir();

    const test::DaemonRun daemon = test::runDaemonSession(3, 3, 4);
    QVERIFY2(daemon.error.isEmpty(), qPrintable(daemon.error));
    {
        Fixture f(daemon.session, QSize(1400, 640));
        f.cursor.select(f.store.size() / 2);
        const QString path = dir + "/timeline-daemon.png";
        QVERIFY(f.widget.grab().save(path));
        QVERIFY(QFileInfo(path).size() > 0);

        // Zoomed in on the first request served: poll, callbacks, worker, arrows.
        const auto &markers = f.widget.lanes()->lane(0).markers[size_t(EventMark::WakeupDrain)];
        QVERIFY(!markers.empty());
        const int64_t wakeup = markers.front().timeNs;
        f.widget.setVisibleRange(wakeup - 6'000'000, wakeup + 1'000'000);
        QVERIFY(f.widget.grab().save(dir + "/timeline-daemon-request.png"));
        // Closer still: the worker's interrupt, the poll return, the wakeup, the write.
        f.widget.setVisibleRange(wakeup - 60'000, wakeup + 140'000);
        QVERIFY(f.widget.grab().save(dir + "/timeline-daemon-wakeup.png"));
    }
    {
        Tracer tracer;
        Fixture f(runDemoSession(tracer), QSize(1400, 420));
        QVERIFY(f.widget.grab().save(dir + "/timeline-demo.png"));
    }
    {
        Fixture f(scriptedSession(QString::fromUtf8(test::kDaemonScript)), QSize(1100, 360));
        f.cursor.select(indexOfSeq(f.store, 18));
        QVERIFY(f.widget.grab().save(dir + "/timeline-script.png"));
    }
    {
        Fixture f(tinyPolls(50000), QSize(1100, 200));
        QVERIFY(f.widget.grab().save(dir + "/timeline-folded.png"));
    }
    LegendWidget legend;
    legend.resize(legend.sizeHint());
    QVERIFY(legend.grab().save(dir + "/legend.png"));
    qInfo().noquote() << "screenshots in" << dir;
}

QTEST_MAIN(TimelineWidgetTest)
#include "tst_timelinewidget.moc"
