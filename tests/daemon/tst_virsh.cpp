// Debian's real virsh against the daemon: `version`, `hostname`, `uri` and
// `list --all` succeed, and the trace holds each whole conversation, from AUTH_LIST
// to CONNECT_CLOSE, in the order virsh 9.0 sends it.
#include "daemonfixture.h"
#include "fdcount.h"

#include "rpc/testhypervisor.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pollscope;
using namespace pollscope::test;

class TestVirsh : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void command_data();
    void command();

private:
    QString m_virsh;
};

void TestVirsh::initTestCase()
{
    m_virsh = QStandardPaths::findExecutable(QStringLiteral("virsh"));
    QVERIFY2(!m_virsh.isEmpty(), "virsh is not installed: the project's set-up installs libvirt-clients");
}

void TestVirsh::command_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expectedOutput");
    QTest::addColumn<QList<int>>("commandProcedures");

    const QString hostname = QString::fromStdString(TestHypervisor::localHostname());
    QTest::addRow("version") << QStringList{"version"}
                             << QStringList{"Using API: TEST", "Running hypervisor: TEST 0.0.2"} << QList<int>{3, 4};
    QTest::addRow("hostname") << QStringList{"hostname"} << QStringList{hostname} << QList<int>{59};
    QTest::addRow("uri") << QStringList{"uri"} << QStringList{"test+unix:///default?socket="} << QList<int>{};
    QTest::addRow("list --all") << QStringList{"list", "--all"}
                                << QStringList{" 1    test     running", " 2    web      running",
                                               " 3    db       paused", " -    backup   shut off"}
                                << QList<int>{273, 212, 212, 212, 212};
}

void TestVirsh::command()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expectedOutput);
    QFETCH(QList<int>, commandProcedures);

    const int fdsBefore = openFdCount();
    {
        DaemonFixture daemon([](DaemonConfig &config) { config.keepaliveIntervalMs = 5000; });
        QVERIFY2(daemon.start(), daemon.server().error().c_str());

        QTemporaryDir home;
        QProcess virsh;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HOME", home.path());
        environment.insert("XDG_CACHE_HOME", home.filePath("cache"));
        environment.insert("XDG_CONFIG_HOME", home.filePath("config"));
        environment.insert("LC_ALL", "C");
        virsh.setProcessEnvironment(environment);
        const QString uri = "test+unix:///default?socket=" + QString::fromStdString(daemon.socketPath());
        virsh.start(m_virsh, QStringList{"-c", uri} + arguments);
        QVERIFY(virsh.waitForFinished(30000));
        const QString output = QString::fromUtf8(virsh.readAllStandardOutput());
        const QString errors = QString::fromUtf8(virsh.readAllStandardError());
        QVERIFY2(virsh.exitStatus() == QProcess::NormalExit && virsh.exitCode() == 0, qPrintable(errors));
        for (const QString &line : expectedOutput)
            QVERIFY2(output.contains(line), qPrintable(output));
        if (arguments.first() == "uri")
            QCOMPARE(output.trimmed(), uri);

        QVERIFY(daemon.waitFor(EventKind::FreeClient) >= 0);
        // The whole conversation, as the daemon received it, in order.
        QList<int> procedures;
        QList<uint32_t> serials;
        for (const TraceEvent &e : daemon.log().events()) {
            if (e.kind == EventKind::MessageReceived && e.prog == REMOTE_PROGRAM) {
                procedures << e.proc;
                serials << e.serial;
            }
        }
        const QList<int> expected = QList<int>{66, 60, 1, 60, 60} + commandProcedures + QList<int>{2};
        QCOMPARE(procedures, expected);
        for (qsizetype i = 0; i < serials.size(); ++i)
            QCOMPARE_EQ(serials[i], uint32_t(i));
        const int failure = daemon.log().indexOf(EventKind::ClientFailure);
        QCOMPARE(englishMessage(daemon.log().events()[size_t(failure)]), std::string("closed after the reply to CONNECT_CLOSE"));
    }
    QCOMPARE_EQ(openFdCount(), fdsBefore);
}

QTEST_GUILESS_MAIN(TestVirsh)
#include "tst_virsh.moc"
