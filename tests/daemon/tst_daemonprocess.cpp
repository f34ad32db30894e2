// `pollscope daemon` as a real process: it prints where it listens, serves until
// SIGTERM even with clients connected, then exits 0 having closed them, unlinked
// its socket and written a complete trace; bad options exit 2 with a clear message.
#include "client/remoteclient.h"
#include "rpc/remoteprocedures.h"
#include "trace/tracechecker.h"
#include "trace/traceloader.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pollscope;
using namespace std::chrono_literals;

namespace {

QString binary()
{
    return QString::fromLocal8Bit(qgetenv("POLLSCOPE_BINARY"));
}

} // namespace

class TestDaemonProcess : public QObject
{
    Q_OBJECT

private slots:
    void sigtermWithClientsConnected();
    void droppedEventsLeaveACheckableTrace();
    void badOptions_data();
    void badOptions();
};

void TestDaemonProcess::sigtermWithClientsConnected()
{
    QTemporaryDir dir;
    const QString socket = dir.filePath("sock");
    const QString trace = dir.filePath("trace.jsonl");
    QProcess daemon;
    daemon.start(binary(), {"daemon", "--listen", "unix:" + socket, "--trace-out", trace, "--workers", "2:4"});
    QVERIFY(daemon.waitForStarted());
    QByteArray output;
    while (!output.contains("serving until")) {
        QVERIFY2(daemon.waitForReadyRead(10000), daemon.readAllStandardError().constData());
        output += daemon.readAllStandardOutput();
    }
    QVERIFY(output.contains("listening on unix:" + socket.toUtf8()));
    QVERIFY(output.contains("virsh -c 'test+unix:///default?socket=" + socket.toUtf8() + "' list --all"));

    std::vector<std::unique_ptr<RemoteClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<RemoteClient>());
        QVERIFY(clients.back()->connectUnix(socket.toStdString()));
        const auto reply = clients.back()->call(REMOTE_PROC_AUTH_LIST);
        QVERIFY(reply && reply->ok());
    }
    ::kill(pid_t(daemon.processId()), SIGTERM);
    QVERIFY(daemon.waitForFinished(10000));
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.exitCode(), 0);
    for (auto &client : clients)
        QVERIFY(client->waitForClose(5s));
    QVERIFY(!QFile::exists(socket));

    const auto session = loadTrace(trace.toStdString());
    QVERIFY2(session, session.errorText().c_str());
    int failures = 0;
    bool sawSignal = false;
    bool sawCleanup = false;
    for (const TraceEvent &e : session->events) {
        failures += e.kind == EventKind::ClientFailure;
        sawSignal = sawSignal || (e.kind == EventKind::DispatchSignalEvent && e.signal == SIGTERM);
        sawCleanup = sawCleanup || e.kind == EventKind::ServerCleanup;
    }
    QCOMPARE(failures, 3);
    QVERIFY(sawSignal);
    QVERIFY(sawCleanup);
}

void TestDaemonProcess::droppedEventsLeaveACheckableTrace()
{
    // A trace buffer of a few events and a writer that sleeps between batches: most
    // events are dropped, and the trace says where and how many, without a false
    // finding of `pollscope check` at any gap.
    QTemporaryDir dir;
    const QString socket = dir.filePath("sock");
    const QString trace = dir.filePath("trace.pstrace");
    QProcess daemon;
    daemon.start(binary(), {"daemon", "--listen", "unix:" + socket, "--trace-out", trace, "--trace-buffer", "4K",
                            "--trace-policy", "drop"});
    QVERIFY(daemon.waitForStarted());
    QByteArray output;
    while (!output.contains("serving until")) {
        QVERIFY2(daemon.waitForReadyRead(10000), daemon.readAllStandardError().constData());
        output += daemon.readAllStandardOutput();
    }
    std::vector<std::unique_ptr<RemoteClient>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<RemoteClient>());
        QVERIFY(clients.back()->connectUnix(socket.toStdString()));
    }
    for (int round = 0; round < 200; ++round) {
        for (auto &client : clients) {
            const auto reply = client->call(REMOTE_PROC_AUTH_LIST);
            QVERIFY(reply && reply->ok());
        }
    }
    ::kill(pid_t(daemon.processId()), SIGTERM);
    QVERIFY(daemon.waitForFinished(10000));
    QCOMPARE(daemon.exitCode(), 0);
    output += daemon.readAllStandardOutput();

    const auto session = loadTrace(trace.toStdString());
    QVERIFY2(session, session.errorText().c_str());
    QVERIFY(session->warning.empty());
    int64_t lost = 0;
    for (const TraceEvent &e : session->events)
        lost += e.kind == EventKind::TraceLost ? e.length : 0;
    // The count the daemon prints is the count the trace holds.
    const QByteArray said = " events, " + QByteArray::number(qlonglong(lost)) + " lost (the trace buffer was full)";
    QVERIFY2(lost > 0 && output.contains(said), output.constData());
    const std::vector<TraceViolation> violations = checkTrace(*session);
    QVERIFY2(violations.empty(), violations.empty() ? "" : (violations.front().rule + ": " + violations.front().message).c_str());
}

void TestDaemonProcess::badOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("nothing to listen on") << QStringList{} << "nothing to listen on: give --listen unix:PATH";
    QTest::addRow("bad address") << QStringList{"--listen", "udp:1"}
                                 << "invalid listen address 'udp:1': expected unix:PATH, unix:@NAME, tcp:HOST:PORT or tls:HOST:PORT";
    QTest::addRow("bad trace buffer") << QStringList{"--listen", "unix:/tmp/x", "--trace-buffer", "lots"}
                                      << "--trace-buffer wants a size such as 64M, not 'lots'";
    QTest::addRow("bad trace policy") << QStringList{"--listen", "unix:/tmp/x", "--trace-policy", "wait"}
                                      << "--trace-policy wants block or drop, not 'wait'";
    QTest::addRow("bad workers") << QStringList{"--listen", "unix:/tmp/x", "--workers", "5"}
                                 << "--workers wants MIN:MAX with 1 <= MIN <= MAX, not '5'";
    QTest::addRow("workers reversed") << QStringList{"--listen", "unix:/tmp/x", "--workers", "9:2"}
                                      << "--workers wants MIN:MAX with 1 <= MIN <= MAX, not '9:2'";
    QTest::addRow("bad keepalive") << QStringList{"--listen", "unix:/tmp/x", "--keepalive", "x"}
                                   << "--keepalive wants SEC:COUNT, not 'x'";
    QTest::addRow("bad timeout") << QStringList{"--listen", "unix:/tmp/x", "--timeout", "-3"}
                                 << "--timeout wants a positive number of seconds, not '-3'";
    QTest::addRow("bad format") << QStringList{"--listen", "unix:/tmp/x", "--format", "xml"}
                                << "unknown format 'xml' (expected jsonl, chrome or binary)";
    QTest::addRow("unknown option") << QStringList{"--frobnicate"} << "Unknown option 'frobnicate'.";
}

void TestDaemonProcess::badOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess daemon;
    daemon.start(binary(), QStringList{"daemon"} + arguments);
    QVERIFY(daemon.waitForFinished(10000));
    QCOMPARE(daemon.exitCode(), 2);
    const QString errors = QString::fromUtf8(daemon.readAllStandardError());
    QVERIFY2(errors.startsWith("pollscope daemon: " + message + "\n"), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestDaemonProcess)
#include "tst_daemonprocess.moc"
