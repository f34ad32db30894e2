// The real `pollscope` process under stress and failure:
//   - SIGTERM while 200 clients are calling: exit 0 within 2 s of the signal (the
//     one time bound here, and a stated requirement), every client closed, the
//     socket paths unlinked, and a complete trace that passes `pollscope check`
//     and shows every worker that ever started stopped or joined;
//   - a trace that cannot be written (a missing folder, a "folder" that is a
//     regular file, a file size limit standing in for a full disk) makes `run` and
//     `daemon` fail with a clear message and a non-zero status, leaving the
//     previous file intact and no temporary file behind;
//   - socket modes as libvirt sets them, and a loud warning when TCP listens
//     anywhere but on loopback;
//   - signals sent as soon as the daemon serves all reach the loop, in order,
//     through the signal pipe, and no daemon thread takes one itself.
// A daemon that does not exit in time has its threads' waits and signal masks
// printed with the failure.
#include "client/remoteclient.h"
#include "processthreads.h"
#include "rpc/remoteprocedures.h"
#include "rpc/testhypervisor.h"
#include "trace/tracechecker.h"
#include "trace/traceloader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <netdb.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>

using namespace pollscope;
using namespace std::chrono_literals;

namespace {

QString binary()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_BINARY"));
}

QString sourceDir()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_SOURCE_DIR"));
}

// Starts `pollscope daemon` and waits until it says it is serving; false if it
// exits first.
bool startDaemon(QProcess &daemon, const QStringList &arguments)
{
    daemon.start(binary(), QStringList{"daemon"} + arguments);
    if (!daemon.waitForStarted())
        return false;
    QByteArray output;
    while (!output.contains("serving until")) {
        if (!daemon.waitForReadyRead(10000))
            return false;
        output += daemon.readAllStandardOutput();
    }
    return true;
}

// Empty when the daemon exits within `ms`; else what each of its threads waits in.
QString notFinished(QProcess &daemon, int ms)
{
    const qint64 pid = daemon.processId();
    if (daemon.waitForFinished(ms))
        return {};
    if (qEnvironmentVariableIsSet("GDBDUMP")) { const std::string c = "gdb -p " + std::to_string(pid) + " -batch -ex 'thread apply all bt' > /tmp/gdb-" + std::to_string(pid) + ".txt 2>&1"; (void)!std::system(c.c_str()); }
    return QStringLiteral("the daemon did not exit within %1 ms; its threads:\n%2")
        .arg(ms)
        .arg(QString::fromStdString(pollscope::test::threadStates(pid)));
}

// Files in `dir`, hidden ones included: a temporary file left behind shows here.
QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int countOf(const TraceSession &session, EventKind kind)
{
    return int(std::count_if(session.events.begin(), session.events.end(),
                             [kind](const TraceEvent &e) { return e.kind == kind; }));
}

const TraceEvent *lastOf(const TraceSession &session, EventKind kind)
{
    for (auto it = session.events.rbegin(); it != session.events.rend(); ++it) {
        if (it->kind == kind)
            return &*it;
    }
    return nullptr;
}

// Clients that call the daemon from a few threads until their connections close.
// However a test ends, the daemon is killed before the threads are joined, so no
// thread waits on a daemon that is not going away.
class CallingCrowd
{
public:
    CallingCrowd(QProcess &daemon, const std::string &socket, int clients, int threads)
        : m_daemon(daemon)
    {
        for (int t = 0; t < threads; ++t)
            m_threads.emplace_back([this, socket, count = clients / threads + (t < clients % threads ? 1 : 0)] {
                run(socket, count);
            });
    }
    ~CallingCrowd()
    {
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.kill();
            m_daemon.waitForFinished();
        }
        join();
    }

    void join()
    {
        for (std::thread &thread : m_threads) {
            if (thread.joinable())
                thread.join();
        }
    }
    // Clients that have had at least one correct reply.
    int calling() const { return m_calling; }
    // Clients whose connection was closed by the daemon.
    int closed() const { return m_closed; }
    int wrong() const { return m_wrong; }

private:
    void run(const std::string &socket, int count)
    {
        std::vector<std::unique_ptr<RemoteClient>> clients;
        for (int i = 0; i < count; ++i) {
            auto client = std::make_unique<RemoteClient>();
            if (!client->connectUnix(socket)) {
                ++m_wrong;
                continue;
            }
            const auto reply = client->callFrame(
                encodeConnectOpenCall(client->nextSerial(), std::string("test:///default"), 0), 10s);
            if (!reply || !reply->ok() || reply->error) {
                ++m_wrong;
                continue;
            }
            clients.push_back(std::move(client));
        }
        std::vector<bool> answered(clients.size(), false);
        size_t open = clients.size();
        while (open > 0) {
            for (size_t i = 0; i < clients.size(); ++i) {
                RemoteClient &client = *clients[i];
                if (!client.isConnected())
                    continue;
                const auto reply = client.call(REMOTE_PROC_CONNECT_GET_HOSTNAME);
                if (!reply) {
                    // The daemon closed the connection: the end of this client.
                    client.hangUp();
                    ++m_closed;
                    --open;
                    continue;
                }
                const auto *ret = std::get_if<ConnectGetHostnameRet>(&reply->ret);
                if (!reply->ok() || reply->error || !ret || ret->hostname != TestHypervisor::localHostname())
                    ++m_wrong;
                else if (!answered[i]) {
                    answered[i] = true;
                    ++m_calling;
                }
            }
        }
    }

    QProcess &m_daemon;
    std::vector<std::thread> m_threads;
    std::atomic<int> m_calling{0};
    std::atomic<int> m_closed{0};
    std::atomic<int> m_wrong{0};
};

enum class WriteFailure { MissingFolder, FolderIsAFile, FileSizeLimit };

} // namespace

Q_DECLARE_METATYPE(WriteFailure)

class TestHostileProcess : public QObject
{
    Q_OBJECT

private slots:
    void sigtermWhileClientsCall();
    void traceWriteFailure_data();
    void traceWriteFailure();
    void socketModes();
    void signalsReachTheLoop();
    void tcpWarnsUnlessLoopback_data();
    void tcpWarnsUnlessLoopback();
};

void TestHostileProcess::sigtermWhileClientsCall()
{
    constexpr int kClients = 200;
    QTemporaryDir dir;
    const QString socket = dir.filePath("sock");
    const QString readonlySocket = dir.filePath("sock-ro");
    const QString trace = dir.filePath("trace.jsonl");
    QProcess daemon;
    QVERIFY(startDaemon(daemon, {"--listen", "unix:" + socket, "--listen-ro", "unix:" + readonlySocket, "--trace-out",
                                 trace, "--max-clients", "250"}));
    CallingCrowd crowd(daemon, socket.toStdString(), kClients, 8);
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (crowd.calling() < kClients && crowd.wrong() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    QCOMPARE_EQ(crowd.wrong(), 0);
    QCOMPARE_EQ(crowd.calling(), kClients);

    // Every client is in the middle of its calls when the signal comes.
    const auto signalled = std::chrono::steady_clock::now();
    QCOMPARE_EQ(::kill(pid_t(daemon.processId()), SIGTERM), 0);
    const QString stuck = notFinished(daemon, 10000);
    QVERIFY2(stuck.isEmpty(), qPrintable(stuck));
    const auto exitedAfter = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - signalled);
    QVERIFY2(exitedAfter < 2s, qPrintable(QString("exited %1 ms after SIGTERM").arg(exitedAfter.count())));
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QVERIFY2(daemon.exitCode() == 0, daemon.readAllStandardError().constData());
    crowd.join();
    QCOMPARE_EQ(crowd.closed(), kClients);
    QCOMPARE_EQ(crowd.wrong(), 0);
    QVERIFY(!QFile::exists(socket));
    QVERIFY(!QFile::exists(readonlySocket));
    QCOMPARE(filesIn(dir.path()), QStringList{"trace.jsonl"});

    // The trace is complete and keeps every invariant.
    const auto session = loadTrace(trace.toStdString());
    QVERIFY2(session, session.errorText().c_str());
    const std::vector<TraceViolation> violations = checkTrace(*session);
    for (const TraceViolation &violation : violations)
        qWarning("%s: %s: %s", violation.rule.c_str(), violation.message.c_str(),
                 describeEvent(*session, session->events[violation.eventIndex]).c_str());
    QVERIFY(violations.empty());
    QVERIFY(std::any_of(session->events.begin(), session->events.end(), [](const TraceEvent &e) {
        return e.kind == EventKind::DispatchSignalEvent && e.signal == SIGTERM;
    }));
    QCOMPARE_EQ(countOf(*session, EventKind::Accept), kClients);
    QCOMPARE_EQ(countOf(*session, EventKind::FreeClient), kClients);
    // No worker is left. Those an idle pool stopped say so (worker_stop); the rest,
    // at least the five a pool keeps, were still running when the loop ended and
    // were joined before run_loop_end, which counts none active. And the process is
    // gone.
    const int running = countOf(*session, EventKind::WorkerStart) - countOf(*session, EventKind::WorkerStop);
    QVERIFY(running >= 5);
    const TraceEvent *loopEnd = lastOf(*session, EventKind::RunLoopEnd);
    QVERIFY(loopEnd);
    QVERIFY(loopEnd->has(TraceField::Workers | TraceField::Clients));
    QCOMPARE_EQ(loopEnd->workers, 0);
    QCOMPARE_EQ(loopEnd->clients, 0);
    QCOMPARE_EQ(session->events.back().kind, EventKind::ServerCleanup);
}

void TestHostileProcess::traceWriteFailure_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<WriteFailure>("failure");
    QTest::addColumn<QString>("message");

    const QString scenario = sourceDir() + "/scenarios/tour/06-accept.yaml";
    const struct
    {
        const char *name;
        QStringList command;
    } commands[] = {
        {"run", {"run", scenario}},
        {"run --normalize", {"run", "--normalize", scenario}},
        {"daemon", {"daemon"}},
    };
    for (const auto &command : commands) {
        const QString prefix = QStringLiteral("pollscope %1: ").arg(command.command.first());
        QTest::addRow("%s, missing folder", command.name)
            << command.command << WriteFailure::MissingFolder
            << prefix + "cannot create a file in the folder of %1: No such file or directory";
        QTest::addRow("%s, folder is a regular file", command.name)
            << command.command << WriteFailure::FolderIsAFile
            << prefix + "cannot create a file in the folder of %1: Not a directory";
        QTest::addRow("%s, file size limit", command.name)
            << command.command << WriteFailure::FileSizeLimit << prefix + "cannot write %1: File too large";
    }
}

void TestHostileProcess::traceWriteFailure()
{
    QFETCH(QStringList, command);
    QFETCH(WriteFailure, failure);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QByteArray previous = "the previous trace\n";
    QString target;
    QStringList expectedFiles;
    switch (failure) {
    case WriteFailure::MissingFolder:
        target = dir.filePath("missing/trace.jsonl");
        break;
    case WriteFailure::FolderIsAFile: {
        QFile file(dir.filePath("plain"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(previous);
        target = dir.filePath("plain/trace.jsonl");
        expectedFiles = {"plain"};
        break;
    }
    case WriteFailure::FileSizeLimit: {
        QFile file(dir.filePath("trace.jsonl"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(previous);
        target = file.fileName();
        expectedFiles = {"trace.jsonl"};
        break;
    }
    }

    QProcess process;
    if (failure == WriteFailure::FileSizeLimit) {
        // A file size limit stands in for a full disk: writes past it fail with EFBIG.
        process.setChildProcessModifier([] {
            const rlimit small = {1024, 1024};
            ::setrlimit(RLIMIT_FSIZE, &small);
        });
    }
    const QString socket = dir.filePath("sock");
    const QStringList arguments = command.first() == "daemon"
        ? command + QStringList{"--listen", "unix:" + socket, "--trace-out", target}
        : QStringList{command.first(), "--trace-out", target} + command.mid(1);
    if (command.first() == "daemon" && failure == WriteFailure::FileSizeLimit) {
        // The file can be created; it is its writing, at the latest when the
        // daemon stops, that fails.
        QVERIFY(startDaemon(process, arguments.mid(1)));
        QCOMPARE_EQ(::kill(pid_t(process.processId()), SIGTERM), 0);
    } else {
        process.start(binary(), arguments);
    }
    QVERIFY(process.waitForFinished(60000));
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 1, qPrintable(errors));
    QVERIFY2(errors.contains(message.arg(target) + "\n"), qPrintable(errors));
    QCOMPARE(filesIn(dir.path()), expectedFiles);
    if (!expectedFiles.isEmpty())
        QCOMPARE(contentsOf(dir.filePath(expectedFiles.first())), previous);
    QVERIFY(!QFile::exists(target) || failure == WriteFailure::FileSizeLimit);
}

void TestHostileProcess::socketModes()
{
    QTemporaryDir dir;
    const QString socket = dir.filePath("sock");
    const QString readonlySocket = dir.filePath("sock-ro");
    QProcess daemon;
    QVERIFY(startDaemon(daemon, {"--listen", "unix:" + socket, "--listen-ro", "unix:" + readonlySocket}));
    struct stat rw;
    struct stat ro;
    QCOMPARE_EQ(::stat(QFile::encodeName(socket).constData(), &rw), 0);
    QCOMPARE_EQ(::stat(QFile::encodeName(readonlySocket).constData(), &ro), 0);
    ::kill(pid_t(daemon.processId()), SIGTERM);
    const QString stuck = notFinished(daemon, 10000);
    QVERIFY2(stuck.isEmpty(), qPrintable(stuck));
    QCOMPARE(daemon.exitCode(), 0);
    QVERIFY(S_ISSOCK(rw.st_mode) && S_ISSOCK(ro.st_mode));
    // libvirtd's unix_sock_rw_perms and unix_sock_ro_perms defaults.
    QCOMPARE_EQ(rw.st_mode & 07777, 0700u);
    QCOMPARE_EQ(ro.st_mode & 07777, 0777u);
}

void TestHostileProcess::signalsReachTheLoop()
{
    QTemporaryDir dir;
    const QString trace = dir.filePath("trace.jsonl");
    QProcess daemon;
    QVERIFY(startDaemon(daemon, {"--listen", "unix:" + dir.filePath("sock"), "--trace-out", trace}));
    // No thread takes SIGHUP, SIGINT, SIGQUIT or SIGTERM itself: they wait for the
    // signalfd of the thread that started the server.
    constexpr quint64 kHandled = (1u << (SIGHUP - 1)) | (1u << (SIGINT - 1)) | (1u << (SIGQUIT - 1)) | (1u << (SIGTERM - 1));
    const QString tasks = QStringLiteral("/proc/%1/task").arg(daemon.processId());
    const QStringList threads = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(threads.size() >= 3);
    for (const QString &thread : threads) {
        static const QRegularExpression blocked(QStringLiteral("^SigBlk:\\s*([0-9a-f]+)$"), QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = blocked.match(QString::fromLatin1(contentsOf(tasks + "/" + thread + "/status")));
        QVERIFY(match.hasMatch());
        QCOMPARE_EQ(match.captured(1).toULongLong(nullptr, 16) & kHandled, kHandled);
    }
    // Both at once, as soon as it serves: both reach the loop, in order, and the
    // second stops it.
    QCOMPARE_EQ(::kill(pid_t(daemon.processId()), SIGHUP), 0);
    QCOMPARE_EQ(::kill(pid_t(daemon.processId()), SIGTERM), 0);
    const QString stuck = notFinished(daemon, 10000);
    QVERIFY2(stuck.isEmpty(), qPrintable(stuck));
    QCOMPARE(daemon.exitCode(), 0);
    const auto session = loadTrace(trace.toStdString());
    QVERIFY2(session, session.errorText().c_str());
    std::vector<const TraceEvent *> dispatched;
    for (const TraceEvent &event : session->events) {
        if (event.kind == EventKind::DispatchSignalEvent)
            dispatched.push_back(&event);
    }
    QCOMPARE_EQ(dispatched.size(), size_t(2));
    QCOMPARE_EQ(dispatched[0]->signal, SIGHUP);
    QVERIFY(dispatched[0]->reason == EventReason::SighupReload);
    QCOMPARE_EQ(dispatched[1]->signal, SIGTERM);
    QVERIFY(dispatched[1]->reason == EventReason::ShutdownRequested);
}

void TestHostileProcess::tcpWarnsUnlessLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("warns");
    QTest::addRow("every interface") << "0.0.0.0" << true;
    QTest::addRow("loopback") << "127.0.0.1" << false;
    QTest::addRow("localhost") << "localhost" << false;
    // The whole of 127.0.0.0/8 is loopback, however it is spelled.
    QTest::addRow("another loopback address") << "127.0.0.2" << false;
}

void TestHostileProcess::tcpWarnsUnlessLoopback()
{
    QFETCH(QString, host);
    QFETCH(bool, warns);
    // A minimal root (a container, a fresh debootstrap) may have no /etc/hosts, and
    // then no name at all: that says nothing about the daemon.
    addrinfo *resolved = nullptr;
    if (::getaddrinfo(host.toUtf8().constData(), nullptr, nullptr, &resolved) != 0)
        QSKIP(qPrintable(host + " does not resolve on this machine"));
    ::freeaddrinfo(resolved);
    QTemporaryDir dir;
    const QString trace = dir.filePath("trace.jsonl");
    QProcess daemon;
    QVERIFY(startDaemon(daemon, {"--listen", "tcp:" + host + ":0", "--trace-out", trace}));
    ::kill(pid_t(daemon.processId()), SIGTERM);
    const QString stuck = notFinished(daemon, 10000);
    QVERIFY2(stuck.isEmpty(), qPrintable(stuck));
    QCOMPARE(daemon.exitCode(), 0);
    const QString errors = QString::fromUtf8(daemon.readAllStandardError());
    // Named by the address and port actually bound.
    static const QRegularExpression warning(
        "pollscope daemon: WARNING: tcp:(\\S+):[1-9][0-9]* is not a loopback address; other machines can "
        "connect without any authentication\n");
    const QRegularExpressionMatch match = warning.match(errors);
    QCOMPARE(match.hasMatch(), warns);
    if (warns)
        QCOMPARE(match.captured(1), host);
    QCOMPARE(errors.contains("WARNING"), warns);

    // The trace says it too, from the address actually bound.
    const auto session = loadTrace(trace.toStdString());
    QVERIFY2(session, session.errorText().c_str());
    const auto listens = std::count_if(session->events.begin(), session->events.end(), [](const TraceEvent &e) {
        return e.kind == EventKind::ListenTcp;
    });
    const auto exposed = std::count_if(session->events.begin(), session->events.end(), [](const TraceEvent &e) {
        return e.kind == EventKind::ListenTcp && e.reason == EventReason::TcpNotLoopback;
    });
    QVERIFY(listens >= 1);
    QCOMPARE_EQ(exposed, warns ? listens : 0);
}

QTEST_GUILESS_MAIN(TestHostileProcess)
#include "tst_hostileprocess.moc"
