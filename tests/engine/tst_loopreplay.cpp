// LoopReplay rebuilds libvirt's eventLoop from a trace under virEventPoll's rules and
// reports what those rules forbid. Every shipped scenario runs headless: at every
// event of its trace the replay finds nothing, the checker reports no loop-state
// violation, the replayed poll set has the size MakePollFDs recorded and the record
// counts the loop thread recorded match; the engine's own LoopState, taken while the
// loop is held after each batch of events and again once the daemon has stopped,
// equals the replay at that point of the trace. Hand-made traces then take each rule in turn (add, update,
// remove, purge, dispatch of a deleted record, a purge of a live one, free callbacks,
// the poll set and its outcomes, growth through 10/20/30/45 slots and the shrink after
// a cleanup phase) and compare the whole replayed state with the expected one.
#include "eventpoll/eventpoll.h"
#include "eventpoll/stepcontrol.h"
#include "runner/scenariorunner.h"
#include "scenario/scenarioparser.h"
#include "trace/loopreplay.h"
#include "trace/tracechecker.h"

#include <QDirIterator>
#include <QTest>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <poll.h>
#include <thread>

using namespace pollscope;

namespace {

constexpr uint16_t kMain = 0;
constexpr uint16_t kLoop = 1;
constexpr uint16_t kWorker = 2;

QString sourceDir()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"));
}

// The checker's rules that LoopReplay's findings become.
const QStringList kLoopStateRules = {"no-dispatch-of-deleted", "purge-only-deleted",
                                     "free-callback-once-in-loop-thread", "poll-set-matches-state",
                                     "changes-find-their-record", "handles-only-after-ready-poll",
                                     "timers-before-handles", "wakeup-drained"};

const char *findingName(LoopFinding::Kind kind)
{
    switch (kind) {
    case LoopFinding::Kind::DispatchOfDeleted: return "dispatch-of-deleted";
    case LoopFinding::Kind::PurgeNotRemoved: return "purge-not-removed";
    case LoopFinding::Kind::PurgedTwice: return "purged-twice";
    case LoopFinding::Kind::FreeBeforePurge: return "free-before-purge";
    case LoopFinding::Kind::FreedTwice: return "freed-twice";
    case LoopFinding::Kind::FreeOutsideLoop: return "free-outside-loop";
    case LoopFinding::Kind::PollSetMismatch: return "poll-set-mismatch";
    case LoopFinding::Kind::UpdateOfUnknown: return "update-of-unknown";
    case LoopFinding::Kind::RemovalOfUnknown: return "removal-of-unknown";
    case LoopFinding::Kind::HandlesWithoutReadyPoll: return "handles-without-ready-poll";
    case LoopFinding::Kind::TimerAfterHandles: return "timer-after-handles";
    case LoopFinding::Kind::WakeupOverdrained: return "wakeup-overdrained";
    }
    return "?";
}

QString describe(const LoopFinding &f)
{
    return QStringLiteral("%1 at %2: %3 %4 recorded=%5 replayed=%6 removedAt=%7")
        .arg(findingName(f.kind))
        .arg(f.eventIndex)
        .arg(f.record == LoopRecordType::Handle ? "watch" : "timer")
        .arg(f.id)
        .arg(f.recorded)
        .arg(f.replayed)
        .arg(f.removedAt);
}

const char *outcomeName(LoopReplay::PollOutcome outcome)
{
    switch (outcome) {
    case LoopReplay::PollOutcome::Waiting: return "waiting";
    case LoopReplay::PollOutcome::Quiet: return "quiet";
    case LoopReplay::PollOutcome::Dispatched: return "dispatched";
    case LoopReplay::PollOutcome::SkippedDeleted: return "skipped-deleted";
    case LoopReplay::PollOutcome::Undispatched: return "undispatched";
    }
    return "?";
}

// What the replay and the engine's LoopState both hold, as text, so a mismatch
// prints both sides.
QString describeArrays(const LoopReplay &r)
{
    QString text = QStringLiteral("running=%1 iterations=%2 wakeup=%3\n").arg(r.running).arg(r.iterations).arg(r.wakeupReadFd);
    text += QStringLiteral("handles count=%1 alloc=%2\n").arg(r.handles.size()).arg(r.handlesAlloc);
    for (const LoopReplay::Handle &h : r.handles)
        text += QStringLiteral("  watch=%1 fd=%2 events=%3 deleted=%4 cb=%5\n")
                    .arg(h.watch)
                    .arg(h.fd)
                    .arg(h.events)
                    .arg(h.deleted)
                    .arg(h.callback ? h.callback : "-");
    text += QStringLiteral("timeouts count=%1 alloc=%2\n").arg(r.timeouts.size()).arg(r.timeoutsAlloc);
    for (const LoopReplay::Timeout &t : r.timeouts)
        text += QStringLiteral("  timer=%1 frequency=%2 expiresAt=%3 deleted=%4 cb=%5\n")
                    .arg(t.timer)
                    .arg(t.frequency)
                    .arg(t.expiresAt)
                    .arg(t.deleted)
                    .arg(t.callback ? t.callback : "-");
    return text;
}

// The whole replayed state.
QString describe(const LoopReplay &r)
{
    QString text = QStringLiteral("leader=%1 ").arg(r.leaderThread) + describeArrays(r);
    for (const LoopReplay::PollFd &p : r.pollFds)
        text += QStringLiteral("  pollfd watch=%1 fd=%2 events=%3 revents=%4 %5\n")
                    .arg(p.watch)
                    .arg(p.fd)
                    .arg(p.events)
                    .arg(p.revents)
                    .arg(outcomeName(p.outcome));
    return text;
}

// The engine's state in the same words.
QString describeArrays(const LoopState &s)
{
    LoopReplay r;
    r.running = s.running;
    r.iterations = s.iterations;
    r.wakeupReadFd = s.wakeupFds[0];
    r.handlesAlloc = s.handlesAlloc;
    r.timeoutsAlloc = s.timeoutsAlloc;
    for (const LoopState::Handle &h : s.handles)
        r.handles.push_back({h.watch, h.fd, h.events, h.deleted, h.callback.c_str()});
    for (const LoopState::Timeout &t : s.timeouts)
        r.timeouts.push_back({t.timer, t.frequency, t.expiresAt, t.deleted, t.callback.c_str()});
    return describeArrays(r);
}

// Builds a trace by hand: one call per event, in order.
class TraceBuilder
{
public:
    TraceEvent &add(EventKind kind, uint16_t thread = kLoop)
    {
        TraceEvent event{};
        event.seq = m_events.size() + 1;
        event.kind = kind;
        event.thread = thread;
        m_events.push_back(event);
        return m_events.back();
    }

    TraceBuilder &addHandle(int watch, int fd, int events = 1, uint16_t thread = kMain)
    {
        add(EventKind::AddHandle, thread).setWatch(watch).setFd(fd).setEvents(events).setResult(watch).text = "cb";
        return *this;
    }
    TraceBuilder &removeHandle(int watch, uint16_t thread = kMain)
    {
        add(EventKind::RemoveHandle, thread).setWatch(watch).setResult(0);
        return *this;
    }
    TraceBuilder &addTimeout(int timer, int frequency, int64_t expiresAt)
    {
        add(EventKind::AddTimeout, kMain).setTimer(timer).setFrequency(frequency).setExpiresAt(expiresAt).setResult(timer)
            .text = "tcb";
        return *this;
    }
    // RunOnceBegin and both cleanup phases, purging `purged` handles in order, each
    // with its free callback.
    TraceBuilder &beginIteration(std::vector<int> purged = {})
    {
        add(EventKind::RunOnceBegin);
        add(EventKind::CleanupTimeouts);
        add(EventKind::CleanupHandles);
        for (int watch : purged) {
            add(EventKind::PurgeHandle).setWatch(watch);
            add(EventKind::FreeCallbackBegin).setWatch(watch);
            add(EventKind::FreeCallbackEnd).setWatch(watch);
        }
        return *this;
    }

    const std::vector<TraceEvent> &events() const { return m_events; }

private:
    std::vector<TraceEvent> m_events;
};

// Replays every event; the findings of all of them, in order.
std::vector<LoopFinding> replay(LoopReplay &r, const std::vector<TraceEvent> &events)
{
    std::vector<LoopFinding> all;
    for (const TraceEvent &event : events) {
        r.apply(event);
        all.insert(all.end(), r.findings().begin(), r.findings().end());
    }
    return all;
}

struct RuleCase
{
    const char *name;
    std::function<void(TraceBuilder &)> build;
    const char *state;
    QStringList findings;
};

// Two handles (watch 1 on fd 3, watch 2 on fd 4) are added first in every case.
const std::vector<RuleCase> &ruleCases()
{
    static const std::vector<RuleCase> cases = {
        {"add",
         [](TraceBuilder &t) { t.addTimeout(1, 500, 1500); },
         "leader=-1 running=0 iterations=0 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=0 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "timeouts count=1 alloc=10\n"
         "  timer=1 frequency=500 expiresAt=1500 deleted=0 cb=tcb\n",
         {}},
        {"update, also of a deleted record",
         [](TraceBuilder &t) {
             t.addTimeout(1, 500, 1500);
             t.add(EventKind::UpdateHandle, kMain).setWatch(1).setEvents(3).setResult(0);
             t.removeHandle(2);
             t.add(EventKind::UpdateHandle, kMain).setWatch(2).setEvents(2).setResult(0);
             t.add(EventKind::UpdateTimeout, kMain).setTimer(1).setFrequency(-1).setExpiresAt(0).setResult(0);
             // A failed update changes nothing.
             t.add(EventKind::UpdateHandle, kMain).setWatch(1).setEvents(0).setResult(-1);
         },
         "leader=-1 running=0 iterations=0 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=3 deleted=0 cb=cb\n"
         "  watch=2 fd=4 events=2 deleted=1 cb=cb\n"
         "timeouts count=1 alloc=10\n"
         "  timer=1 frequency=-1 expiresAt=0 deleted=0 cb=tcb\n",
         {}},
        {"remove only marks deleted",
         [](TraceBuilder &t) {
             t.removeHandle(1);
             // Remove of a deleted record fails, and changes nothing.
             t.add(EventKind::RemoveHandle, kMain).setWatch(1).setResult(-1);
         },
         "leader=-1 running=0 iterations=0 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=1 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "timeouts count=0 alloc=0\n",
         {}},
        {"purge in a cleanup phase",
         [](TraceBuilder &t) {
             t.removeHandle(1);
             t.beginIteration({1});
             t.add(EventKind::MakePollFDs).setNfds(1);
         },
         "leader=1 running=1 iterations=1 wakeup=-1\n"
         "handles count=1 alloc=10\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "timeouts count=0 alloc=0\n"
         "  pollfd watch=2 fd=4 events=1 revents=0 waiting\n",
         {}},
        {"dispatch of a deleted record",
         [](TraceBuilder &t) {
             t.beginIteration();
             t.add(EventKind::MakePollFDs).setNfds(2);
             t.add(EventKind::PollEnd).setResult(1);
             t.removeHandle(2, kWorker); // event 7
             t.add(EventKind::DispatchHandles);
             t.add(EventKind::DispatchHandleBegin).setWatch(2).setFd(4).setRevents(POLLIN); // event 9
         },
         "leader=1 running=1 iterations=1 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=0 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=1 cb=cb\n"
         "timeouts count=0 alloc=0\n"
         "  pollfd watch=1 fd=3 events=1 revents=0 quiet\n"
         "  pollfd watch=2 fd=4 events=1 revents=1 dispatched\n",
         {"dispatch-of-deleted at 9: watch 2 recorded=0 replayed=0 removedAt=7"}},
        {"dispatch of a deleted timer",
         [](TraceBuilder &t) {
             t.addTimeout(1, 0, 10); // event 2
             t.add(EventKind::RemoveTimeout, kMain).setTimer(1).setResult(0);
             t.add(EventKind::DispatchTimeoutBegin).setTimer(1).setExpiresAt(20);
         },
         "leader=-1 running=0 iterations=0 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=0 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "timeouts count=1 alloc=10\n"
         "  timer=1 frequency=0 expiresAt=20 deleted=1 cb=tcb\n",
         {"dispatch-of-deleted at 4: timer 1 recorded=0 replayed=0 removedAt=3"}},
        {"purge of a live record, and twice",
         [](TraceBuilder &t) {
             t.beginIteration({2, 2}); // purge at 5, free callback at 6, 7; purge again at 8
         },
         "leader=1 running=1 iterations=1 wakeup=-1\n"
         "handles count=1 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=0 cb=cb\n"
         "timeouts count=0 alloc=0\n",
         {"purge-not-removed at 5: watch 2 recorded=0 replayed=0 removedAt=0",
          "purge-not-removed at 8: watch 2 recorded=0 replayed=0 removedAt=0",
          "purged-twice at 8: watch 2 recorded=0 replayed=0 removedAt=0",
          "freed-twice at 9: watch 2 recorded=0 replayed=0 removedAt=0"}},
        {"free callbacks out of place",
         [](TraceBuilder &t) {
             t.removeHandle(2);
             t.add(EventKind::FreeCallbackBegin, kLoop).setWatch(2); // event 3: before its purge, outside an iteration
             t.add(EventKind::FreeCallbackEnd, kLoop).setWatch(2);
             t.beginIteration();
             t.add(EventKind::PurgeHandle).setWatch(2);
             t.add(EventKind::FreeCallbackBegin, kWorker).setWatch(2); // event 9: again, on a worker
             t.add(EventKind::FreeCallbackEnd, kWorker).setWatch(2);
         },
         "leader=1 running=1 iterations=1 wakeup=-1\n"
         "handles count=1 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=0 cb=cb\n"
         "timeouts count=0 alloc=0\n",
         {"free-before-purge at 3: watch 2 recorded=0 replayed=0 removedAt=0",
          "free-outside-loop at 3: watch 2 recorded=0 replayed=0 removedAt=0",
          "freed-twice at 9: watch 2 recorded=0 replayed=0 removedAt=0",
          "free-outside-loop at 9: watch 2 recorded=0 replayed=0 removedAt=0"}},
        {"poll set that differs from the live records",
         [](TraceBuilder &t) {
             t.add(EventKind::UpdateHandle, kMain).setWatch(1).setEvents(0).setResult(0);
             t.beginIteration();
             t.add(EventKind::MakePollFDs).setNfds(2); // event 6
         },
         "leader=1 running=1 iterations=1 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=0 deleted=0 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "timeouts count=0 alloc=0\n"
         "  pollfd watch=2 fd=4 events=1 revents=0 waiting\n",
         {"poll-set-mismatch at 6: watch 0 recorded=2 replayed=1 removedAt=0"}},
        {"changes of unknown records",
         [](TraceBuilder &t) {
             t.add(EventKind::UpdateHandle, kMain).setWatch(7).setEvents(1).setResult(0); // event 2
             t.removeHandle(8);                                                           // event 3
             t.removeHandle(1);
             t.removeHandle(1);                                                           // event 5: deleted already
         },
         "leader=-1 running=0 iterations=0 wakeup=-1\n"
         "handles count=2 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=1 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "timeouts count=0 alloc=0\n",
         {"update-of-unknown at 2: watch 7 recorded=0 replayed=0 removedAt=0",
          "removal-of-unknown at 3: watch 8 recorded=0 replayed=0 removedAt=0",
          "removal-of-unknown at 5: watch 1 recorded=0 replayed=0 removedAt=0"}},
        {"poll outcomes of one pass",
         [](TraceBuilder &t) {
             t.addHandle(3, 5, 2);
             t.beginIteration();
             t.add(EventKind::MakePollFDs).setNfds(3);
             t.add(EventKind::CalculateTimeout).setTimeout(-1);
             t.add(EventKind::PollBegin);
             t.add(EventKind::PollEnd).setResult(2);
             t.add(EventKind::DispatchHandles);
             t.add(EventKind::DispatchHandleBegin).setWatch(2).setFd(4).setRevents(POLLIN);
             t.removeHandle(3, kLoop);
             t.add(EventKind::DispatchHandleEnd).setWatch(2);
             t.add(EventKind::DispatchSkipDeleted).setWatch(3).setFd(5).setRevents(POLLOUT);
         },
         "leader=1 running=1 iterations=1 wakeup=-1\n"
         "handles count=3 alloc=10\n"
         "  watch=1 fd=3 events=1 deleted=0 cb=cb\n"
         "  watch=2 fd=4 events=1 deleted=0 cb=cb\n"
         "  watch=3 fd=5 events=2 deleted=1 cb=cb\n"
         "timeouts count=0 alloc=0\n"
         "  pollfd watch=1 fd=3 events=1 revents=0 quiet\n"
         "  pollfd watch=2 fd=4 events=1 revents=1 dispatched\n"
         "  pollfd watch=3 fd=5 events=2 revents=4 skipped-deleted\n",
         {}},
    };
    return cases;
}

QStringList shippedScenarios()
{
    QStringList files;
    QDirIterator it(sourceDir() + "/scenarios", {"*.yaml"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}


// Runs a scenario on its own thread and, each time a batch of its events arrives,
// holds the loop, takes the engine's LoopState while it is held, and lets it go.
// Other threads go on changing the loop during a hold, but every change is recorded
// under the loop lock that LoopState is taken under: the state taken during hold n
// is the replay's state after some event between the n-th loop_paused and its
// loop_resumed.
class HeldStateSampler
{
public:
    explicit HeldStateSampler(const Scenario &scenario)
        : m_runner(scenario, reportingBatches())
    {
    }

    // The run's result; `samples` maps a hold number to the state taken during it.
    ScenarioRunResult run()
    {
        ScenarioRunResult result;
        std::thread runThread([&] {
            result = m_runner.run();
            std::lock_guard guard(m_lock);
            m_done = true;
            m_changed.notify_all();
        });
        uint64_t batchesSeen = 0;
        for (;;) {
            {
                std::unique_lock lock(m_lock);
                // A run's own watchdog ends it well within this.
                if (!m_changed.wait_for(lock, std::chrono::minutes(3), [&] { return m_done || m_batches > batchesSeen; })
                    || m_done)
                    break;
                batchesSeen = m_batches;
            }
            // Every hold slows the run down; a few dozen states per scenario cover
            // its start, its clients and its end as well as hundreds would.
            if (m_samples.size() < kMostSamples)
                sample();
        }
        runThread.join();
        return result;
    }

    const ScenarioRunner &runner() const { return m_runner; }
    const std::map<uint64_t, QString> &samples() const { return m_samples; }

private:
    ScenarioRunOptions reportingBatches()
    {
        ScenarioRunOptions options;
        options.onEvents = [this](const std::vector<TraceEvent> &) { batchArrived(); };
        return options;
    }

    void batchArrived()
    {
        std::lock_guard guard(m_lock);
        ++m_batches;
        m_changed.notify_all();
    }

    void sample()
    {
        StepControl &control = m_runner.stepControl();
        const uint64_t before = control.holds();
        control.pause();
        if (heldAfter(control, before)) {
            const uint64_t hold = control.holds();
            const LoopState state = m_runner.loopState();
            // Kept only if the loop stayed in that one hold while the state was taken
            // (the runner itself lets the loop go at the start and at the end).
            if (control.heldAt() && control.holds() == hold)
                m_samples.emplace(hold, describeArrays(state));
        }
        control.resume();
    }

    // Whether the loop holds after the pause, within 2 s; a loop that has already ended
    // never does, and once the run is done there is no need to wait any longer.
    bool heldAfter(const StepControl &control, uint64_t holdsBefore)
    {
        constexpr auto kSlice = std::chrono::milliseconds(10);
        for (auto waited = kSlice; !control.waitForHold(holdsBefore, kSlice); waited += kSlice) {
            std::lock_guard guard(m_lock);
            if (m_done || waited >= std::chrono::seconds(2))
                return false;
        }
        return true;
    }

    static constexpr size_t kMostSamples = 40;

    ScenarioRunner m_runner;
    std::mutex m_lock;
    std::condition_variable m_changed;
    uint64_t m_batches = 0;
    bool m_done = false;
    std::map<uint64_t, QString> m_samples;
};

} // namespace

class TestLoopReplay : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void allocationGrows_data();
    void allocationGrows();
    void allocationShrinksAfterCleanup();
    void shippedScenario_data();
    void shippedScenario();
};

void TestLoopReplay::rules_data()
{
    QTest::addColumn<int>("row");
    for (size_t i = 0; i < ruleCases().size(); ++i)
        QTest::newRow(ruleCases()[i].name) << int(i);
}

void TestLoopReplay::rules()
{
    QFETCH(int, row);
    const RuleCase &rule = ruleCases()[size_t(row)];
    TraceBuilder t;
    t.addHandle(1, 3).addHandle(2, 4);
    rule.build(t);
    LoopReplay r;
    QStringList findings;
    for (const LoopFinding &f : replay(r, t.events()))
        findings << describe(f);
    QCOMPARE(describe(r), QString::fromLatin1(rule.state));
    QCOMPARE(findings, rule.findings);
    QCOMPARE_EQ(r.position, ptrdiff_t(t.events().size()) - 1);
}

void TestLoopReplay::allocationGrows_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("alloc");
    // VIR_RESIZE_N by EVENT_ALLOC_EXTENT, but never by less than half of what is there.
    QTest::newRow("1") << 1 << 10;
    QTest::newRow("10") << 10 << 10;
    QTest::newRow("11") << 11 << 20;
    QTest::newRow("20") << 20 << 20;
    QTest::newRow("21") << 21 << 30;
    QTest::newRow("30") << 30 << 30;
    QTest::newRow("31") << 31 << 45;
    QTest::newRow("45") << 45 << 45;
    QTest::newRow("46") << 46 << 67;
}

void TestLoopReplay::allocationGrows()
{
    QFETCH(int, count);
    QFETCH(int, alloc);
    TraceBuilder t;
    for (int i = 1; i <= count; ++i) {
        t.addHandle(i, i + 2);
        t.addTimeout(i, 1000, 5000);
    }
    LoopReplay r;
    QVERIFY(replay(r, t.events()).empty());
    QCOMPARE_EQ(r.handles.size(), size_t(count));
    QCOMPARE_EQ(r.handlesAlloc, size_t(alloc));
    QCOMPARE_EQ(r.timeoutsAlloc, size_t(alloc));
}

void TestLoopReplay::allocationShrinksAfterCleanup()
{
    // 31 handles in 45 slots; 25 removed. The array stays at 45 slots until the
    // cleanup phase ends, then its free tail goes: 39 free slots are more than the
    // 6 used and more than one extent.
    TraceBuilder t;
    for (int watch = 1; watch <= 31; ++watch)
        t.addHandle(watch, watch + 2);
    std::vector<int> purged;
    for (int watch = 7; watch <= 31; ++watch) {
        t.removeHandle(watch);
        purged.push_back(watch);
    }
    t.beginIteration(purged);
    LoopReplay r;
    QVERIFY(replay(r, t.events()).empty());
    QCOMPARE_EQ(r.handles.size(), size_t(6));
    QCOMPARE_EQ(r.handlesAlloc, size_t(45));
    r.apply(t.add(EventKind::MakePollFDs).setNfds(6));
    QVERIFY(r.findings().empty());
    QCOMPARE_EQ(r.handlesAlloc, size_t(6));
    // A new handle then grows the array again by one extent at least.
    r.apply(t.add(EventKind::AddHandle, kMain).setWatch(32).setFd(40).setEvents(1).setResult(32));
    QCOMPARE_EQ(r.handlesAlloc, size_t(16));
}

void TestLoopReplay::shippedScenario_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = shippedScenarios();
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(QDir(sourceDir()).relativeFilePath(file))) << file;
}

void TestLoopReplay::shippedScenario()
{
    QFETCH(QString, file);
    auto parsed = parseScenarioFile(file.toStdString());
    if (const Error *error = parsed.failure())
        QFAIL(error->describe().c_str());
    HeldStateSampler sampler(parsed.value());
    const ScenarioRunResult result = sampler.run();
    QVERIFY2(result.setupError.empty(), result.setupError.c_str());
    // The daemon has stopped: its loop's state is final, and the trace is complete.
    const LoopState engine = sampler.runner().loopState();
    const TraceSession &session = result.session;
    QVERIFY(!session.events.empty());

    for (const TraceViolation &v : checkTrace(session)) {
        if (kLoopStateRules.contains(QString::fromStdString(v.rule)))
            QFAIL(qPrintable(QString::fromStdString(v.rule + ": " + v.message + " at "
                                                    + describeEvent(session, session.events[v.eventIndex]))));
    }

    LoopReplay r;
    uint64_t hold = 0;        // the number of the last loop_paused met
    bool inSampledHold = false;
    bool sampleMatched = false;
    size_t holdsCompared = 0;
    for (const TraceEvent &event : session.events) {
        r.apply(event);
        const auto where = [&] { return describeEvent(session, event); };
        if (!r.findings().empty())
            QFAIL(qPrintable(describe(r.findings().front()) + " at " + QString::fromStdString(where())));
        if (event.kind == EventKind::MakePollFDs)
            QVERIFY2(event.nfds == int(r.pollFds.size()), where().c_str());
        // The loop thread records its counts under the lock, outside any cleanup
        // phase's pending slot, at the iteration's start and end and at MakePollFDs.
        const bool loopCounts = event.kind == EventKind::RunOnceBegin || event.kind == EventKind::RunOnceEnd
                             || event.kind == EventKind::MakePollFDs;
        if (loopCounts && event.has(TraceField::Handles))
            QVERIFY2(event.handles == int(r.handles.size()), where().c_str());
        if (loopCounts && event.has(TraceField::Timeouts))
            QVERIFY2(event.timeouts == int(r.timeouts.size()), where().c_str());

        if (event.kind == EventKind::LoopPaused) {
            inSampledHold = sampler.samples().contains(++hold);
            sampleMatched = false;
        } else if (event.kind == EventKind::LoopResumed && inSampledHold) {
            QVERIFY2(sampleMatched, qPrintable(QStringLiteral("hold %1 (ending at %2): the engine showed\n%3")
                                                   .arg(hold)
                                                   .arg(QString::fromStdString(where()))
                                                   .arg(sampler.samples().at(hold))));
            inSampledHold = false;
            ++holdsCompared;
        }
        if (inSampledHold && !sampleMatched)
            sampleMatched = describeArrays(r) == sampler.samples().at(hold);
    }
    QCOMPARE_EQ(holdsCompared, sampler.samples().size());
    QCOMPARE(describeArrays(r), describeArrays(engine));
}

QTEST_GUILESS_MAIN(TestLoopReplay)
#include "tst_loopreplay.moc"
