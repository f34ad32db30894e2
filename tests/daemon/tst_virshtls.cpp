// Debian's real virsh over TLS: `virsh -c 'test+tls://127.0.0.1:PORT/default?
// pkipath=DIR&no_verify=1'` runs `version` and `list --all` against the daemon's
// TLS listener. The daemon verifies virsh's client certificate; the trace shows
// the handshake stepped on the loop thread, the handle mode following gnutls's
// direction (READABLE alone or WRITABLE alone), then READABLE|WRITABLE while the
// confirmation byte waits, then READABLE for the first call; the conversation is
// the same as over a Unix socket, and the trace checker finds nothing wrong.
#include "daemonfixture.h"
#include "fdcount.h"
#include "testpki.h"

#include "rpc/remoteprocedures.h"
#include "trace/threadnames.h"
#include "trace/tracechecker.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pollscope;
using namespace pollscope::test;

class TestVirshTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void command_data();
    void command();

private:
    QString m_virsh;
    std::unique_ptr<TestPki> m_pki;
};

void TestVirshTls::initTestCase()
{
    m_virsh = QStandardPaths::findExecutable(QStringLiteral("virsh"));
    QVERIFY2(!m_virsh.isEmpty(), "virsh is not installed: the project's set-up installs libvirt-clients");
    m_pki = std::make_unique<TestPki>();
    QVERIFY2(m_pki->isValid(), m_pki->error().c_str());
}

void TestVirshTls::command_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expectedOutput");
    QTest::addColumn<QList<int>>("commandProcedures");

    QTest::addRow("version") << QStringList{"version"}
                             << QStringList{"Using API: TEST", "Running hypervisor: TEST 2.0.0"} << QList<int>{3, 4};
    QTest::addRow("list --all") << QStringList{"list", "--all"}
                                << QStringList{" 1    test     running", " 2    web      running",
                                               " 3    db       paused", " -    backup   shut off"}
                                << QList<int>{273, 212, 212, 212, 212};
}

void TestVirshTls::command()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expectedOutput);
    QFETCH(QList<int>, commandProcedures);

    const int fdsBefore = openFdCount();
    {
        DaemonFixture daemon([this](DaemonConfig &config) {
            config.listen.push_back(ListenAddress::parse("tls:127.0.0.1:0", false).value());
            config.pkiDirectory = m_pki->folder();
            config.keepaliveIntervalMs = 5000;
        });
        QVERIFY2(daemon.start(), daemon.server().error().c_str());

        QTemporaryDir home;
        QProcess virsh;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HOME", home.path());
        environment.insert("XDG_CACHE_HOME", home.filePath("cache"));
        environment.insert("XDG_CONFIG_HOME", home.filePath("config"));
        environment.insert("LC_ALL", "C");
        virsh.setProcessEnvironment(environment);
        const QString uri = QStringLiteral("test+tls://127.0.0.1:%1/default?pkipath=%2&no_verify=1")
                                .arg(daemon.server().tlsPort())
                                .arg(QString::fromStdString(m_pki->folder()));
        virsh.start(m_virsh, QStringList{"-c", uri} + arguments);
        QVERIFY(virsh.waitForFinished(30000));
        const QString output = QString::fromUtf8(virsh.readAllStandardOutput());
        const QString errors = QString::fromUtf8(virsh.readAllStandardError());
        QVERIFY2(virsh.exitStatus() == QProcess::NormalExit && virsh.exitCode() == 0, qPrintable(errors));
        for (const QString &line : expectedOutput)
            QVERIFY2(output.contains(line), qPrintable(output));

        QVERIFY(daemon.waitFor(EventKind::FreeClient) >= 0);
        daemon.shutdown();
        const std::vector<TraceEvent> &events = daemon.log().events();

        // The handshake: started at accept, stepped by qemudDispatchClientHandshake
        // until gnutls_handshake returned 0, each waiting step polling one way only.
        // When virsh's last flight is already in the socket by the time the accept's
        // first gnutls_handshake wants it, that first call finishes the handshake:
        // then no step waits at all (tst_tlsdaemon forces the waits).
        const int started = daemon.log().indexOf(EventKind::TlsHandshakeStart);
        QVERIFY(started >= 0);
        const bool doneAtAccept = events[size_t(started)].result == 0;
        const int done = doneAtAccept ? started
                                      : daemon.log().indexOf(EventKind::ClientHandshake,
                                                             [](const TraceEvent &e) { return e.result == 0; });
        QVERIFY2(done >= 0, "the handshake never finished on the loop thread");
        int handshakeModes = 0;
        for (int i = 0; i < done; ++i) {
            const TraceEvent &e = events[size_t(i)];
            if (e.kind != EventKind::CalculateHandleMode)
                continue;
            QVERIFY(e.has(TraceField::Direction));
            QCOMPARE(e.events, e.direction == 0 ? int(EventHandle::Readable) : int(EventHandle::Writable));
            ++handshakeModes;
        }
        QVERIFY(doneAtAccept || handshakeModes >= 1);
        // Then the mode comes from the queues: the confirmation byte makes it
        // READABLE|WRITABLE, and once the byte is out it is READABLE alone.
        const int afterHandshake = daemon.log().indexOf(EventKind::CalculateHandleMode, {}, done);
        QCOMPARE(events[size_t(afterHandshake)].events, int(EventHandle::Readable | EventHandle::Writable));
        QVERIFY(!events[size_t(afterHandshake)].has(TraceField::Direction));
        const int confirmed = daemon.log().indexOf(EventKind::MessageSent, {}, done);
        QVERIFY(englishMessage(events[size_t(confirmed)]).find("confirmation byte") != std::string::npos);
        const int nextMode = daemon.log().indexOf(EventKind::CalculateHandleMode, {}, confirmed);
        QCOMPARE(events[size_t(nextMode)].events, int(EventHandle::Readable));
        const TraceEvent *check = daemon.log().first(EventKind::CheckCertificate);
        QVERIFY(check && check->result == 0);

        // The same conversation as over a Unix socket.
        QList<int> procedures;
        for (const TraceEvent &e : events) {
            if (e.kind == EventKind::MessageReceived && e.prog == REMOTE_PROGRAM)
                procedures << e.proc;
        }
        const QList<int> expected = QList<int>{66, 60, 1, 60, 60} + commandProcedures + QList<int>{2};
        QCOMPARE(procedures, expected);
        const int failure = daemon.log().indexOf(EventKind::ClientFailure);
        QCOMPARE(englishMessage(events[size_t(failure)]), std::string("closed after the reply to CONNECT_CLOSE"));

        TraceSession session;
        session.events = events;
        session.threadNames = ThreadNames::snapshot();
        const std::vector<TraceViolation> violations = checkTrace(session);
        QVERIFY2(violations.empty(),
                 violations.empty() ? "" : (violations.front().rule + ": " + violations.front().message).c_str());
    }
    QCOMPARE_EQ(openFdCount(), fdsBefore);
}

QTEST_GUILESS_MAIN(TestVirshTls)
#include "tst_virshtls.moc"
