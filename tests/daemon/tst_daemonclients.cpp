// The daemon and its clients over real sockets: accept, the handle mode as requests
// and replies come and go, throttling at max_client_requests, the max_clients limit,
// broken and hostile clients (each loses only its own connection, and the trace
// says why), keepalive (stepped by the test, on a clock it moves), EMFILE, shutdown
// with clients connected, and the wakeup chain of one call: worker queues reply ->
// qemudUpdateClientEvent -> interrupt writes the pipe -> poll returns -> wakeup
// handler -> client write.
// Every case ends with the process's open fd count back where it started.
#include "daemonfixture.h"
#include "fdcount.h"
#include "manualclock.h"

#include "client/remoteclient.h"
#include "rpc/keepalive.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "rpc/xdrwriter.h"
#include "trace/threadnames.h"

#include <QTest>

#include <condition_variable>
#include <mutex>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pollscope;
using namespace pollscope::test;
using namespace std::chrono_literals;

namespace {

// Holds every worker before its hypervisor call until released (only calls of
// `procedure`, when one is given).
class WorkerGate
{
public:
    explicit WorkerGate(int32_t procedure = -1) : m_procedure(procedure) {}

    // Declared after the daemon it gates: an early return from a failed check still
    // lets the workers go before the daemon is shut down.
    struct OpenOnExit
    {
        WorkerGate &gate;
        ~OpenOnExit() { gate.open(); }
    };

    void hold(const MessageHeader &header)
    {
        if (m_procedure >= 0 && header.proc != m_procedure)
            return;
        std::unique_lock lock(m_lock);
        ++m_waiting;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return m_open; });
        --m_waiting;
    }
    void open()
    {
        std::lock_guard guard(m_lock);
        m_open = true;
        m_changed.notify_all();
    }
    bool waitForHeld(int count)
    {
        std::unique_lock lock(m_lock);
        return m_changed.wait_for(lock, 10s, [&] { return m_waiting >= count; });
    }

private:
    const int32_t m_procedure;
    std::mutex m_lock;
    std::condition_variable m_changed;
    int m_waiting = 0;
    bool m_open = false;
};

TraceLog::Predicate withClient(int client)
{
    return [client](const TraceEvent &e) { return e.has(TraceField::Client) && e.client == client; };
}

TraceLog::Predicate withText(const std::string &fragment)
{
    return [fragment](const TraceEvent &e) { return englishMessage(e).find(fragment) != std::string::npos; };
}

TraceLog::Predicate both(TraceLog::Predicate a, TraceLog::Predicate b)
{
    return [a, b](const TraceEvent &e) { return a(e) && b(e); };
}

// A well-behaved client: open, then answers every call correctly.
bool callsWork(RemoteClient &client, int calls = 3)
{
    for (int i = 0; i < calls; ++i) {
        const auto reply = client.call(REMOTE_PROC_CONNECT_GET_HOSTNAME);
        if (!reply || !reply->ok() || reply->error)
            return false;
        if (std::get<ConnectGetHostnameRet>(reply->ret).hostname != TestHypervisor::localHostname())
            return false;
    }
    return true;
}

// CONNECT_OPEN on a connected client.
bool openOn(RemoteClient &client)
{
    const auto reply = client.callFrame(encodeConnectOpenCall(client.nextSerial(), std::string("test:///default"), 0), 10s);
    return reply && reply->ok() && !reply->error;
}

bool openConnection(RemoteClient &client, const std::string &path)
{
    return client.connectUnix(path) && openOn(client);
}

std::vector<uint8_t> rawFrame(uint32_t length, std::vector<uint32_t> words)
{
    XdrWriter writer;
    writer.writeU32(length);
    for (uint32_t word : words)
        writer.writeU32(word);
    return writer.takeBytes();
}

} // namespace

class TestDaemonClients : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_fdsBefore = openFdCount(); }
    void cleanup() { QCOMPARE_EQ(openFdCount(), m_fdsBefore); }

    void acceptRegistersReadableClient();
    void handleModeFollowsRequestsAndReplies();
    void wakeupChainForOneCall();
    void loopServesAClientDuringItsCall();
    void workersTakeRequestsInClientOrder();
    void throttlesAtMaxClientRequests();
    void maxClientsRejectsTheExcess();
    void badLengthsDropOnlyThatClient_data();
    void badLengthsDropOnlyThatClient();
    void protocolErrorsGetErrorReplies_data();
    void protocolErrorsGetErrorReplies();
    void hangUpMidMessage_data();
    void hangUpMidMessage();
    void clientThatStopsReadingDoesNotStallOthers();
    void keepalivePingAnsweredByLoopThread();
    void keepaliveDeath();
    void closeEndsTheConnectionAfterItsReply();
    void readonlySocketRefusesWrites();
    void workersGrowAndShrink();
    void emfileRecovery();
    void shutdownWithClientsConnected();

private:
    int m_fdsBefore = 0;
};

void TestDaemonClients::acceptRegistersReadableClient()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    const int registered = daemon.waitFor(EventKind::RegisterClientEvent);
    QVERIFY(registered >= 0);
    const TraceLog &log = daemon.log();
    const TraceEvent &event = log.events()[size_t(registered)];
    QCOMPARE_EQ(event.client, 1);
    QCOMPARE_EQ(event.events, int(EventHandle::Readable));
    // The listener's callback found its socket by watch and accepted; the client's
    // AddHandle belongs to the same causal chain as the accept.
    const int dispatch = log.indexOf(EventKind::DispatchServerEvent);
    const int accept = log.indexOf(EventKind::Accept);
    const int add = log.indexOf(EventKind::AddHandle, withWatch(event.watch));
    QVERIFY(dispatch >= 0 && dispatch < accept && accept < add && add < registered);
    QCOMPARE(log.events()[size_t(dispatch)].reason, EventReason::ListenerFound);
    QVERIFY(log.events()[size_t(accept)].flow != 0);
    QCOMPARE_EQ(log.events()[size_t(add)].flow, log.events()[size_t(accept)].flow);
    QVERIFY(openOn(client));
    QVERIFY(callsWork(client));
}

void TestDaemonClients::handleModeFollowsRequestsAndReplies()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    const auto reply = client.call(REMOTE_PROC_AUTH_LIST);
    QVERIFY(reply && reply->ok() && !reply->error);
    QVERIFY(daemon.waitFor(EventKind::MessageSent) >= 0);
    daemon.drain();
    // READABLE while idle; READABLE|WRITABLE once the worker queued the reply; back
    // to READABLE when it has been written.
    std::vector<int> modes;
    for (const TraceEvent &e : daemon.log().events()) {
        if (e.kind == EventKind::UpdateClientEvent)
            modes.push_back(e.events);
    }
    const int rw = EventHandle::Readable | EventHandle::Writable;
    QCOMPARE(QList<int>(modes.begin(), modes.end()), (QList<int>{EventHandle::Readable, EventHandle::Readable, rw,
                                                                  EventHandle::Readable}));
}

void TestDaemonClients::wakeupChainForOneCall()
{
    WorkerGate gate;
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.beforeWorkerDispatch = [&](const MessageHeader &header) { gate.hold(header); };
    });
    WorkerGate::OpenOnExit opener{gate};
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    QVERIFY(client.send(encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 0)));
    // The worker holds the request until the loop has gone back to poll(): from its
    // PollBegin on, the loop is running, so the reply's interrupt writes the pipe.
    QVERIFY(gate.waitForHeld(1));
    const int messageReceived = daemon.waitFor(EventKind::MessageReceived);
    const int nextIteration = daemon.waitFor(EventKind::RunOnceBegin, {}, messageReceived);
    QVERIFY(nextIteration >= 0);
    QVERIFY(daemon.waitFor(EventKind::PollBegin, {}, nextIteration) >= 0);
    gate.open();
    const auto reply = client.readFrame(10s);
    QCOMPARE(reply.status, RemoteClient::ReadStatus::Frame);
    QVERIFY(daemon.waitFor(EventKind::MessageSent) >= 0);

    const TraceLog &log = daemon.log();
    const int received = log.indexOf(EventKind::MessageReceived);
    const uint64_t flow = log.events()[size_t(received)].flow;
    QVERIFY(flow != 0);
    const auto inFlow = [flow](const TraceEvent &e) { return e.flow == flow; };
    const int queued = log.indexOf(EventKind::ReplyQueued, inFlow);
    const int update = log.indexOf(EventKind::UpdateClientEvent, inFlow, queued);
    const int interrupt = log.indexOf(EventKind::Interrupt, both(inFlow, [](const TraceEvent &e) { return e.bytes == 1; }), update);
    const int pollEnd = log.indexOf(EventKind::PollEnd, inFlow, interrupt);
    const int wakeup = log.indexOf(EventKind::HandleWakeup, inFlow, pollEnd);
    const int write = log.indexOf(EventKind::ClientWrite, {}, wakeup);
    const int sent = log.indexOf(EventKind::MessageSent, inFlow, write);
    QVERIFY2(received < queued && queued < update && update < interrupt && interrupt < pollEnd && pollEnd < wakeup
                 && wakeup < write && write < sent,
             log.dump().c_str());
    // The reply was queued and the pipe written by the worker; the loop did the rest.
    const auto threadOf = [&](int index) { return ThreadNames::snapshot()[log.events()[size_t(index)].thread]; };
    QVERIFY(threadOf(queued).rfind("worker-", 0) == 0);
    QCOMPARE(threadOf(interrupt), threadOf(queued));
    QCOMPARE(threadOf(wakeup), std::string("loop"));
    QCOMPARE(threadOf(write), std::string("loop"));
    // As in libvirtd 0.9, the byte is written at once, inside the worker's job and so
    // with the client still locked: before the job ends, and before the loop can take
    // the client's lock to dispatch its write.
    const int jobEnd = log.indexOf(EventKind::WorkerJobEnd, inFlow, queued);
    const int dispatch = log.indexOf(EventKind::DispatchClientEvent, {}, interrupt);
    QVERIFY2(interrupt < jobEnd && interrupt < dispatch && dispatch < write, log.dump().c_str());
    QCOMPARE(threadOf(jobEnd), threadOf(interrupt));
}

// remoteDispatchClientCall unlocks the client around the call: while a worker is in
// one of its calls, the loop still reads the client, answers its PING and queues its
// next request for another worker.
void TestDaemonClients::loopServesAClientDuringItsCall()
{
    WorkerGate gate(REMOTE_PROC_AUTH_LIST);
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.beforeWorkerDispatch = [&](const MessageHeader &header) { gate.hold(header); };
    });
    WorkerGate::OpenOnExit opener{gate};
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    QVERIFY(client.send(encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 1)));
    QVERIFY(gate.waitForHeld(1));
    QVERIFY(client.send(encodeKeepalivePing()));
    const auto pong = client.readFrame(10s);
    QCOMPARE(pong.status, RemoteClient::ReadStatus::Frame);
    QCOMPARE(keepaliveKind(*decodeMessageHeader(pong.frame)), KeepaliveKind::Pong);
    // A second call of the same client is taken by another worker meanwhile.
    const auto reply = client.callFrame(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 2), 10s);
    QVERIFY2(reply.has_value(), client.error().c_str());
    QCOMPARE_EQ(reply->header.serial, 2u);
    gate.open();
    const auto first = client.readFrame(10s);
    QCOMPARE(first.status, RemoteClient::ReadStatus::Frame);
    QCOMPARE_EQ(decodeMessageHeader(first.frame)->serial, 1u);
}

// qemudPendingJob: a free worker takes the first client in the server's array (accept
// order) that has a request, not the request that came first.
void TestDaemonClients::workersTakeRequestsInClientOrder()
{
    WorkerGate gate(REMOTE_PROC_AUTH_LIST);
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.minWorkers = 1;
        config.maxWorkers = 1;
        config.beforeWorkerDispatch = [&](const MessageHeader &header) { gate.hold(header); };
    });
    WorkerGate::OpenOnExit opener{gate};
    QVERIFY(daemon.start());
    RemoteClient busy;
    RemoteClient second;
    RemoteClient third;
    for (RemoteClient *client : {&busy, &second, &third})
        QVERIFY(client->connectUnix(daemon.socketPath()));
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(3)) >= 0);
    QVERIFY(busy.send(encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 1)));
    QVERIFY(gate.waitForHeld(1));
    // Client 3 asks first, client 2 second, while the only worker is busy.
    QVERIFY(third.send(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 1)));
    const int thirdQueued = daemon.waitFor(EventKind::MessageReceived, withClient(3));
    QVERIFY(thirdQueued >= 0);
    QVERIFY(second.send(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 1)));
    QVERIFY(daemon.waitFor(EventKind::MessageReceived, withClient(2), thirdQueued) >= 0);
    gate.open();
    for (RemoteClient *client : {&busy, &second, &third})
        QCOMPARE(client->readFrame(10s).status, RemoteClient::ReadStatus::Frame);
    daemon.drain();
    std::vector<int> order;
    for (const TraceEvent &e : daemon.log().events()) {
        if (e.kind == EventKind::WorkerJobBegin)
            order.push_back(e.client);
    }
    QCOMPARE(QList<int>(order.begin(), order.end()), (QList<int>{1, 2, 3}));
}

void TestDaemonClients::throttlesAtMaxClientRequests()
{
    WorkerGate gate;
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.beforeWorkerDispatch = [&](const MessageHeader &header) { gate.hold(header); };
    });
    WorkerGate::OpenOnExit opener{gate};
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    for (uint32_t serial = 0; serial < 7; ++serial)
        QVERIFY(client.send(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, serial)));
    const int throttled = daemon.waitFor(EventKind::ClientThrottled);
    QVERIFY(throttled >= 0);
    QVERIFY(gate.waitForHeld(5));
    // Five read, two still in the socket; no receive buffer, so not even READABLE.
    QCOMPARE_EQ(daemon.log().count(EventKind::MessageReceived), 5);
    QCOMPARE_EQ(daemon.log().events()[size_t(throttled)].nrequests, 5);
    const int update = daemon.log().indexOf(EventKind::UpdateClientEvent, {}, throttled);
    QCOMPARE_EQ(daemon.log().events()[size_t(update)].events, 0);
    ServerState state = daemon.server().state();
    QCOMPARE_EQ(state.clients.size(), size_t(1));
    QCOMPARE_EQ(state.clients[0].nrequests, 5);
    QVERIFY(!state.clients[0].rxPresent);

    gate.open();
    for (int i = 0; i < 7; ++i) {
        const auto read = client.readFrame(10s);
        QCOMPARE(read.status, RemoteClient::ReadStatus::Frame);
    }
    QVERIFY(daemon.waitFor(EventKind::ClientUnthrottled) >= 0);
    QCOMPARE_EQ(daemon.log().count(EventKind::MessageReceived), 7);
}

void TestDaemonClients::maxClientsRejectsTheExcess()
{
    DaemonFixture daemon([](DaemonConfig &config) { config.maxClients = 2; });
    QVERIFY(daemon.start());
    RemoteClient first;
    RemoteClient second;
    RemoteClient third;
    QVERIFY(openConnection(first, daemon.socketPath()));
    QVERIFY(openConnection(second, daemon.socketPath()));
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(2)) >= 0);
    QVERIFY(third.connectUnix(daemon.socketPath()));
    const int rejected = daemon.waitFor(EventKind::ClientRejected);
    QVERIFY(rejected >= 0);
    QVERIFY(englishMessage(daemon.log().events()[size_t(rejected)]).find("Too many active clients (2)") == 0);
    QVERIFY(third.waitForClose(5s));
    QVERIFY(callsWork(first));
    QVERIFY(callsWork(second));
}

void TestDaemonClients::badLengthsDropOnlyThatClient_data()
{
    QTest::addColumn<uint32_t>("length");
    QTest::addColumn<QString>("reason");
    QTest::addRow("zero") << 0u << "too small";
    QTest::addRow("three") << 3u << "too small";
    QTest::addRow("just over the limit") << uint32_t(262144 + 4 + 1) << "too large";
    QTest::addRow("0xFFFFFFFF") << 0xFFFFFFFFu << "too large";
}

void TestDaemonClients::badLengthsDropOnlyThatClient()
{
    QFETCH(uint32_t, length);
    QFETCH(QString, reason);
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient good;
    QVERIFY(openConnection(good, daemon.socketPath()));
    RemoteClient bad;
    QVERIFY(bad.connectUnix(daemon.socketPath()));
    QVERIFY(bad.send(rawFrame(length, {})));
    QVERIFY(bad.waitForClose(5s));
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(2));
    QVERIFY(failure >= 0);
    QVERIFY2(QString::fromStdString(englishMessage(daemon.log().events()[size_t(failure)])).contains(reason),
             englishMessage(daemon.log().events()[size_t(failure)]).c_str());
    QVERIFY(daemon.waitFor(EventKind::FreeClient, withClient(2)) >= 0);
    QVERIFY(callsWork(good));
}

void TestDaemonClients::protocolErrorsGetErrorReplies_data()
{
    QTest::addColumn<uint32_t>("prog");
    QTest::addColumn<uint32_t>("vers");
    QTest::addColumn<int>("proc");
    QTest::addColumn<uint32_t>("type");
    QTest::addColumn<uint32_t>("status");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown program") << 0x11111111u << 1u << 3 << 0u << 0u << "program mismatch";
    QTest::addRow("unknown version") << REMOTE_PROGRAM << 7u << 3 << 0u << 0u << "version mismatch";
    QTest::addRow("unknown procedure") << REMOTE_PROGRAM << 1u << 9999 << 0u << 0u << "unknown procedure: 9999";
    QTest::addRow("REPLY from a client") << REMOTE_PROGRAM << 1u << 3 << 1u << 0u << "type (1) != REMOTE_CALL";
    QTest::addRow("unknown type") << REMOTE_PROGRAM << 1u << 3 << 77u << 0u << "type (77) != REMOTE_CALL";
    QTest::addRow("ERROR status") << REMOTE_PROGRAM << 1u << 3 << 0u << 1u << "Unexpected message status 1";
}

void TestDaemonClients::protocolErrorsGetErrorReplies()
{
    QFETCH(uint32_t, prog);
    QFETCH(uint32_t, vers);
    QFETCH(int, proc);
    QFETCH(uint32_t, type);
    QFETCH(uint32_t, status);
    QFETCH(QString, message);
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(openConnection(client, daemon.socketPath()));
    const MessageHeader header{prog, vers, proc, type, 42, status};
    QVERIFY(client.send(encodeMessage(header)));
    const auto read = client.readFrame(10s);
    QCOMPARE(read.status, RemoteClient::ReadStatus::Frame);
    const RemoteReply reply = decodeRemoteReply(read.frame);
    QCOMPARE_EQ(reply.header.serial, 42u);
    QCOMPARE_EQ(reply.header.status, uint32_t(MessageStatus::Error));
    QVERIFY(reply.error.has_value());
    QVERIFY2(QString::fromStdString(reply.error->message.value_or("")).contains(message),
             reply.error->message.value_or("").c_str());
    // The connection stays usable.
    QVERIFY(callsWork(client));
}

void TestDaemonClients::hangUpMidMessage_data()
{
    QTest::addColumn<bool>("reset");
    QTest::addColumn<QString>("reason");
    QTest::addRow("close") << false << "end of file in the middle of a message";
    QTest::addRow("reset") << true << "";
}

void TestDaemonClients::hangUpMidMessage()
{
    QFETCH(bool, reset);
    QFETCH(QString, reason);
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient good;
    QVERIFY(openConnection(good, daemon.socketPath()));
    RemoteClient bad;
    QVERIFY(bad.connectUnix(daemon.socketPath()));
    std::vector<uint8_t> half = encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 0);
    half.resize(half.size() / 2);
    QVERIFY(bad.send(half));
    QVERIFY(daemon.waitFor(EventKind::ClientRead, both(withClient(2), [](const TraceEvent &e) {
                               return e.length > 4;
                           })) >= 0);
    bad.hangUp(reset);
    const int failure = daemon.waitFor(EventKind::ClientFailure, withClient(2));
    QVERIFY(failure >= 0);
    if (!reason.isEmpty())
        QCOMPARE(QString::fromStdString(englishMessage(daemon.log().events()[size_t(failure)])), reason);
    QVERIFY(daemon.waitFor(EventKind::FreeClient, withClient(2)) >= 0);
    QVERIFY(callsWork(good));
}

void TestDaemonClients::clientThatStopsReadingDoesNotStallOthers()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient stubborn;
    QVERIFY(openConnection(stubborn, daemon.socketPath()));
    RemoteClient good;
    QVERIFY(openConnection(good, daemon.socketPath()));
    // 300 calls, never reading a reply. The replies pile up in its socket until
    // the daemon's end stops being writable; then all five requests it may have in
    // flight are answered and waiting in tx for a POLLOUT that does not come, and
    // it is throttled: the daemon reads nothing more from it.
    for (uint32_t serial = 1; serial <= 300; ++serial)
        QVERIFY2(stubborn.send(encodeConnectListAllDomainsCall(serial, 1, 0)), stubborn.error().c_str());
    const auto stuck = [&] {
        const ServerState state = daemon.server().state();
        const ServerState::ClientInfo &info = state.clients.at(0);
        return info.id == 1 && !info.rxPresent && info.nrequests == 5 && info.tx == 5;
    };
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!stuck())
        QVERIFY(std::chrono::steady_clock::now() < deadline);
    daemon.drain();
    QVERIFY(daemon.log().count(EventKind::ClientThrottled, withClient(1)) >= 1);
    QVERIFY(daemon.log().count(EventKind::MessageReceived, withClient(1)) < 300);
    QVERIFY(callsWork(good, 20));
    QVERIFY(stuck());
    stubborn.hangUp();
    QVERIFY(daemon.waitFor(EventKind::FreeClient, withClient(1)) >= 0);
    QVERIFY(callsWork(good, 1));
}

void TestDaemonClients::keepalivePingAnsweredByLoopThread()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    QVERIFY(client.send(encodeKeepalivePing()));
    const auto read = client.readFrame(10s);
    QCOMPARE(read.status, RemoteClient::ReadStatus::Frame);
    QVERIFY(read.frame == encodeKeepalivePong());
    const int received = daemon.waitFor(EventKind::KeepaliveReceived);
    QVERIFY(received >= 0);
    QCOMPARE(ThreadNames::snapshot()[daemon.log().events()[size_t(received)].thread], std::string("loop"));
    QCOMPARE_EQ(daemon.log().count(EventKind::WorkerJobBegin), 0);
}

void TestDaemonClients::keepaliveDeath()
{
    // The test is the event thread and moves the keepalive timer's clock itself.
    ManualClock clock;
    DaemonFixture daemon(
        [](DaemonConfig &config) {
            config.eventThread = EventThread::Caller;
            config.keepaliveIntervalMs = 30;
            config.keepaliveCount = 2;
        },
        clock);
    QVERIFY(daemon.start());
    RemoteClient silent;
    QVERIFY(silent.connectUnix(daemon.socketPath()));
    QVERIFY(silent.send(encodeConnectSupportsFeatureCall(0, VIR_DRV_FEATURE_PROGRAM_KEEPALIVE)));
    QVERIFY(daemon.stepUntil(EventKind::MessageSent) >= 0);
    const auto read = silent.readFrame(10s);
    QCOMPARE(read.status, RemoteClient::ReadStatus::Frame);
    const RemoteReply reply = decodeRemoteReply(read.frame);
    QVERIFY2(reply.ok(), reply.problem.c_str());
    QCOMPARE_EQ(std::get<ConnectSupportsFeatureRet>(reply.ret).supported, 1);
    const auto pingsSent = [&] { return daemon.log().count(EventKind::KeepaliveTimer, withText("PING sent")); };
    QCOMPARE_EQ(pingsSent(), 0);

    // It never answers a PING: one PING per silent interval, two of them, and the
    // third interval declares the connection dead.
    const int started = daemon.log().indexOf(EventKind::KeepaliveTimer, withText("keepalive started"));
    QVERIFY(started >= 0);
    int from = started;
    for (int interval = 1; interval <= 2; ++interval) {
        clock.advance(30);
        from = daemon.stepUntil(EventKind::KeepaliveTimer, withText("PING sent"), from + 1);
        QVERIFY(from >= 0);
        QCOMPARE_EQ(pingsSent(), interval);
        QCOMPARE_EQ(daemon.log().count(EventKind::ClientFailure), 0);
    }
    clock.advance(30);
    const int failure = daemon.stepUntil(EventKind::ClientFailure, withClient(1), from);
    QVERIFY(failure >= 0);
    QCOMPARE(englishMessage(daemon.log().events()[size_t(failure)]),
             std::string("connection closed due to keepalive timeout"));
    QCOMPARE_EQ(pingsSent(), 2);
    QVERIFY(silent.waitForClose(5s));
    QVERIFY(daemon.stepUntil(EventKind::FreeClient, withClient(1)) >= 0);
}

void TestDaemonClients::closeEndsTheConnectionAfterItsReply()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(openConnection(client, daemon.socketPath()));
    const auto reply = client.call(REMOTE_PROC_CONNECT_CLOSE);
    QVERIFY(reply && reply->ok() && !reply->error);
    QVERIFY(client.waitForClose(5s));
    const int failure = daemon.waitFor(EventKind::ClientFailure);
    QCOMPARE(englishMessage(daemon.log().events()[size_t(failure)]), std::string("closed after the reply to CONNECT_CLOSE"));
    QVERIFY(daemon.log().indexOf(EventKind::MessageSent, [](const TraceEvent &e) { return e.proc == 2; }) < failure);
}

void TestDaemonClients::readonlySocketRefusesWrites()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(openConnection(client, daemon.readonlySocketPath()));
    QVERIFY(callsWork(client));
    XdrWriter args;
    xdrEncode(args, RemoteNonnullDomain{"test", TestHypervisor().findByName("test")->uuid, 1});
    const auto reply = client.call(REMOTE_PROC_DOMAIN_SUSPEND, args.bytes());
    QVERIFY(reply && reply->ok() && reply->error);
    QCOMPARE(reply->error->message.value_or(""), std::string("operation forbidden: read only access prevents virDomainSuspend"));
}

void TestDaemonClients::workersGrowAndShrink()
{
    DaemonFixture daemon([](DaemonConfig &config) {
        config.minWorkers = 2;
        config.maxWorkers = 4;
    });
    QVERIFY(daemon.start());
    QVERIFY(daemon.waitFor(EventKind::WorkerStart, [](const TraceEvent &e) { return e.workers == 2; }) >= 0);
    std::vector<std::unique_ptr<RemoteClient>> clients;
    for (int i = 0; i < 6; ++i) {
        clients.push_back(std::make_unique<RemoteClient>());
        QVERIFY(clients.back()->connectUnix(daemon.socketPath()));
        QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(i + 1)) >= 0);
    }
    // One more worker per client beyond the workers, up to the maximum.
    QCOMPARE_EQ(daemon.server().state().activeWorkers, 4);
    QCOMPARE_EQ(daemon.log().count(EventKind::WorkerStart), 4);
    clients.clear();
    QVERIFY(daemon.waitFor(EventKind::WorkerStop, [](const TraceEvent &e) { return e.workers == 2; }) >= 0);
    QCOMPARE_EQ(daemon.server().state().activeWorkers, 2);
}

void TestDaemonClients::emfileRecovery()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient first;
    QVERIFY(openConnection(first, daemon.socketPath()));

    // Leave exactly one fd number free below the limit: the client's socket takes
    // it, so the daemon's accept() of that connection fails with EMFILE.
    rlimit saved;
    QCOMPARE_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    const int lastFree = ::dup(0);
    rlimit lowered = saved;
    lowered.rlim_cur = rlim_t(lastFree + 1);
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    ::close(lastFree);
    RemoteClient waiting;
    const bool connected = waiting.connectUnix(daemon.socketPath());
    const int failed = connected ? daemon.waitFor(EventKind::AcceptFailed) : -1;
    // Backing off, not spinning: the retry fails again, later.
    const int failedAgain = failed >= 0 ? daemon.waitFor(EventKind::AcceptFailed, {}, failed + 1) : -1;
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
    QVERIFY2(connected, waiting.error().c_str());
    QVERIFY(failed >= 0);
    QVERIFY(failedAgain > failed);
    const TraceEvent &event = daemon.log().events()[size_t(failed)];
    QCOMPARE_EQ(event.err, EMFILE);
    QVERIFY(englishMessage(event).find("listener paused, retrying in 10 ms") != std::string::npos);
    QVERIFY(englishMessage(daemon.log().events()[size_t(failedAgain)]).find("retrying in 20 ms") != std::string::npos);
    QVERIFY(daemon.waitFor(EventKind::AcceptResumed) >= 0);
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(2)) >= 0);
    QVERIFY(openOn(waiting));
    QVERIFY(callsWork(waiting));
    QVERIFY(callsWork(first));
    QVERIFY(daemon.log().count(EventKind::AcceptFailed) < 20);
}

void TestDaemonClients::shutdownWithClientsConnected()
{
    WorkerGate gate;
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.beforeWorkerDispatch = [&](const MessageHeader &header) { gate.hold(header); };
    });
    WorkerGate::OpenOnExit opener{gate};
    QVERIFY(daemon.start());
    std::vector<std::unique_ptr<RemoteClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<RemoteClient>());
        QVERIFY(clients.back()->connectUnix(daemon.socketPath()));
    }
    // One request in the hands of a worker while the daemon is told to stop.
    QVERIFY(clients[0]->send(encodeRemoteCall(REMOTE_PROC_CONNECT_GET_TYPE, 0)));
    QVERIFY(gate.waitForHeld(1));
    daemon.server().requestShutdown();
    QVERIFY(daemon.waitFor(EventKind::DispatchSignalEvent) >= 0);
    gate.open();
    daemon.shutdown();
    for (auto &client : clients)
        QVERIFY(client->waitForClose(5s));
    QCOMPARE_EQ(daemon.log().count(EventKind::FreeClient), 3);
    QVERIFY(daemon.log().indexOf(EventKind::RunLoopEnd) >= 0);
}

QTEST_GUILESS_MAIN(TestDaemonClients)
#include "tst_daemonclients.moc"
