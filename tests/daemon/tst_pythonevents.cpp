// libvirt-python as an event listener: a Python process registers a lifecycle
// callback with domainEventRegisterAny on libvirt's default event loop
// (virEventRegisterDefaultImpl), while virsh suspends, resumes, destroys and starts
// the domain test in other processes. Python receives each event the daemon pushes,
// with the domain's name, event and detail, in order; the trace passes pollscope
// check.
#include "daemonfixture.h"

#include "rpc/testhypervisor.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

namespace {

// Prints "ready" once registered, then one line per event, and exits after `count`.
constexpr const char *kListener = R"(
import sys
import libvirt

libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open(sys.argv[1])
wanted = int(sys.argv[2])
seen = []

def lifecycle(conn, dom, event, detail, opaque):
    seen.append(1)
    print("%s %d %d" % (dom.name(), event, detail), flush=True)

conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)
print("ready", flush=True)
while len(seen) < wanted:
    libvirt.virEventRunDefaultImpl()
conn.close()
)";

} // namespace

class TestPythonEvents : public QObject
{
    Q_OBJECT

private slots:
    void lifecycleEvents();
};

void TestPythonEvents::lifecycleEvents()
{
    const QString python = QStandardPaths::findExecutable("python3", {"/usr/bin"});
    QVERIFY2(!python.isEmpty(), "Debian's python3 is not installed");
    if (QProcess::execute(python, {"-c", "import libvirt"}) != 0)
        QSKIP("python3-libvirt is not installed (the project's set-up installs it)");
    const QString virsh = QStandardPaths::findExecutable("virsh");
    QVERIFY2(!virsh.isEmpty(), "virsh is not installed: the project's set-up installs libvirt-clients");

    DaemonFixture daemon;
    QVERIFY2(daemon.start(), daemon.server().error().c_str());
    const QString uri = "test+unix:///default?socket=" + QString::fromStdString(daemon.socketPath());
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("HOME", home.path());
    environment.insert("XDG_CACHE_HOME", home.filePath("cache"));
    environment.insert("XDG_CONFIG_HOME", home.filePath("config"));
    environment.insert("LC_ALL", "C");

    const QList<QStringList> changes = {{"suspend", "test"}, {"resume", "test"}, {"destroy", "test"}, {"start", "test"}};
    // name, virDomainEventType, detail: as the test driver of libvirt 9 gives them.
    const QStringList expected = {"test 3 0", "test 4 0", "test 5 1", "test 2 0"};

    QProcess listener;
    listener.setProcessEnvironment(environment);
    listener.start(python, {"-c", kListener, uri, QString::number(expected.size())});
    QVERIFY(listener.waitForStarted());
    QVERIFY(listener.waitForReadyRead(20000));
    QCOMPARE(listener.readLine().trimmed(), QByteArray("ready"));

    for (const QStringList &change : changes) {
        QProcess client;
        client.setProcessEnvironment(environment);
        client.start(virsh, QStringList{"-c", uri} + change);
        QVERIFY(client.waitForFinished(30000));
        QVERIFY2(client.exitCode() == 0, client.readAllStandardError().constData());
    }
    QVERIFY2(listener.waitForFinished(30000), listener.readAllStandardError().constData());
    QCOMPARE(listener.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(listener.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines, expected);

    // The listener's connection is closed: its callback is gone from the trace too.
    QVERIFY(daemon.waitFor(EventKind::EventCallbackDeregistered) >= 0);
    TraceSession session;
    session.events = daemon.log().events();
    session.threadNames = ThreadNames::snapshot();
    const std::vector<TraceViolation> violations = checkTrace(session);
    QVERIFY2(violations.empty(), violations.empty()
                                     ? ""
                                     : (violations.front().rule + ": " + violations.front().message).c_str());
}

QTEST_GUILESS_MAIN(TestPythonEvents)
#include "tst_pythonevents.moc"
