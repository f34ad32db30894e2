// Debian's real libvirtd 9, run unprivileged in a private folder, serves the real
// virsh (`version`, `hostname`, `list --all`); its log, imported, shows one accept
// per virsh run, each call received before its reply is queued and before it is
// sent, each client's handle added and removed, every span ended, and passes
// `pollscope check`. Stopping the daemon leaves no process and no folder behind.
// `pollscope daemon --real` prints the client's steps as virsh makes them, and on
// SIGTERM writes the trace and removes its folder.
#include "import/libvirtdlog.h"
#include "import/reallibvirtd.h"
#include "trace/callbackrole.h"
#include "trace/tracechecker.h"
#include "trace/traceloader.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

#include <map>
#include <set>

using namespace pollscope;

namespace {

int countOf(const TraceSession &session, EventKind kind)
{
    return int(std::count_if(session.events.begin(), session.events.end(),
                             [kind](const TraceEvent &event) { return event.kind == kind; }));
}

} // namespace

class TestRealLibvirtd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void virshSessionsImportAndCheck();
    void daemonCommandFollowsTheLog();

private:
    QString m_virsh;
};

void TestRealLibvirtd::initTestCase()
{
    QVERIFY2(RealLibvirtd::findProgram(), "libvirtd is not installed: the project's set-up installs libvirt-daemon");
    m_virsh = QStandardPaths::findExecutable(QStringLiteral("virsh"));
    QVERIFY2(!m_virsh.isEmpty(), "virsh is not installed: the project's set-up installs libvirt-clients");
}

void TestRealLibvirtd::virshSessionsImportAndCheck()
{
    QTemporaryDir parent;
    RealLibvirtd daemon;
    const Result<void> started = daemon.start(parent.path().toStdString());
    QVERIFY2(started, started.errorText().c_str());
    const pid_t pid = daemon.pid();
    const QString folder = QString::fromStdString(daemon.folder());

    const QList<QStringList> commands = {{"version"}, {"hostname"}, {"list", "--all"}};
    for (const QStringList &arguments : commands) {
        QProcess virsh;
        virsh.start(m_virsh, QStringList{"-c", QString::fromStdString(daemon.uri())} + arguments);
        QVERIFY(virsh.waitForFinished(30000));
        QVERIFY2(virsh.exitStatus() == QProcess::NormalExit && virsh.exitCode() == 0,
                 virsh.readAllStandardError().constData());
    }
    // virsh is gone once it exits; the daemon frees the client on its own loop, just after.
    QDeadlineTimer deadline(10000);
    Result<LibvirtdLogImport> imported = Error{};
    do {
        imported = importLibvirtdLog(daemon.logPath());
        QVERIFY2(imported, imported.errorText().c_str());
        if (countOf(imported->session, EventKind::FreeClient) == 3)
            break;
        QTest::qWait(50);
    } while (!deadline.hasExpired());
    QVERIFY(QFile::copy(QString::fromStdString(daemon.logPath()), parent.filePath("libvirtd.log")));

    daemon.stop();
    QVERIFY(!QFileInfo::exists(folder));
    QCOMPARE(::kill(pid, 0), -1);

    imported = importLibvirtdLog(parent.filePath("libvirtd.log").toStdString());
    QVERIFY2(imported, imported.errorText().c_str());
    const TraceSession &session = imported->session;

    // One accept per virsh run, each client freed.
    QCOMPARE(countOf(session, EventKind::Accept), 3);
    QCOMPARE(countOf(session, EventKind::FreeClient), 3);

    // Each call: received, then its reply queued, then sent.
    std::map<uint64_t, std::map<EventKind, uint64_t>> chains; // flow -> kind -> seq
    int calls = 0;
    for (const TraceEvent &event : session.events) {
        if (event.kind == EventKind::MessageReceived && event.msgType == 0)
            ++calls;
        if (event.flow)
            chains[event.flow].emplace(event.kind, event.seq);
    }
    QVERIFY(calls >= 3 * 4);
    int answered = 0;
    for (const auto &[flow, steps] : chains) {
        const auto received = steps.find(EventKind::MessageReceived);
        QVERIFY(received != steps.end());
        const auto queued = steps.find(EventKind::ReplyQueued);
        const auto sent = steps.find(EventKind::MessageSent);
        QVERIFY2(queued != steps.end() && sent != steps.end(), "a call without its reply queued and sent");
        QVERIFY(received->second < queued->second);
        QVERIFY(queued->second < sent->second);
        ++answered;
    }
    QCOMPARE(answered, calls);

    // Each client's socket handle added, then removed.
    std::map<int, int> clientWatches; // client -> watch
    std::set<int> removed;
    for (const TraceEvent &event : session.events) {
        if (event.kind == EventKind::AddHandle && event.role == int(CallbackRole::Client))
            clientWatches[event.client] = event.watch;
        if (event.kind == EventKind::RemoveHandle)
            removed.insert(event.watch);
    }
    QCOMPARE(clientWatches.size(), size_t(3));
    for (const auto &[client, watch] : clientWatches)
        QVERIFY2(removed.count(watch), qPrintable(QStringLiteral("client %1's watch %2 is never removed").arg(client).arg(watch)));

    // Every span ended, and every rule for libvirtd 9 held.
    QCOMPARE(countOf(session, EventKind::DispatchHandleBegin), countOf(session, EventKind::DispatchHandleEnd));
    QCOMPARE(countOf(session, EventKind::GLibIterationBegin), countOf(session, EventKind::GLibIterationEnd));
    const auto violations = checkTrace(session);
    QVERIFY2(violations.empty(), violations.empty() ? "" : (violations.front().rule + ": " + violations.front().message).c_str());

    // The same through the command line: import, then check.
    const QString pollscope = QString::fromLocal8Bit(qgetenv("POLLSCOPE_BINARY"));
    const QString trace = parent.filePath("libvirtd.jsonl");
    QCOMPARE(QProcess::execute(pollscope, {"import", parent.filePath("libvirtd.log"), "--trace-out", trace}), 0);
    QCOMPARE(QProcess::execute(pollscope, {"check", trace}), 0);
}

void TestRealLibvirtd::daemonCommandFollowsTheLog()
{
    QTemporaryDir dir;
    const QString trace = dir.filePath("real.jsonl");
    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    daemon.start(QString::fromLocal8Bit(qgetenv("POLLSCOPE_BINARY")), {"daemon", "--real", "--trace-out", trace});
    QVERIFY(daemon.waitForStarted());
    // A failed check must still let the command stop libvirtd and remove its folder,
    // which QProcess's own SIGKILL would not.
    const auto stopDaemon = qScopeGuard([&daemon] {
        if (daemon.state() != QProcess::NotRunning) {
            daemon.terminate();
            daemon.waitForFinished(20000);
        }
    });
    QString output;
    QRegularExpression uriLine(QStringLiteral("in (\\S+)\n.*virsh -c '([^']+)'"),
                               QRegularExpression::DotMatchesEverythingOption);
    QRegularExpressionMatch match;
    QDeadlineTimer deadline(20000);
    while (!(match = uriLine.match(output)).hasMatch() && !deadline.hasExpired()) {
        daemon.waitForReadyRead(100);
        output += QString::fromUtf8(daemon.readAll());
    }
    QVERIFY2(match.hasMatch(), qPrintable(output));
    const QString folder = match.captured(1);
    QVERIFY(QFileInfo::exists(folder));

    QProcess virsh;
    virsh.start(m_virsh, {"-c", match.captured(2), "hostname"});
    QVERIFY(virsh.waitForFinished(30000));
    QCOMPARE(virsh.exitCode(), 0);
    // The client's steps are printed as the log shows them, before the daemon stops.
    deadline.setRemainingTime(10000);
    while (!output.contains("free_client client=1") && !deadline.hasExpired()) {
        daemon.waitForReadyRead(100);
        output += QString::fromUtf8(daemon.readAll());
    }
    QVERIFY2(output.contains(" accept fd=") && output.contains("message_sent client=1") && output.contains("free_client client=1"),
             qPrintable(output));

    daemon.terminate();
    QVERIFY(daemon.waitForFinished(20000));
    QCOMPARE(daemon.exitCode(), 0);
    QVERIFY(!QFileInfo::exists(folder));
    const auto session = loadTrace(trace.toStdString());
    QVERIFY2(session, session.errorText().c_str());
    QCOMPARE(session->origin, std::string(kLibvirtdLogOrigin));
    QCOMPARE(countOf(*session, EventKind::Accept), 1);
    QVERIFY(checkTrace(*session).empty());
}

QTEST_GUILESS_MAIN(TestRealLibvirtd)
#include "tst_reallibvirtd.moc"
