// The trace invariants (`pollscope check`): real traces from the loop and the
// daemon hold all of them, and a trace broken in each way is caught by its rule.
// A trace imported from a real libvirtd 9's log is held to 9's rules only.
#include "daemonfixture.h"

#include "client/remoteclient.h"
#include "demo/demosession.h"
#include "import/libvirtdlog.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"

#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

namespace {

// Builds a trace by hand: one call per event, in order.
class TraceBuilder
{
public:
    TraceBuilder()
    {
        m_session.threadNames = {"main", "loop", "worker-1"};
    }

    TraceEvent &add(EventKind kind, uint16_t thread = 1)
    {
        TraceEvent event{};
        event.seq = m_session.events.size() + 1;
        event.timeNs = int64_t(event.seq) * 1000;
        event.kind = kind;
        event.thread = thread;
        m_session.events.push_back(event);
        return m_session.events.back();
    }

    // The loop's start: the wakeup pipe as watch 1, then `count` more handles.
    TraceBuilder &initLoop(int handles = 1)
    {
        for (int watch = 1; watch <= handles; ++watch) {
            add(EventKind::AddHandle, 0).setWatch(watch).setFd(watch + 2).setEvents(1).setResult(watch);
            add(EventKind::Interrupt, 0).setBytes(0).setResult(0);
        }
        return *this;
    }

    TraceBuilder &beginIteration(int nfds)
    {
        add(EventKind::RunOnceBegin);
        add(EventKind::MakePollFDs).setNfds(nfds);
        add(EventKind::PollBegin).setNfds(nfds).setTimeout(-1);
        return *this;
    }

    const TraceSession &session() const { return m_session; }
    TraceSession &session() { return m_session; }

private:
    TraceSession m_session;
};

QStringList rulesOf(const std::vector<TraceViolation> &violations)
{
    QStringList rules;
    for (const TraceViolation &v : violations)
        rules << QString::fromStdString(v.rule);
    return rules;
}

} // namespace

class TestTraceChecker : public QObject
{
    Q_OBJECT

private slots:
    void realTracesHoldEveryInvariant();
    void brokenTraces_data();
    void brokenTraces();
    void gapsAreNoViolations_data();
    void gapsAreNoViolations();
    void describesEvents();
    void importedLogHoldsLibvirt9Invariants();
    void brokenLibvirt9Traces_data();
    void brokenLibvirt9Traces();
};

void TestTraceChecker::realTracesHoldEveryInvariant()
{
    {
        Tracer tracer;
        const TraceSession demo = runDemoSession(tracer);
        const auto violations = checkTrace(demo);
        QVERIFY2(violations.empty(), violations.empty() ? "" : violations.front().message.c_str());
    }
    DaemonFixture daemon([](DaemonConfig &config) { config.maxClients = 3; });
    QVERIFY(daemon.start());
    std::vector<std::unique_ptr<RemoteClient>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<RemoteClient>());
        QVERIFY(clients.back()->connectUnix(daemon.socketPath()));
        clients.back()->call(REMOTE_PROC_AUTH_LIST, {}, std::chrono::milliseconds(500));
    }
    clients[0]->hangUp(true);
    clients[1]->call(REMOTE_PROC_CONNECT_CLOSE);
    daemon.shutdown();
    TraceSession session;
    session.events = daemon.log().events();
    session.threadNames = ThreadNames::snapshot();
    const auto violations = checkTrace(session);
    QVERIFY2(violations.empty(),
             violations.empty() ? "" : (violations.front().rule + ": " + violations.front().message).c_str());
}

void TestTraceChecker::brokenTraces_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("violations");
    QTest::addRow("gap in seq") << "total-order" << 1;
    QTest::addRow("a field the kind does not carry") << "fields-of-the-kind" << 1;
    QTest::addRow("watch given out twice") << "ids-never-reused" << 1;
    QTest::addRow("dispatch after remove") << "no-dispatch-of-deleted" << 1;
    QTest::addRow("purge of a live handle") << "purge-only-deleted" << 1;
    QTest::addRow("free callback twice") << "free-callback-once-in-loop-thread" << 1;
    QTest::addRow("free callback on a worker") << "free-callback-once-in-loop-thread" << 1;
    QTest::addRow("poll set with a deleted fd") << "poll-set-matches-state" << 1;
    QTest::addRow("update from a worker without wakeup") << "interrupt-when-polling" << 1;
    QTest::addRow("wakeup written by the loop itself") << "interrupt-when-polling" << 1;
    QTest::addRow("handles after empty poll") << "handles-only-after-ready-poll" << 1;
    QTest::addRow("timer after handles") << "timers-before-handles" << 1;
    QTest::addRow("wakeup drained twice") << "wakeup-drained" << 1;
    QTest::addRow("end without begin") << "spans-balanced" << 1;
    QTest::addRow("read before register") << "client-registered-before-read" << 1;
    QTest::addRow("freed without failure") << "client-freed-after-failure" << 1;
    QTest::addRow("request lost while every worker waits") << "requests-reach-a-worker" << 1;
    QTest::addRow("request just before the quit") << "requests-reach-a-worker" << 0;
    QTest::addRow("request waiting behind a busy worker") << "requests-reach-a-worker" << 0;
    QTest::addRow("request queued before a worker's last job") << "requests-reach-a-worker" << 0;
    QTest::addRow("request of a failed client") << "requests-reach-a-worker" << 0;
    QTest::addRow("event relayed to a registered client") << "events-follow-their-cause" << 0;
    QTest::addRow("event message before its state change") << "events-follow-their-cause" << 1;
    QTest::addRow("event message to an unregistered client") << "events-follow-their-cause" << 1;
    QTest::addRow("event message to a deregistered client") << "events-follow-their-cause" << 1;
    QTest::addRow("event message sent but never queued") << "events-follow-their-cause" << 1;
}

void TestTraceChecker::brokenTraces()
{
    QFETCH(QString, rule);
    QFETCH(int, violations);
    const QString row = QString::fromLatin1(QTest::currentDataTag());
    TraceBuilder t;
    t.initLoop(2);
    if (row == "gap in seq") {
        t.add(EventKind::Note).seq += 5;
    } else if (row == "a field the kind does not carry") {
        t.add(EventKind::CleanupHandles).setHandles(1).setClient(3);
    } else if (row == "watch given out twice") {
        t.add(EventKind::AddHandle, 0).setWatch(2).setFd(9).setEvents(1);
    } else if (row == "dispatch after remove") {
        t.add(EventKind::RemoveHandle, 0).setWatch(2).setResult(0);
        t.add(EventKind::Interrupt, 0).setBytes(0);
        t.beginIteration(1);
        t.add(EventKind::PollEnd).setResult(1);
        t.add(EventKind::DispatchHandles);
        t.add(EventKind::DispatchHandleBegin).setWatch(2);
        t.add(EventKind::DispatchHandleEnd).setWatch(2);
    } else if (row == "purge of a live handle") {
        t.add(EventKind::RunOnceBegin);
        t.add(EventKind::PurgeHandle).setWatch(2);
    } else if (row == "free callback twice" || row == "free callback on a worker") {
        t.add(EventKind::RemoveHandle, 0).setWatch(2).setResult(0);
        t.add(EventKind::Interrupt, 0).setBytes(0);
        t.add(EventKind::RunOnceBegin);
        t.add(EventKind::PurgeHandle).setWatch(2);
        const uint16_t thread = row == "free callback on a worker" ? 2 : 1;
        t.add(EventKind::FreeCallbackBegin, thread).setWatch(2);
        t.add(EventKind::FreeCallbackEnd, thread).setWatch(2);
        if (row == "free callback twice") {
            t.add(EventKind::FreeCallbackBegin).setWatch(2);
            t.add(EventKind::FreeCallbackEnd).setWatch(2);
        }
    } else if (row == "poll set with a deleted fd") {
        t.add(EventKind::RemoveHandle, 0).setWatch(2).setResult(0);
        t.add(EventKind::Interrupt, 0).setBytes(0);
        t.beginIteration(2);
    } else if (row == "update from a worker without wakeup") {
        t.beginIteration(2);
        t.add(EventKind::UpdateHandle, 2).setWatch(2).setEvents(3).setResult(0);
        t.add(EventKind::Interrupt, 2).setBytes(0).setResult(0);
    } else if (row == "wakeup written by the loop itself") {
        t.beginIteration(2);
        t.add(EventKind::PollEnd).setResult(1);
        t.add(EventKind::DispatchHandles);
        t.add(EventKind::DispatchHandleBegin).setWatch(2);
        t.add(EventKind::UpdateHandle).setWatch(2).setEvents(3).setResult(0);
        t.add(EventKind::Interrupt).setBytes(1).setResult(0);
        t.add(EventKind::DispatchHandleEnd).setWatch(2);
    } else if (row == "handles after empty poll") {
        t.beginIteration(2);
        t.add(EventKind::PollEnd).setResult(0);
        t.add(EventKind::DispatchHandles);
    } else if (row == "timer after handles") {
        t.beginIteration(2);
        t.add(EventKind::PollEnd).setResult(1);
        t.add(EventKind::DispatchHandles);
        t.add(EventKind::DispatchTimeoutBegin).setTimer(1);
        t.add(EventKind::DispatchTimeoutEnd).setTimer(1);
    } else if (row == "wakeup drained twice") {
        t.add(EventKind::HandleWakeup).setBytes(1);
    } else if (row == "end without begin") {
        t.add(EventKind::PollEnd).setResult(0);
    } else if (row == "read before register") {
        t.add(EventKind::ClientRead).setClient(4).setBytes(4);
    } else if (row == "freed without failure") {
        t.add(EventKind::FreeClient).setClient(4);
    } else if (row.startsWith("request")) {
        t.add(EventKind::RegisterClientEvent).setClient(4);
        if (row == "request waiting behind a busy worker")
            t.add(EventKind::WorkerJobBegin, 2).setClient(4).setSerial(1);
        t.add(EventKind::MessageReceived).setClient(4).setSerial(2);
        if (row == "request queued before a worker's last job") {
            t.add(EventKind::WorkerJobBegin, 2).setClient(4).setSerial(1);
            t.add(EventKind::WorkerJobEnd, 2).setClient(4).setSerial(1);
        }
        if (row == "request of a failed client")
            t.add(EventKind::ClientFailure).setClient(4);
        TraceEvent &quit = t.add(EventKind::DispatchSignalEvent).setSignal(15);
        // Seconds later, unless the signal came at once.
        if (row != "request just before the quit")
            quit.timeNs += 5'000'000'000;
    } else if (row.startsWith("event")) {
        // Client 4 registers callback 7; client 5's call (flow 3) suspends a domain,
        // and the loop relays the event to client 4.
        t.add(EventKind::EventCallbackRegistered, 2).setClient(4).setResult(7);
        if (row == "event message to a deregistered client")
            t.add(EventKind::EventCallbackDeregistered, 2).setClient(4).setResult(7);
        if (row != "event message before its state change")
            t.add(EventKind::DomainEventQueued, 2).flow = 3;
        const int client = row == "event message to an unregistered client" ? 5 : 4;
        if (row != "event message sent but never queued")
            t.add(EventKind::EventMessageQueued).setClient(client).setResult(7).flow = 3;
        t.add(EventKind::EventMessageSent).setClient(client).setResult(7).flow = 3;
    }
    const auto found = checkTrace(t.session());
    QCOMPARE(rulesOf(found), QStringList(qsizetype(violations), rule));
}

void TestTraceChecker::gapsAreNoViolations_data()
{
    // A trace_lost where the steps a rule needs may be: no finding; what the trace
    // still shows whole is still found.
    QTest::addColumn<QStringList>("rules");
    QTest::addRow("read after a gap that may hold the register") << QStringList{};
    QTest::addRow("end after a gap that may hold its begin") << QStringList{};
    QTest::addRow("handles after a gap that may hold the poll") << QStringList{};
    QTest::addRow("wakeup drained after a gap that may hold its write") << QStringList{};
    QTest::addRow("update after a gap that may hold the iteration's end") << QStringList{};
    QTest::addRow("freed without failure, failure maybe in a gap") << QStringList{};
    QTest::addRow("a freed client's read after a gap") << QStringList{"client-freed-after-failure"};
    QTest::addRow("read before register of a client accepted after the gap")
        << QStringList{"client-registered-before-read"};
    QTest::addRow("end without begin on a thread without a gap") << QStringList{"spans-balanced"};
    QTest::addRow("dispatch after remove across a gap") << QStringList{"no-dispatch-of-deleted"};
    // The daemon stops: the loop thread's last events were dropped (its iteration's
    // end among them) and it records nothing more, so its trace_lost is at the end of
    // the file; the main thread then removed a watch with the loop no longer running.
    QTest::addRow("removal after the loop thread's last gap, counted at the end") << QStringList{};
    // The loop thread lost the add of watch 3; a worker updated it before the loop
    // thread recorded again, so the update precedes the trace_lost in seq order. The
    // trace_lost's time, when the loop thread's first event was dropped, says the
    // update may follow from what was lost.
    QTest::addRow("update of a watch whose add a later trace_lost holds") << QStringList{};
    // Another thread took its seq after the update but read the clock before the
    // loop thread's first drop: the gap still holds the update.
    QTest::addRow("update of a watch whose add a later trace_lost holds, a clock read early between")
        << QStringList{};
    QTest::addRow("update of a watch never added, no gap") << QStringList{"changes-find-their-record"};
    QTest::addRow("update of a watch never added, before the gap began")
        << QStringList{"changes-find-their-record"};
}

void TestTraceChecker::gapsAreNoViolations()
{
    QFETCH(QStringList, rules);
    const QString row = QString::fromLatin1(QTest::currentDataTag());
    TraceBuilder t;
    t.initLoop(2);
    const auto gap = [&t](uint16_t thread) { t.add(EventKind::TraceLost, thread).setLength(12); };
    if (row == "read after a gap that may hold the register") {
        gap(1);
        t.add(EventKind::ClientRead).setClient(4).setBytes(4);
    } else if (row == "end after a gap that may hold its begin") {
        gap(1);
        t.add(EventKind::PollEnd).setResult(0);
    } else if (row == "handles after a gap that may hold the poll") {
        gap(1);
        t.add(EventKind::DispatchHandles);
    } else if (row == "wakeup drained after a gap that may hold its write") {
        gap(0);
        t.add(EventKind::HandleWakeup).setBytes(1);
    } else if (row == "update after a gap that may hold the iteration's end") {
        t.beginIteration(2);
        gap(1);
        t.add(EventKind::UpdateHandle, 2).setWatch(2).setEvents(3).setResult(0);
        t.add(EventKind::Interrupt, 2).setBytes(0).setResult(0);
    } else if (row == "freed without failure, failure maybe in a gap") {
        gap(1);
        t.add(EventKind::FreeClient).setClient(4);
    } else if (row == "a freed client's read after a gap") {
        t.add(EventKind::ClientFailure).setClient(4);
        t.add(EventKind::FreeClient).setClient(4);
        gap(1);
        t.add(EventKind::ClientRead).setClient(4).setBytes(4);
    } else if (row == "read before register of a client accepted after the gap") {
        gap(1);
        t.add(EventKind::Accept).setClient(5).setFd(9).setWatch(1);
        t.add(EventKind::ClientRead).setClient(5).setBytes(4);
    } else if (row == "end without begin on a thread without a gap") {
        gap(2);
        t.add(EventKind::PollEnd).setResult(0);
    } else if (row.startsWith("update of a watch")) {
        const bool lost = !row.endsWith("no gap");
        const bool before = row.endsWith("before the gap began");
        const int64_t lossBegan = t.session().events.back().timeNs + (before ? 1500 : 500);
        t.add(EventKind::UpdateHandle, 2).setWatch(3).setEvents(1).setResult(0);
        t.add(EventKind::Interrupt, 2).setBytes(0).setResult(0);
        if (row.endsWith("a clock read early between"))
            t.add(EventKind::Note, 0).timeNs = lossBegan - 100;
        if (lost)
            t.add(EventKind::TraceLost, 1).setLength(1).timeNs = lossBegan;
    } else if (row == "removal after the loop thread's last gap, counted at the end") {
        t.beginIteration(2);
        const int64_t lossBegan = t.session().events.back().timeNs + 500;
        t.add(EventKind::RemoveHandle, 0).setWatch(2).setResult(0);
        t.add(EventKind::Interrupt, 0).setBytes(0).setResult(0);
        t.add(EventKind::TraceLost, 1).setLength(3).timeNs = lossBegan;
    } else if (row == "dispatch after remove across a gap") {
        t.add(EventKind::RemoveHandle, 0).setWatch(2).setResult(0);
        t.add(EventKind::Interrupt, 0).setBytes(0);
        gap(1);
        t.beginIteration(1);
        t.add(EventKind::PollEnd).setResult(1);
        t.add(EventKind::DispatchHandles);
        t.add(EventKind::DispatchHandleBegin).setWatch(2);
        t.add(EventKind::DispatchHandleEnd).setWatch(2);
    }
    QCOMPARE(rulesOf(checkTrace(t.session())), rules);
}

void TestTraceChecker::describesEvents()
{
    TraceBuilder t;
    TraceEvent &event = t.add(EventKind::DispatchHandleBegin);
    event.setWatch(5).setFd(9);
    event.text = "qemudDispatchClientEvent";
    QCOMPARE(describeEvent(t.session(), t.session().events[0]),
             std::string("#1 loop dispatch_handle_begin watch=5 fd=9 \"qemudDispatchClientEvent\""));
}

void TestTraceChecker::importedLogHoldsLibvirt9Invariants()
{
    const std::string log =
        std::string(qgetenv("POLLSCOPE_SOURCE_DIR").constData()) + "/tests/engine/data/libvirtd9-one-client.log";
    const auto imported = importLibvirtdLog(log);
    QVERIFY2(imported, imported.errorText().c_str());
    const auto violations = checkTrace(imported->session);
    QVERIFY2(violations.empty(),
             violations.empty() ? "" : (violations.front().rule + ": " + violations.front().message).c_str());
    // The same events, taken for the replica's, break 0.9's rules: 9 frees a client
    // that closed, where 0.9 freed one that failed.
    TraceSession asReplica = imported->session;
    asReplica.origin.clear();
    QVERIFY(rulesOf(checkTrace(asReplica)).contains("client-freed-after-failure"));
}

void TestTraceChecker::brokenLibvirt9Traces_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("violations");
    QTest::addRow("a client's whole life") << "" << 0;
    QTest::addRow("watch given out twice") << "ids-never-reused" << 1;
    QTest::addRow("update of a removed watch") << "changes-find-their-record" << 1;
    QTest::addRow("dispatch after remove") << "no-dispatch-of-deleted" << 1;
    QTest::addRow("free of a live watch") << "purge-only-deleted" << 1;
    QTest::addRow("dispatch that never ends") << "spans-balanced" << 1;
    QTest::addRow("read before register") << "client-registered-before-read" << 1;
    QTest::addRow("freed without close") << "client-freed-after-close" << 1;
    QTest::addRow("freed with its watch added") << "client-freed-after-close" << 1;
    QTest::addRow("reply queued before its call came") << "replies-follow-requests" << 1;
    QTest::addRow("reply sent before it was queued") << "replies-follow-requests" << 1;
}

void TestTraceChecker::brokenLibvirt9Traces()
{
    QFETCH(QString, rule);
    QFETCH(int, violations);
    const QString row = QString::fromLatin1(QTest::currentDataTag());
    TraceBuilder t;
    t.session().origin = kLibvirtdLogOrigin;
    const auto call = [&t](bool queued, bool sent) {
        t.add(EventKind::MessageReceived).setClient(1).setSerial(1).flow = 1;
        if (queued)
            t.add(EventKind::ReplyQueued, 2).setClient(1).setSerial(1).flow = 1;
        if (sent)
            t.add(EventKind::MessageSent).setClient(1).setSerial(1).flow = 1;
    };
    t.add(EventKind::Accept).setClient(1).setFd(16);
    if (row != "read before register")
        t.add(EventKind::RegisterClientEvent).setClient(1);
    t.add(EventKind::AddHandle).setWatch(7).setFd(16).setEvents(1).setClient(1);
    t.add(EventKind::DispatchHandleBegin).setWatch(7).setRevents(1).setClient(1);
    if (row == "reply queued before its call came") {
        t.add(EventKind::ReplyQueued, 2).setClient(1).setSerial(1).flow = 1;
    } else if (row == "reply sent before it was queued") {
        call(false, true);
    } else {
        call(true, true);
    }
    if (row != "dispatch that never ends")
        t.add(EventKind::DispatchHandleEnd).setWatch(7).setRevents(1).setClient(1);
    if (row == "watch given out twice")
        t.add(EventKind::AddHandle).setWatch(7).setFd(17).setEvents(1);
    if (row != "freed without close")
        t.add(EventKind::ClientClose).setClient(1);
    if (row != "freed with its watch added")
        t.add(EventKind::RemoveHandle).setWatch(7).setFd(16).setClient(1);
    if (row == "update of a removed watch")
        t.add(EventKind::UpdateHandle).setWatch(7).setEvents(0);
    if (row == "dispatch after remove") {
        t.add(EventKind::DispatchHandleBegin).setWatch(7).setRevents(1);
        t.add(EventKind::DispatchHandleEnd).setWatch(7).setRevents(1);
    }
    if (row == "free of a live watch")
        t.add(EventKind::PurgeHandle).setWatch(1);
    else if (row != "freed with its watch added")
        t.add(EventKind::PurgeHandle).setWatch(7);
    t.add(EventKind::FreeClient).setClient(1);
    const auto found = checkTrace(t.session());
    QCOMPARE(rulesOf(found), violations ? QStringList(qsizetype(violations), rule) : QStringList());
}

QTEST_GUILESS_MAIN(TestTraceChecker)
#include "tst_tracechecker.moc"
