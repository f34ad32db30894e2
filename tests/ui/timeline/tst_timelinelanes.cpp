// TimelineLanes sorts the store's events into lanes. Under test:
// - one lane per thread, ordered loop, main, workers by number, then the rest by name
//   with numbers read by value (crowd-2 before crowd-10);
// - one lane per watch from its AddHandle to its PurgeHandle, labelled by what the
//   callback is for (wakeup pipe, signal pipe, listener, client N) and its fd;
// - spans pair Begin and End on one thread, nested by depth, still open until
//   their End, closed with their parent if their own End never comes;
// - each instant is a marker with its own meaning (a wakeup write is not a skipped
//   interrupt);
// - events sharing a flow id are linked in seq order, across lanes;
// - batches appended one by one give exactly the lanes of one reset;
// - all of this on real streams from the engine: a stepped loop, a wakeup from
//   another thread, and a libvirtd replica serving a client.
#include "timelinescript.h"

#include "daemonsession.h"
#include "demo/demosession.h"
#include "eventpoll/eventpoll.h"
#include "looprunner.h"
#include "pipepair.h"
#include "session/tracestore.h"
#include "threadwait.h"
#include "timeline/timelinelanes.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <QSignalSpy>
#include <QtTest/QTest>

#include <set>
#include <unistd.h>

using namespace pollscope;
using namespace pollscope::ui;
using pollscope::test::dumpFlows;
using pollscope::test::dumpLanes;
using pollscope::test::scriptedSession;

Q_DECLARE_METATYPE(pollscope::TraceSession)

namespace {

QStringList lines(const char *text)
{
    QStringList result = QString::fromUtf8(text).split(QLatin1Char('\n'));
    result.removeAll(QString());
    return result;
}

// Prints both dumps before comparing, so a failure shows the whole picture.
bool sameLines(const QStringList &actual, const QStringList &expected)
{
    if (actual == expected)
        return true;
    qWarning().noquote() << "actual:\n" << actual.join(QLatin1Char('\n'));
    qWarning().noquote() << "expected:\n" << expected.join(QLatin1Char('\n'));
    return false;
}

QStringList laneLabels(const TimelineLanes &lanes)
{
    QStringList labels;
    for (int row = 0; row < lanes.laneCount(); ++row)
        labels << lanes.lane(row).label;
    return labels;
}

int rowLabelled(const TimelineLanes &lanes, const QString &label)
{
    for (int row = 0; row < lanes.laneCount(); ++row) {
        if (lanes.lane(row).label == label)
            return row;
    }
    return -1;
}

// The flow links whose two ends are on the given lanes.
int linksBetween(const TimelineLanes &lanes, int fromRow, int toRow)
{
    int links = 0;
    for (const TimelineFlow &flow : lanes.flows()) {
        if (lanes.rowOfLane(flow.from.lane) == fromRow && lanes.rowOfLane(flow.to.lane) == toRow)
            ++links;
    }
    return links;
}

// Every event of a causal chain, as (kind, row), gathered from its links.
std::set<std::pair<EventKind, int>> chainOf(const TimelineLanes &lanes, uint64_t flow)
{
    std::set<std::pair<EventKind, int>> chain;
    const TraceStore &store = *lanes.store();
    for (const TimelineFlow &link : lanes.flows()) {
        if (store.at(link.from.index).flow != flow)
            continue;
        chain.emplace(store.at(link.from.index).kind, lanes.rowOfLane(link.from.lane));
        chain.emplace(store.at(link.to.index).kind, lanes.rowOfLane(link.to.lane));
    }
    return chain;
}

} // namespace

class TimelineLanesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void threadLaneOrder_data();
    void threadLaneOrder();
    void watchLaneLabels_data();
    void watchLaneLabels();
    void watchLaneLifetime();
    void spanPairing_data();
    void spanPairing();
    void openSpanReachesLatestEvent();
    void markerKinds_data();
    void markerKinds();
    void styleTablesCoverEveryKind();
    void flowChains();
    void incrementalAppendEqualsReset_data();
    void incrementalAppendEqualsReset();
    void resetReplacesEverything();
    void steppedRealLoop();
    void wakeupFromAnotherThread();
    void realDaemonServesAClient();
    void lostEventsMarkTheGap();

private:
    TraceSession m_demo;
};

void TimelineLanesTest::initTestCase()
{
    Tracer tracer;
    m_demo = runDemoSession(tracer);
    QVERIFY(m_demo.events.size() > 100);
}

void TimelineLanesTest::threadLaneOrder_data()
{
    QTest::addColumn<QStringList>("threads");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("loop, main, workers by number, others")
        << QStringList{"writer", "worker-10", "main", "worker-2", "loop", "worker-1"}
        << QStringList{"loop", "main", "worker-1", "worker-2", "worker-10", "writer"};
    QTest::addRow("no loop yet") << QStringList{"client", "main"} << QStringList{"main", "client"};
    QTest::addRow("others by name") << QStringList{"zeta", "alpha", "loop"} << QStringList{"loop", "alpha", "zeta"};
    QTest::addRow("numbers in names by value")
        << QStringList{"client-crowd-10", "client-crowd-2", "client-crowd-1", "client-crowd-1b", "client-bob"}
        << QStringList{"client-bob", "client-crowd-1", "client-crowd-1b", "client-crowd-2", "client-crowd-10"};
}

void TimelineLanesTest::threadLaneOrder()
{
    QFETCH(QStringList, threads);
    QFETCH(QStringList, expected);

    QString script;
    int time = 0;
    for (const QString &thread : threads)
        script += QStringLiteral("%1 %2 note\n").arg(thread).arg(time += 10);
    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(scriptedSession(script));

    QCOMPARE(laneLabels(lanes), expected);
    for (int row = 0; row < lanes.laneCount(); ++row) {
        QCOMPARE(lanes.lane(row).kind, TimelineLane::Kind::Thread);
        QCOMPARE(lanes.rowOfThread(uint16_t(lanes.lane(row).id)), row);
    }
}

void TimelineLanesTest::watchLaneLabels_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("detail");

    QTest::addRow("wakeup pipe") << "main 0 add_handle watch=1 fd=3 role=1 text=virEventPollHandleWakeup"
                                 << "wakeup pipe" << "fd 3 · virEventPollHandleWakeup";
    QTest::addRow("signal pipe") << "main 0 add_handle watch=1 fd=5 role=4 text=qemudDispatchSignalEvent"
                                 << "signal pipe" << "fd 5 · qemudDispatchSignalEvent";
    QTest::addRow("listener") << "main 0 add_handle watch=1 fd=6 role=2 text=qemudDispatchServerEvent"
                              << "listener" << "fd 6 · qemudDispatchServerEvent";
    QTest::addRow("registered client") << "loop 0 add_handle watch=1 fd=9 role=3 text=qemudDispatchClientEvent\n"
                                          "loop 1 register_client_event watch=1 fd=9 client=7"
                                       << "client 7" << "fd 9 · qemudDispatchClientEvent";
    QTest::addRow("client not yet registered") << "loop 0 add_handle watch=1 fd=9 role=3 text=qemudDispatchClientEvent"
                                               << "qemudDispatchClientEvent" << "fd 9 · qemudDispatchClientEvent";
    QTest::addRow("any other callback") << "main 0 add_handle watch=1 fd=4 text=onReadable"
                                        << "onReadable" << "fd 4 · onReadable";
    // The role says what a watch is for, not the callback's name.
    QTest::addRow("a daemon's name without its role") << "main 0 add_handle watch=1 fd=3 text=virEventPollHandleWakeup"
                                                      << "virEventPollHandleWakeup" << "fd 3 · virEventPollHandleWakeup";
}

void TimelineLanesTest::watchLaneLabels()
{
    QFETCH(QString, script);
    QFETCH(QString, label);
    QFETCH(QString, detail);

    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(scriptedSession(script));

    const int row = lanes.rowOfWatch(1);
    QVERIFY(row >= 0);
    QCOMPARE(lanes.lane(row).kind, TimelineLane::Kind::Watch);
    QCOMPARE(lanes.lane(row).label, label);
    QCOMPARE(lanes.lane(row).detail, detail);
}

void TimelineLanesTest::watchLaneLifetime()
{
    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(scriptedSession(R"(
main 0 add_handle watch=1 fd=3 role=1 text=virEventPollHandleWakeup
main 10 add_handle watch=2 fd=5 text=onReadable
loop 20 run_once_begin
loop 30 poll_begin
loop 40 poll_end
loop 45 dispatch_handle_begin watch=2 fd=5 text=onReadable
loop 46 remove_handle watch=2 fd=5 result=0
loop 50 dispatch_handle_end watch=2 fd=5
loop 60 cleanup_handles
loop 61 purge_handle watch=2 fd=5 text=onReadable
loop 70 run_once_end
)"));

    QVERIFY(sameLines(dumpLanes(lanes), lines(R"(
thread loop
  d0 iteration 20-70 #3-#11
  d1 poll 30-40 #4-#5
  d1 handle-cb 45-50 #6-#8
  m handle-removed 46 #7
  m phase 60 #9
  m handle-purged 61 #10
thread main
  m handle-added 0 #1
  m handle-added 10 #2
watch 1 "wakeup pipe" (fd 3 · virEventPollHandleWakeup) from 0
  m handle-added 0 #1
watch 2 "onReadable" (fd 5 · onReadable) from 10 removed 46 purged 61
  d0 handle-cb 45-50 #6-#8
  m handle-added 10 #2
  m handle-removed 46 #7
  m handle-purged 61 #10
)")));
    QVERIFY(!lanes.lane(lanes.rowOfWatch(1)).hasEnded());
    QVERIFY(lanes.lane(lanes.rowOfWatch(2)).hasEnded());
    // Iterations are a thin band; the row under it holds real work.
    const TimelineLane &loop = lanes.lane(0);
    QCOMPARE(loop.bandOnly, (std::vector<bool>{true, false}));
}

void TimelineLanesTest::spanPairing_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("expected");

    QTest::addRow("nested in an iteration") << R"(
loop 0 run_once_begin
loop 10 poll_begin
loop 20 poll_end
loop 25 dispatch_timeout_begin timer=1 text=onTick
loop 30 dispatch_timeout_end timer=1
loop 40 run_once_end
)" << R"(
thread loop
  d0 iteration 0-40 #1-#6
  d1 poll 10-20 #2-#3
  d1 timer-cb 25-30 #4-#5
  m timer-fire 25 #4
)";
    QTest::addRow("still open") << R"(
loop 10 poll_begin
worker-1 90 note
)" << R"(
thread loop
  d0 poll 10-open #1-?
thread worker-1
  m note 90 #2
)";
    QTest::addRow("an End closes what its span left open") << R"(
loop 0 run_once_begin
loop 10 poll_begin
loop 20 run_once_end
)" << R"(
thread loop
  d0 iteration 0-20 #1-#3
  d1 poll 10-20 #2-#3
)";
    QTest::addRow("an End without its Begin is not drawn") << R"(
loop 5 poll_end
)" << R"(
thread loop
)";
    QTest::addRow("threads pair separately") << R"(
loop 0 poll_begin
worker-1 5 worker_job_begin
worker-1 7 remote_dispatch_begin
loop 8 poll_end
worker-1 9 remote_dispatch_end
worker-1 12 worker_job_end
)" << R"(
thread loop
  d0 poll 0-8 #1-#4
thread worker-1
  d0 job 5-12 #2-#6
  d1 rpc 7-9 #3-#5
)";
    QTest::addRow("free callback on its watch lane") << R"(
loop 0 add_handle watch=2 fd=5 text=onReadable
loop 1 remove_handle watch=2 fd=5 result=0
loop 2 purge_handle watch=2 fd=5 text=onReadable
loop 3 free_callback_begin watch=2
loop 4 free_callback_end watch=2
)" << R"(
thread loop
  d0 free-cb 3-4 #4-#5
  m handle-added 0 #1
  m handle-removed 1 #2
  m handle-purged 2 #3
watch 2 "onReadable" (fd 5 · onReadable) from 0 removed 1 purged 2
  d0 free-cb 3-4 #4-#5
  m handle-added 0 #1
  m handle-removed 1 #2
  m handle-purged 2 #3
)";
}

void TimelineLanesTest::spanPairing()
{
    QFETCH(QString, script);
    QFETCH(QString, expected);

    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(scriptedSession(script));
    QVERIFY(sameLines(dumpLanes(lanes), lines(qPrintable(expected))));
}

void TimelineLanesTest::openSpanReachesLatestEvent()
{
    TraceStore store;
    TimelineLanes lanes(&store);
    TraceSession session = scriptedSession("loop 10 poll_begin\nworker-1 90 note\n");
    store.append(session.events, session.threadNames);

    const TimelineSpan &span = lanes.lane(lanes.rowOfThread(0)).spans[0][0];
    QVERIFY(span.isOpen());
    QCOMPARE(lanes.spanEndNs(span), int64_t(90));

    // A live run goes on: the poll is still open and reaches further.
    TraceEvent later = session.events.back();
    later.seq = 3;
    later.timeNs = 150;
    store.append({later}, session.threadNames);
    QCOMPARE(lanes.spanEndNs(lanes.lane(lanes.rowOfThread(0)).spans[0][0]), int64_t(150));
}

void TimelineLanesTest::markerKinds_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("marker");

    QTest::addRow("interrupt that wrote") << "interrupt fd=4 bytes=1" << "wakeup-write";
    QTest::addRow("interrupt skipped") << "interrupt bytes=0 reason=interrupt_loop_not_running" << "interrupt-skipped";
    QTest::addRow("wakeup drained") << "handle_wakeup fd=3 bytes=1" << "wakeup-drain";
    QTest::addRow("accept") << "accept fd=9 client=1" << "accept";
    QTest::addRow("accept failed") << "accept_failed errno=24" << "accept-failed";
    QTest::addRow("client rejected") << "client_rejected fd=9" << "accept-failed";
    QTest::addRow("handle updated") << "update_handle fd=9 events=3" << "handle-updated";
    QTest::addRow("timeout added") << "add_timeout timer=1 frequency=10" << "timeout-added";
    QTest::addRow("timeout purged") << "purge_timeout timer=1" << "timeout-purged";
    QTest::addRow("client read") << "client_read client=1 bytes=4" << "client-read";
    QTest::addRow("message received") << "message_received client=1" << "client-read";
    QTest::addRow("message sent") << "message_sent client=1" << "client-write";
    QTest::addRow("client failure") << "client_failure client=1" << "client-failure";
    QTest::addRow("throttled") << "client_throttled client=1" << "throttled";
    QTest::addRow("reply queued") << "reply_queued client=1" << "reply-queued";
    QTest::addRow("loop paused") << "loop_paused" << "paused";
    QTest::addRow("phase step") << "make_poll_fds nfds=2" << "phase";
    QTest::addRow("poll failed") << "run_once_error errno=9" << "loop-error";
}

void TimelineLanesTest::markerKinds()
{
    QFETCH(QString, event);
    QFETCH(QString, marker);

    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(scriptedSession(QStringLiteral("loop 5 ") + event));
    QVERIFY(sameLines(dumpLanes(lanes), {QStringLiteral("thread loop"), QStringLiteral("  m %1 5 #1").arg(marker)}));
}

void TimelineLanesTest::styleTablesCoverEveryKind()
{
    for (int i = 0; i < int(EventKind::Count); ++i) {
        TraceEvent event{};
        event.kind = EventKind(i);
        const EventKindInfo &info = eventKindInfo(event.kind);
        if (info.shape == EventShape::Begin)
            QVERIFY2(info.span != EventSpan::None, info.name);
        else
            QVERIFY2(info.span == EventSpan::None, info.name);
        if (info.shape == EventShape::Instant)
            QVERIFY2(eventMark(event) != EventMark::None, info.name);
        if (info.shape == EventShape::End)
            QVERIFY2(eventMark(event) == EventMark::None, info.name);
    }
    // A marker is told apart by its shape and colour together.
    std::set<std::pair<MarkerShape, EventFamily>> seen;
    for (int kind = int(EventMark::None) + 1; kind < kEventMarkCount; ++kind) {
        const MarkerStyle &style = TimelineStyle::markerStyle(EventMark(kind));
        QVERIFY2(seen.emplace(style.shape, style.family).second, style.label);
        QVERIFY(!TimelineStyle::markerLabel(EventMark(kind)).isEmpty());
    }
}

void TimelineLanesTest::flowChains()
{
    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(scriptedSession(QString::fromUtf8(test::kDaemonScript)));

    QCOMPARE(laneLabels(lanes), (QStringList{"loop", "main", "worker-1", "wakeup pipe", "listener", "client 1"}));
    // The accept chain, then the request: read, worker, reply, interrupt, poll
    // return, wakeup, write.
    QCOMPARE(dumpFlows(lanes), (QStringList{"6>7", "7>8", "13>16", "16>17", "17>18", "18>19", "19>20", "20>22", "22>25"}));
    QStringList links = dumpLanes(lanes).filter(QRegularExpression(QStringLiteral("^flow ")));
    QVERIFY(sameLines(links, lines(R"(
flow #6@w3/m -> #7@w4/m
flow #7@w4/m -> #8@w4/m
flow #13@w4/m -> #16@worker-1/d0
flow #16@worker-1/d0 -> #17@worker-1/m
flow #17@worker-1/m -> #18@worker-1/m
flow #18@worker-1/m -> #19@worker-1/d0
flow #19@worker-1/d0 -> #20@loop/d0
flow #20@loop/d0 -> #22@w1/m
flow #22@w1/m -> #25@w4/m
)")));
    QVERIFY(lanes.longestFlowNs() >= 9);
}

void TimelineLanesTest::incrementalAppendEqualsReset_data()
{
    QTest::addColumn<TraceSession>("session");
    QTest::addColumn<int>("batchSize");

    const TraceSession daemon = scriptedSession(QString::fromUtf8(test::kDaemonScript));
    for (int batchSize : {1, 3, 64}) {
        QTest::addRow("daemon script, batches of %d", batchSize) << daemon << batchSize;
        QTest::addRow("demo session, batches of %d", batchSize) << m_demo << batchSize;
    }
}

void TimelineLanesTest::incrementalAppendEqualsReset()
{
    QFETCH(TraceSession, session);
    QFETCH(int, batchSize);

    TraceStore whole;
    TimelineLanes wholeLanes(&whole);
    whole.setSession(session);

    TraceStore live;
    TimelineLanes liveLanes(&live);
    QSignalSpy appended(&liveLanes, &TimelineLanes::appended);
    QSignalSpy reset(&liveLanes, &TimelineLanes::reset);
    for (size_t first = 0; first < session.events.size(); first += size_t(batchSize)) {
        const size_t last = std::min(session.events.size(), first + size_t(batchSize));
        live.append({session.events.begin() + ptrdiff_t(first), session.events.begin() + ptrdiff_t(last)},
                    session.threadNames);
    }

    QCOMPARE(reset.count(), 0);
    QCOMPARE(appended.count(), int((session.events.size() + size_t(batchSize) - 1) / size_t(batchSize)));
    QVERIFY(appended.first().at(0).toBool());
    QVERIFY(sameLines(dumpLanes(liveLanes), dumpLanes(wholeLanes)));
}

void TimelineLanesTest::resetReplacesEverything()
{
    TraceStore store;
    TimelineLanes lanes(&store);
    QSignalSpy reset(&lanes, &TimelineLanes::reset);
    store.setSession(scriptedSession(QString::fromUtf8(test::kDaemonScript)));
    QCOMPARE(lanes.laneCount(), 6);

    store.setSession(scriptedSession("main 0 note"));
    QCOMPARE(reset.count(), 2);
    QVERIFY(sameLines(dumpLanes(lanes), {"thread main", "  m note 0 #1"}));
    QCOMPARE(lanes.rowOfWatch(1), -1);

    store.clear();
    QCOMPARE(lanes.laneCount(), 0);
    QVERIFY(lanes.flows().empty());
}

void TimelineLanesTest::steppedRealLoop()
{
    ThreadNames::setCurrent("loop");
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE(loop.init(), 0);
    // A zero-frequency timer keeps every poll() from blocking.
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "onTick");
    test::PipePair pipe;
    const int watch = loop.addHandle(pipe.readFd(), EventHandle::Readable,
                                     [](int, int fd, int, void *) {
                                         char byte;
                                         while (::read(fd, &byte, 1) == 1) {
                                         }
                                     },
                                     nullptr, nullptr, "onTestReadable");
    QVERIFY(pipe.writeByte());
    QCOMPARE(loop.runOnce(), 0);
    QCOMPARE(loop.removeHandle(watch), 0);
    QCOMPARE(loop.runOnce(), 0);

    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(tracer.takeSession("stepped"));

    QCOMPARE(laneLabels(lanes), (QStringList{"loop", "wakeup pipe", "onTestReadable"}));
    const TimelineLane &thread = lanes.lane(0);
    QCOMPARE(thread.depthCount(), 2);
    QCOMPARE(thread.spans[0].size(), size_t(2)); // two iterations
    int polls = 0;
    int handleCallbacks = 0;
    int timerCallbacks = 0;
    for (const TimelineSpan &span : thread.spans[1]) {
        QVERIFY(!span.isOpen());
        polls += span.kind == EventSpan::PollWait;
        handleCallbacks += span.kind == EventSpan::HandleCallback;
        timerCallbacks += span.kind == EventSpan::TimerCallback;
    }
    QCOMPARE(polls, 2);
    QCOMPARE(handleCallbacks, 1);
    QCOMPARE(timerCallbacks, 2);
    QCOMPARE(thread.markers[size_t(EventMark::TimerFire)].size(), size_t(2));

    const TimelineLane &handle = lanes.lane(lanes.rowOfWatch(watch));
    QCOMPARE(handle.detail, QStringLiteral("fd %1 · onTestReadable").arg(pipe.readFd()));
    QCOMPARE(handle.spans.size(), size_t(1));
    QCOMPARE(handle.spans[0].size(), size_t(1));
    QCOMPARE(handle.spans[0][0].kind, EventSpan::HandleCallback);
    QCOMPARE(handle.markers[size_t(EventMark::HandleAdded)].size(), size_t(1));
    QCOMPARE(handle.markers[size_t(EventMark::HandleRemoved)].size(), size_t(1));
    QCOMPARE(handle.markers[size_t(EventMark::HandlePurged)].size(), size_t(1));
    QVERIFY(handle.removedNs != TimelineLane::kNoTimeNs);
    QVERIFY(handle.hasEnded());
    QVERIFY(handle.endNs >= handle.removedNs);
}

void TimelineLanesTest::wakeupFromAnotherThread()
{
    ThreadNames::setCurrent("main");
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE(loop.init(), 0);
    test::PipePair pipe;
    {
        test::LoopRunner runner(loop);
        QVERIFY(test::waitUntilBlockedInPoll(runner.tid()));
        // Added while the loop sleeps in poll(): the interrupt writes the wakeup pipe.
        loop.addHandle(pipe.readFd(), EventHandle::Readable, [](int, int, int, void *) {}, nullptr, nullptr,
                       "onLateReadable");
        runner.stop();
    }

    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(tracer.takeSession("wakeup"));

    const int loopRow = rowLabelled(lanes, "loop");
    const int mainRow = rowLabelled(lanes, "main");
    const int wakeupRow = rowLabelled(lanes, "wakeup pipe");
    QVERIFY(loopRow >= 0 && mainRow >= 0 && wakeupRow >= 0);
    // The stop at the end may wake the loop once more.
    QVERIFY(!lanes.lane(mainRow).markers[size_t(EventMark::WakeupWrite)].empty());
    QVERIFY(!lanes.lane(wakeupRow).markers[size_t(EventMark::WakeupDrain)].empty());

    // The interrupt's chain: the write (main), the poll return (loop), the drain
    // (wakeup pipe lane). The engine records the interrupt just after its byte is
    // in the pipe, so the loop's poll return may come first in seq order: the
    // chain holds all three either way, linked across the lanes.
    const qsizetype interrupt = lanes.lane(mainRow).markers[size_t(EventMark::WakeupWrite)][0].index;
    QVERIFY(store.at(interrupt).flow != 0);
    const auto chain = chainOf(lanes, store.at(interrupt).flow);
    QVERIFY(chain.contains({EventKind::Interrupt, mainRow}));
    QVERIFY(chain.contains({EventKind::PollEnd, loopRow}));
    QVERIFY(chain.contains({EventKind::HandleWakeup, wakeupRow}));
    QVERIFY(linksBetween(lanes, mainRow, loopRow) + linksBetween(lanes, loopRow, mainRow) >= 1);
}

void TimelineLanesTest::realDaemonServesAClient()
{
    // The worker answers only once the loop is back in poll(), so the reply has to
    // wake the loop through the wakeup pipe.
    const test::DaemonRun run = test::runDaemonSession(1, 1, 0, test::WorkerAnswers::WhileLoopPolls);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(run.session);

    const QStringList labels = laneLabels(lanes);
    QCOMPARE(labels.mid(0, 2), (QStringList{"loop", "main"}));
    QVERIFY2(labels.at(2).startsWith("worker-"), qPrintable(labels.join(", ")));
    const int listener = rowLabelled(lanes, "listener");
    const int client = rowLabelled(lanes, "client 1");
    const int wakeup = rowLabelled(lanes, "wakeup pipe");
    QVERIFY2(listener >= 0 && client >= 0 && wakeup >= 0 && rowLabelled(lanes, "signal pipe") >= 0,
             qPrintable(labels.join(", ")));
    QVERIFY(lanes.lane(client).detail.endsWith("qemudDispatchClientEvent"));
    QVERIFY(lanes.lane(client).hasEnded());
    QCOMPARE(lanes.lane(listener).markers[size_t(EventMark::Accept)].size(), size_t(1));

    // accept -> the client's watch.
    const qsizetype accept = lanes.lane(listener).markers[size_t(EventMark::Accept)][0].index;
    const auto accepted = chainOf(lanes, store.at(accept).flow);
    QVERIFY(accepted.contains({EventKind::Accept, listener}));
    QVERIFY(accepted.contains({EventKind::AddHandle, client}));
    QVERIFY(linksBetween(lanes, listener, client) >= 1);

    // The request: read on the client's lane, a worker's job and its interrupt,
    // the loop's poll return and wakeup, the reply written on the client's lane.
    // (The interrupt is recorded just after its byte is written, so in seq order
    // it may come after the loop's steps: see wakeupFromAnotherThread.)
    const std::vector<TimelineMarker> &writes = lanes.lane(client).markers[size_t(EventMark::ClientWrite)];
    QVERIFY(!writes.empty());
    const auto request = chainOf(lanes, store.at(writes.front().index).flow);
    const auto onSomeWorker = [&](EventKind kind) {
        return std::any_of(request.begin(), request.end(), [&](const auto &member) {
            return member.first == kind && lanes.lane(member.second).label.startsWith("worker-");
        });
    };
    QVERIFY(request.contains({EventKind::MessageReceived, client}));
    QVERIFY(onSomeWorker(EventKind::WorkerJobBegin));
    QVERIFY(onSomeWorker(EventKind::Interrupt));
    QVERIFY(request.contains({EventKind::PollEnd, rowLabelled(lanes, "loop")}));
    QVERIFY(request.contains({EventKind::HandleWakeup, wakeup}));
    QVERIFY(request.contains({EventKind::ClientWrite, client}));
}

void TimelineLanesTest::lostEventsMarkTheGap()
{
    // A bounded tracer in drop mode, with nothing drained: what does not fit is
    // lost, and the thread's next event after a drain comes after its trace_lost.
    constexpr size_t kBound = 64;
    Tracer tracer;
    tracer.setBound(kBound, TracePolicy::Drop);
    ThreadNames::Scope name("producer");
    for (size_t i = 0; i < kBound + 25; ++i) {
        if (auto event = tracer.probe<EventKind::ClientAction>())
            event->setStep(int32_t(i));
    }
    QCOMPARE(tracer.lostEvents(), uint64_t(25));
    TraceSession session = tracer.takeSession("bounded");
    if (auto event = tracer.probe<EventKind::ClientAction>())
        event->setStep(-1);
    TraceSession after = tracer.takeSession("bounded");
    session.events.insert(session.events.end(), after.events.begin(), after.events.end());
    session.threadNames = after.threadNames;

    TraceStore store;
    TimelineLanes lanes(&store);
    store.setSession(std::move(session));
    QCOMPARE(store.lostEvents(), int64_t(25));
    const int row = rowLabelled(lanes, "producer");
    QVERIFY(row >= 0);
    const std::vector<TimelineMarker> &gaps = lanes.lane(row).markers[size_t(EventMark::TraceGap)];
    QCOMPARE(gaps.size(), size_t(1));
    // The gap sits between the last event that fitted and the first one after it.
    const TraceEvent &gap = store.at(gaps[0].index);
    QCOMPARE(gap.kind, EventKind::TraceLost);
    QCOMPARE(gap.length, int64_t(25));
    QCOMPARE(store.at(gaps[0].index - 1).step, int32_t(kBound - 1));
    QCOMPARE(store.at(gaps[0].index + 1).step, -1);
}

QTEST_GUILESS_MAIN(TimelineLanesTest)
#include "tst_timelinelanes.moc"
