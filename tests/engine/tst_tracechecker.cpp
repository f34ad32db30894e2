// The trace invariants (`pollscope check`): real traces from the loop and the
// daemon hold all of them, and a trace broken in each way is caught by its rule.
#include "daemonfixture.h"

#include "client/remoteclient.h"
#include "demo/demosession.h"
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
    void describesEvents();
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
    }
    const auto found = checkTrace(t.session());
    QCOMPARE(rulesOf(found), QStringList(qsizetype(violations), rule));
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

QTEST_GUILESS_MAIN(TestTraceChecker)
#include "tst_tracechecker.moc"
