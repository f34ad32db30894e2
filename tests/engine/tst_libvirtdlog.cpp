// The libvirtd log importer: a real libvirtd 9 log (one virsh client, committed in
// data/) becomes a trace whose steps keep 0.9's kinds where 9 does the same step,
// whose messages form one causal chain from receipt to reply sent, with lanes
// named by role and each step's logging function and line; a line it cannot place
// is kept as a note, and a log cut short or holding binary data names the line.
#include "import/libvirtdlog.h"
#include "import/libvirtdlogline.h"
#include "trace/callbackrole.h"
#include "trace/traceloader.h"
#include "trace/tracewriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace pollscope;

namespace {

std::string sampleLogPath()
{
    return std::string(qgetenv("POLLSCOPE_SOURCE_DIR").constData()) + "/tests/engine/data/libvirtd9-one-client.log";
}

const char *kLine = "2026-12-03 11:59:16.765+0000: 18632: info : virNetServerClientNewInternal:409 : "
                    "RPC_SERVER_CLIENT_NEW: client=0x55ee4ba810c0 sock=0x55ee4ba606f0";

} // namespace

class TestLibvirtdLog : public QObject
{
    Q_OBJECT

private slots:
    void parsesLogLines_data();
    void parsesLogLines();
    void importsTheSampleLog();
    void chainsEachCallFromReceiptToSent();
    void namesLanesAndWatches();
    void namesWorkerLanesByPool_data();
    void namesWorkerLanesByPool();
    void keepsUnknownLinesAsNotes();
    void namesTheLineWhereItStopped_data();
    void namesTheLineWhereItStopped();
    void refusesWhatIsNoLog();
    void exportKeepsOriginAndSites();
};

void TestLibvirtdLog::parsesLogLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("parses");
    QTest::addColumn<qint64>("tid");
    QTest::addColumn<QString>("function");
    QTest::addColumn<int>("sourceLine");
    QTest::addColumn<QString>("message");

    QTest::newRow("probe") << QString::fromLatin1(kLine) << true << qint64(18632)
                           << "virNetServerClientNewInternal" << 409
                           << "RPC_SERVER_CLIENT_NEW: client=0x55ee4ba810c0 sock=0x55ee4ba606f0";
    QTest::newRow("banner") << "2026-12-03 11:59:16.634+0000: 18381: info : hostname: vm" << true << qint64(18381) << ""
                            << 0 << "hostname: vm";
    QTest::newRow("message with ' : '")
        << "2026-12-03 11:59:16.634+0000: 7: error : virFoo:12 : a : b" << true << qint64(7) << "virFoo" << 12 << "a : b";
    QTest::newRow("bad month") << "2026-13-03 11:59:16.634+0000: 7: info : virFoo:12 : x" << false << qint64(0) << ""
                               << 0 << "";
    QTest::newRow("no tid") << "2026-12-03 11:59:16.634+0000: info : virFoo:12 : x" << false << qint64(0) << "" << 0
                            << "";
    QTest::newRow("continuation") << "  at some line" << false << qint64(0) << "" << 0 << "";
    QTest::newRow("empty") << "" << false << qint64(0) << "" << 0 << "";
}

void TestLibvirtdLog::parsesLogLines()
{
    QFETCH(QString, line);
    QFETCH(bool, parses);
    const std::string text = line.toStdString();
    const auto parsed = parseLibvirtdLogLine(text);
    QCOMPARE(parsed.has_value(), parses);
    if (!parses)
        return;
    QFETCH(qint64, tid);
    QFETCH(QString, function);
    QFETCH(int, sourceLine);
    QFETCH(QString, message);
    QCOMPARE(parsed->tid, tid);
    QCOMPARE(QString::fromStdString(std::string(parsed->function)), function);
    QCOMPARE(parsed->sourceLine, sourceLine);
    QCOMPARE(QString::fromStdString(std::string(parsed->message)), message);
}

void TestLibvirtdLog::importsTheSampleLog()
{
    const auto imported = importLibvirtdLog(sampleLogPath());
    QVERIFY2(imported, imported.errorText().c_str());
    QVERIFY2(imported->problem.empty(), imported->problem.c_str());
    const TraceSession &session = imported->session;
    QCOMPARE(session.origin, std::string(kLibvirtdLogOrigin));
    // Every line is accounted for.
    const LibvirtdLogCounts &counts = imported->counts;
    QCOMPARE(counts.steps + counts.folded + counts.notes, counts.lines);
    QCOMPARE(counts.lines, size_t(531));

    std::map<EventKind, int> kinds;
    int64_t lastTime = 0;
    for (size_t i = 0; i < session.events.size(); ++i) {
        const TraceEvent &event = session.events[i];
        QCOMPARE(event.seq, uint64_t(i + 1));
        QVERIFY(event.timeNs >= lastTime);
        lastTime = event.timeNs;
        ++kinds[event.kind];
    }
    QCOMPARE(kinds[EventKind::Accept], 1);
    QCOMPARE(kinds[EventKind::FreeClient], 1);
    QCOMPARE(kinds[EventKind::ClientClose], 1);
    // virsh version: open, auth, features, version calls, ... close: ten calls, ten replies.
    QCOMPARE(kinds[EventKind::MessageReceived], 10);
    QCOMPARE(kinds[EventKind::ReplyQueued], 10);
    QCOMPARE(kinds[EventKind::MessageSent], 10);
    QCOMPARE(kinds[EventKind::WorkerTakesJob], 10);
    QCOMPARE(kinds[EventKind::Note], int(counts.notes));
    QCOMPARE(kinds[EventKind::DispatchHandleBegin], kinds[EventKind::DispatchHandleEnd]);
    QCOMPARE(kinds[EventKind::GLibIterationBegin], kinds[EventKind::GLibIterationEnd]);

    const TraceEvent &accept = *std::find_if(session.events.begin(), session.events.end(),
                                             [](const TraceEvent &event) { return event.kind == EventKind::Accept; });
    QCOMPARE(std::string(accept.function()), std::string("virNetServerClientNewInternal:409"));
    QCOMPARE(accept.client, 1);
    QCOMPARE(accept.fd, 16);
    QCOMPARE(std::string(accept.text), std::string("0x55ee4ba810c0"));
}

void TestLibvirtdLog::chainsEachCallFromReceiptToSent()
{
    const auto imported = importLibvirtdLog(sampleLogPath());
    QVERIFY2(imported, imported.errorText().c_str());
    std::map<uint64_t, std::vector<EventKind>> chains;
    for (const TraceEvent &event : imported->session.events) {
        if (event.flow)
            chains[event.flow].push_back(event.kind);
    }
    QCOMPARE(chains.size(), size_t(10));
    for (const auto &chain : chains) {
        // A named reference, not a structured binding: clang 14 cannot capture those.
        const std::vector<EventKind> &kinds = chain.second;
        const auto position = [&kinds](EventKind kind) { return std::find(kinds.begin(), kinds.end(), kind) - kinds.begin(); };
        QCOMPARE(kinds.front(), EventKind::MessageReceived);
        QVERIFY(position(EventKind::JobQueued) < position(EventKind::WorkerTakesJob));
        QVERIFY(position(EventKind::WorkerTakesJob) < position(EventKind::ProgramDispatch));
        QVERIFY(position(EventKind::ProgramDispatch) < position(EventKind::ReplyQueued));
        QCOMPARE(kinds.back(), EventKind::MessageSent);
    }
}

void TestLibvirtdLog::namesLanesAndWatches()
{
    const auto imported = importLibvirtdLog(sampleLogPath());
    QVERIFY2(imported, imported.errorText().c_str());
    const TraceSession &session = imported->session;
    std::map<int, int> roles;
    for (const TraceEvent &event : session.events) {
        if (event.kind == EventKind::AddHandle)
            roles[event.watch] = event.role;
        if (event.kind == EventKind::GLibIterationBegin || event.kind == EventKind::DispatchHandleBegin)
            QCOMPARE(session.threadName(event), std::string("event-loop 18632"));
        if (event.kind == EventKind::WorkerTakesJob)
            QVERIFY(session.threadName(event).starts_with("rpc-worker "));
    }
    // The client is registered with the watch of its socket, as 0.9 records it.
    const auto registered = std::find_if(session.events.begin(), session.events.end(), [](const TraceEvent &event) {
        return event.kind == EventKind::RegisterClientEvent;
    });
    QVERIFY(registered != session.events.end());
    QCOMPARE(registered->watch, 7);
    QCOMPARE(registered->client, 1);
    QCOMPARE(std::prev(registered)->kind, EventKind::AddHandle);
    QCOMPARE(std::string(registered->function()), std::string("virNetServerClientRegisterEvent:203"));
    // The three listeners (rw, ro, admin), then the client's socket.
    QCOMPARE(roles[2], int(CallbackRole::Listener));
    QCOMPARE(roles[3], int(CallbackRole::Listener));
    QCOMPARE(roles[4], int(CallbackRole::Listener));
    QCOMPARE(roles[7], int(CallbackRole::Client));
    QCOMPARE(roles[1], int(CallbackRole::Other));
}

void TestLibvirtdLog::namesWorkerLanesByPool_data()
{
    // A real libvirtd 9 log written with `1:util.threadjob` too (virsh version): each
    // pool thread says its pool when it starts, and each job names it again.
    QTest::addColumn<qint64>("tid");
    QTest::addColumn<QString>("lane");
    QTest::newRow("event thread") << qint64(26570) << "event-loop 26570";
    QTest::newRow("rpc-libvirtd") << qint64(26576) << "rpc-worker 26576";
    QTest::newRow("rpc-libvirtd, ran GetVersion") << qint64(26578) << "rpc-worker 26578";
    QTest::newRow("prio-rpc-libvirtd, ran AuthList") << qint64(26581) << "prio-rpc-worker 26581";
    QTest::newRow("rpc-admin") << qint64(26586) << "admin rpc-worker 26586";
    QTest::newRow("a lone job's thread") << qint64(26591) << "daemon-init 26591";
}

void TestLibvirtdLog::namesWorkerLanesByPool()
{
    QFETCH(qint64, tid);
    QFETCH(QString, lane);
    const auto imported = importLibvirtdLog(std::string(qgetenv("POLLSCOPE_SOURCE_DIR").constData())
                                            + "/tests/engine/data/libvirtd9-worker-pools.log");
    QVERIFY2(imported, imported.errorText().c_str());
    QVERIFY2(imported->problem.empty(), imported->problem.c_str());
    const LibvirtdLogCounts &counts = imported->counts;
    QCOMPARE(counts.steps + counts.folded + counts.notes, counts.lines);
    const std::vector<std::string> &names = imported->session.threadNames;
    const std::string suffix = ' ' + std::to_string(tid);
    const auto found = std::find_if(names.begin(), names.end(),
                                    [&suffix](const std::string &name) { return name.ends_with(suffix); });
    QVERIFY(found != names.end());
    QCOMPARE(QString::fromStdString(*found), lane);
    // The priority pool runs the calls virsh makes before it may be throttled
    // (AUTH_LIST, CONNECT_OPEN, ...): their jobs are taken on its lanes, not rpc-worker's.
    if (lane.startsWith(QLatin1String("prio-rpc-worker"))) {
        const auto index = uint16_t(found - names.begin());
        const auto &events = imported->session.events;
        QVERIFY(std::any_of(events.begin(), events.end(), [index](const TraceEvent &event) {
            return event.kind == EventKind::WorkerTakesJob && event.thread == index;
        }));
    }
}

void TestLibvirtdLog::keepsUnknownLinesAsNotes()
{
    const std::string text = std::string(kLine) + "\n  a continuation line\n"
                             + "2026-12-03 11:59:16.766+0000: 18632: info : virFoo:1 : SOME_NEW_PROBE: x=1\n"
                             + "2026-12-03 11:59:16.766+0000: 18632: warning : virBar:2 : something odd\n";
    const auto imported = importLibvirtdLogText(text, "log");
    QVERIFY2(imported, imported.errorText().c_str());
    const auto &events = imported->session.events;
    QCOMPARE(events.size(), size_t(4));
    QCOMPARE(events[0].kind, EventKind::Accept);
    QCOMPARE(events[1].reason, EventReason::LogLineNotParsed);
    QCOMPARE(std::string(events[1].text), std::string("  a continuation line"));
    QCOMPARE(events[1].thread, events[0].thread);
    QCOMPARE(events[2].reason, EventReason::ProbeNotKnown);
    QCOMPARE(std::string(events[2].function()), std::string("virFoo:1"));
    QCOMPARE(events[3].reason, EventReason::LogLineKept);
    QCOMPARE(std::string(events[3].text), std::string("warning: something odd"));
    QCOMPARE(imported->counts.notes, size_t(3));
}

void TestLibvirtdLog::namesTheLineWhereItStopped_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("events");
    QTest::addColumn<QString>("problem");

    const QByteArray line = QByteArray(kLine) + '\n';
    QTest::newRow("whole") << line + line << 2 << "";
    QTest::newRow("cut inside line 3") << line + line + line.left(60) << 3
                                       << "log:3: the log ends inside this line (no newline): it was cut short";
    QTest::newRow("binary at line 2") << line + QByteArray("ab\0cd\n", 6) + line << 1
                                      << "log:2: not text (a NUL byte): the import stops here";
}

void TestLibvirtdLog::namesTheLineWhereItStopped()
{
    QFETCH(QByteArray, text);
    QFETCH(int, events);
    QFETCH(QString, problem);
    const auto imported = importLibvirtdLogText(std::string_view(text.constData(), size_t(text.size())), "log");
    QVERIFY2(imported, imported.errorText().c_str());
    QCOMPARE(int(imported->session.events.size()), events);
    QCOMPARE(QString::fromStdString(imported->problem), problem);
}

void TestLibvirtdLog::refusesWhatIsNoLog()
{
    const auto trace = importLibvirtdLogText("{\"format\":\"pollscope-trace\"}\n", "trace.jsonl");
    QVERIFY(!trace);
    QVERIFY2(trace.error().describe().starts_with("trace.jsonl:1: not a libvirtd log"), trace.errorText().c_str());
    QVERIFY(!importLibvirtdLogText("", "empty"));
    QVERIFY(!importLibvirtdLog("/nonexistent/libvirtd.log"));
    QVERIFY(isLibvirtdLog(sampleLogPath()));
    QVERIFY(!isLibvirtdLog("/nonexistent/libvirtd.log"));
}

void TestLibvirtdLog::exportKeepsOriginAndSites()
{
    const auto imported = importLibvirtdLog(sampleLogPath());
    QVERIFY2(imported, imported.errorText().c_str());
    QTemporaryDir dir;
    for (const TraceFormat format : {TraceFormat::JsonLines, TraceFormat::Chrome}) {
        const std::string path = dir.filePath(QStringLiteral("trace")).toStdString() + traceFormatName(format);
        const Result<void> written = exportTrace(imported->session, path, format);
        QVERIFY2(written, written.errorText().c_str());
        const auto loaded = loadTrace(path);
        QVERIFY2(loaded, loaded.errorText().c_str());
        QCOMPARE(loaded->origin, std::string(kLibvirtdLogOrigin));
        QCOMPARE(loaded->events.size(), imported->session.events.size());
        for (size_t i = 0; i < loaded->events.size(); ++i)
            QCOMPARE(std::string(loaded->events[i].function()), std::string(imported->session.events[i].function()));
    }
}

QTEST_GUILESS_MAIN(TestLibvirtdLog)
#include "tst_libvirtdlog.moc"
