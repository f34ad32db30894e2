// The behaviour of virEventPoll, case by case: libvirt's own event-loop test
// (tests/eventtest.c, the twelve cases of the specification's section 4.2) and the
// extra cases of section 4.3. Each case drives the loop one iteration at a time on
// real pipes, then asserts on the callbacks that fired and on the trace events.
// Timers read a ManualClock: a case moves the time by hand, so whether a timer is
// due, and the poll timeout computed, are exact whatever the machine's speed.
// Cases that need another thread synchronise with it explicitly: they wait until the
// kernel reports the loop thread blocked in poll(), never for a fixed time.
#include "eventpoll/eventpoll.h"
#include "fdcount.h"
#include "manualclock.h"
#include "pipepair.h"
#include "threadwait.h"
#include "tracelog.h"

#include <QTest>

#include <fcntl.h>

#include <array>
#include <atomic>
#include <csignal>
#include <memory>
#include <poll.h>
#include <pthread.h>
#include <thread>
#include <unistd.h>

using namespace pollscope;
using namespace pollscope::test;

namespace {

constexpr int kPipes = 31;
constexpr int kTimers = 31;

struct Fixture;

// What one handle or timer saw, like eventtest.c's handle and timer infos.
struct Info
{
    Fixture *fixture = nullptr;
    int index = 0;
    int id = -1;       // the watch or timer id
    int fired = 0;
    int lastEvents = 0;
    int lastFd = -1;
    int removeOnFire = -1; // watch or timer to remove from the callback
    bool readByte = true;
    std::thread::id firedOn;
};

struct Fixture
{
    Tracer tracer;
    ManualClock clock;
    EventPoll loop{tracer, clock};
    std::array<std::unique_ptr<PipePair>, kPipes> pipes;
    std::array<Info, kPipes> handles;
    std::array<Info, kTimers> timers;
    TraceLog log;

    static void onReadable(int watch, int fd, int events, void *opaque)
    {
        auto *info = static_cast<Info *>(opaque);
        QCOMPARE_EQ(watch, info->id);
        ++info->fired;
        info->lastEvents = events;
        info->lastFd = fd;
        info->firedOn = std::this_thread::get_id();
        if (info->readByte) {
            char byte;
            QCOMPARE_EQ(::read(fd, &byte, 1), ssize_t(1));
        }
        if (info->removeOnFire > 0)
            QCOMPARE_EQ(info->fixture->loop.removeHandle(info->removeOnFire), 0);
    }

    static void onTimer(int timer, void *opaque)
    {
        auto *info = static_cast<Info *>(opaque);
        QCOMPARE_EQ(timer, info->id);
        ++info->fired;
        info->firedOn = std::this_thread::get_id();
        if (info->removeOnFire > 0)
            QCOMPARE_EQ(info->fixture->loop.removeTimeout(info->removeOnFire), 0);
    }

    // As eventtest.c: 31 pipes with readers, 31 timers at frequency -1.
    Fixture()
    {
        QVERIFY(loop.init() == 0);
        for (int i = 0; i < kPipes; ++i) {
            pipes[size_t(i)] = std::make_unique<PipePair>();
            Info &info = handles[size_t(i)];
            info.fixture = this;
            info.index = i;
            info.id = loop.addHandle(pipes[size_t(i)]->readFd(), EventHandle::Readable, onReadable, &info, nullptr,
                                     "onReadable");
        }
        for (int i = 0; i < kTimers; ++i) {
            Info &info = timers[size_t(i)];
            info.fixture = this;
            info.index = i;
            info.id = loop.addTimeout(-1, onTimer, &info, nullptr, "onTimer");
        }
        log.drainFrom(tracer);
        log.clear();
    }

    // Exactly the expected handle and timer fired (-1: none), like verifyFired().
    void verifyFired(int handle, int timer) const
    {
        for (int i = 0; i < kPipes; ++i)
            QCOMPARE_EQ(handles[size_t(i)].fired, i == handle ? 1 : 0);
        for (int i = 0; i < kTimers; ++i)
            QCOMPARE_EQ(timers[size_t(i)].fired, i == timer ? 1 : 0);
    }

    void resetFired()
    {
        for (Info &info : handles)
            info.fired = 0;
        for (Info &info : timers)
            info.fired = 0;
    }

    void runOnceAndDrain()
    {
        QCOMPARE_EQ(loop.runOnce(), 0);
        log.drainFrom(tracer);
    }

    // Runs one iteration on a second thread, lets `whileInPoll` act once that
    // thread is blocked in poll(), and waits for the iteration to end.
    template<typename Action>
    void runOnceInterrupted(Action whileInPoll)
    {
        std::atomic<pid_t> loopTid{0};
        std::atomic<int> result{1};
        std::thread loopThread([&] {
            loopTid = currentTid();
            result = loop.runOnce();
        });
        while (loopTid.load() == 0)
            std::this_thread::yield();
        QVERIFY(waitUntilBlockedInPoll(loopTid.load()));
        whileInPoll();
        loopThread.join();
        QCOMPARE_EQ(result.load(), 0);
        log.drainFrom(tracer);
    }

    int watchOf(int index) const { return handles[size_t(index)].id; }
    int timerOf(int index) const { return timers[size_t(index)].id; }
};

// Only the wakeup pipe is left to poll in some cases: a byte in it ends the iteration.
void pokeWakeupPipe(EventPoll &loop)
{
    const char byte = 0;
    QCOMPARE_EQ(::write(loop.state().wakeupFds[1], &byte, 1), ssize_t(1));
}

// User callbacks dispatched in the log: handle dispatches other than the wakeup pipe.
int userHandleDispatches(const TraceLog &log)
{
    return log.count(EventKind::DispatchHandleBegin, [](const TraceEvent &e) { return e.watch != 1; });
}

} // namespace

class TestEventPoll : public QObject
{
    Q_OBJECT

private slots:
    // libvirt's eventtest.c, section 4.2 of the specification.
    void simpleWrite();
    void deletedBeforePollHandle();
    void interruptedDuringPollHandle();
    void deletedDuringDispatchLaterHandle();
    void deletedDuringDispatchSelf();
    void firingTimer();
    void deletedBeforePollTimer();
    void interruptedDuringPollTimer();
    void deletedDuringDispatchLaterTimer();
    void deletedDuringDispatchSelfTimer();
    void compaction();
    void writeDuplicate();

    // Section 4.3.
    void idsStartAtOneAndAreNeverReused();
    void wakeupPipeIsWatchOneNonBlockingCloseOnExec();
    void invalidIds_data();
    void invalidIds();
    void freeCallbackRunsOnceInLoopThreadAfterIteration();
    void freeCallbackRunsWithLockReleased();
    void frequencyZeroFiresEveryIteration();
    void earlyFireWindow_data();
    void earlyFireWindow();
    void updateTimeoutRestartsPeriod();
    void timersDispatchBeforeHandlesAndOnTimeout();
    void addedInCallbackNotDispatchedSameIteration();
    void eventsSetToZeroMidPollStopsDispatch();
    void sameFdTwiceBothPolled_data();
    void sameFdTwiceBothPolled();
    void pollnvalMapsToError();
    void interruptFromLoopThreadWritesNothing();
    void addFromAnotherThreadWakesPoll();
    void pollRetriesOnEintrWithSameTimeout();
    void iterationPhasesInSpecOrder();
    void arraysGrowAsVirResizeN_data();
    void arraysGrowAsVirResizeN();
    void arraysShrinkAsVirShrinkN();
    void updatesFindTheirRecordAmongManyAfterPurges();
    void closesNoFdItDidNotOpen();
};

void TestEventPoll::simpleWrite()
{
    Fixture f;
    QVERIFY(f.pipes[1]->writeByte());
    f.runOnceAndDrain();
    f.verifyFired(1, -1);
    QCOMPARE_EQ(f.handles[1].lastFd, f.pipes[1]->readFd());
    QVERIFY(f.handles[1].lastEvents & EventHandle::Readable);

    const TraceEvent *dispatch = f.log.first(EventKind::DispatchHandleBegin, withWatch(f.watchOf(1)));
    QVERIFY2(dispatch, f.log.dump().c_str());
    QCOMPARE_EQ(dispatch->fd, f.pipes[1]->readFd());
    QCOMPARE_EQ(dispatch->events, int(EventHandle::Readable));
    QVERIFY(dispatch->revents & POLLIN);
    QCOMPARE(std::string(dispatch->text), std::string("onReadable"));
    QCOMPARE_EQ(userHandleDispatches(f.log), 1);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchTimeoutBegin), 0);
}

void TestEventPoll::deletedBeforePollHandle()
{
    Fixture f;
    QCOMPARE_EQ(f.loop.removeHandle(f.watchOf(0)), 0);
    QVERIFY(f.pipes[0]->writeByte());
    QVERIFY(f.pipes[1]->writeByte());
    f.runOnceAndDrain();
    f.verifyFired(1, -1);

    // Purged by the cleanup at the start of the iteration, so never polled.
    const int purge = f.log.indexOf(EventKind::PurgeHandle, withWatch(f.watchOf(0)));
    const int makeFds = f.log.indexOf(EventKind::MakePollFDs);
    QVERIFY2(purge >= 0 && purge < makeFds, f.log.dump().c_str());
    QCOMPARE_EQ(f.log.events()[size_t(makeFds)].nfds, kPipes); // 30 pipes + the wakeup pipe
    QCOMPARE_EQ(f.log.count(EventKind::DispatchHandleBegin, withWatch(f.watchOf(0))), 0);
}

void TestEventPoll::interruptedDuringPollHandle()
{
    Fixture f;
    const int watch = f.watchOf(1);
    f.runOnceInterrupted([&] { QCOMPARE_EQ(f.loop.removeHandle(watch), 0); });
    f.verifyFired(-1, -1);
    QCOMPARE_EQ(userHandleDispatches(f.log), 0);

    // The removal wrote the wakeup pipe; poll returned on it and the handler drained it,
    // all three linked by one flow.
    const TraceEvent *interrupt = f.log.first(EventKind::Interrupt, [](const TraceEvent &e) { return e.bytes == 1; });
    QVERIFY2(interrupt, f.log.dump().c_str());
    QVERIFY(interrupt->flow != 0);
    const TraceEvent *pollEnd = f.log.first(EventKind::PollEnd);
    QVERIFY(pollEnd);
    QCOMPARE_EQ(pollEnd->result, 1);
    QCOMPARE_EQ(pollEnd->flow, interrupt->flow);
    const TraceEvent *wakeup = f.log.first(EventKind::HandleWakeup);
    QVERIFY(wakeup);
    QCOMPARE_EQ(wakeup->flow, interrupt->flow);
    QVERIFY(interrupt->seq < pollEnd->seq && pollEnd->seq < wakeup->seq);
}

void TestEventPoll::deletedDuringDispatchLaterHandle()
{
    Fixture f;
    f.handles[2].removeOnFire = f.watchOf(3);
    QVERIFY(f.pipes[2]->writeByte());
    QVERIFY(f.pipes[3]->writeByte());
    f.runOnceAndDrain();
    f.verifyFired(2, -1);

    const TraceEvent *skip = f.log.first(EventKind::DispatchSkipDeleted, withWatch(f.watchOf(3)));
    QVERIFY2(skip, f.log.dump().c_str());
    QVERIFY(skip->revents & POLLIN);
    // The mark comes from inside handle 2's callback, before the skip.
    QVERIFY(f.log.indexOf(EventKind::RemoveHandle, withWatch(f.watchOf(3)))
            < f.log.indexOf(EventKind::DispatchSkipDeleted));
    QCOMPARE_EQ(f.log.count(EventKind::PurgeHandle, withWatch(f.watchOf(3))), 1);
}

void TestEventPoll::deletedDuringDispatchSelf()
{
    Fixture f;
    f.handles[2].removeOnFire = f.watchOf(2);
    QVERIFY(f.pipes[2]->writeByte());
    f.runOnceAndDrain();
    f.verifyFired(2, -1);

    // More data on the same pipe: the purged handle is gone for good.
    f.resetFired();
    QVERIFY(f.pipes[2]->writeByte());
    QVERIFY(f.pipes[5]->writeByte());
    f.runOnceAndDrain();
    f.verifyFired(5, -1);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchHandleBegin, withWatch(f.watchOf(2))), 1);
}

void TestEventPoll::firingTimer()
{
    Fixture f;
    f.loop.updateTimeout(f.timerOf(1), 100);
    const int64_t expiresAt = ManualClock::kStartMs + 100;

    // 60 ms later the timer is 40 ms away, outside the early-fire window: poll is
    // given 40 ms, but a ready pipe ends it at once, and the timer does not fire.
    f.clock.advance(60);
    QVERIFY(f.pipes[0]->writeByte());
    f.runOnceAndDrain();
    f.verifyFired(0, -1);
    const TraceEvent *early = f.log.first(EventKind::CalculateTimeout);
    QVERIFY(early);
    QCOMPARE_EQ(early->timeout, 40);
    QCOMPARE_EQ(early->expiresAt, expiresAt);

    // 30 ms more: 10 ms away. poll sleeps those 10 ms and returns 0; the clock has
    // not moved, and the timer fires within the 20 ms early-fire window.
    f.resetFired();
    f.log.clear();
    f.clock.advance(30);
    f.runOnceAndDrain();
    f.verifyFired(-1, 1);
    const TraceEvent *timeout = f.log.first(EventKind::CalculateTimeout);
    QVERIFY(timeout);
    QCOMPARE_EQ(timeout->timeout, 10);
    const TraceEvent *pollEnd = f.log.first(EventKind::PollEnd);
    QVERIFY(pollEnd);
    QCOMPARE_EQ(pollEnd->result, 0);
    const TraceEvent *fire = f.log.first(EventKind::DispatchTimeoutBegin);
    QVERIFY(fire);
    QCOMPARE_EQ(fire->timer, f.timerOf(1));
    QCOMPARE_EQ(fire->frequency, 100);
    // The next period counts from the dispatch, not from the old expiry.
    QCOMPARE_EQ(fire->expiresAt, ManualClock::kStartMs + 90 + 100);
    f.loop.updateTimeout(f.timerOf(1), -1);
}

void TestEventPoll::deletedBeforePollTimer()
{
    Fixture f;
    f.loop.updateTimeout(f.timerOf(1), 100);
    f.loop.updateTimeout(f.timerOf(0), 100);
    QCOMPARE_EQ(f.loop.removeTimeout(f.timerOf(0)), 0);
    f.clock.advance(100);
    f.runOnceAndDrain();
    f.verifyFired(-1, 1);
    QCOMPARE_EQ(f.log.count(EventKind::PurgeTimeout, withTimer(f.timerOf(0))), 1);
}

void TestEventPoll::interruptedDuringPollTimer()
{
    Fixture f;
    const int timer = f.timerOf(1);
    f.runOnceInterrupted([&] { QCOMPARE_EQ(f.loop.removeTimeout(timer), 0); });
    f.verifyFired(-1, -1);

    // With no enabled timer, poll had no timeout at all.
    const TraceEvent *pollBegin = f.log.first(EventKind::PollBegin);
    QVERIFY(pollBegin);
    QCOMPARE_EQ(pollBegin->timeout, -1);
    QCOMPARE_EQ(f.log.count(EventKind::Interrupt, [](const TraceEvent &e) { return e.bytes == 1; }), 1);
    QCOMPARE_EQ(f.log.count(EventKind::HandleWakeup), 1);
}

void TestEventPoll::deletedDuringDispatchLaterTimer()
{
    Fixture f;
    f.timers[2].removeOnFire = f.timerOf(3);
    f.loop.updateTimeout(f.timerOf(2), 100);
    f.loop.updateTimeout(f.timerOf(3), 100);
    f.clock.advance(100);
    f.runOnceAndDrain();
    f.verifyFired(-1, 2);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchTimeoutBegin, withTimer(f.timerOf(3))), 0);
    QCOMPARE_EQ(f.log.count(EventKind::PurgeTimeout, withTimer(f.timerOf(3))), 1);
}

void TestEventPoll::deletedDuringDispatchSelfTimer()
{
    Fixture f;
    f.timers[2].removeOnFire = f.timerOf(2);
    f.loop.updateTimeout(f.timerOf(2), 100);
    f.clock.advance(100);
    f.runOnceAndDrain();
    f.verifyFired(-1, 2);
    QCOMPARE_EQ(f.log.count(EventKind::PurgeTimeout, withTimer(f.timerOf(2))), 1);
    QCOMPARE_EQ(f.loop.removeTimeout(f.timerOf(2)), -1);
}

void TestEventPoll::compaction()
{
    Fixture f;
    for (int i = 0; i < 30; ++i) {
        QCOMPARE_EQ(f.loop.removeHandle(f.watchOf(i)), 0);
        QCOMPARE_EQ(f.loop.removeTimeout(f.timerOf(i)), 0);
    }
    for (int round = 0; round < 4; ++round) {
        f.resetFired();
        QVERIFY(f.pipes[30]->writeByte());
        f.runOnceAndDrain();
        f.verifyFired(30, -1);
        QCOMPARE_EQ(f.handles[30].lastFd, f.pipes[30]->readFd());
    }
    const LoopState state = f.loop.state();
    QCOMPARE_EQ(state.handles.size(), size_t(2));
    QCOMPARE_EQ(state.handles[0].watch, 1);
    QCOMPARE_EQ(state.handles[1].watch, f.watchOf(30));
    QCOMPARE_EQ(state.timeouts.size(), size_t(1));
    QCOMPARE_EQ(state.timeouts[0].timer, f.timerOf(30));
    // The free tail was released: 2 used of 2 allocated, 1 of 1.
    QCOMPARE_EQ(state.handlesAlloc, size_t(2));
    QCOMPARE_EQ(state.timeoutsAlloc, size_t(1));
    QCOMPARE_EQ(f.log.count(EventKind::PurgeHandle), 30);
    QCOMPARE_EQ(f.log.count(EventKind::PurgeTimeout), 30);
}

void TestEventPoll::writeDuplicate()
{
    Fixture f;
    Info silent;
    silent.fixture = &f;
    Info duplicate;
    duplicate.fixture = &f;
    silent.id = f.loop.addHandle(f.pipes[1]->readFd(), 0, Fixture::onReadable, &silent, nullptr, "silent");
    duplicate.id = f.loop.addHandle(f.pipes[1]->readFd(), EventHandle::Readable, Fixture::onReadable, &duplicate,
                                    nullptr, "duplicate");
    f.loop.removeHandle(f.watchOf(1));
    QVERIFY(f.pipes[1]->writeByte());
    f.runOnceAndDrain();
    QCOMPARE_EQ(silent.fired, 0);
    QCOMPARE_EQ(duplicate.fired, 1);
    f.verifyFired(-1, -1);
    const TraceEvent *dispatch = f.log.first(EventKind::DispatchHandleBegin, withWatch(duplicate.id));
    QVERIFY2(dispatch, f.log.dump().c_str());
    QCOMPARE(std::string(dispatch->text), std::string("duplicate"));
}

void TestEventPoll::idsStartAtOneAndAreNeverReused()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair pipe;
    auto noop = [](int, int, int, void *) {};
    auto noopTimer = [](int, void *) {};
    QCOMPARE_EQ(loop.addHandle(pipe.readFd(), EventHandle::Readable, noop, nullptr, nullptr), 2);
    QCOMPARE_EQ(loop.removeHandle(2), 0);
    QCOMPARE_EQ(loop.addTimeout(-1, noopTimer, nullptr, nullptr), 1);
    QCOMPARE_EQ(loop.removeTimeout(1), 0);
    pokeWakeupPipe(loop);
    QCOMPARE_EQ(loop.runOnce(), 0); // purges both
    QCOMPARE_EQ(loop.addHandle(pipe.readFd(), EventHandle::Readable, noop, nullptr, nullptr), 3);
    QCOMPARE_EQ(loop.addTimeout(-1, noopTimer, nullptr, nullptr), 2);

    TraceLog log;
    log.drainFrom(tracer);
    const std::vector<int> watches = [&] {
        std::vector<int> ids;
        for (const TraceEvent &e : log.events()) {
            if (e.kind == EventKind::AddHandle)
                ids.push_back(e.watch);
        }
        return ids;
    }();
    QCOMPARE(QList<int>(watches.begin(), watches.end()), QList<int>({1, 2, 3}));
}

void TestEventPoll::wakeupPipeIsWatchOneNonBlockingCloseOnExec()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    const LoopState state = loop.state();
    QCOMPARE_EQ(state.handles.size(), size_t(1));
    QCOMPARE_EQ(state.handles[0].watch, 1);
    QCOMPARE_EQ(state.handles[0].fd, state.wakeupFds[0]);
    QCOMPARE_EQ(state.handles[0].events, int(EventHandle::Readable));
    QCOMPARE(state.handles[0].callback, std::string("virEventPollHandleWakeup"));
    for (int fd : state.wakeupFds) {
        QVERIFY(::fcntl(fd, F_GETFL) & O_NONBLOCK);
        QVERIFY(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
    }
}

void TestEventPoll::invalidIds_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("id");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("reason"); // the code of the EventReason recorded

    QTest::addRow("remove watch 0") << "removeHandle" << 0 << -1 << "invalid_remove_watch";
    QTest::addRow("remove watch -5") << "removeHandle" << -5 << -1 << "invalid_remove_watch";
    QTest::addRow("remove unknown watch") << "removeHandle" << 99 << -1 << "no_such_live_watch";
    QTest::addRow("remove watch twice") << "removeHandleTwice" << 2 << -1 << "no_such_live_watch";
    QTest::addRow("update watch 0") << "updateHandle" << 0 << -1 << "invalid_update_watch";
    QTest::addRow("update unknown watch") << "updateHandle" << 99 << -1 << "no_such_watch";
    QTest::addRow("remove timer 0") << "removeTimeout" << 0 << -1 << "invalid_remove_timer";
    QTest::addRow("remove unknown timer") << "removeTimeout" << 99 << -1 << "no_such_live_timer";
    QTest::addRow("remove timer twice") << "removeTimeoutTwice" << 1 << -1 << "no_such_live_timer";
    QTest::addRow("update timer -1") << "updateTimeout" << -1 << -1 << "invalid_update_timer";
    QTest::addRow("update unknown timer") << "updateTimeout" << 99 << -1 << "no_such_timer";
}

void TestEventPoll::invalidIds()
{
    QFETCH(QString, call);
    QFETCH(int, id);
    QFETCH(int, expected);
    QFETCH(QString, reason);

    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair pipe;
    QCOMPARE_EQ(loop.addHandle(pipe.readFd(), EventHandle::Readable, [](int, int, int, void *) {}, nullptr, nullptr), 2);
    QCOMPARE_EQ(loop.addTimeout(-1, [](int, void *) {}, nullptr, nullptr), 1);
    const LoopState before = loop.state();

    EventKind kind = EventKind::RemoveHandle;
    if (call == "removeHandle") {
        QCOMPARE_EQ(loop.removeHandle(id), expected);
    } else if (call == "removeHandleTwice") {
        QCOMPARE_EQ(loop.removeHandle(id), 0);
        QCOMPARE_EQ(loop.removeHandle(id), expected);
    } else if (call == "updateHandle") {
        loop.updateHandle(id, EventHandle::Writable);
        kind = EventKind::UpdateHandle;
    } else if (call == "removeTimeout") {
        QCOMPARE_EQ(loop.removeTimeout(id), expected);
        kind = EventKind::RemoveTimeout;
    } else if (call == "removeTimeoutTwice") {
        QCOMPARE_EQ(loop.removeTimeout(id), 0);
        QCOMPARE_EQ(loop.removeTimeout(id), expected);
        kind = EventKind::RemoveTimeout;
    } else {
        loop.updateTimeout(id, 10);
        kind = EventKind::UpdateTimeout;
    }

    // The failing call is traced with its result and why; nothing else changed.
    TraceLog log;
    log.drainFrom(tracer);
    const TraceEvent *last = nullptr;
    for (const TraceEvent &e : log.events()) {
        if (e.kind == kind)
            last = &e;
    }
    QVERIFY(last);
    QCOMPARE_EQ(last->result, expected);
    QCOMPARE(QString::fromLatin1(eventReasonInfo(last->reason).code), reason);
    if (!call.endsWith("Twice")) {
        const LoopState after = loop.state();
        QCOMPARE_EQ(after.handles.size(), before.handles.size());
        QCOMPARE_EQ(after.handles[1].events, before.handles[1].events);
        QCOMPARE_EQ(after.handles[1].deleted, false);
        QCOMPARE_EQ(after.timeouts[0].frequency, before.timeouts[0].frequency);
        QCOMPARE_EQ(after.timeouts[0].deleted, false);
    }
}

namespace {

struct FreeProbe
{
    EventPoll *loop = nullptr;
    std::atomic<int> freed{0};
    std::thread::id freedOn;
    PipePair *pipe = nullptr;
    int addedFromFree = -1;

    static void onFree(void *opaque)
    {
        auto *probe = static_cast<FreeProbe *>(opaque);
        ++probe->freed;
        probe->freedOn = std::this_thread::get_id();
        // Registering from inside ff would deadlock if the loop lock were held.
        if (probe->pipe)
            probe->addedFromFree = probe->loop->addHandle(probe->pipe->readFd(), 0, [](int, int, int, void *) {},
                                                          nullptr, nullptr, "addedFromFree");
    }
};

} // namespace

void TestEventPoll::freeCallbackRunsOnceInLoopThreadAfterIteration()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair pipe;
    FreeProbe probe;
    const int watch = loop.addHandle(pipe.readFd(), EventHandle::Readable, [](int, int, int, void *) {}, &probe,
                                     FreeProbe::onFree, "withFree");
    const int timer = loop.addTimeout(-1, [](int, void *) {}, &probe, FreeProbe::onFree, "withFree");

    // Removed from another thread: Remove never calls ff itself.
    std::thread remover([&] {
        QCOMPARE_EQ(loop.removeHandle(watch), 0);
        QCOMPARE_EQ(loop.removeTimeout(timer), 0);
    });
    remover.join();
    QCOMPARE_EQ(probe.freed.load(), 0);

    // The loop thread (here: this test's thread) purges and frees them once.
    std::thread loopThread([&] {
        pokeWakeupPipe(loop);
        QCOMPARE_EQ(loop.runOnce(), 0);
        QCOMPARE_EQ(probe.freed.load(), 2);
        QCOMPARE(probe.freedOn, std::this_thread::get_id());
        pokeWakeupPipe(loop);
        QCOMPARE_EQ(loop.runOnce(), 0);
    });
    loopThread.join();
    QCOMPARE_EQ(probe.freed.load(), 2);

    TraceLog log;
    log.drainFrom(tracer);
    QCOMPARE_EQ(log.count(EventKind::FreeCallbackBegin), 2);
    // ff runs inside the cleanup phase, after the purge event of its record.
    QVERIFY(log.indexOf(EventKind::PurgeHandle, withWatch(watch)) < log.indexOf(EventKind::FreeCallbackBegin, withWatch(watch)));
    QVERIFY(log.indexOf(EventKind::RemoveHandle, withWatch(watch)) < log.indexOf(EventKind::RunOnceBegin));
}

void TestEventPoll::freeCallbackRunsWithLockReleased()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair pipe;
    FreeProbe probe;
    probe.loop = &loop;
    probe.pipe = &pipe;
    const int watch = loop.addHandle(pipe.readFd(), EventHandle::Readable, [](int, int, int, void *) {}, &probe,
                                     FreeProbe::onFree);
    QCOMPARE_EQ(loop.removeHandle(watch), 0);
    pokeWakeupPipe(loop);
    QCOMPARE_EQ(loop.runOnce(), 0);
    QCOMPARE_EQ(probe.freed.load(), 1);
    QCOMPARE_EQ(probe.addedFromFree, watch + 1);
}

void TestEventPoll::frequencyZeroFiresEveryIteration()
{
    Fixture f;
    f.loop.updateTimeout(f.timerOf(4), 0);
    for (int i = 1; i <= 3; ++i) {
        f.runOnceAndDrain();
        QCOMPARE_EQ(f.timers[4].fired, i);
    }
    // A zero timeout each time: poll does not sleep while the timer is enabled.
    QCOMPARE_EQ(f.log.count(EventKind::PollBegin, [](const TraceEvent &e) { return e.timeout == 0; }), 3);
    QCOMPARE_EQ(f.log.count(EventKind::PollEnd, [](const TraceEvent &e) { return e.result == 0; }), 3);
}

void TestEventPoll::earlyFireWindow_data()
{
    QTest::addColumn<int>("frequency");
    QTest::addColumn<bool>("firesEarly");
    // poll returns at once on a ready pipe; a timer due within 20 ms fires anyway.
    QTest::addRow("due in 5 ms") << 5 << true;
    QTest::addRow("due in 15 ms") << 15 << true;
    QTest::addRow("due in 20 ms") << 20 << true;
    QTest::addRow("due in 21 ms") << 21 << false;
    QTest::addRow("due in 60 ms") << 60 << false;
    QTest::addRow("due in 500 ms") << 500 << false;
}

void TestEventPoll::earlyFireWindow()
{
    QFETCH(int, frequency);
    QFETCH(bool, firesEarly);
    Fixture f;
    QVERIFY(f.pipes[7]->writeByte());
    f.loop.updateTimeout(f.timerOf(7), frequency);
    f.runOnceAndDrain();
    QCOMPARE_EQ(f.handles[7].fired, 1);
    QCOMPARE_EQ(f.timers[7].fired, firesEarly ? 1 : 0);
    const TraceEvent *timeout = f.log.first(EventKind::CalculateTimeout);
    QVERIFY(timeout);
    QCOMPARE_EQ(timeout->timeout, frequency);
}

void TestEventPoll::updateTimeoutRestartsPeriod()
{
    Fixture f;
    f.loop.updateTimeout(f.timerOf(3), 1000);
    const int64_t first = f.loop.state().timeouts[3].expiresAt;
    QCOMPARE_EQ(first, ManualClock::kStartMs + 1000);
    // A millisecond later, the same period again: it counts from now.
    f.clock.advance(1);
    f.loop.updateTimeout(f.timerOf(3), 1000);
    QCOMPARE_EQ(f.loop.state().timeouts[3].expiresAt, first + 1);
    f.loop.updateTimeout(f.timerOf(3), -1);
    QCOMPARE_EQ(f.loop.state().timeouts[3].expiresAt, int64_t(0));
}

void TestEventPoll::timersDispatchBeforeHandlesAndOnTimeout()
{
    Fixture f;
    // Both due: the timer (frequency 0) is dispatched before the ready handle.
    f.loop.updateTimeout(f.timerOf(2), 0);
    QVERIFY(f.pipes[2]->writeByte());
    f.runOnceAndDrain();
    QCOMPARE_EQ(f.timers[2].fired, 1);
    QCOMPARE_EQ(f.handles[2].fired, 1);
    QVERIFY(f.log.indexOf(EventKind::DispatchTimeoutBegin) < f.log.indexOf(EventKind::DispatchHandleBegin));

    // poll returning 0 still dispatches timers, and skips the handle phase.
    f.log.clear();
    f.runOnceAndDrain();
    QCOMPARE_EQ(f.timers[2].fired, 2);
    const TraceEvent *pollEnd = f.log.first(EventKind::PollEnd);
    QVERIFY(pollEnd);
    QCOMPARE_EQ(pollEnd->result, 0);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchTimeouts), 1);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchHandles), 0);
}

namespace {

struct Adder
{
    EventPoll *loop;
    PipePair *pipe;
    int addedWatch = -1;
    int addedTimer = -1;
    int lateFired = 0;

    static void onLate(int, int fd, int, void *opaque)
    {
        char byte;
        (void)!::read(fd, &byte, 1);
        ++static_cast<Adder *>(opaque)->lateFired;
    }
    static void onLateTimer(int, void *opaque) { ++static_cast<Adder *>(opaque)->lateFired; }
};

} // namespace

void TestEventPoll::addedInCallbackNotDispatchedSameIteration()
{
    Fixture f;
    PipePair ready;
    QVERIFY(ready.writeByte());
    Adder adder{&f.loop, &ready};
    // The callback registers an already-ready pipe and a frequency-0 timer.
    PipePair triggerPipe;
    f.loop.addHandle(
        triggerPipe.readFd(), EventHandle::Readable,
        [](int, int fd, int, void *opaque) {
            auto *adder = static_cast<Adder *>(opaque);
            char byte;
            (void)!::read(fd, &byte, 1);
            adder->addedWatch = adder->loop->addHandle(adder->pipe->readFd(), EventHandle::Readable, Adder::onLate,
                                                       adder, nullptr, "late");
            adder->addedTimer = adder->loop->addTimeout(0, Adder::onLateTimer, adder, nullptr, "lateTimer");
        },
        &adder, nullptr, "adder");
    QVERIFY(triggerPipe.writeByte());
    f.runOnceAndDrain();
    QVERIFY(adder.addedWatch > 0);
    QVERIFY(adder.addedTimer > 0);
    QCOMPARE_EQ(adder.lateFired, 0);
    // The next iteration polls the new fd and considers the new timer.
    f.runOnceAndDrain();
    QCOMPARE_EQ(adder.lateFired, 2);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchHandleBegin, withWatch(adder.addedWatch)), 1);
    QCOMPARE_EQ(f.log.count(EventKind::DispatchTimeoutBegin, withTimer(adder.addedTimer)), 1);
}

void TestEventPoll::eventsSetToZeroMidPollStopsDispatch()
{
    Fixture f;
    // Hold the loop right after poll() has seen pipes 4 and 9 ready, then set
    // handle 4's events to 0 from this thread: the record is no longer matched, the
    // cursor runs off the end, and pipe 9 waits for the next iteration.
    StepControl &control = f.loop.stepControl();
    QVERIFY(f.pipes[4]->writeByte());
    QVERIFY(f.pipes[9]->writeByte());
    control.pause();
    std::thread loopThread([&] {
        QCOMPARE_EQ(f.loop.runOnce(), 0); // iteration start, before poll, after poll...
    });
    uint64_t holds = 0;
    while (control.heldAt() != LoopBoundary::AfterPoll) {
        QVERIFY(control.waitForHold(holds, std::chrono::seconds(5)));
        holds = control.holds();
        if (control.heldAt() != LoopBoundary::AfterPoll)
            control.stepPhase();
    }
    f.loop.updateHandle(f.watchOf(4), 0);
    control.resume();
    loopThread.join();
    f.log.drainFrom(f.tracer);
    QCOMPARE_EQ(f.handles[4].fired, 0);
    QCOMPARE_EQ(f.handles[9].fired, 0);
    const TraceEvent *stopped = f.log.first(EventKind::DispatchStopped);
    QVERIFY2(stopped, f.log.dump().c_str());
    QCOMPARE_EQ(stopped->fd, f.pipes[4]->readFd());

    f.runOnceAndDrain();
    QCOMPARE_EQ(f.handles[4].fired, 0);
    QCOMPARE_EQ(f.handles[9].fired, 1);
}

void TestEventPoll::sameFdTwiceBothPolled_data()
{
    QTest::addColumn<bool>("adjacent");
    QTest::addColumn<int>("firstFires");
    QTest::addColumn<int>("secondFires");
    // Both pollfds of adjacent records match the first one: the cursor is not
    // advanced after a match, so the first callback runs twice, the second never.
    QTest::addRow("adjacent records") << true << 2 << 0;
    // With another polled fd between them, the cursor moves past the first record.
    QTest::addRow("records apart") << false << 1 << 1;
}

void TestEventPoll::sameFdTwiceBothPolled()
{
    QFETCH(bool, adjacent);
    QFETCH(int, firstFires);
    QFETCH(int, secondFires);
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    PipePair shared;
    PipePair between;
    Info first;
    Info second;
    first.readByte = false;
    second.readByte = false;
    first.id = loop.addHandle(shared.readFd(), EventHandle::Readable, Fixture::onReadable, &first, nullptr, "first");
    if (!adjacent)
        loop.addHandle(between.readFd(), EventHandle::Readable, Fixture::onReadable, nullptr, nullptr, "between");
    second.id = loop.addHandle(shared.readFd(), EventHandle::Readable, Fixture::onReadable, &second, nullptr, "second");
    QVERIFY(shared.writeByte());
    QCOMPARE_EQ(loop.runOnce(), 0);
    QCOMPARE_EQ(first.fired, firstFires);
    QCOMPARE_EQ(second.fired, secondFires);
}

void TestEventPoll::pollnvalMapsToError()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    int closedFd;
    {
        PipePair pipe;
        closedFd = pipe.readFd();
    }
    Info info;
    info.readByte = false;
    info.id = loop.addHandle(closedFd, EventHandle::Readable, Fixture::onReadable, &info, nullptr, "closed");
    QCOMPARE_EQ(loop.runOnce(), 0);
    QCOMPARE_EQ(info.fired, 1);
    QCOMPARE_EQ(info.lastEvents, int(EventHandle::Error));
    loop.removeHandle(info.id);

    TraceLog log;
    log.drainFrom(tracer);
    const TraceEvent *dispatch = log.first(EventKind::DispatchHandleBegin, withWatch(info.id));
    QVERIFY(dispatch);
    QCOMPARE_EQ(dispatch->revents, int(POLLNVAL));
    QCOMPARE_EQ(dispatch->events, int(EventHandle::Error));
}

void TestEventPoll::interruptFromLoopThreadWritesNothing()
{
    Fixture f;
    // Not running: nothing to wake.
    f.loop.updateHandle(f.watchOf(3), EventHandle::Readable);
    // From inside a callback, i.e. the loop thread itself.
    f.handles[3].removeOnFire = f.watchOf(8);
    QVERIFY(f.pipes[3]->writeByte());
    f.runOnceAndDrain();

    QCOMPARE_EQ(f.log.count(EventKind::Interrupt, [](const TraceEvent &e) { return e.bytes != 0; }), 0);
    QCOMPARE_EQ(f.log.count(EventKind::Interrupt,
                            [](const TraceEvent &e) { return e.reason == EventReason::InterruptLoopNotRunning; }),
                1);
    QCOMPARE_EQ(f.log.count(EventKind::Interrupt, [](const TraceEvent &e) {
                    return e.reason == EventReason::InterruptFromLoopThread;
                }),
                1);
    char byte;
    QCOMPARE_EQ(::read(f.loop.state().wakeupFds[0], &byte, 1), ssize_t(-1));
    QCOMPARE_EQ(errno, EAGAIN);
}

void TestEventPoll::addFromAnotherThreadWakesPoll()
{
    Fixture f;
    PipePair ready;
    QVERIFY(ready.writeByte());
    Info late;
    late.fixture = &f;
    f.runOnceInterrupted([&] {
        late.id = f.loop.addHandle(ready.readFd(), EventHandle::Readable, Fixture::onReadable, &late, nullptr, "late");
    });
    // The first iteration only woke up; the new fd is polled by the next one.
    QCOMPARE_EQ(late.fired, 0);
    QCOMPARE_EQ(f.log.count(EventKind::HandleWakeup), 1);
    f.runOnceAndDrain();
    QCOMPARE_EQ(late.fired, 1);
}

namespace {
void onSignal(int) {}
} // namespace

void TestEventPoll::pollRetriesOnEintrWithSameTimeout()
{
    Fixture f;
    struct sigaction action = {};
    action.sa_handler = onSignal; // no SA_RESTART: poll fails with EINTR
    struct sigaction previous;
    QCOMPARE_EQ(::sigaction(SIGUSR1, &action, &previous), 0);
    f.loop.updateTimeout(f.timerOf(0), 60000);

    std::atomic<pid_t> loopTid{0};
    pthread_t loopThreadHandle{};
    std::thread loopThread([&] {
        loopThreadHandle = pthread_self();
        loopTid = currentTid();
        QCOMPARE_EQ(f.loop.runOnce(), 0);
    });
    while (loopTid.load() == 0)
        std::this_thread::yield();
    QVERIFY(waitUntilBlockedInPoll(loopTid.load()));
    QCOMPARE_EQ(::pthread_kill(loopThreadHandle, SIGUSR1), 0);
    // Once the retry has started, a write ends the iteration.
    f.log.drainFrom(f.tracer);
    while (f.log.count(EventKind::PollRetry) == 0) {
        std::this_thread::yield();
        f.log.drainFrom(f.tracer);
    }
    QVERIFY(waitUntilBlockedInPoll(loopTid.load()));
    QVERIFY(f.pipes[0]->writeByte());
    loopThread.join();
    ::sigaction(SIGUSR1, &previous, nullptr);
    f.log.drainFrom(f.tracer);

    QCOMPARE_EQ(f.handles[0].fired, 1);
    const TraceEvent *retry = f.log.first(EventKind::PollRetry);
    QVERIFY(retry);
    QCOMPARE_EQ(retry->err, EINTR);
    // Both poll calls used the timeout computed once, before the first.
    const int firstPoll = f.log.indexOf(EventKind::PollBegin);
    const int secondPoll = f.log.indexOf(EventKind::PollBegin, {}, firstPoll + 1);
    QVERIFY(secondPoll > firstPoll);
    QCOMPARE_EQ(f.log.events()[size_t(firstPoll)].timeout, 60000);
    QCOMPARE_EQ(f.log.events()[size_t(secondPoll)].timeout, f.log.events()[size_t(firstPoll)].timeout);
    QCOMPARE_EQ(f.log.count(EventKind::CalculateTimeout), 1);
}

void TestEventPoll::iterationPhasesInSpecOrder()
{
    Fixture f;
    QVERIFY(f.pipes[1]->writeByte());
    f.runOnceAndDrain();
    const QStringList expected = {
        "run_once_begin",    "cleanup_timeouts", "cleanup_handles",       "make_poll_fds",
        "calculate_timeout", "poll_begin",       "poll_end",              "dispatch_timeouts",
        "dispatch_handles",  "dispatch_handle_begin", "dispatch_handle_end", "cleanup_timeouts",
        "cleanup_handles",   "run_once_end",
    };
    QStringList actual;
    for (const std::string &name : f.log.kindNames())
        actual << QString::fromStdString(name);
    QCOMPARE(actual, expected);
}

// Worked out by hand from 0.9.0's VIR_RESIZE_N(handles, handlesAlloc, handlesCount,
// EVENT_ALLOC_EXTENT) on a full array: virResizeN adds 10 slots, or half the
// allocation when that is more. 0 -> 10 -> 20 -> 30 -> 30 + 15 = 45 -> 45 + 22 = 67
// -> 67 + 33 = 100.
void TestEventPoll::arraysGrowAsVirResizeN_data()
{
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("alloc");
    const std::pair<int, int> steps[] = {{1, 10}, {10, 10}, {11, 20}, {20, 20}, {21, 30}, {30, 30}, {31, 45},
                                         {45, 45}, {46, 67}, {67, 67}, {68, 100}, {100, 100}};
    for (const auto &[records, alloc] : steps)
        QTest::addRow("%d records", records) << records << alloc;
}

void TestEventPoll::arraysGrowAsVirResizeN()
{
    QFETCH(int, records);
    QFETCH(int, alloc);
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0); // the wakeup pipe is the first record
    PipePair pipe;
    for (int i = 1; i < records; ++i)
        loop.addHandle(pipe.readFd(), EventHandle::Readable, [](int, int, int, void *) {}, nullptr, nullptr);
    QCOMPARE_EQ(loop.state().handles.size(), size_t(records));
    QCOMPARE_EQ(loop.state().handlesAlloc, size_t(alloc));
    // The timeouts array follows the same rule.
    for (int i = 0; i < records; ++i)
        loop.addTimeout(-1, [](int, void *) {}, nullptr, nullptr);
    QCOMPARE_EQ(loop.state().timeoutsAlloc, size_t(alloc));
}

void TestEventPoll::arraysShrinkAsVirShrinkN()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    std::vector<std::unique_ptr<PipePair>> pipes;
    std::vector<int> watches;
    for (int i = 0; i < 25; ++i) {
        pipes.push_back(std::make_unique<PipePair>());
        watches.push_back(loop.addHandle(pipes.back()->readFd(), EventHandle::Readable, [](int, int, int, void *) {},
                                         nullptr, nullptr));
    }
    QCOMPARE_EQ(loop.state().handlesAlloc, size_t(30));
    // 23 left, 7 free: not more than the count, so nothing is released.
    for (int i = 0; i < 3; ++i)
        loop.removeHandle(watches[size_t(i)]);
    QVERIFY(pipes.back()->writeByte());
    QCOMPARE_EQ(loop.runOnce(), 0);
    QCOMPARE_EQ(loop.state().handles.size(), size_t(23));
    QCOMPARE_EQ(loop.state().handlesAlloc, size_t(30));
    for (int i = 3; i < 20; ++i)
        loop.removeHandle(watches[size_t(i)]);
    QCOMPARE_EQ(loop.runOnce(), 0);
    // 6 left, 24 free: the gap is larger than the count and than one extent.
    QCOMPARE_EQ(loop.state().handles.size(), size_t(6));
    QCOMPARE_EQ(loop.state().handlesAlloc, size_t(6));
}

// Lookups by watch are a binary search with a remembered slot per watch: after
// purges have moved records, and with more watches than any fixed table holds, an
// update must still change the record of its own watch and no other.
void TestEventPoll::updatesFindTheirRecordAmongManyAfterPurges()
{
    Tracer tracer;
    EventPoll loop(tracer);
    QCOMPARE_EQ(loop.init(), 0);
    // One pipe serves every record: records may share an fd, and only watches matter here.
    PipePair pipe;
    std::vector<int> watches;
    for (int i = 0; i < 1500; ++i)
        watches.push_back(loop.addHandle(pipe.readFd(), EventHandle::Readable, [](int, int, int, void *) {},
                                         nullptr, nullptr));
    // Each watch looked up once, so that every one has a remembered slot.
    for (int watch : watches)
        loop.updateHandle(watch, EventHandle::Readable);
    // Every third removed and purged: the records behind them move down.
    std::vector<int> kept;
    for (size_t i = 0; i < watches.size(); ++i) {
        if (i % 3 == 0)
            QCOMPARE_EQ(loop.removeHandle(watches[i]), 0);
        else
            kept.push_back(watches[i]);
    }
    QVERIFY(pipe.writeByte()); // something to return from poll() with
    QCOMPARE_EQ(loop.runOnce(), 0);
    QCOMPARE_EQ(loop.state().handles.size(), kept.size() + 1); // and the wakeup pipe
    // A different mode for each kept watch, by its position.
    for (size_t i = 0; i < kept.size(); ++i)
        loop.updateHandle(kept[i], i % 2 ? EventHandle::Writable : EventHandle::Readable | EventHandle::Writable);
    const LoopState state = loop.state();
    for (size_t i = 0; i < kept.size(); ++i) {
        const auto record = std::find_if(state.handles.begin(), state.handles.end(),
                                         [&](const LoopState::Handle &h) { return h.watch == kept[i]; });
        QVERIFY(record != state.handles.end());
        QCOMPARE_EQ(record->events, i % 2 ? EventHandle::Writable : EventHandle::Readable | EventHandle::Writable);
    }
}

void TestEventPoll::closesNoFdItDidNotOpen()
{
    const int before = openFdCount();
    {
        Fixture f;
        QVERIFY(f.pipes[1]->writeByte());
        f.runOnceAndDrain();
        QCOMPARE_EQ(openFdCount(), before + 2 * kPipes + 2);
    }
    QCOMPARE_EQ(openFdCount(), before);
}

QTEST_GUILESS_MAIN(TestEventPoll)
#include "tst_eventpoll.moc"
