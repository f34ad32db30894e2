// Event times: whichever clock TraceClock reads (the time-stamp counter, or
// CLOCK_MONOTONIC where the counter is not trusted), drained events carry
// CLOCK_MONOTONIC nanoseconds: each lies between clock readings taken around it,
// intervals match the clock's, and a thread's times never go back, however the
// events are split into drains. The bounds are generous (they test the unit and
// the conversion, not its last nanoseconds) and nothing waits on a timer.
#include "trace/threadnames.h"
#include "trace/tracer.h"
#include "util/monotonicclock.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace pollscope;

namespace {

// Far more than any calibration error, far less than a wrong unit or origin.
constexpr int64_t kToleranceNs = 200000;

int64_t spinFor(int64_t ns)
{
    const int64_t start = monotonicNowNs();
    int64_t now = start;
    while (now - start < ns)
        now = monotonicNowNs();
    return now;
}

} // namespace

class TestTraceClock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void timesLieBetweenClockReadings_data();
    void timesLieBetweenClockReadings();
    void intervalsMatchTheClock();
    void eachThreadsTimesNeverGoBack();
};

void TestTraceClock::initTestCase()
{
    ThreadNames::setCurrent("main");
    qInfo("events read %s", TraceClock::usesCounter() ? "the time-stamp counter" : "CLOCK_MONOTONIC");
}

void TestTraceClock::timesLieBetweenClockReadings_data()
{
    QTest::addColumn<int>("eventsPerDrain");
    QTest::addColumn<int>("drains");
    QTest::addRow("one drain right after the first event") << 1 << 1;
    QTest::addRow("many small drains") << 10 << 200;
    QTest::addRow("one large drain") << 5000 << 1;
}

void TestTraceClock::timesLieBetweenClockReadings()
{
    QFETCH(int, eventsPerDrain);
    QFETCH(int, drains);
    Tracer tracer;
    for (int drain = 0; drain < drains; ++drain) {
        std::vector<int64_t> before;
        std::vector<int64_t> after;
        for (int i = 0; i < eventsPerDrain; ++i) {
            before.push_back(monotonicNowNs());
            tracer.record(EventKind::Interrupt);
            after.push_back(monotonicNowNs());
        }
        std::vector<TraceEvent> events;
        QCOMPARE(tracer.drain(events), size_t(eventsPerDrain));
        for (int i = 0; i < eventsPerDrain; ++i) {
            QVERIFY2(events[size_t(i)].timeNs >= before[size_t(i)] - kToleranceNs,
                     qPrintable(QString("event %1: %2 ns before its clock reading")
                                    .arg(i).arg(before[size_t(i)] - events[size_t(i)].timeNs)));
            QVERIFY2(events[size_t(i)].timeNs <= after[size_t(i)] + kToleranceNs,
                     qPrintable(QString("event %1: %2 ns after its clock reading")
                                    .arg(i).arg(events[size_t(i)].timeNs - after[size_t(i)])));
        }
    }
}

void TestTraceClock::intervalsMatchTheClock()
{
    // Each event is bracketed by clock readings, so the interval is bounded on
    // both sides however long the thread is preempted around either event.
    Tracer tracer;
    std::vector<TraceEvent> events;
    const int64_t beforeFirst = monotonicNowNs();
    tracer.record(EventKind::Interrupt);
    const int64_t afterFirst = monotonicNowNs();
    tracer.drain(events); // a drain in between: the next one converts from a new point
    const int64_t beforeSecond = spinFor(20000000);
    tracer.record(EventKind::Interrupt);
    const int64_t afterSecond = monotonicNowNs();
    tracer.drain(events);
    QCOMPARE(events.size(), size_t(2));
    const int64_t measured = events[1].timeNs - events[0].timeNs;
    const int64_t shortest = beforeSecond - afterFirst;
    const int64_t longest = afterSecond - beforeFirst;
    QVERIFY2(measured >= shortest - kToleranceNs && measured <= longest + kToleranceNs,
             qPrintable(QString("%1 ns between the events, %2 to %3 ns on the clock")
                            .arg(measured).arg(shortest).arg(longest)));
}

void TestTraceClock::eachThreadsTimesNeverGoBack()
{
    Tracer tracer;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&tracer, t] {
            ThreadNames::setCurrent("emitter-" + std::to_string(t));
            for (int i = 0; i < kPerThread; ++i)
                tracer.record(EventKind::Interrupt);
        });
    }
    // Drained in many batches while the threads emit, as a live session does.
    std::vector<TraceEvent> events;
    while (events.size() < size_t(kThreads * kPerThread)) {
        std::vector<TraceEvent> batch;
        tracer.drain(batch, 97);
        events.insert(events.end(), batch.begin(), batch.end());
    }
    for (std::thread &thread : threads)
        thread.join();

    // CLOCK_MONOTONIC times are positive: 0 is before every one of them.
    std::vector<int64_t> lastOfThread(ThreadNames::snapshot().size(), 0);
    for (const TraceEvent &event : events) {
        if (event.timeNs < lastOfThread[event.thread])
            QFAIL(qPrintable(QString("seq %1 is %2 ns before its thread's previous event")
                                 .arg(event.seq).arg(lastOfThread[event.thread] - event.timeNs)));
        lastOfThread[event.thread] = event.timeNs;
    }
}

QTEST_GUILESS_MAIN(TestTraceClock)
#include "tst_traceclock.moc"
