// libvirtd's start-up and shutdown, as the trace and the file system show them: the
// loop's wakeup pipe is watch 1 and the signal pipe watch 2; listeners are created
// before the event thread starts and join the loop only after it (most recent
// first); socket modes are libvirt's; shutdown unlinks the paths and leaves no fd.
// With EventThread::Caller the test is the event thread: it steps qemudRunLoop one
// pass at a time, and the inactivity timer reads a clock the test moves by hand.
#include "daemonfixture.h"
#include "fdcount.h"
#include "manualclock.h"

#include "client/remoteclient.h"
#include "rpc/remoteprocedures.h"
#include "trace/callbackrole.h"

#include <csignal>

#include <QTest>

#include <unistd.h>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace pollscope;
using namespace pollscope::test;

class TestDaemonStartup : public QObject
{
    Q_OBJECT

private slots:
    void startupOrder();
    void socketModes();
    void abstractAndTcpListeners();
    void shutdownLeavesNothing();
    void badListenAddresses_data();
    void badListenAddresses();
    void refusesToReplaceARegularFile();
    void callerRunsTheLoopOnePassPerCall();
    void inactivityTimeoutQuitsWhenNoClientIsLeft();
    void pollFailureEndsTheEventThread();
};

void TestDaemonStartup::startupOrder()
{
    DaemonFixture daemon;
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    QVERIFY(daemon.waitFor(EventKind::NetworkEnable, withWatch(4)) >= 0);
    const TraceLog &log = daemon.log();

    const int init = log.indexOf(EventKind::ServerInit);
    const int wakeup = log.indexOf(EventKind::AddHandle, withWatch(1));
    const int signalPipe = log.indexOf(EventKind::AddHandle, withWatch(2));
    const int listenRw = log.indexOf(EventKind::ListenUnix);
    const int listenRo = log.indexOf(EventKind::ListenUnix, {}, listenRw + 1);
    const int networkInit = log.indexOf(EventKind::NetworkInit);
    const int startLoop = log.indexOf(EventKind::StartEventLoop);
    const int enableFirst = log.indexOf(EventKind::NetworkEnable);
    const int enableSecond = log.indexOf(EventKind::NetworkEnable, {}, enableFirst + 1);
    QVERIFY2(init >= 0 && init < wakeup && wakeup < signalPipe && signalPipe < listenRw && listenRw < listenRo
                 && listenRo < networkInit && networkInit < startLoop && startLoop < enableFirst
                 && enableFirst < enableSecond,
             log.dump().c_str());
    QCOMPARE(std::string(log.events()[size_t(wakeup)].text), std::string("virEventPollHandleWakeup"));
    QCOMPARE(std::string(log.events()[size_t(signalPipe)].text), std::string("qemudDispatchSignalEvent"));
    QCOMPARE_EQ(log.events()[size_t(wakeup)].role, int32_t(CallbackRole::WakeupPipe));
    QCOMPARE_EQ(log.events()[size_t(signalPipe)].role, int32_t(CallbackRole::SignalPipe));
    // No listener is polled before qemudNetworkEnable.
    QCOMPARE_EQ(log.indexOf(EventKind::AddHandle, withWatch(3)) > startLoop, true);
    // LIFO: the read-only socket, created last, is enabled first and gets watch 3.
    const TraceEvent &first = log.events()[size_t(enableFirst)];
    QCOMPARE_EQ(first.watch, 3);
    QCOMPARE(std::string(first.text), daemon.readonlySocketPath());
    QCOMPARE_EQ(log.events()[size_t(enableSecond)].watch, 4);
    QCOMPARE_EQ(first.events, EventHandle::Readable | EventHandle::Error | EventHandle::Hangup);
    // The event thread and the minimum of five workers.
    QVERIFY(daemon.waitFor(EventKind::WorkerStart, [](const TraceEvent &e) { return e.workers == 5; }) >= 0);
    QCOMPARE_EQ(daemon.server().state().activeWorkers, 5);
}

void TestDaemonStartup::socketModes()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    struct stat rw;
    struct stat ro;
    QCOMPARE_EQ(::stat(daemon.socketPath().c_str(), &rw), 0);
    QCOMPARE_EQ(::stat(daemon.readonlySocketPath().c_str(), &ro), 0);
    QVERIFY(S_ISSOCK(rw.st_mode));
    QCOMPARE_EQ(rw.st_mode & 07777, 0700u);
    QCOMPARE_EQ(ro.st_mode & 07777, 0777u);
}

void TestDaemonStartup::abstractAndTcpListeners()
{
    const std::string abstractName = "@pollscope-test-" + std::to_string(::getpid());
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.listen = {ListenAddress::parse("unix:" + abstractName, false).value(),
                         ListenAddress::parse("tcp:127.0.0.1:0", false).value()};
    });
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    const int port = daemon.server().tcpPort();
    QVERIFY(port > 0);
    RemoteClient tcp;
    QVERIFY2(tcp.connectTcp("127.0.0.1", port), tcp.error().c_str());
    auto reply = tcp.call(REMOTE_PROC_AUTH_LIST);
    QVERIFY2(reply && reply->ok() && !reply->error, tcp.error().c_str());
    RemoteClient local;
    QVERIFY2(local.connectUnix(abstractName), local.error().c_str());
    reply = local.call(REMOTE_PROC_AUTH_LIST);
    QVERIFY(reply && reply->ok() && !reply->error);
    const int listenTcp = daemon.waitFor(EventKind::ListenTcp);
    QCOMPARE(daemon.log().events()[size_t(listenTcp)].reason, EventReason::TcpLoopback);
}

void TestDaemonStartup::shutdownLeavesNothing()
{
    const int fdsBefore = openFdCount();
    {
        DaemonFixture daemon;
        QVERIFY(daemon.start());
        RemoteClient client;
        QVERIFY(client.connectUnix(daemon.socketPath()));
        QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent) >= 0);
        daemon.shutdown();
        QVERIFY(!QFile::exists(QString::fromStdString(daemon.socketPath())));
        QVERIFY(!QFile::exists(QString::fromStdString(daemon.readonlySocketPath())));
        QVERIFY(client.waitForClose(std::chrono::seconds(5)));
        const TraceLog &log = daemon.log();
        QVERIFY(log.indexOf(EventKind::DispatchSignalEvent, [](const TraceEvent &e) { return e.signal == SIGTERM; }) >= 0);
        QVERIFY(log.indexOf(EventKind::ClientFailure) >= 0);
        QVERIFY(log.indexOf(EventKind::ServerCleanup) > log.indexOf(EventKind::RunLoopEnd));
        QCOMPARE_EQ(log.count(EventKind::WorkerStart), 5);
    }
    QCOMPARE_EQ(openFdCount(), fdsBefore);
}

void TestDaemonStartup::badListenAddresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("message");
    QTest::addRow("no scheme") << "/tmp/x" << "expected unix:PATH, unix:@NAME, tcp:HOST:PORT or tls:HOST:PORT";
    QTest::addRow("empty path") << "unix:" << "expected unix:PATH or unix:@NAME";
    QTest::addRow("no port") << "tcp:localhost" << "expected tcp:HOST:PORT";
    QTest::addRow("tls, no port") << "tls:localhost" << "expected tls:HOST:PORT";
    QTest::addRow("bad port") << "tcp:127.0.0.1:http" << "the port must be a number from 0 to 65535";
    QTest::addRow("port too big") << "tcp:127.0.0.1:70000" << "the port must be a number from 0 to 65535";
    QTest::addRow("unclosed v6") << "tcp:[::1:5" << "expected tcp:[IPV6]:PORT";
}

void TestDaemonStartup::badListenAddresses()
{
    QFETCH(QString, address);
    QFETCH(QString, message);
    const Result<ListenAddress> parsed = ListenAddress::parse(address.toStdString(), false);
    QVERIFY(!parsed);
    QCOMPARE(QString::fromStdString(parsed.error().message), message);
}

void TestDaemonStartup::refusesToReplaceARegularFile()
{
    const int fdsBefore = openFdCount();
    {
        DaemonFixture daemon;
        {
            QFile file(QString::fromStdString(daemon.socketPath()));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }
        QVERIFY(!daemon.start());
        QCOMPARE(daemon.server().error(),
                 "cannot listen on " + daemon.socketPath() + ": the path exists and is not a socket");
        QFile file(QString::fromStdString(daemon.socketPath()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("precious"));
    }
    QCOMPARE_EQ(openFdCount(), fdsBefore);
}

namespace {

void callerDriven(DaemonConfig &config)
{
    config.eventThread = EventThread::Caller;
}

// A byte in the loop's wakeup pipe, as an interrupt writes it: the next poll()
// returns at once, whatever timeout it was given.
void pokeWakeupPipe(Server &server)
{
    const char byte = 0;
    QCOMPARE_EQ(::write(server.loop().state().wakeupFds[1], &byte, 1), ssize_t(1));
}

} // namespace

// qemudRunLoop on the caller's thread: start() does what the event thread does before
// its first pass, on the spot, and each runOnce() is one pass.
void TestDaemonStartup::callerRunsTheLoopOnePassPerCall()
{
    DaemonFixture daemon(callerDriven);
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    daemon.drain();
    const TraceLog &log = daemon.log();
    // No thread, so no race: the pass's preamble and the five workers come before the
    // listeners are enabled, and the loop has not polled yet.
    const int startLoop = log.indexOf(EventKind::StartEventLoop);
    const int runLoopBegin = log.indexOf(EventKind::RunLoopBegin);
    const int enable = log.indexOf(EventKind::NetworkEnable);
    QVERIFY2(startLoop >= 0 && startLoop < runLoopBegin && runLoopBegin < enable, log.dump().c_str());
    QCOMPARE_EQ(log.count(EventKind::WorkerStart), 5);
    QCOMPARE_EQ(log.count(EventKind::RunOnceBegin), 0);
    QCOMPARE_EQ(daemon.server().loopThreadId(), ::gettid());
    QVERIFY(daemon.server().isRunning());

    // One pass per call.
    for (int pass = 1; pass <= 3; ++pass) {
        pokeWakeupPipe(daemon.server());
        QVERIFY(daemon.server().runOnce());
        daemon.drain();
        QCOMPARE_EQ(log.count(EventKind::RunOnceEnd), pass);
        QCOMPARE_EQ(log.count(EventKind::HandleWakeup), pass);
        QCOMPARE_EQ(daemon.server().loop().state().iterations, int64_t(pass));
    }

    // SIGTERM's way: the pass that reads the signal pipe ends the loop.
    daemon.server().requestShutdown();
    QVERIFY(!daemon.server().runOnce());
    QVERIFY(!daemon.server().isRunning());
    QVERIFY(!daemon.server().runOnce());
    daemon.drain();
    const int signal = log.indexOf(EventKind::DispatchSignalEvent);
    const int runLoopEnd = log.indexOf(EventKind::RunLoopEnd);
    QVERIFY(signal >= 0 && signal < runLoopEnd);
    QCOMPARE_EQ(log.count(EventKind::RunOnceEnd), 4);
    QCOMPARE_EQ(daemon.server().state().activeWorkers, 0);
}

void TestDaemonStartup::inactivityTimeoutQuitsWhenNoClientIsLeft()
{
    // libvirtd -t 1: the timer runs only while no client is connected.
    ManualClock clock;
    DaemonFixture daemon(
        [](DaemonConfig &config) {
            callerDriven(config);
            config.timeoutSeconds = 1;
        },
        clock);
    QVERIFY(daemon.start());
    daemon.drain();
    const int created = daemon.log().indexOf(EventKind::AddTimeout, withTimer(1));
    QVERIFY(created >= 0);
    QCOMPARE(std::string(daemon.log().events()[size_t(created)].text), std::string("qemudInactiveTimer"));
    QCOMPARE_EQ(daemon.log().events()[size_t(created)].role, int32_t(CallbackRole::InactiveTimer));
    QCOMPARE_EQ(daemon.log().events()[size_t(created)].frequency, -1);
    // The client is already waiting to be accepted, so the first poll returns at once.
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    // Armed while nobody is connected: the pass that arms it accepts the client.
    QVERIFY(daemon.stepUntil(EventKind::UpdateTimeout, [](const TraceEvent &e) { return e.frequency == 1000; }) >= 0);
    QCOMPARE_EQ(daemon.log().count(EventKind::RegisterClientEvent), 1);
    // Disarmed by the next pass, since a client is there; its hang-up ends that
    // pass's poll, which has no timeout any more...
    client.hangUp();
    const int disarmed = daemon.stepUntil(EventKind::UpdateTimeout, [](const TraceEvent &e) { return e.frequency == -1; });
    QVERIFY(disarmed >= 0);
    QVERIFY(daemon.stepUntil(EventKind::FreeClient, {}, disarmed) >= 0);
    // ...and armed again once it has gone.
    // The pass that arms the timer polls with its whole second: a byte in the wakeup
    // pipe ends that poll at once.
    pokeWakeupPipe(daemon.server());
    const int rearmed = daemon.stepUntil(EventKind::UpdateTimeout, [](const TraceEvent &e) { return e.frequency == 1000; },
                                         disarmed);
    QVERIFY(rearmed >= 0);
    const int64_t expiresAt = daemon.log().events()[size_t(rearmed)].expiresAt;
    QCOMPARE_EQ(expiresAt, ManualClock::kStartMs + 1000);

    // 979 ms with nobody: 21 ms short, outside the early-fire window. poll() waits
    // those 21 ms and the daemon goes on.
    clock.advance(979);
    QVERIFY(daemon.server().runOnce());
    daemon.drain();
    QCOMPARE_EQ(daemon.log().count(EventKind::InactiveTimer), 0);
    const TraceEvent *lastTimeout = nullptr;
    for (const TraceEvent &e : daemon.log().events()) {
        if (e.kind == EventKind::CalculateTimeout)
            lastTimeout = &e;
    }
    QVERIFY(lastTimeout);
    QCOMPARE_EQ(lastTimeout->timeout, 21);
    // One more millisecond: within 20 ms of the second, the timer fires, and the pass
    // that fired it ends the loop.
    clock.advance(1);
    QVERIFY(!daemon.server().runOnce());
    daemon.drain();
    const int quit = daemon.log().indexOf(EventKind::InactiveTimer);
    QVERIFY2(quit >= 0, daemon.log().dump().c_str());
    QVERIFY(daemon.log().indexOf(EventKind::RunLoopEnd, {}, quit) >= 0);
    daemon.server().waitForShutdown();
    QVERIFY(!daemon.server().isRunning());
}

// qemudRunLoop leaves its loop when an iteration fails ("Loop iteration error,
// exiting") and shuts down as after SIGTERM: workers joined, clients dropped.
void TestDaemonStartup::pollFailureEndsTheEventThread()
{
    DaemonFixture daemon(callerDriven);
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    QVERIFY(daemon.stepUntil(EventKind::RegisterClientEvent) >= 0);
    // poll() refuses more fds than RLIMIT_NOFILE allows (EINVAL): with the limit at
    // one, the next pass's poll fails, and that pass ends the loop.
    rlimit saved;
    QCOMPARE_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit lowered = saved;
    lowered.rlim_cur = 1;
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    const bool goesOn = daemon.server().runOnce();
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
    QVERIFY(!goesOn);
    daemon.drain();
    const int failed = daemon.log().indexOf(EventKind::RunOnceError);
    QVERIFY(failed >= 0);
    QCOMPARE_EQ(daemon.log().events()[size_t(failed)].err, EINVAL);
    const int dropped = daemon.log().indexOf(EventKind::ClientFailure, {}, failed);
    QVERIFY(dropped >= 0);
    QCOMPARE(daemon.log().events()[size_t(dropped)].reason, EventReason::DaemonShuttingDown);
    QVERIFY(daemon.log().indexOf(EventKind::RunLoopEnd, {}, dropped) >= 0);
    daemon.server().waitForShutdown();
    QVERIFY(!daemon.server().isRunning());
    QCOMPARE(client.waitForClose(std::chrono::seconds(10)), true);
}

QTEST_GUILESS_MAIN(TestDaemonStartup)
#include "tst_daemonstartup.moc"
