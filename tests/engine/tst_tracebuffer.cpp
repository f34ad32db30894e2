// The trace stream under concurrency: whatever threads emit at once, the consumer
// gets every event exactly once, in one total order (seq 1, 2, 3, ...), with each
// thread's own events in the order it emitted them; and nothing is recorded while
// tracing is off. A slot keeps only its kind's fields: every one of them comes back.
#include "trace/eventkindfields.h"
#include "trace/threadnames.h"
#include "trace/tracer.h"

#include <QTest>

#include <string>
#include <thread>
#include <vector>

using namespace pollscope;

class TestTraceBuffer : public QObject
{
    Q_OBJECT

private slots:
    void concurrentEmittersLoseNothing_data();
    void concurrentEmittersLoseNothing();
    void drainingWhileEmittingKeepsOrder();
    void drainEndsWhileProducersGoOn();
    void disabledRecordsNothing();
    void flowScopeTagsEvents();
    void everyFieldOfItsKindComesBack_data();
    void everyFieldOfItsKindComesBack();
};

void TestTraceBuffer::concurrentEmittersLoseNothing_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("perThread");
    QTest::addRow("1 thread") << 1 << 20000;
    QTest::addRow("8 threads") << 8 << 20000;
    QTest::addRow("8 threads, across chunk borders") << 8 << 4097;
}

void TestTraceBuffer::concurrentEmittersLoseNothing()
{
    QFETCH(int, threads);
    QFETCH(int, perThread);
    Tracer tracer;
    std::vector<std::thread> emitters;
    for (int t = 0; t < threads; ++t) {
        emitters.emplace_back([&tracer, t, perThread] {
            ThreadNames::setCurrent("emitter-" + std::to_string(t));
            for (int i = 0; i < perThread; ++i) {
                if (auto event = tracer.probe<EventKind::ClientAction>())
                    event->setClient(t).setResult(i);
            }
        });
    }
    for (auto &emitter : emitters)
        emitter.join();

    std::vector<TraceEvent> events;
    tracer.drain(events);
    QCOMPARE_EQ(events.size(), size_t(threads) * size_t(perThread));
    std::vector<int> next(size_t(threads), 0);
    for (size_t i = 0; i < events.size(); ++i) {
        QCOMPARE_EQ(events[i].seq, uint64_t(i + 1));
        const TraceEvent &event = events[i];
        QVERIFY(event.has(TraceField::Client | TraceField::Result));
        QCOMPARE_EQ(event.result, next[size_t(event.client)]++);
    }
    for (int t = 0; t < threads; ++t)
        QCOMPARE_EQ(next[size_t(t)], perThread);
}

void TestTraceBuffer::drainingWhileEmittingKeepsOrder()
{
    Tracer tracer;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 30000;
    std::atomic<int> running{kThreads};
    std::vector<std::thread> emitters;
    for (int t = 0; t < kThreads; ++t) {
        emitters.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                if (auto event = tracer.probe<EventKind::ClientAction>())
                    event->setClient(t).setResult(i);
            }
            --running;
        });
    }
    // One consumer drains in small batches while the producers run.
    std::vector<TraceEvent> events;
    while (running.load() > 0)
        tracer.drain(events, 257);
    for (auto &emitter : emitters)
        emitter.join();
    tracer.drain(events);

    QCOMPARE_EQ(events.size(), size_t(kThreads * kPerThread));
    std::vector<int> next(kThreads, 0);
    for (size_t i = 0; i < events.size(); ++i) {
        QCOMPARE_EQ(events[i].seq, uint64_t(i + 1));
        QCOMPARE_EQ(events[i].result, next[size_t(events[i].client)]++);
    }
}

void TestTraceBuffer::drainEndsWhileProducersGoOn()
{
    // A producer that never stops (the loop spinning on a timer of frequency 0): a
    // drain takes what was reserved when it began and returns, however fast events
    // keep coming. Here the drain's own visitor records one more event for each it
    // is handed, across chunk borders: a drain that chased them would never end (it
    // is cut off at ten times the number), however fast the machine.
    constexpr size_t kWaiting = 3 * 4096 + 5;
    Tracer tracer;
    for (size_t i = 0; i < kWaiting; ++i)
        tracer.record(EventKind::ClientAction);
    size_t recordedDuring = 0;
    const size_t drained = tracer.drainSlots([&](const TraceSlot &, int64_t) {
        if (recordedDuring < 10 * kWaiting) {
            tracer.record(EventKind::ClientAction);
            ++recordedDuring;
        }
    });
    QCOMPARE_EQ(drained, kWaiting);
    // The next drain takes what came meanwhile, and again only that.
    QCOMPARE_EQ(tracer.drainSlots([](const TraceSlot &, int64_t) {}), recordedDuring);
    QCOMPARE_EQ(recordedDuring, kWaiting);
}

void TestTraceBuffer::disabledRecordsNothing()
{
    Tracer tracer;
    tracer.setEnabled(false);
    for (int i = 0; i < 100; ++i) {
        auto event = tracer.record(EventKind::Note);
        QVERIFY(!event);
    }
    tracer.setEnabled(true);
    {
        auto event = tracer.record(EventKind::Note);
        QVERIFY(bool(event));
    }
    std::vector<TraceEvent> events;
    tracer.drain(events);
    QCOMPARE_EQ(events.size(), size_t(1));
    QCOMPARE_EQ(events[0].seq, uint64_t(1));
}

void TestTraceBuffer::flowScopeTagsEvents()
{
    Tracer tracer;
    const uint64_t flow = tracer.newFlow();
    {
        FlowScope scope(flow);
        auto event = tracer.record(EventKind::Note);
    }
    {
        auto event = tracer.record(EventKind::Note);
    }
    std::vector<TraceEvent> events;
    tracer.drain(events);
    QCOMPARE_EQ(events.size(), size_t(2));
    QCOMPARE_EQ(events[0].flow, flow);
    QCOMPARE_EQ(events[1].flow, uint64_t(0));
}

void TestTraceBuffer::everyFieldOfItsKindComesBack_data()
{
    QTest::addColumn<int>("kind");
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QTest::addRow("%s", eventKindInfo(EventKind(kind)).name) << kind;
}

void TestTraceBuffer::everyFieldOfItsKindComesBack()
{
    // Each field of the kind set to a value of its own that fills its width, so a
    // field read from a neighbour's offset or with the wrong size shows.
    QFETCH(int, kind);
    const auto eventKind = EventKind(kind);
    const uint32_t fields = eventKindFields(eventKind);
    Tracer tracer;
    {
        auto event = tracer.record(eventKind);
        QVERIFY(bool(event));
        event->text = "name";
        event->reason = EventReason::None;
        event->flow = 42;
        int index = 0;
#define POLLSCOPE_SET_FIELD(type, member, Flag, json)                                          \
        if (fields & TraceField::Flag)                                                         \
            event->set##Flag(type(int64_t(0x5a5a5a5a5a5a5a00) + TraceField::Flag##Index));     \
        ++index;
        POLLSCOPE_TRACE_FIELDS(POLLSCOPE_SET_FIELD)
#undef POLLSCOPE_SET_FIELD
        QCOMPARE_EQ(index, int(TraceField::Count));
    }
    std::vector<TraceEvent> events;
    tracer.drain(events);
    QCOMPARE_EQ(events.size(), size_t(1));
    const TraceEvent &event = events[0];
    QCOMPARE_EQ(event.kind, eventKind);
    QCOMPARE_EQ(event.present, fields);
    QCOMPARE_EQ(event.flow, uint64_t(42));
    QCOMPARE_EQ(std::string(event.text), std::string("name"));
    QVERIFY(event.site == nullptr);
#define POLLSCOPE_CHECK_FIELD(type, member, Flag, json)                                        \
    if (fields & TraceField::Flag)                                                             \
        QCOMPARE_EQ(event.member, type(int64_t(0x5a5a5a5a5a5a5a00) + TraceField::Flag##Index));
    POLLSCOPE_TRACE_FIELDS(POLLSCOPE_CHECK_FIELD)
#undef POLLSCOPE_CHECK_FIELD
}

QTEST_GUILESS_MAIN(TestTraceBuffer)
#include "tst_tracebuffer.moc"
