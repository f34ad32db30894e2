// The app's compact event store: every kind and field comes back as it was
// appended, a real session takes at most 48 bytes an event, and the oldest
// events go a whole chunk at a time.
#include "callingclient.h"
#include "client/remoteclient.h"
#include "daemonfixture.h"
#include "eventsamples.h"
#include "rpc/keepalive.h"
#include "trace/compactevents.h"
#include "trace/threadnames.h"
#include "trace/tracewriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;

class TestCompactEvents : public QObject
{
    Q_OBJECT

private slots:
    void everyKindAndFieldRoundTrips_data();
    void everyKindAndFieldRoundTrips();
    void daemonSessionRoundTripsInFewBytes();
    void oldestChunksGo_data();
    void oldestChunksGo();
};

void TestCompactEvents::everyKindAndFieldRoundTrips_data()
{
    QTest::addColumn<int>("kind");
    for (int kind = 0; kind < int(EventKind::Count); ++kind)
        QTest::addRow("%s", eventKindInfo(EventKind(kind)).name) << kind;
}

void TestCompactEvents::everyKindAndFieldRoundTrips()
{
    QFETCH(int, kind);
    TraceSession session;
    session.threadNames = {"main", "loop", "worker-1", "client-a"};
    const TraceEvent full = test::eventWithEveryField(kind);
    session.events.push_back(full);
    // Nothing optional.
    TraceEvent bare{};
    bare.seq = 2;
    bare.timeNs = -5;
    bare.kind = EventKind(kind);
    bare.reason = EventReason::None;
    bare.thread = 3;
    session.events.push_back(bare);
    // A seq too far from its chunk's first for the slot, and the texts seen before.
    TraceEvent far = full;
    far.seq = uint64_t(1) << 40;
    far.present &= eventKindInfo(EventKind(kind)).fields;
    session.events.push_back(far);
    TraceEvent next = bare;
    next.seq = far.seq + 1;
    session.events.push_back(next);

    CompactEvents events;
    for (const TraceEvent &event : session.events)
        events.append(event);
    QCOMPARE(events.size(), session.events.size());
    for (size_t i = 0; i < session.events.size(); ++i) {
        test::compareEvents(session, session.events[i], session, events.at(i));
        QCOMPARE(events.seq(i), session.events[i].seq);
        QCOMPARE(events.timeNs(i), session.events[i].timeNs);
        QCOMPARE(events.kind(i), session.events[i].kind);
        QCOMPARE(events.thread(i), session.events[i].thread);
    }
}

void TestCompactEvents::daemonSessionRoundTripsInFewBytes()
{
    // The daemon under both loads: one client calling, one pinging.
    test::DaemonFixture daemon;
    QVERIFY(daemon.start());
    test::CallingClient caller;
    QVERIFY2(caller.start(daemon.socketPath()), caller.problem().c_str());
    RemoteClient pinger;
    QVERIFY(pinger.connectUnix(daemon.socketPath()));
    const std::vector<uint8_t> ping = encodeKeepalivePing();
    for (int i = 0; i < 500; ++i) {
        QVERIFY(pinger.send(ping));
        QVERIFY(pinger.readFrame(std::chrono::seconds(10)).status == RemoteClient::ReadStatus::Frame);
    }
    QVERIFY2(caller.waitForMoreReplies(200), caller.problem().c_str());
    caller.stop();
    pinger.hangUp();
    daemon.shutdown();
    daemon.drain();

    TraceSession session;
    session.events = daemon.log().events();
    session.threadNames = ThreadNames::snapshot();
    CompactEvents events;
    for (const TraceEvent &event : session.events)
        events.append(event);

    // Decoded, it writes the very JSON Lines the session writes.
    TraceSession decoded = session;
    decoded.events.clear();
    for (size_t i = 0; i < events.size(); ++i)
        decoded.events.push_back(events.at(i));
    QTemporaryDir dir;
    QVERIFY(exportTrace(session, dir.filePath("a.jsonl").toStdString(), TraceFormat::JsonLines));
    QVERIFY(exportTrace(decoded, dir.filePath("b.jsonl").toStdString(), TraceFormat::JsonLines));
    QFile a(dir.filePath("a.jsonl"));
    QFile b(dir.filePath("b.jsonl"));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());

    const double perEvent = double(events.memoryBytes()) / double(events.size());
    qInfo("%zu events, %.1f bytes an event (a TraceEvent is %zu)", events.size(), perEvent, sizeof(TraceEvent));
    QVERIFY2(perEvent <= 48, qPrintable(QString::number(perEvent)));
}

void TestCompactEvents::oldestChunksGo_data()
{
    QTest::addColumn<size_t>("appended");
    QTest::addColumn<size_t>("asked");
    QTest::addColumn<size_t>("gone");
    constexpr size_t chunk = CompactEvents::kChunkEvents;
    QTest::newRow("less than a chunk asked") << 3 * chunk + 10 << chunk - 1 << size_t(0);
    QTest::newRow("a chunk and some") << 3 * chunk + 10 << chunk + 5 << chunk;
    QTest::newRow("all but the last chunk") << 3 * chunk + 10 << 3 * chunk + 10 << 3 * chunk;
    QTest::newRow("the chunk being filled stays") << 2 * chunk << 2 * chunk << chunk;
}

void TestCompactEvents::oldestChunksGo()
{
    QFETCH(size_t, appended);
    QFETCH(size_t, asked);
    QFETCH(size_t, gone);
    CompactEvents events;
    TraceEvent event{};
    event.kind = EventKind::PollBegin;
    for (size_t i = 0; i < appended; ++i) {
        event.seq = i + 1;
        event.timeNs = int64_t(i) * 10;
        event.setIteration(int64_t(i));
        events.append(event);
    }
    QCOMPARE(events.dropFront(asked), gone);
    QCOMPARE(events.size(), appended - gone);
    QCOMPARE(events.seq(0), gone + 1);
    QCOMPARE(events.at(0).iteration, int64_t(gone));
    QCOMPARE(events.at(events.size() - 1).seq, appended);
    // Appending goes on where it was.
    event.seq = appended + 1;
    events.append(event);
    QCOMPARE(events.seq(events.size() - 1), appended + 1);
}

QTEST_GUILESS_MAIN(TestCompactEvents)
#include "tst_compactevents.moc"
