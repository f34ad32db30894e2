// A bounded trace path: with its writer held still, producers wait (block) or lose
// exactly the events that do not fit (drop), counted per thread in `trace_lost`
// events where the gaps are; stopping with a backlog writes what it can in its time
// and counts the rest, and the file is complete either way. A live listener that
// falls behind leaves the events in the bounded tracer, which counts what it drops. The
// writer thread carries its name for the system, where tools find it.
#include "threadwait.h"

#include "runner/tracemonitor.h"
#include "trace/threadnames.h"
#include "trace/tracefilerecorder.h"
#include "trace/traceloader.h"
#include "trace/tracer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <time.h>

using namespace pollscope;

namespace {

// Holds the recorder's writer thread before each drain until one drain is let
// through, or the gate is opened for good.
class WriterGate
{
public:
    void install(TraceFileRecorder &recorder)
    {
        recorder.setBeforeDrainHook([this] {
            std::unique_lock lock(m_lock);
            ++m_arrivals;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_open || m_passes > 0; });
            if (!m_open)
                --m_passes;
        });
    }
    // Until the writer has come to the gate `arrivals` times.
    bool waitUntilHeld(int arrivals = 1)
    {
        std::unique_lock lock(m_lock);
        return m_changed.wait_for(lock, std::chrono::seconds(30), [&] { return m_arrivals >= arrivals; });
    }
    void letOneDrainThrough()
    {
        std::lock_guard guard(m_lock);
        ++m_passes;
        m_changed.notify_all();
    }
    void open()
    {
        std::lock_guard guard(m_lock);
        m_open = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_lock;
    std::condition_variable m_changed;
    int m_arrivals = 0;
    int m_passes = 0;
    bool m_open = false;
};

// A trace recorder writing to a temporary file, its writer held at the gate from
// its first drain on.
struct HeldWriter
{
    HeldWriter(size_t bound, TracePolicy policy)
        : recorder(tracer)
    {
        tracer.setBound(bound, policy);
        gate.install(recorder);
    }
    bool start() { return recorder.start(path, TraceFormat::Binary, "test") && gate.waitUntilHeld(); }
    // Finishes with no time at all to write: the gate opens once finish() waits for
    // the writer, which writes the batch it takes as it stops; the rest is counted.
    bool finishWithNoTime()
    {
        std::atomic<pid_t> finisherTid{0};
        bool finished = false;
        std::thread finisher([&] {
            finisherTid = test::currentTid();
            finished = recorder.finish(std::chrono::milliseconds(0));
        });
        const bool waited = QTest::qWaitFor([&] { return finisherTid != 0 && test::isBlockedInFutex(finisherTid); }, 30000);
        gate.open();
        finisher.join();
        return waited && finished;
    }

    QTemporaryDir dir;
    const std::string path = dir.filePath("t.pstrace").toStdString();
    Tracer tracer;
    TraceFileRecorder recorder;
    WriterGate gate;
};

// Records `count` notes from a thread named `name`, numbering them in `result`.
void recordNotes(Tracer &tracer, const std::string &name, int count)
{
    ThreadNames::setCurrent(name);
    for (int i = 0; i < count; ++i) {
        if (auto event = tracer.probe<EventKind::ClientAction>())
            event->setResult(i);
    }
}

struct ThreadTally
{
    int64_t recorded = 0; // notes in the file
    int64_t lost = 0;     // the sum of its trace_lost counts
};

std::map<std::string, ThreadTally> tally(const TraceSession &session)
{
    std::map<std::string, ThreadTally> threads;
    for (const TraceEvent &event : session.events) {
        ThreadTally &thread = threads[session.threadName(event)];
        if (event.kind == EventKind::TraceLost)
            thread.lost += event.length;
        else
            ++thread.recorded;
    }
    return threads;
}

constexpr size_t kBound = 1000;

} // namespace

class TestBoundedTrace : public QObject
{
    Q_OBJECT

private slots:
    void dropCountsExactlyWhatDidNotFit_data();
    void dropCountsExactlyWhatDidNotFit();
    void gapIsMarkedWhereTheThreadGoesOn();
    void gapOfAThreadThatStoppedIsWhereItBegan();
    void blockMakesProducersWait();
    void finishingOutOfTimeCountsTheBacklog();
    void finishingOutOfTimeCountsTheGapsInTheBacklog();
    void listenerBehindLeavesTheLossToTheTracer();
    void writerThreadIsNamedForTheSystem();
};

void TestBoundedTrace::dropCountsExactlyWhatDidNotFit_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("perThread");
    QTest::addRow("one thread, one more than fits") << 1 << int(kBound) + 1;
    QTest::addRow("one thread, twice what fits") << 1 << int(kBound) * 2;
    QTest::addRow("four threads") << 4 << int(kBound);
    QTest::addRow("four threads, across chunks") << 4 << 5000;
}

void TestBoundedTrace::dropCountsExactlyWhatDidNotFit()
{
    QFETCH(int, threads);
    QFETCH(int, perThread);
    HeldWriter held(kBound, TracePolicy::Drop);
    QVERIFY(held.start());

    std::vector<std::thread> producers;
    for (int t = 0; t < threads; ++t)
        producers.emplace_back(recordNotes, std::ref(held.tracer), "producer-" + std::to_string(t), perThread);
    for (std::thread &producer : producers)
        producer.join();
    // Nothing was drained: exactly the bound fits, whoever got there first.
    const uint64_t total = uint64_t(threads) * uint64_t(perThread);
    QCOMPARE(held.tracer.lostEvents(), total - kBound);

    held.gate.open();
    QVERIFY(held.recorder.finish());
    const auto session = loadTrace(held.path);
    QVERIFY2(session, session.errorText().c_str());
    QVERIFY(session->warning.empty());
    int64_t recorded = 0;
    int64_t lost = 0;
    for (const auto &[name, thread] : tally(*session)) {
        // Per thread: what is in the file plus what it says it lost is what it recorded.
        QCOMPARE(thread.recorded + thread.lost, int64_t(perThread));
        recorded += thread.recorded;
        lost += thread.lost;
    }
    QCOMPARE(recorded, int64_t(kBound));
    QCOMPARE(lost, int64_t(total - kBound));
    for (size_t i = 0; i < session->events.size(); ++i)
        QCOMPARE(session->events[i].seq, uint64_t(i + 1));
}

void TestBoundedTrace::gapIsMarkedWhereTheThreadGoesOn()
{
    HeldWriter held(kBound, TracePolicy::Drop);
    QVERIFY(held.start());

    ThreadNames::Scope name("producer");
    recordNotes(held.tracer, "producer", int(kBound) + 25);
    QCOMPARE(held.tracer.lostEvents(), uint64_t(25));
    timespec beforeCatchUp{};
    clock_gettime(CLOCK_MONOTONIC, &beforeCatchUp);
    // Once the writer has caught up, the thread's next event comes after its gap.
    held.gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(held.recorder.written(), uint64_t(kBound), 30000);
    if (auto event = held.tracer.probe<EventKind::ClientAction>())
        event->setResult(-1);
    QVERIFY(held.recorder.finish());

    const auto session = loadTrace(held.path);
    QVERIFY2(session, session.errorText().c_str());
    QCOMPARE(session->events.size(), kBound + 2);
    const TraceEvent &gap = session->events[kBound];
    QCOMPARE(gap.kind, EventKind::TraceLost);
    QCOMPARE(gap.length, int64_t(25));
    QCOMPARE(session->threadName(gap), std::string("producer"));
    QCOMPARE(session->events[kBound - 1].result, int32_t(kBound) - 1);
    QCOMPARE(session->events[kBound + 1].result, -1);
    // In time, the gap is where it began: the first drop, before the writer caught up.
    const int64_t caughtUpNs = int64_t(beforeCatchUp.tv_sec) * 1000000000 + beforeCatchUp.tv_nsec;
    QVERIFY(gap.timeNs >= session->events[kBound - 1].timeNs);
    QVERIFY(gap.timeNs <= caughtUpNs);
    QVERIFY(session->events[kBound + 1].timeNs > caughtUpNs);
}

void TestBoundedTrace::gapOfAThreadThatStoppedIsWhereItBegan()
{
    HeldWriter held(kBound, TracePolicy::Drop);
    QVERIFY(held.start());

    // The producer's last 25 events are dropped and it records nothing more; another
    // thread goes on after it. The producer's gap is counted at the end of the file.
    std::thread(recordNotes, std::ref(held.tracer), "producer", int(kBound) + 25).join();
    timespec afterDrops{};
    clock_gettime(CLOCK_MONOTONIC, &afterDrops);
    held.gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(held.recorder.written(), uint64_t(kBound), 30000);
    std::thread(recordNotes, std::ref(held.tracer), "other", 1).join();
    QVERIFY(held.recorder.finish());

    const auto session = loadTrace(held.path);
    QVERIFY2(session, session.errorText().c_str());
    QCOMPARE(session->events.size(), kBound + 2);
    const TraceEvent &gap = session->events.back();
    QCOMPARE(gap.kind, EventKind::TraceLost);
    QCOMPARE(gap.length, int64_t(25));
    QCOMPARE(session->threadName(gap), std::string("producer"));
    // In time it is where it began, before the other thread's event: steps there
    // may follow from what the producer lost.
    const int64_t afterDropsNs = int64_t(afterDrops.tv_sec) * 1000000000 + afterDrops.tv_nsec;
    QVERIFY(gap.timeNs >= session->events[kBound - 1].timeNs);
    QVERIFY(gap.timeNs <= afterDropsNs);
    QVERIFY(session->events[kBound].timeNs > afterDropsNs);
}

void TestBoundedTrace::blockMakesProducersWait()
{
    HeldWriter held(kBound, TracePolicy::Block);
    QVERIFY(held.start());

    constexpr int kRecorded = int(kBound) * 3;
    std::atomic<bool> done{false};
    std::thread producer([&] {
        recordNotes(held.tracer, "producer", kRecorded);
        done = true;
    });
    // It fills the buffer and waits for room, holding the next slot.
    QTRY_COMPARE_WITH_TIMEOUT(held.tracer.waitingProducers(), 1, 30000);
    QVERIFY(!done);
    QCOMPARE(held.tracer.lostEvents(), uint64_t(0));

    held.gate.open();
    producer.join();
    QVERIFY(done);
    QVERIFY(held.recorder.finish());
    const auto session = loadTrace(held.path);
    QVERIFY2(session, session.errorText().c_str());
    QCOMPARE(session->events.size(), size_t(kRecorded));
    for (size_t i = 0; i < session->events.size(); ++i) {
        QCOMPARE(session->events[i].kind, EventKind::ClientAction);
        QCOMPARE(session->events[i].result, int32_t(i));
    }
    QCOMPARE(held.tracer.lostEvents(), uint64_t(0));
}

void TestBoundedTrace::finishingOutOfTimeCountsTheBacklog()
{
    constexpr size_t kBacklog = 100000;
    HeldWriter held(kBacklog, TracePolicy::Block);
    QVERIFY(held.start());
    recordNotes(held.tracer, "producer", int(kBacklog));

    QVERIFY(held.finishWithNoTime());
    const auto session = loadTrace(held.path);
    QVERIFY2(session, session.errorText().c_str());
    QVERIFY(session->warning.empty());
    const ThreadTally producer = tally(*session)["producer"];
    QCOMPARE(producer.recorded + producer.lost, int64_t(kBacklog));
    QVERIFY(producer.lost > 0);
    QCOMPARE(held.tracer.lostEvents(), uint64_t(producer.lost));
}

void TestBoundedTrace::finishingOutOfTimeCountsTheGapsInTheBacklog()
{
    constexpr int kRoom = 40000;
    HeldWriter held(kRoom, TracePolicy::Drop);
    QVERIFY(held.start());

    // 25 events dropped; the writer takes one batch, and the producer's next event
    // puts its trace_lost into the backlog, behind more than a batch.
    std::thread(recordNotes, std::ref(held.tracer), "producer", kRoom + 25).join();
    held.gate.letOneDrainThrough();
    QVERIFY(held.gate.waitUntilHeld(2));
    std::thread(recordNotes, std::ref(held.tracer), "producer", 1).join();

    // The backlog is counted, that trace_lost among it.
    QVERIFY(held.finishWithNoTime());
    const auto session = loadTrace(held.path);
    QVERIFY2(session, session.errorText().c_str());
    const auto gaps = std::count_if(session->events.begin(), session->events.end(),
                                    [](const TraceEvent &event) { return event.kind == EventKind::TraceLost; });
    QCOMPARE(gaps, 1);
    QCOMPARE(session->events.back().kind, EventKind::TraceLost);
    // The discarded trace_lost's 25 are counted with the discarded events.
    const ThreadTally producer = tally(*session)["producer"];
    QCOMPARE(producer.recorded + producer.lost, int64_t(kRoom + 25 + 1));
    QCOMPARE(held.tracer.lostEvents(), uint64_t(producer.lost));
}

void TestBoundedTrace::listenerBehindLeavesTheLossToTheTracer()
{
    Tracer tracer;
    tracer.setBound(kBound, TracePolicy::Drop);
    std::atomic<bool> room{false};
    std::atomic<int> asked{0};
    std::mutex lock;
    std::vector<TraceEvent> received;
    TraceMonitor monitor(
        tracer,
        [&](const std::vector<TraceEvent> &batch) {
            std::lock_guard guard(lock);
            received.insert(received.end(), batch.begin(), batch.end());
        },
        false);
    monitor.setReady([&] {
        ++asked;
        return room.load();
    });
    monitor.start();

    // The listener has no room: the monitor asks again and again and takes nothing,
    // and the tracer drops what does not fit.
    std::thread producer(recordNotes, std::ref(tracer), "producer", int(kBound) + 40);
    producer.join();
    const int askedBefore = asked.load();
    QTRY_VERIFY(asked.load() >= askedBefore + 2);
    {
        std::lock_guard guard(lock);
        QVERIFY(received.empty());
    }
    QCOMPARE(tracer.lostEvents(), uint64_t(40));

    // Room again: everything that fitted arrives, and the producer's next event
    // comes after its trace_lost.
    room = true;
    const auto receivedCount = [&] {
        std::lock_guard guard(lock);
        return received.size();
    };
    QTRY_COMPARE(receivedCount(), kBound);
    std::thread goesOn(recordNotes, std::ref(tracer), "producer", 1);
    goesOn.join();
    monitor.stop();
    std::lock_guard guard(lock);
    QCOMPARE(received.size(), kBound + 2);
    QCOMPARE(received[kBound].kind, EventKind::TraceLost);
    QCOMPARE(received[kBound].length, int64_t(40));
    QCOMPARE(received.back().kind, EventKind::ClientAction);
}

void TestBoundedTrace::writerThreadIsNamedForTheSystem()
{
    // Tools outside the trace (top -H, perf, the benchmarks' taskset) find the writer
    // by its name: the thread that drains is the one so named.
    std::atomic<pid_t> drainingTid{0};
    HeldWriter held(kBound, TracePolicy::Block);
    held.recorder.setBeforeDrainHook([&] { drainingTid = test::currentTid(); });
    QVERIFY(held.recorder.start(held.path, TraceFormat::Binary, "test"));
    QTRY_VERIFY_WITH_TIMEOUT(drainingTid != 0, 30000);
    QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(drainingTid.load()));
    QVERIFY(comm.open(QIODevice::ReadOnly));
    QCOMPARE(comm.readAll().trimmed(), QByteArray("trace-writer"));
    QVERIFY(held.recorder.finish());
}

QTEST_GUILESS_MAIN(TestBoundedTrace)
#include "tst_boundedtrace.moc"
