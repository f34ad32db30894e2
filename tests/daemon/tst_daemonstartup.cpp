// libvirtd's start-up and shutdown, as the trace and the file system show them: the
// loop's wakeup pipe is watch 1 and the signal pipe watch 2; listeners are created
// before the event thread starts and join the loop only after it (most recent
// first); socket modes are libvirt's; shutdown unlinks the paths and leaves no fd.
#include "daemonfixture.h"
#include "fdcount.h"
#include "threadwait.h"

#include "client/remoteclient.h"
#include "rpc/remoteprocedures.h"

#include <csignal>

#include <QTest>

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
        std::string error;
        config.listen = {*ListenAddress::parse("unix:" + abstractName, false, &error),
                         *ListenAddress::parse("tcp:127.0.0.1:0", false, &error)};
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
    QVERIFY(std::string(daemon.log().events()[size_t(listenTcp)].text).find("NOT loopback") == std::string::npos);
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
    QTest::addRow("no scheme") << "/tmp/x" << "invalid listen address '/tmp/x': expected unix:PATH, unix:@NAME, tcp:HOST:PORT or tls:HOST:PORT";
    QTest::addRow("empty path") << "unix:" << "invalid listen address 'unix:': expected unix:PATH or unix:@NAME";
    QTest::addRow("no port") << "tcp:localhost" << "invalid listen address 'tcp:localhost': expected tcp:HOST:PORT";
    QTest::addRow("tls, no port") << "tls:localhost" << "invalid listen address 'tls:localhost': expected tls:HOST:PORT";
    QTest::addRow("bad port") << "tcp:127.0.0.1:http" << "invalid listen address 'tcp:127.0.0.1:http': the port must be a number from 0 to 65535";
    QTest::addRow("port too big") << "tcp:127.0.0.1:70000" << "invalid listen address 'tcp:127.0.0.1:70000': the port must be a number from 0 to 65535";
    QTest::addRow("unclosed v6") << "tcp:[::1:5" << "invalid listen address 'tcp:[::1:5': expected tcp:[IPV6]:PORT";
}

void TestDaemonStartup::badListenAddresses()
{
    QFETCH(QString, address);
    QFETCH(QString, message);
    std::string error;
    QVERIFY(!ListenAddress::parse(address.toStdString(), false, &error));
    QCOMPARE(QString::fromStdString(error), message);
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

void TestDaemonStartup::inactivityTimeoutQuitsWhenNoClientIsLeft()
{
    // libvirtd -t 1: the timer runs only while no client is connected.
    DaemonFixture daemon([](DaemonConfig &config) { config.timeoutSeconds = 1; });
    QVERIFY(daemon.start());
    const int created = daemon.waitFor(EventKind::AddTimeout, withTimer(1));
    QVERIFY(created >= 0);
    QCOMPARE(std::string(daemon.log().events()[size_t(created)].text), std::string("qemudInactiveTimer"));
    QCOMPARE_EQ(daemon.log().events()[size_t(created)].frequency, -1);
    // Armed while nobody is connected...
    QVERIFY(daemon.waitFor(EventKind::UpdateTimeout, [](const TraceEvent &e) { return e.frequency == 1000; }) >= 0);
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    // ...disarmed once a client is there, and armed again when it has gone.
    const int disarmed = daemon.waitFor(EventKind::UpdateTimeout, [](const TraceEvent &e) { return e.frequency == -1; });
    QVERIFY(disarmed >= 0);
    client.hangUp();
    QVERIFY(daemon.waitFor(EventKind::UpdateTimeout, [](const TraceEvent &e) { return e.frequency == 1000; },
                           disarmed)
            >= 0);
    // A whole second with nobody: the daemon quits by itself.
    const int quit = daemon.waitFor(EventKind::InactiveTimer);
    QVERIFY2(quit >= 0, daemon.log().dump().c_str());
    QVERIFY(daemon.waitFor(EventKind::RunLoopEnd, {}, quit) >= 0);
    daemon.server().waitForShutdown();
    QVERIFY(!daemon.server().isRunning());
}

// qemudRunLoop leaves its loop when an iteration fails ("Loop iteration error,
// exiting") and shuts down as after SIGTERM: workers joined, clients dropped.
void TestDaemonStartup::pollFailureEndsTheEventThread()
{
    DaemonFixture daemon;
    QVERIFY(daemon.start());
    RemoteClient client;
    QVERIFY(client.connectUnix(daemon.socketPath()));
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent) >= 0);
    QVERIFY(waitUntilBlockedInPoll(daemon.server().loopThreadId()));
    // poll() refuses more fds than RLIMIT_NOFILE allows (EINVAL): with the limit at
    // one, the loop's next poll fails. The interrupt makes it poll again.
    rlimit saved;
    QCOMPARE_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit lowered = saved;
    lowered.rlim_cur = 1;
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    daemon.server().loop().interrupt();
    const int failed = daemon.waitFor(EventKind::RunOnceError);
    QCOMPARE_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
    QVERIFY(failed >= 0);
    QCOMPARE_EQ(daemon.log().events()[size_t(failed)].err, EINVAL);
    const int dropped = daemon.waitFor(EventKind::ClientFailure, {}, failed);
    QVERIFY(dropped >= 0);
    QCOMPARE(std::string(daemon.log().events()[size_t(dropped)].text), std::string("the daemon is shutting down"));
    QVERIFY(daemon.waitFor(EventKind::RunLoopEnd, {}, dropped) >= 0);
    daemon.server().waitForShutdown();
    QVERIFY(!daemon.server().isRunning());
    QCOMPARE(client.waitForClose(std::chrono::seconds(10)), true);
}

QTEST_GUILESS_MAIN(TestDaemonStartup)
#include "tst_daemonstartup.moc"
