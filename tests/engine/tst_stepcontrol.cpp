// Pausing and stepping the real loop from another thread (StepControl): the loop
// is held only at phase boundaries, a step advances exactly one boundary or one
// iteration, and while the loop is held the rest of the world goes on, so fds that
// become ready meanwhile are all seen by the next poll(). The control's own wakeup
// byte is recorded as pollscope's (a control event on the "pollscope control" lane,
// in no causal chain), slow motion waits only outside callback spans, and the time
// held is counted. The loops' timers read a
// ManualClock that no case moves: a timer is due because its period is 0, never
// because the machine was slow.
#include "eventpoll/eventpoll.h"
#include "trace/threadnames.h"
#include "looprunner.h"
#include "manualclock.h"
#include "pipepair.h"
#include "tracelog.h"

#include <QTest>

#include <chrono>
#include <poll.h>
#include <unistd.h>

using namespace pollscope;
using namespace pollscope::test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(pollscope::LoopBoundary)

namespace {

void drainOne(int, int fd, int, void *)
{
    char byte;
    (void)!::read(fd, &byte, 1);
}

// Waits for the next hold after `holds` and returns where the loop is held.
std::optional<LoopBoundary> nextHold(StepControl &control, uint64_t holds)
{
    if (!control.waitForHold(holds, 5s))
        return std::nullopt;
    return control.heldAt();
}

} // namespace

class TestStepControl : public QObject
{
    Q_OBJECT

private slots:
    void stepPhaseVisitsEachBoundary_data();
    void stepPhaseVisitsEachBoundary();
    void stepIterationRunsToNextIteration();
    void pausedLoopSeesEverythingThatBecameReady();
    void pauseIsTracedWithItsBoundary();
    void slowMotionRunsAndCanBePaused();
    void unusedControlNeverHolds();
    void controlWakeupIsNotLibvirts();
    void slowMotionWaitsOutsideCallbacks();
    void heldTimeCountsHolds();
    void pauseSaysWhetherItHeldARunningLoop();
};

void TestStepControl::stepPhaseVisitsEachBoundary_data()
{
    QTest::addColumn<bool>("pipeReady");
    QTest::addColumn<bool>("timerDue");
    QTest::addColumn<QList<LoopBoundary>>("boundaries");

    using B = LoopBoundary;
    QTest::addRow("ready pipe") << true << false
                                << QList<B>{B::IterationStart, B::BeforePoll, B::AfterPoll, B::BeforeDispatchHandle,
                                            B::IterationStart};
    QTest::addRow("due timer") << false << true
                               << QList<B>{B::IterationStart, B::BeforePoll, B::AfterPoll, B::BeforeDispatchTimeout,
                                           B::IterationStart};
    QTest::addRow("both: timers first") << true << true
                                        << QList<B>{B::IterationStart, B::BeforePoll, B::AfterPoll,
                                                    B::BeforeDispatchTimeout, B::BeforeDispatchHandle,
                                                    B::IterationStart};
}

void TestStepControl::stepPhaseVisitsEachBoundary()
{
    QFETCH(bool, pipeReady);
    QFETCH(bool, timerDue);
    QFETCH(QList<LoopBoundary>, boundaries);

    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair pipe;
    loop.addHandle(pipe.readFd(), EventHandle::Readable, drainOne, nullptr, nullptr, "drainOne");
    int timer = -1;
    if (timerDue)
        timer = loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "due");
    if (pipeReady)
        QVERIFY(pipe.writeByte());

    StepControl &control = loop.stepControl();
    control.pause();
    LoopRunner runner(loop);
    uint64_t holds = 0;
    for (qsizetype i = 0; i < boundaries.size(); ++i) {
        const auto held = nextHold(control, holds);
        QVERIFY2(held, qPrintable(QStringLiteral("no hold at step %1").arg(i)));
        QCOMPARE(*held, boundaries[i]);
        holds = control.holds();
        // Exactly one hold per step, no more.
        QCOMPARE_EQ(holds, uint64_t(i + 1));
        if (i + 1 < boundaries.size())
            control.stepPhase();
    }
    if (timerDue)
        loop.updateTimeout(timer, -1);
    runner.stop();
}

void TestStepControl::stepIterationRunsToNextIteration()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "every iteration");
    StepControl &control = loop.stepControl();
    control.pause();
    LoopRunner runner(loop);

    QCOMPARE(nextHold(control, 0), LoopBoundary::IterationStart);
    control.stepPhase();
    QCOMPARE(nextHold(control, 1), LoopBoundary::BeforePoll);
    TraceLog log;
    log.drainFrom(tracer);
    const int endsBefore = log.count(EventKind::RunOnceEnd);
    control.stepIteration();
    QCOMPARE(nextHold(control, 2), LoopBoundary::IterationStart);
    log.drainFrom(tracer);
    QCOMPARE_EQ(log.count(EventKind::RunOnceEnd), endsBefore + 1);
    QCOMPARE_EQ(control.holds(), uint64_t(3));
    runner.stop();
}

void TestStepControl::pausedLoopSeesEverythingThatBecameReady()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair a, b, c;
    for (PipePair *pipe : {&a, &b, &c})
        loop.addHandle(pipe->readFd(), EventHandle::Readable, drainOne, nullptr, nullptr, "drainOne");
    StepControl &control = loop.stepControl();
    control.pause();
    LoopRunner runner(loop);
    QCOMPARE(nextHold(control, 0), LoopBoundary::IterationStart);
    control.stepPhase();
    QCOMPARE(nextHold(control, 1), LoopBoundary::BeforePoll);

    // While the loop is held before poll(), three clients write.
    QVERIFY(a.writeByte());
    QVERIFY(b.writeByte());
    QVERIFY(c.writeByte());
    control.stepPhase();
    QCOMPARE(nextHold(control, 2), LoopBoundary::AfterPoll);

    TraceLog log;
    log.drainFrom(tracer);
    const TraceEvent *pollEnd = log.first(EventKind::PollEnd);
    QVERIFY2(pollEnd, log.dump().c_str());
    QCOMPARE_EQ(pollEnd->result, 3);
    runner.stop();
}

void TestStepControl::pauseIsTracedWithItsBoundary()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair pipe;
    const int watch = loop.addHandle(pipe.readFd(), EventHandle::Readable, drainOne, nullptr, nullptr, "drainOne");
    QVERIFY(pipe.writeByte());
    StepControl &control = loop.stepControl();
    control.pause();
    LoopRunner runner(loop);
    uint64_t holds = 0;
    for (auto held = nextHold(control, holds); held != LoopBoundary::BeforeDispatchHandle;
         held = nextHold(control, holds)) {
        QVERIFY(held.has_value());
        holds = control.holds();
        control.stepPhase();
    }
    TraceLog log;
    log.drainFrom(tracer);
    const TraceEvent *paused = log.first(EventKind::LoopPaused, withWatch(watch));
    QVERIFY2(paused, log.dump().c_str());
    QCOMPARE(paused->reason, EventReason::HeldBeforeHandleDispatch);
    // The dispatch was decided (under the loop lock) but the callback has not run:
    // the byte is still in the pipe.
    QVERIFY(log.indexOf(EventKind::DispatchHandleBegin, withWatch(watch)) < log.indexOf(EventKind::LoopPaused, withWatch(watch)));
    QCOMPARE_EQ(log.count(EventKind::DispatchHandleEnd, withWatch(watch)), 0);
    pollfd pending = {pipe.readFd(), POLLIN, 0};
    QCOMPARE_EQ(::poll(&pending, 1, 0), 1);
    runner.stop();
    log.drainFrom(tracer);
    QCOMPARE_EQ(log.count(EventKind::DispatchHandleEnd, withWatch(watch)), 1);
    QVERIFY(log.count(EventKind::LoopResumed) >= 1);
}

void TestStepControl::slowMotionRunsAndCanBePaused()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "every iteration");
    StepControl &control = loop.stepControl();
    control.setDelay(2ms);
    LoopRunner runner(loop);

    // It keeps iterating on its own...
    TraceLog log;
    while (log.count(EventKind::RunOnceEnd) < 3) {
        std::this_thread::yield();
        log.drainFrom(tracer);
    }
    QCOMPARE_EQ(control.holds(), uint64_t(0));
    // ...and a pause during the delay holds it at a boundary.
    control.pause();
    QVERIFY(control.waitForHold(0, 5s));
    QVERIFY(control.heldAt().has_value());
    control.setDelay(0ms);
    runner.stop();
}

void TestStepControl::unusedControlNeverHolds()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "every iteration");
    for (int i = 0; i < 100; ++i)
        QCOMPARE_EQ(loop.runOnce(), 0);
    QCOMPARE_EQ(loop.stepControl().holds(), uint64_t(0));
    TraceLog log;
    log.drainFrom(tracer);
    QCOMPARE_EQ(log.count(EventKind::LoopPaused), 0);
}

void TestStepControl::controlWakeupIsNotLibvirts()
{
    ThreadNames::setCurrent("main");
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    LoopRunner runner(loop);
    // Wait until the loop sleeps in an endless poll().
    TraceLog log;
    while (log.count(EventKind::PollBegin) == 0) {
        std::this_thread::yield();
        log.drainFrom(tracer);
    }
    // Paused from an unnamed thread, as a GUI's button would.
    std::thread([&] { loop.stepControl().pause(); }).join();
    QVERIFY(loop.stepControl().waitForHold(0, 5s));
    log.drainFrom(tracer);

    const TraceEvent *wakeup = log.first(EventKind::ControlWakeup);
    QVERIFY2(wakeup, log.dump().c_str());
    QCOMPARE_EQ(wakeup->bytes, 1);
    QCOMPARE_EQ(wakeup->flow, uint64_t(0));
    QCOMPARE_EQ(wakeup->thread, ThreadNames::idOf(ThreadNames::kControl));
    // Not libvirt's interrupt, and the poll return and drain it causes join no chain.
    QCOMPARE_EQ(log.count(EventKind::Interrupt, [](const TraceEvent &e) { return e.bytes == 1; }), 0);
    const TraceEvent *pollEnd = log.first(EventKind::PollEnd);
    QVERIFY(pollEnd);
    QCOMPARE_EQ(pollEnd->flow, uint64_t(0));
    runner.stop();
    log.drainFrom(tracer);
    const TraceEvent *drain = log.first(EventKind::HandleWakeup, [](const TraceEvent &e) { return e.bytes == 1; });
    QVERIFY2(drain, log.dump().c_str());
    QCOMPARE_EQ(drain->flow, uint64_t(0));
    // No event lands on a lane named after a thread id.
    const std::vector<std::string> names = ThreadNames::snapshot();
    for (const TraceEvent &event : log.events())
        QVERIFY2(names[event.thread].rfind("thread-", 0) != 0, names[event.thread].c_str());
}

void TestStepControl::slowMotionWaitsOutsideCallbacks()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    loop.addTimeout(0, [](int, void *) {}, nullptr, nullptr, "every iteration");
    PipePair pipe;
    loop.addHandle(pipe.readFd(), EventHandle::Readable, drainOne, nullptr, nullptr, "drainOne");
    QVERIFY(pipe.writeByte());
    loop.stepControl().setDelay(1ms);
    for (int i = 0; i < 3; ++i)
        QCOMPARE_EQ(loop.runOnce(), 0);
    loop.stepControl().setDelay(0ms);
    TraceLog log;
    log.drainFrom(tracer);
    // Three waits an iteration (its start, before and after poll), none inside a
    // callback, all on pollscope's own lane.
    QCOMPARE_EQ(log.count(EventKind::SlowMotionBegin), 9);
    QCOMPARE_EQ(log.count(EventKind::SlowMotionBegin, [](const TraceEvent &e) {
        return e.thread == ThreadNames::idOf(ThreadNames::kControl);
    }), 9);
    QCOMPARE_EQ(log.count(EventKind::SlowMotionEnd), 9);
    bool inCallback = false;
    for (const TraceEvent &event : log.events()) {
        if (event.kind == EventKind::DispatchHandleBegin || event.kind == EventKind::DispatchTimeoutBegin)
            inCallback = true;
        else if (event.kind == EventKind::DispatchHandleEnd || event.kind == EventKind::DispatchTimeoutEnd)
            inCallback = false;
        else if (event.kind == EventKind::SlowMotionBegin)
            QVERIFY2(!inCallback, log.dump().c_str());
    }
    QVERIFY(loop.stepControl().heldTime() >= 9ms);
}

void TestStepControl::heldTimeCountsHolds()
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    StepControl &control = loop.stepControl();
    QCOMPARE(control.heldTime(), std::chrono::nanoseconds(0));
    control.pause();
    LoopRunner runner(loop);
    QVERIFY(control.waitForHold(0, 5s));
    // A hold in progress counts as it goes.
    const auto first = control.heldTime();
    const auto later = std::chrono::steady_clock::now() + 5ms;
    while (std::chrono::steady_clock::now() < later)
        std::this_thread::yield();
    QVERIFY(control.heldTime() >= first + 5ms);
    runner.stop();
    const auto total = control.heldTime();
    QVERIFY(total >= first + 5ms);
    // Running freely adds nothing.
    QCOMPARE(control.heldTime(), total);
}

void TestStepControl::pauseSaysWhetherItHeldARunningLoop()
{
    // Whoever pauses for a reason of its own (a question) resumes only a pause it
    // made: a second pause on top of one already there must say so.
    Tracer tracer;
    ManualClock clock;
    EventPoll loop(tracer, clock);
    QCOMPARE_EQ(loop.init(), 0);
    StepControl &control = loop.stepControl();
    QVERIFY(control.pause());
    QVERIFY(!control.pause());
    control.stepPhase();
    QVERIFY(!control.pause()); // a step in progress is not a running loop
    control.resume();
    QVERIFY(control.pause());
}

QTEST_GUILESS_MAIN(TestStepControl)
#include "tst_stepcontrol.moc"
