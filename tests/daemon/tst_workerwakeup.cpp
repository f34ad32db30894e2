// A request never goes unanswered for want of a wakeup: the loop queues a request
// and signals the workers with the client locked, and a worker looks for work by
// locking each client in turn under the server lock (libvirtd 0.9's qemudPendingJob),
// so a request is either found by a worker's scan or signalled after the worker
// waits. The test holds the worker and the loop at the exact points of the race,
// with hooks, instead of hoping that a loaded machine lines them up.
#include "daemonfixture.h"
#include "threadwait.h"

#include "client/remoteclient.h"
#include "rpc/remotecall.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"

#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace pollscope;
using namespace pollscope::test;
using namespace std::chrono_literals;

namespace {

// A point in a daemon thread that a test can hold that thread at, once: armed, the
// next thread to pass stops there until released.
class HoldPoint
{
public:
    void arm()
    {
        std::lock_guard guard(m_lock);
        m_armed = true;
    }
    // Called by the daemon thread at the point.
    void pass()
    {
        std::unique_lock lock(m_lock);
        if (!m_armed)
            return;
        m_armed = false;
        m_reached = true;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return m_released; });
    }
    bool reached()
    {
        std::lock_guard guard(m_lock);
        return m_reached;
    }
    bool waitUntilReached()
    {
        std::unique_lock lock(m_lock);
        return m_changed.wait_for(lock, 10s, [this] { return m_reached; });
    }
    void release()
    {
        std::lock_guard guard(m_lock);
        m_armed = false;
        m_released = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_lock;
    std::condition_variable m_changed;
    bool m_armed = false;
    bool m_reached = false;
    bool m_released = false;
};

// Releases every hold point when a check fails half-way, so that the daemon can stop.
struct ReleaseOnExit
{
    std::initializer_list<HoldPoint *> points;
    ~ReleaseOnExit()
    {
        for (HoldPoint *point : points)
            point->release();
    }
};

TraceLog::Predicate withClient(int client)
{
    return [client](const TraceEvent &e) { return e.has(TraceField::Client) && e.client == client; };
}

// Polls `condition` until it holds; false after ten seconds.
template<typename Condition>
bool waitUntil(Condition condition)
{
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::yield();
    }
    return true;
}

} // namespace

class TestWorkerWakeup : public QObject
{
    Q_OBJECT

private slots:
    void requestQueuedWhileTheWorkerLooksForWork();
};

// The race of a freshly started daemon with one worker: the worker, done with client
// X's call, scans the clients for work while the loop already holds client Y, whose
// call it is about to read. With the scan passing Y over unlocked and the signal sent
// before the worker waits, the signal is lost and Y's call is never answered.
void TestWorkerWakeup::requestQueuedWhileTheWorkerLooksForWork()
{
    HoldPoint xCall;      // the worker in client X's call, client unlocked
    HoldPoint loopOnY;    // the loop holding client Y, before it reads Y's call
    HoldPoint beforeWait; // the worker after a scan that found nothing, before it waits
    std::atomic<pid_t> workerTid{0};
    const int clientX = 1;
    const int clientY = 2;
    DaemonFixture daemon([&](DaemonConfig &config) {
        config.minWorkers = 1;
        config.maxWorkers = 1;
        config.beforeWorkerDispatch = [&](const MessageHeader &) {
            workerTid = currentTid();
            xCall.pass();
        };
        config.onClientEventLocked = [&](int client) {
            if (client == clientY)
                loopOnY.pass();
        };
        config.beforeWorkerWait = [&] { beforeWait.pass(); };
    });
    ReleaseOnExit releaser{{&xCall, &loopOnY, &beforeWait}};
    QVERIFY(daemon.start());

    RemoteClient x;
    QVERIFY(x.connectUnix(daemon.socketPath()));
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(clientX)) >= 0);
    RemoteClient y;
    QVERIFY(y.connectUnix(daemon.socketPath()));
    QVERIFY(daemon.waitFor(EventKind::RegisterClientEvent, withClient(clientY)) >= 0);

    xCall.arm();
    QVERIFY(x.send(encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 1)));
    QVERIFY(xCall.waitUntilReached());
    loopOnY.arm();
    QVERIFY(y.send(encodeRemoteCall(REMOTE_PROC_AUTH_LIST, 1)));
    QVERIFY(loopOnY.waitUntilReached());

    // The worker finishes X's call and looks for work while the loop holds Y: either
    // its scan passes Y over and it stops before waiting, or it waits for Y's lock.
    beforeWait.arm();
    xCall.release();
    QVERIFY(daemon.waitFor(EventKind::WorkerJobEnd, withClient(clientX)) >= 0);
    QVERIFY2(waitUntil([&] { return beforeWait.reached() || isBlockedInFutex(workerTid); }),
             "the worker neither finished its scan nor waited for a lock");

    // The loop reads Y's call, queues it and signals the workers; only then may a
    // worker held before its wait go on and wait.
    loopOnY.release();
    const int received = daemon.waitFor(EventKind::MessageReceived, withClient(clientY));
    QVERIFY(received >= 0);
    QVERIFY(daemon.waitFor(EventKind::DispatchHandleEnd, {}, received) >= 0);
    beforeWait.release();

    const RemoteClient::ReadStatus yReply = y.readFrame(5s).status;
    const RemoteClient::ReadStatus xReply = x.readFrame(5s).status;

    // The trace shows a lost signal too: a request no idle worker ever took.
    daemon.shutdown();
    TraceSession session;
    session.events = daemon.log().events();
    session.threadNames = ThreadNames::snapshot();
    const std::vector<TraceViolation> violations = checkTrace(session);
    QVERIFY2(violations.empty(),
             violations.empty() ? "" : (violations.front().rule + ": " + violations.front().message).c_str());
    QVERIFY2(yReply == RemoteClient::ReadStatus::Frame,
             "client Y's call was never answered: the worker missed the signal for a request queued while it "
             "looked for work");
    QCOMPARE(xReply, RemoteClient::ReadStatus::Frame);
}

QTEST_GUILESS_MAIN(TestWorkerWakeup)
#include "tst_workerwakeup.moc"
