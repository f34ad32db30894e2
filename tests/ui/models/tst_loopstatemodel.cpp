// LoopStateModel rebuilds libvirt's eventLoop from the trace alone. The real loop is
// driven step by step on pipes through adds, updates (also of a deleted record),
// removes, purges with free callbacks, same-pass removals, array growth and shrink,
// and a handle added from another thread while the loop polls. After every step
// the engine's own EventPoll::state() is recorded with the store size at that
// moment; the model, seeked to that index, must show exactly that state. Seeks go
// forwards, backwards and in random order, through checkpoints of several
// intervals, and the live view must match as batches arrive. The rows the last
// event added or changed are marked, and lose the mark at the next event.
#include "recordedsessions.h"

#include "models/loophandlesmodel.h"
#include "models/loopstatemodel.h"
#include "models/looptimeoutsmodel.h"
#include "session/tracestore.h"

#include "eventpoll/eventpoll.h"
#include "eventpoll/slotallocation.h"
#include "pipepair.h"
#include "threadwait.h"
#include "trace/threadnames.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>
#include <poll.h>
#include <random>
#include <thread>

using namespace pollscope;
using namespace pollscope::test;
using namespace pollscope::ui;

namespace {

// The test thread runs the loop under this name, so both sides can name the leader.
constexpr auto kLoopThread = "loop";

std::thread::id g_loopThreadId;

QString leaderText(std::thread::id leader)
{
    if (leader == std::thread::id())
        return QStringLiteral("none");
    return leader == g_loopThreadId ? QString::fromLatin1(kLoopThread) : QStringLiteral("other");
}

QString leaderText(int leaderThread, const TraceStore &store)
{
    if (leaderThread < 0)
        return QStringLiteral("none");
    const QString name = store.threadName(uint16_t(leaderThread));
    return name == QLatin1StringView(kLoopThread) ? name : QStringLiteral("other");
}

// The engine's state and the rebuilt one as the same text, so a mismatch prints both.
template<typename Handles, typename Timeouts, typename CallbackText>
QString describeArrays(const Handles &handles, size_t handlesAlloc, const Timeouts &timeouts, size_t timeoutsAlloc,
                       CallbackText callbackText)
{
    QString text = QStringLiteral("handles count=%1 alloc=%2\n").arg(handles.size()).arg(handlesAlloc);
    for (const auto &h : handles)
        text += QStringLiteral("  watch=%1 fd=%2 events=%3 deleted=%4 cb=%5\n")
                    .arg(h.watch)
                    .arg(h.fd)
                    .arg(h.events)
                    .arg(h.deleted)
                    .arg(callbackText(h.callback));
    text += QStringLiteral("timeouts count=%1 alloc=%2\n").arg(timeouts.size()).arg(timeoutsAlloc);
    for (const auto &t : timeouts)
        text += QStringLiteral("  timer=%1 frequency=%2 expiresAt=%3 deleted=%4 cb=%5\n")
                    .arg(t.timer)
                    .arg(t.frequency)
                    .arg(t.expiresAt)
                    .arg(t.deleted)
                    .arg(callbackText(t.callback));
    return text;
}

QString describe(const LoopState &state)
{
    return QStringLiteral("running=%1 leader=%2 iterations=%3 wakeup=%4\n")
               .arg(state.running)
               .arg(leaderText(state.leader))
               .arg(state.iterations)
               .arg(state.wakeupFds[0])
        + describeArrays(state.handles, state.handlesAlloc, state.timeouts, state.timeoutsAlloc,
                         [](const std::string &cb) { return QString::fromStdString(cb); });
}

QString describe(const LoopSnapshot &state, const TraceStore &store)
{
    return QStringLiteral("running=%1 leader=%2 iterations=%3 wakeup=%4\n")
               .arg(state.running)
               .arg(leaderText(state.leaderThread, store))
               .arg(state.iterations)
               .arg(state.wakeupReadFd)
        + describeArrays(state.handles, state.handlesAlloc, state.timeouts, state.timeoutsAlloc,
                         [](const char *cb) { return QString::fromUtf8(cb ? cb : "(null)"); });
}

// Everything a snapshot holds, for comparing two replays of the same trace.
QString describeFully(const LoopSnapshot &state, const TraceStore &store)
{
    QString text = describe(state, store);
    text += QStringLiteral("position=%1 phase=%2 timeout=%3 result=%4 held=%5\n")
                .arg(state.position)
                .arg(state.phase ? eventKindInfo(*state.phase).name : "-")
                .arg(state.pollTimeout.value_or(-2))
                .arg(state.pollResult.value_or(-2))
                .arg(state.heldBy ? eventReasonInfo(state.heldBy->reason).code : "-");
    for (const LoopSnapshot::PollFd &p : state.pollFds)
        text += QStringLiteral("  pollfd watch=%1 fd=%2 events=%3 revents=%4 outcome=%5\n")
                    .arg(p.watch)
                    .arg(p.fd)
                    .arg(p.events)
                    .arg(p.revents)
                    .arg(int(p.outcome));
    return text;
}

struct Capture
{
    QString step;
    qsizetype index; // the last event recorded when the state was taken
    QString expected;
};

// What a handle callback does when its fd is ready.
struct HandleInfo
{
    struct DrivenLoop *driven = nullptr;
    bool readByte = true;
    int removeOnFire = -1;     // a watch to remove from the callback
    bool captureInside = false; // record the state from inside the callback
};

// A handle whose free callback registers another handle, while the record being
// purged still occupies its slot.
struct AddOnFree
{
    struct DrivenLoop *driven = nullptr;
    int fd = -1;
    int addedWatch = -1;
};

struct DrivenLoop
{
    Tracer tracer;
    EventPoll loop{tracer};
    TraceStore store;
    std::vector<Capture> captures;

    void capture(const QString &step)
    {
        feedStore(tracer, store);
        captures.push_back({step, store.size() - 1, step + u'\n' + describe(loop.state())});
    }

    static void onReady(int, int fd, int, void *opaque)
    {
        auto *info = static_cast<HandleInfo *>(opaque);
        if (info->readByte) {
            char byte;
            QCOMPARE_EQ(::read(fd, &byte, 1), ssize_t(1));
        }
        if (info->removeOnFire > 0)
            QCOMPARE_EQ(info->driven->loop.removeHandle(info->removeOnFire), 0);
        if (info->captureInside)
            info->driven->capture(QStringLiteral("inside a callback: running, lock released"));
    }

    static void onTimer(int, void *) {}
    static void onIgnored(int, int, int, void *) {}

    static void addOnFree(void *opaque)
    {
        auto *add = static_cast<AddOnFree *>(opaque);
        add->addedWatch = add->driven->loop.addHandle(add->fd, EventHandle::Readable, onIgnored, nullptr, nullptr,
                                                      "addedByFreeCallback");
    }

    static void freeTimer(void *) {}
};

} // namespace

class TestLoopStateModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void replayMatchesEngineAtEveryStep_data();
    void replayMatchesEngineAtEveryStep();
    void liveViewFollowsBatches();
    void checkpointsGiveTheSameStateAsReplayFromTheStart();
    void pollSetOfTheSameDispatchPass();
    void tablesChangeRowByRow();
    void seekingALongTraceIsBoundedByCheckpoints();

private:
    void drive();

    std::unique_ptr<DrivenLoop> m_driven;
    std::vector<std::unique_ptr<PipePair>> m_pipes;
    std::vector<std::unique_ptr<HandleInfo>> m_infos;
    AddOnFree m_addOnFree;
    int m_sameVisitStep = -1;
};

void TestLoopStateModel::initTestCase()
{
    ThreadNames::setCurrent(kLoopThread);
    g_loopThreadId = std::this_thread::get_id();
    m_driven = std::make_unique<DrivenLoop>();
    drive();
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(m_driven->captures.size() > 20);
}

void TestLoopStateModel::drive()
{
    DrivenLoop &d = *m_driven;
    EventPoll &loop = d.loop;
    auto pipe = [this]() -> PipePair & { return *m_pipes.emplace_back(std::make_unique<PipePair>()); };
    auto info = [this, &d]() -> HandleInfo & {
        HandleInfo &made = *m_infos.emplace_back(std::make_unique<HandleInfo>());
        made.driven = &d;
        return made;
    };
    auto runOnce = [&loop] { QCOMPARE_EQ(loop.runOnce(), 0); };

    QCOMPARE_EQ(loop.init(), 0);
    d.capture(QStringLiteral("init: the wakeup pipe is watch 1"));

    PipePair &first = pipe();
    PipePair &second = pipe();
    PipePair &third = pipe();
    HandleInfo &firstInfo = info();
    HandleInfo &secondInfo = info();
    HandleInfo &writableInfo = info();
    writableInfo.readByte = false;
    const int a = loop.addHandle(first.readFd(), EventHandle::Readable, DrivenLoop::onReady, &firstInfo, nullptr,
                                 "onFirst");
    d.capture(QStringLiteral("add the first handle"));
    const int b = loop.addHandle(second.readFd(), EventHandle::Readable, DrivenLoop::onReady, &secondInfo, nullptr,
                                 "onSecond");
    const int c = loop.addHandle(third.writeFd(), EventHandle::Writable, DrivenLoop::onReady, &writableInfo, nullptr,
                                 "onWritable");
    d.capture(QStringLiteral("add two more"));
    const int disabled = loop.addTimeout(-1, DrivenLoop::onTimer, nullptr, nullptr, "disabledTimer");
    const int everyIteration = loop.addTimeout(0, DrivenLoop::onTimer, nullptr, nullptr, "everyIteration");
    d.capture(QStringLiteral("add a disabled timer and a zero-frequency one"));

    runOnce();
    d.capture(QStringLiteral("iteration: the writable end and the timer fire"));

    loop.updateHandle(c, 0);
    d.capture(QStringLiteral("update to events 0: registered but not polled"));
    runOnce();
    d.capture(QStringLiteral("iteration: poll returns 0, only the timer fires"));

    QVERIFY(first.writeByte());
    runOnce();
    d.capture(QStringLiteral("iteration: the first pipe is read"));

    QCOMPARE_EQ(loop.removeHandle(b), 0);
    d.capture(QStringLiteral("remove the second: only marked deleted"));
    loop.updateHandle(b, EventHandle::Readable | EventHandle::Writable);
    d.capture(QStringLiteral("update of the deleted record changes its events"));
    QCOMPARE_EQ(loop.removeHandle(b), -1);
    d.capture(QStringLiteral("a second remove of it fails"));
    runOnce();
    d.capture(QStringLiteral("iteration: the deleted record is purged"));

    // The first handle's callback removes the writable one, ready in the same pass.
    loop.updateHandle(c, EventHandle::Writable);
    firstInfo.removeOnFire = c;
    firstInfo.captureInside = true;
    QVERIFY(first.writeByte());
    runOnce();
    firstInfo.removeOnFire = -1;
    firstInfo.captureInside = false;
    d.capture(QStringLiteral("iteration: removed by an earlier callback, skipped, purged"));
    m_sameVisitStep = int(d.captures.size()) - 1;

    QCOMPARE_EQ(loop.removeTimeout(everyIteration), 0);
    loop.updateTimeout(disabled, 60000);
    d.capture(QStringLiteral("remove a timer, enable the other"));
    QVERIFY(first.writeByte());
    runOnce();
    d.capture(QStringLiteral("iteration: the removed timer is purged"));

    // Growth past one extent, then a cleanup that leaves most of it free.
    std::vector<int> many;
    for (int i = 0; i < 12; ++i)
        many.push_back(loop.addHandle(pipe().readFd(), EventHandle::Readable, DrivenLoop::onReady, &info(), nullptr,
                                      "onMany"));
    d.capture(QStringLiteral("twelve more handles: the array grows"));
    for (int i = 0; i < 11; ++i)
        QCOMPARE_EQ(loop.removeHandle(many[size_t(i)]), 0);
    d.capture(QStringLiteral("eleven of them removed"));
    QVERIFY(first.writeByte());
    runOnce();
    d.capture(QStringLiteral("iteration: purged, and the array shrinks"));

    // Fill the array exactly, then purge a record whose free callback adds a handle:
    // the purged record still fills its slot, so the add must grow the array.
    while (loop.state().handles.size() + 1 != loop.state().handlesAlloc)
        loop.addHandle(pipe().readFd(), EventHandle::Readable, DrivenLoop::onIgnored, nullptr, nullptr, "filler");
    m_addOnFree = {&d, pipe().readFd(), -1};
    const int freed = loop.addHandle(pipe().readFd(), EventHandle::Readable, DrivenLoop::onIgnored, &m_addOnFree,
                                     DrivenLoop::addOnFree, "freedWithCallback");
    d.capture(QStringLiteral("the array is full"));
    QCOMPARE_EQ(loop.state().handles.size(), loop.state().handlesAlloc);
    QCOMPARE_EQ(loop.removeHandle(freed), 0);
    QVERIFY(first.writeByte());
    const size_t allocBefore = loop.state().handlesAlloc;
    runOnce();
    QVERIFY(m_addOnFree.addedWatch > 0);
    QCOMPARE_EQ(loop.state().handlesAlloc, slots::allocationForAdd(allocBefore, allocBefore));
    d.capture(QStringLiteral("iteration: a free callback adds a handle"));

    const int timerWithFree = loop.addTimeout(-1, DrivenLoop::onTimer, nullptr, DrivenLoop::freeTimer, "timerWithFree");
    QCOMPARE_EQ(loop.removeTimeout(timerWithFree), 0);
    QVERIFY(first.writeByte());
    runOnce();
    d.capture(QStringLiteral("iteration: a timer purged with its free callback"));

    // Another thread adds a handle while this one sleeps in poll(): the wakeup pipe.
    loop.updateTimeout(disabled, -1);
    d.capture(QStringLiteral("no timer left enabled: poll may wait forever"));
    PipePair &late = pipe();
    HandleInfo &lateInfo = info();
    const pid_t loopTid = currentTid();
    std::atomic<int> lateWatch{-1};
    std::thread adder([&] {
        if (waitUntilBlockedInPoll(loopTid))
            lateWatch = loop.addHandle(late.readFd(), EventHandle::Readable, DrivenLoop::onReady, &lateInfo, nullptr,
                                       "addedWhilePolling");
    });
    runOnce();
    adder.join();
    QVERIFY(lateWatch.load() > 0);
    d.capture(QStringLiteral("iteration: woken by a handle added from another thread"));
    QVERIFY(late.writeByte());
    runOnce();
    d.capture(QStringLiteral("iteration: the late handle is dispatched"));

    for (const LoopState::Handle &handle : loop.state().handles) {
        if (handle.watch != 1 && handle.watch != a)
            loop.removeHandle(handle.watch);
    }
    d.capture(QStringLiteral("everything but two removed"));
    QVERIFY(first.writeByte());
    runOnce();
    d.capture(QStringLiteral("iteration: the last cleanup"));
}

void TestLoopStateModel::replayMatchesEngineAtEveryStep_data()
{
    QTest::addColumn<qsizetype>("interval");
    QTest::addColumn<QString>("order");
    for (const qsizetype interval : {qsizetype(1), qsizetype(3), LoopStateModel::kDefaultCheckpointInterval}) {
        for (const char *order : {"forward", "backward", "shuffled"})
            QTest::addRow("interval %lld, %s", static_cast<long long>(interval), order)
                << interval << QString::fromLatin1(order);
    }
}

void TestLoopStateModel::replayMatchesEngineAtEveryStep()
{
    QFETCH(qsizetype, interval);
    QFETCH(QString, order);
    const DrivenLoop &d = *m_driven;
    LoopStateModel model(&m_driven->store, nullptr, interval);
    QAbstractItemModelTester handlesTester(model.handlesModel());
    QAbstractItemModelTester timeoutsTester(model.timeoutsModel());

    std::vector<size_t> steps(d.captures.size());
    for (size_t i = 0; i < steps.size(); ++i)
        steps[i] = i;
    if (order == QLatin1StringView("backward"))
        std::reverse(steps.begin(), steps.end());
    else if (order == QLatin1StringView("shuffled"))
        std::shuffle(steps.begin(), steps.end(), std::mt19937(20110404));

    for (const size_t step : steps) {
        const Capture &capture = d.captures[step];
        model.seek(capture.index);
        QCOMPARE_EQ(model.position(), capture.index);
        QCOMPARE(capture.step + u'\n' + describe(model.state(), d.store), capture.expected);
        QCOMPARE_EQ(model.handlesModel()->rowCount(), int(model.state().handles.size()));
        QCOMPARE_EQ(model.timeoutsModel()->rowCount(), int(model.state().timeouts.size()));
    }
    QVERIFY(!model.followsNewest());
}

void TestLoopStateModel::liveViewFollowsBatches()
{
    const DrivenLoop &d = *m_driven;
    TraceStore store;
    LoopStateModel model(&store, nullptr, 5);
    QAbstractItemModelTester handlesTester(model.handlesModel());
    QAbstractItemModelTester timeoutsTester(model.timeoutsModel());
    QSignalSpy changed(&model, &LoopStateModel::stateChanged);
    QVERIFY(model.followsNewest());

    // One batch per step, cut where the engine's state was taken.
    qsizetype next = 0;
    for (const Capture &capture : d.captures) {
        std::vector<TraceEvent> batch;
        for (qsizetype i = next; i <= capture.index; ++i)
            batch.push_back(d.store.at(i));
        next = capture.index + 1;
        if (batch.empty())
            continue;
        const qsizetype signalsBefore = changed.count();
        store.append(std::move(batch), d.store.threadNames());
        QCOMPARE_EQ(changed.count(), signalsBefore + 1);
        QCOMPARE_EQ(model.position(), capture.index);
        QCOMPARE(capture.step + u'\n' + describe(model.state(), store), capture.expected);
    }

    // A rewind stops the following; asking for it again jumps to the newest event.
    model.seek(3);
    QVERIFY(!model.followsNewest());
    QCOMPARE_EQ(model.position(), 3);
    model.setFollowsNewest(true);
    QCOMPARE_EQ(model.position(), store.size() - 1);

    store.clear();
    QCOMPARE_EQ(model.position(), -1);
    QCOMPARE_EQ(model.handlesModel()->rowCount(), 0);
    QCOMPARE_EQ(model.checkpointCount(), 1);
}

void TestLoopStateModel::checkpointsGiveTheSameStateAsReplayFromTheStart()
{
    const TraceStore &store = m_driven->store;
    std::vector<QString> sequential;
    LoopSnapshot replay;
    for (qsizetype i = 0; i < store.size(); ++i) {
        replay.apply(store.at(i), i);
        sequential.push_back(describeFully(replay, store));
    }

    LoopStateModel model(&m_driven->store, nullptr, 3);
    std::vector<qsizetype> indices(size_t(store.size()));
    for (size_t i = 0; i < indices.size(); ++i)
        indices[i] = qsizetype(i);
    std::shuffle(indices.begin(), indices.end(), std::mt19937(90));
    for (const qsizetype index : indices)
        QCOMPARE(describeFully(model.stateAt(index), store), sequential[size_t(index)]);
    QCOMPARE_EQ(model.checkpointCount(), store.size() / 3 + 1);
    QCOMPARE_EQ(model.stateAt(-1).position, -1);
    QVERIFY(model.stateAt(-1).handles.empty());
}

void TestLoopStateModel::pollSetOfTheSameDispatchPass()
{
    const DrivenLoop &d = *m_driven;
    LoopStateModel model(&m_driven->store);
    QAbstractItemModelTester handlesTester(model.handlesModel());

    // Inside the first handle's callback: running, and the writable one just removed.
    const Capture &inside = d.captures[size_t(m_sameVisitStep) - 1];
    QVERIFY(inside.step.startsWith(QLatin1StringView("inside a callback")));
    model.seek(inside.index);
    QVERIFY(model.state().running);

    // After the pass: the wakeup pipe was quiet, the first dispatched, the writable
    // one ready but skipped because it had been deleted meanwhile.
    model.seek(d.captures[size_t(m_sameVisitStep)].index);
    const LoopSnapshot &state = model.state();
    QVERIFY(!state.running);
    QCOMPARE_EQ(state.pollResult.value_or(-1), 2);
    QCOMPARE_EQ(state.pollFds.size(), size_t(3));
    QCOMPARE_EQ(state.pollFds[0].watch, 1);
    QCOMPARE(state.pollFds[0].outcome, LoopSnapshot::PollOutcome::Quiet);
    QCOMPARE(state.pollFds[1].outcome, LoopSnapshot::PollOutcome::Dispatched);
    QCOMPARE_EQ(state.pollFds[1].revents, int(POLLIN));
    QCOMPARE(state.pollFds[2].outcome, LoopSnapshot::PollOutcome::SkippedDeleted);
    QCOMPARE_EQ(state.pollFds[2].revents, int(POLLOUT));
    // Purged at the end of the pass, so it is no longer in the handles table.
    QVERIFY(!state.handle(state.pollFds[2].watch));

    const LoopHandlesModel &handles = *model.handlesModel();
    QCOMPARE(handles.data(handles.index(1, LoopHandlesModel::PollColumn)).toString(), QStringLiteral("ready R, dispatched"));
    QCOMPARE(handles.data(handles.index(0, LoopHandlesModel::PollColumn)).toString(), QStringLiteral("not ready"));

    // Just before the purge, the skipped record is still there, deleted.
    const qsizetype purge = [&] {
        for (qsizetype i = inside.index; i < d.store.size(); ++i) {
            if (d.store.at(i).kind == EventKind::PurgeHandle)
                return i;
        }
        return qsizetype(-1);
    }();
    QVERIFY(purge > 0);
    model.seek(purge - 1);
    const int row = int(model.state().handles.size()) - 1;
    QCOMPARE(handles.data(handles.index(row, LoopHandlesModel::DeletedColumn)).toInt(), 1);
    QCOMPARE(handles.data(handles.index(row, LoopHandlesModel::PollColumn)).toString(),
             QStringLiteral("ready W, skipped: deleted"));
}

void TestLoopStateModel::tablesChangeRowByRow()
{
    const TraceStore &store = m_driven->store;
    LoopStateModel model(&m_driven->store);
    QAbstractItemModelTester handlesTester(model.handlesModel());
    QAbstractItemModelTester timeoutsTester(model.timeoutsModel());
    QSignalSpy inserted(model.handlesModel(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model.handlesModel(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(model.handlesModel(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(model.handlesModel(), &QAbstractItemModel::modelReset);
    QSignalSpy timersInserted(model.timeoutsModel(), &QAbstractItemModel::rowsInserted);

    auto firstOf = [&](EventKind kind, qsizetype from) {
        for (qsizetype i = from; i < store.size(); ++i) {
            if (store.at(i).kind == kind && (!store.at(i).has(TraceField::Result) || store.at(i).result >= 0))
                return i;
        }
        return qsizetype(-1);
    };
    auto stepOnto = [&](qsizetype index) {
        model.seek(index - 1);
        inserted.clear();
        removed.clear();
        changed.clear();
        timersInserted.clear();
        model.seek(index);
        // Rows changed by the step before only lose their mark: not a change of content.
        for (qsizetype i = changed.size() - 1; i >= 0; --i) {
            if (changed.at(i).at(2).value<QList<int>>() == QList<int>{Qt::BackgroundRole})
                changed.removeAt(i);
        }
    };
    const LoopHandlesModel &handles = *model.handlesModel();
    auto marked = [&](int row) { return handles.data(handles.index(row, 0), Qt::BackgroundRole).isValid(); };

    const qsizetype secondAdd = firstOf(EventKind::AddHandle, firstOf(EventKind::AddHandle, 0) + 1);
    stepOnto(secondAdd);
    QCOMPARE_EQ(inserted.count(), 1);
    QCOMPARE_EQ(inserted.first().at(1).toInt(), 1);
    QCOMPARE_EQ(removed.count(), 0);
    // What the event changed is marked, and only that.
    QVERIFY(marked(1));
    QVERIFY(!marked(0));

    const qsizetype update = firstOf(EventKind::UpdateHandle, 0);
    stepOnto(update);
    QCOMPARE_EQ(inserted.count(), 0);
    QCOMPARE_EQ(changed.count(), 1);
    const int updatedRow = changed.first().at(0).toModelIndex().row();
    QVERIFY(marked(updatedRow));
    // The next event, the update's interrupt, leaves the handles alone: the mark goes.
    QCOMPARE(store.at(update + 1).kind, EventKind::Interrupt);
    model.seek(update + 1);
    QVERIFY(!marked(updatedRow));

    stepOnto(firstOf(EventKind::RemoveHandle, 0));
    QCOMPARE_EQ(changed.count(), 1);
    QCOMPARE_EQ(removed.count(), 0);

    stepOnto(firstOf(EventKind::PurgeHandle, 0));
    QCOMPARE_EQ(removed.count(), 1);
    QCOMPARE_EQ(inserted.count(), 0);

    stepOnto(firstOf(EventKind::AddTimeout, 0));
    QCOMPARE_EQ(timersInserted.count(), 1);

    // Rewinding over many steps is still a diff, never a reset.
    model.seek(store.size() - 1);
    model.seek(0);
    QCOMPARE_EQ(reset.count(), 0);
}

void TestLoopStateModel::seekingALongTraceIsBoundedByCheckpoints()
{
    TraceStore store;
    store.setSession(recordBusyLoopSession(1000000));
    QVERIFY(store.size() >= 1000000);

    LoopStateModel model(&store);
    QAbstractItemModelTester handlesTester(model.handlesModel());
    QCOMPARE_EQ(model.position(), store.size() - 1);
    QCOMPARE_EQ(model.checkpointCount(), store.size() / LoopStateModel::kDefaultCheckpointInterval + 1);
    const int64_t lastIteration = model.state().iterations;

    // Each seek replays at most one interval from a checkpoint, never from the start.
    std::mt19937 random(7);
    std::uniform_int_distribution<qsizetype> anywhere(0, store.size() - 1);
    for (int i = 0; i < 200; ++i) {
        model.seek(anywhere(random));
        QVERIFY(model.lastReplayLength() <= LoopStateModel::kDefaultCheckpointInterval);
    }

    model.seek(store.size() - 1);
    QCOMPARE_EQ(model.state().iterations, lastIteration);
    QCOMPARE_EQ(model.state().timeouts.size(), size_t(1));
    QCOMPARE_EQ(model.state().handles.size(), size_t(1));
}

QTEST_MAIN(TestLoopStateModel)
#include "tst_loopstatemodel.moc"
