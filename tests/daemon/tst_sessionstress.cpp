// Many short daemon sessions on a loaded machine: start a Server with one worker,
// connect one client, make one call, shut down. A lost wakeup of the worker or of the
// loop shows as a call with no reply; every call has a deadline, so a lost one fails
// the test with its session number instead of hanging it. The load (threads that
// spin, and a thread that writes and syncs a file) is made by the test itself, so
// the sessions meet preemption at every point without depending on what else the
// machine runs. Nothing here is timed: the counts are what is asserted.
#include "client/remoteclient.h"
#include "daemon/server.h"
#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"
#include "trace/tracer.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace pollscope;
using namespace std::chrono_literals;

namespace {

// Busy threads and a disk writer, for as long as it lives.
class MachineLoad
{
public:
    MachineLoad(int spinners, const QString &folder)
    {
        for (int i = 0; i < spinners; ++i) {
            m_threads.emplace_back([this] {
                while (!m_stop.load(std::memory_order_relaxed)) {
                }
            });
        }
        const std::string path = (folder + QStringLiteral("/load")).toStdString();
        m_threads.emplace_back([this, path] {
            const std::vector<char> block(1 << 20, 'x');
            const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            while (fd >= 0 && !m_stop.load(std::memory_order_relaxed)) {
                if (::pwrite(fd, block.data(), block.size(), 0) != ssize_t(block.size()))
                    break;
                ::fdatasync(fd);
                ++m_syncs;
            }
            if (fd >= 0)
                ::close(fd);
        });
    }
    ~MachineLoad()
    {
        m_stop = true;
        for (std::thread &thread : m_threads)
            thread.join();
    }
    int syncs() const { return m_syncs; }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_syncs{0};
    std::vector<std::thread> m_threads;
};

// One session; returns what went wrong, or an empty string.
std::string runSession(const std::string &socketPath)
{
    Tracer tracer;
    DaemonConfig config;
    ListenAddress address;
    address.path = socketPath;
    config.listen = {address};
    config.minWorkers = 1;
    config.maxWorkers = 1;
    config.keepaliveIntervalMs = 0;
    Server server(tracer, config);
    if (!server.start())
        return "the daemon did not start: " + server.error();
    std::string problem;
    {
        RemoteClient client;
        if (!client.connectUnix(socketPath))
            problem = client.error();
        else if (!client.call(REMOTE_PROC_CONNECT_GET_TYPE, {}, 10s))
            problem = "CONNECT_GET_TYPE got no reply within 10 s: " + client.error();
    }
    server.requestShutdown();
    server.waitForShutdown();
    if (!problem.empty())
        return problem;
    const TraceSession session = tracer.takeSession("daemon");
    if (const auto violations = checkTrace(session); !violations.empty())
        return "the trace breaks " + violations.front().rule + ": " + violations.front().message;
    return {};
}

} // namespace

class TestSessionStress : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { ThreadNames::setCurrent("main"); }
    void shortSessionsUnderLoad();
};

void TestSessionStress::shortSessionsUnderLoad()
{
    constexpr int kSessions = 2000;
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::string socketPath = folder.filePath(QStringLiteral("sock")).toStdString();
    // All cores but one spin, so the daemon's threads keep being preempted but still
    // get a core between them.
    const int spinners = int(std::max(2u, std::thread::hardware_concurrency()) - 1);
    MachineLoad load(spinners, folder.path());
    int answered = 0;
    for (int session = 1; session <= kSessions; ++session) {
        const std::string problem = runSession(socketPath);
        if (!problem.empty())
            QFAIL(qPrintable(QStringLiteral("session %1 of %2: %3").arg(session).arg(kSessions).arg(QString::fromStdString(problem))));
        ++answered;
    }
    QCOMPARE(answered, kSessions);
    qInfo("%d sessions answered beside %d busy thread(s) and a disk writer (%d syncs)", answered, spinners, load.syncs());
}

QTEST_GUILESS_MAIN(TestSessionStress)
#include "tst_sessionstress.moc"
